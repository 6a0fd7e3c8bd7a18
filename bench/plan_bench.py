"""Whole-process benchmark of `aipolicy scan plan` on generated plans, with the embedded engine and OPA.

For each size, a plan is generated (bench/generate_plan.py) into a temporary directory; then for each
engine, `aipolicy scan plan FILE --format json --output REPORT --quiet` runs --repeat times as a
separate process. Every run goes through a small `python -c` wrapper that starts aipolicy, times it
and reads getrusage(RUSAGE_CHILDREN).ru_maxrss: the wrapper has exactly one child, so the figure is
that aipolicy process's peak RSS. The table reports the median wall time and the largest peak RSS.

With --engines including opa, one `opa run --server` is started on 127.0.0.1 (a free port) for the
whole benchmark, and its VmHWM (peak RSS since it started) is read from /proc after each size.
Sizes run in ascending order, so that figure is the peak reached while serving that size.

    python bench/plan_bench.py                       # 1k, 10k, 50k; embedded and opa; 3 runs each
    python bench/plan_bench.py --sizes 10000 --engines embedded --repeat 5 --markdown bench.md
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_RESOURCES = 10_000
TARGET_WALL_S = 2.0
TARGET_RSS_MB = 300.0
DEFAULT_INPUT_LIMIT_MB = 128

sys.path.insert(0, str(HERE))

from measure import BenchError, measure  # noqa: E402  (the shared measurement next to this file)


@dataclass
class Row:
    size: int
    engine: str
    plan_mb: float
    resources: int | None = None
    findings: int | None = None
    walls: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)
    timed_out: bool = False
    opa_hwm_mb: float | None = None

    @property
    def median_wall(self) -> float | None:
        return statistics.median(self.walls) if self.walls else None

    @property
    def peak_mb(self) -> float | None:
        return max(self.peaks_mb) if self.peaks_mb else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OpaServer:
    """One local OPA server for the whole benchmark, stopped on exit."""

    def __init__(self, binary: str, log_dir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (log_dir / "opa.log").open("wb")
        argv = [binary, "run", "--server", "--addr", f"127.0.0.1:{self.port}", "--log-level", "error"]
        self.process = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"opa exited with {self.process.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise BenchError(f"opa at {self.url} did not become healthy within 30 s")

    def vm_hwm_mb(self) -> float | None:
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def generate(size: int, seed: int, directory: Path) -> Path:
    path = directory / f"plan-{size}.json"
    argv = [sys.executable, str(HERE / "generate_plan.py"), "--resources", str(size), "--seed", str(seed)]
    subprocess.run([*argv, "--output", str(path)], check=True)
    return path


def count_findings(report: dict[str, object]) -> int | None:
    """The findings count from the JSON report's summary (falling back to the findings list)."""
    summary = report.get("summary")
    if isinstance(summary, dict):
        for key in ("failed", "findings", "total"):
            value = summary.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                return value
    findings = report.get("findings")
    return len(findings) if isinstance(findings, list) else None


def count_resources(report: dict[str, object]) -> int | None:
    for holder in (report.get("summary"), report.get("scan"), report):
        if isinstance(holder, dict):
            value = holder.get("resources_scanned")
            if isinstance(value, int):
                return value
    return None


def report_errors(report_path: Path) -> str:
    """With --quiet, a scan error is only in the report: show its errors list."""
    try:
        report = json.loads(report_path.read_text())
    except (OSError, ValueError):
        return "(no stderr and no report)"
    errors = report.get("errors") if isinstance(report, dict) else None
    return json.dumps(errors, indent=2) if errors else "(no stderr; the report lists no errors)"


def bench_one(
    row: Row, plan: Path, aipolicy: str, engine_args: list[str], repeat: int, timeout: float, work: Path
) -> None:
    report_path = work / f"report-{row.size}-{row.engine}.json"
    argv = [aipolicy, "scan", "plan", str(plan), "--format", "json", "--output", str(report_path), "--quiet"]
    env = dict(os.environ)
    size_mb = plan.stat().st_size / 1048576
    if size_mb > DEFAULT_INPUT_LIMIT_MB * 0.95:
        env["AIPOLICY_MAX_INPUT_MB"] = str(int(size_mb * 2))
    for i in range(repeat):
        report_path.unlink(missing_ok=True)
        result = measure([*argv, *engine_args], timeout, env)
        label = f"{row.size} resources, {row.engine}, run {i + 1}/{repeat}"
        if result["rc"] is None:
            row.timed_out = True
            print(f"  {label}: timed out after {timeout:.0f} s; skipping its other runs", file=sys.stderr)
            return
        if result["rc"] not in (0, 1):
            detail = str(result["stderr"]).strip() or report_errors(report_path)
            raise BenchError(f"{label}: aipolicy exited with {result['rc']}:\n{detail}")
        wall = float(str(result["wall"]))
        peak = int(str(result["maxrss_kb"])) / 1024
        row.walls.append(wall)
        row.peaks_mb.append(peak)
        print(f"  {label}: {wall:.2f} s, {peak:.0f} MB", file=sys.stderr)
        if i == 0:
            report = json.loads(report_path.read_text())
            row.findings = count_findings(report)
            row.resources = count_resources(report)


def fmt(value: float | int | None, spec: str = "") -> str:
    return "–" if value is None else format(value, spec)


def markdown(rows: list[Row], repeat: int, timeout: float) -> str:
    lines = [
        "| size | engine | resources | plan MB | findings | median wall s | peak RSS MB "
        "| OPA server VmHWM MB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        wall = f"> {timeout:.0f} (timeout)" if r.timed_out and not r.walls else fmt(r.median_wall, ".2f")
        lines.append(
            f"| {r.size} | {r.engine} | {fmt(r.resources)} | {r.plan_mb:.1f} | {fmt(r.findings)} | {wall} "
            f"| {fmt(r.peak_mb, '.0f')} | {fmt(r.opa_hwm_mb, '.0f')} |"
        )
    lines.append("")
    lines.append(
        f"Median of {repeat} whole-process runs of `aipolicy scan plan FILE --format json --output … "
        "--quiet`; peak RSS is the largest of the runs' ru_maxrss."
    )
    return "\n".join(lines) + "\n"


def targets(rows: list[Row]) -> str:
    lines = []
    for r in rows:
        if r.engine != "embedded" or r.size != TARGET_RESOURCES:
            continue
        wall, peak = r.median_wall, r.peak_mb
        wall_ok = wall is not None and wall < TARGET_WALL_S
        rss_ok = peak is not None and peak < TARGET_RSS_MB
        lines.append(
            f"- Target: {TARGET_RESOURCES} resources under {TARGET_WALL_S:.0f} s with the embedded engine: "
            f"{'met' if wall_ok else 'NOT met'} ({fmt(wall, '.2f')} s)"
        )
        lines.append(
            f"- Target: peak memory under {TARGET_RSS_MB:.0f} MB for {TARGET_RESOURCES} resources: "
            f"{'met' if rss_ok else 'NOT met'} ({fmt(peak, '.0f')} MB)"
        )
    if not lines:
        lines.append(
            f"- Targets not checked: they concern {TARGET_RESOURCES} resources with the embedded engine."
        )
    return "\n".join(lines) + "\n"


def default_opa() -> str | None:
    return os.environ.get("OPA_BIN") or shutil.which("opa")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated resource counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size and engine (median reported)")
    parser.add_argument("--engines", default="embedded,opa", help="comma-separated: embedded, opa")
    parser.add_argument("--opa", default=default_opa(), help="opa binary (default: $OPA_BIN or opa on PATH)")
    parser.add_argument("--aipolicy", default=shutil.which("aipolicy"), help="aipolicy executable")
    parser.add_argument("--seed", type=int, default=1, help="plan generator seed")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before one run is abandoned")
    parser.add_argument("--skip", help="policy ids passed to aipolicy --skip (comma-separated)")
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    parser.add_argument("--keep", type=Path, help="generate plans and reports here instead of a temp dir")
    args = parser.parse_args(argv)

    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if any(e not in ("embedded", "opa") for e in engines):
        parser.error("--engines takes embedded and/or opa")
    if not args.aipolicy:
        parser.error("aipolicy not found on PATH; pass --aipolicy")
    if "opa" in engines and not args.opa:
        parser.error("opa not found; pass --opa or set OPA_BIN (or --engines embedded)")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="aipolicy-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        opa = OpaServer(args.opa, work) if "opa" in engines else None
        try:
            for size in sizes:
                print(f"generating a {size}-resource plan", file=sys.stderr)
                plan = generate(size, args.seed, work)
                for engine in engines:
                    row = Row(size, engine, plan.stat().st_size / 1048576)
                    engine_args = ["--engine", "opa", "--opa-url", opa.url] if opa and engine == "opa" else []
                    if args.skip:
                        engine_args += ["--skip", args.skip]
                    bench_one(row, plan, args.aipolicy, engine_args, args.repeat, args.timeout, work)
                    if opa and engine == "opa":
                        row.opa_hwm_mb = opa.vm_hwm_mb()
                    rows.append(row)
        except BenchError as exc:
            if rows:
                sys.stdout.write(markdown(rows, args.repeat, args.timeout))
            print(f"plan_bench: {exc}", file=sys.stderr)
            return 2
        finally:
            if opa:
                opa.stop()

    text = markdown(rows, args.repeat, args.timeout) + "\n" + targets(rows)
    if args.skip:
        text += f"- Policies skipped: {args.skip}\n"
    sys.stdout.write(text)
    if args.markdown:
        args.markdown.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
