"""Whole-process benchmark of `aipolicy scan terraform` against Checkov on the same generated repository.

One run: generate a Terraform repository (bench/generate_tf.py; or reuse --corpus DIR), make sure
Checkov is installed in the benchmark's own virtual environment (bench/.cache/checkov-venv, created
with this interpreter and `pip install checkov==VERSION`; Checkov is not a project dependency),
then time, as separate processes:

* Checkov: `checkov -d CORPUS --framework terraform --quiet --compact -o json --skip-download`;
* aipolicy cold: `aipolicy scan terraform CORPUS --format json -o REPORT -q` with XDG_CACHE_HOME
  set to a fresh empty directory, so every file is parsed;
* aipolicy warm: the same command again with the same cache directory (parsed files are read from
  aipolicy's content-hash cache).

Every run goes through a small `python -c` wrapper that starts the tool, times it and reads
getrusage(RUSAGE_CHILDREN).ru_maxrss, as bench/plan_bench.py does: the figure is the peak RSS of
the largest single process the tool ran (its main process or one of its workers; not their sum).
The table reports the median wall time and the largest peak RSS of --repeat runs (--checkov-repeat
for Checkov, default 1 given its cost), with the 1-minute load average when each row finished.

    python bench/hcl_bench.py                                     # 1,000 files / 10,000 resources
    python bench/hcl_bench.py --files 200 --resources 2000 --markdown /tmp/hcl-2k.md
    python bench/hcl_bench.py --corpus /tmp/tf-10k --tools aipolicy --repeat 3

Nothing here needs the network except `pip install` (once, for the Checkov environment); Checkov
runs with --skip-download and BC_SKIP_MAPPING=TRUE so that it fetches nothing either.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate_tf  # noqa: E402  (the generator next to this file)
from measure import BenchError, measure  # noqa: E402

CHECKOV_VERSION = "3.3.30"  # newest on PyPI when this benchmark was written
DEFAULT_VENV = HERE / ".cache" / "checkov-venv"
TARGET_SPEEDUP = 10.0
TARGET_MEMORY_RATIO = 0.5

# Same wrapper as plan_bench.py: one child, timed; ru_maxrss (KiB on Linux) of the waited-for tree.


@dataclass
class Row:
    tool: str
    mode: str
    files: int
    resources: int | None = None
    findings: int | None = None
    walls: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    timed_out: bool = False
    load: float | None = None

    @property
    def wall(self) -> float | None:
        return statistics.median(self.walls) if self.walls else None

    @property
    def cpu(self) -> float | None:
        return statistics.median(self.cpus) if self.cpus else None

    @property
    def peak_mb(self) -> float | None:
        return max(self.peaks_mb) if self.peaks_mb else None


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


# -- Checkov's environment ---------------------------------------------------------------------


def checkov_binary(venv: Path, version: str, python: str) -> Path:
    """bench/.cache/checkov-venv/bin/checkov at `version`, installed from PyPI if missing."""
    binary = venv / "bin" / "checkov"
    pip = venv / "bin" / "pip"
    if binary.exists() and installed_version(venv) == version:
        return binary
    if not (venv / "bin" / "python").exists():
        print(f"creating {venv}", file=sys.stderr)
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
    print(f"installing checkov=={version} into {venv} (from PyPI)", file=sys.stderr)
    subprocess.run(
        [str(pip), "install", "--quiet", "--disable-pip-version-check", f"checkov=={version}"], check=True
    )
    if not binary.exists():
        raise BenchError(f"pip did not install {binary}")
    return binary


def installed_version(venv: Path) -> str | None:
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import importlib.metadata as m; print(m.version('checkov'))"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else None


def checkov_counts(report_path: Path) -> tuple[int | None, int | None]:
    """(failed checks, resource_count) from Checkov's JSON (an object, or a list of them per framework)."""
    try:
        text = report_path.read_text(errors="replace")
        start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=0)
        data, _ = json.JSONDecoder().raw_decode(text, start)  # tolerate log lines around the JSON
    except (OSError, ValueError):
        return None, None
    reports = data if isinstance(data, list) else [data]
    failed = resources = 0
    seen = False
    for report in reports:
        summary = report.get("summary") if isinstance(report, dict) else None
        if isinstance(summary, dict):
            seen = True
            failed += int(summary.get("failed", 0))
            resources += int(summary.get("resource_count", 0))
    return (failed, resources) if seen else (None, None)


def aipolicy_counts(report_path: Path) -> tuple[int | None, int | None]:
    try:
        report = json.loads(report_path.read_text())
    except (OSError, ValueError):
        return None, None
    summary = report.get("summary") if isinstance(report, dict) else None
    if not isinstance(summary, dict):
        return None, None
    return summary.get("failed"), summary.get("resources_scanned")


# -- runs --------------------------------------------------------------------------------------


def run_checkov(row: Row, binary: Path, corpus: Path, repeat: int, timeout: float, work: Path) -> None:
    report = work / "checkov.json"
    argv = [str(binary), "-d", str(corpus), "--framework", "terraform", "--quiet", "--compact", "-o", "json"]
    argv.append("--skip-download")
    env = dict(os.environ, BC_SKIP_MAPPING="TRUE", CHECKOV_RUN_SCA_PACKAGE_SCAN_V2="false")
    for n in range(repeat):
        result = measure(argv, timeout, env, stdout=report)
        label = f"checkov run {n + 1}/{repeat}"
        if result["rc"] is None:
            row.timed_out = True
            print(f"  {label}: timed out after {timeout:.0f} s", file=sys.stderr)
            return
        if result["rc"] not in (0, 1):
            raise BenchError(f"{label}: checkov exited with {result['rc']}:\n{result['stderr']}")
        record(row, result, label)
        if n == 0:
            row.findings, row.resources = checkov_counts(report)


def run_aipolicy(
    cold: Row, warm: Row, aipolicy: str, corpus: Path, repeat: int, timeout: float, work: Path
) -> None:
    report = work / "aipolicy.json"
    argv = [aipolicy, "scan", "terraform", str(corpus), "--format", "json", "-o", str(report), "-q"]
    for n in range(repeat):
        cache = Path(tempfile.mkdtemp(prefix="aipolicy-cache-", dir=work))
        env = dict(os.environ, XDG_CACHE_HOME=str(cache))
        for row in (cold, warm):
            report.unlink(missing_ok=True)
            result = measure(argv, timeout, env)
            label = f"aipolicy {row.mode} run {n + 1}/{repeat}"
            if result["rc"] is None:
                row.timed_out = True
                print(f"  {label}: timed out after {timeout:.0f} s", file=sys.stderr)
                return
            if result["rc"] not in (0, 1):
                raise BenchError(f"{label}: aipolicy exited with {result['rc']}:\n{result['stderr']}")
            record(row, result, label)
            if n == 0:
                row.findings, row.resources = aipolicy_counts(report)
        shutil.rmtree(cache, ignore_errors=True)


def record(row: Row, result: dict[str, object], label: str) -> None:
    wall = float(str(result["wall"]))
    peak = int(str(result["maxrss_kb"])) / 1024
    row.walls.append(wall)
    row.peaks_mb.append(peak)
    row.cpus.append(float(str(result["cpu"])))
    row.load = load_average()
    print(
        f"  {label}: {wall:.2f} s wall, {row.cpus[-1]:.2f} s CPU, {peak:.0f} MB (load {row.load:.1f})",
        file=sys.stderr,
    )


# -- report ------------------------------------------------------------------------------------


def fmt(value: float | int | None, spec: str = "") -> str:
    return "–" if value is None else format(value, spec)


def markdown(rows: list[Row], timeout: float, checkov_version: str | None) -> str:
    lines = [
        "| tool | mode | files | resources | wall s | CPU s | peak RSS MB | findings | load avg |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        wall = f"> {timeout:.0f} (timeout)" if r.timed_out and not r.walls else fmt(r.wall, ".2f")
        tool = f"checkov {checkov_version}" if r.tool == "checkov" and checkov_version else r.tool
        lines.append(
            f"| {tool} | {r.mode} | {r.files} | {fmt(r.resources)} | {wall} | {fmt(r.cpu, '.1f')} "
            f"| {fmt(r.peak_mb, '.0f')} "
            f"| {fmt(r.findings)} | {fmt(r.load, '.1f')} |"
        )
    lines.append("")
    lines.append(
        "Wall: median of the runs, whole process. CPU: user+system seconds of the process and its "
        "workers (median). Peak RSS: largest ru_maxrss (largest single process of "
        "the tool, workers included). Resources: aipolicy's resources_scanned, Checkov's resource_count. "
        "Findings: aipolicy's failed findings, Checkov's failed checks (different rule sets: not comparable "
        "one to one). Load avg: 1-minute load average when the row's last run ended."
    )
    return "\n".join(lines) + "\n"


def ratios(rows: list[Row]) -> str:
    checkov = next((r for r in rows if r.tool == "checkov" and r.wall is not None), None)
    if checkov is None or checkov.wall is None or checkov.peak_mb is None:
        return "- No Checkov figures: ratios not computed.\n"
    lines = []
    for r in rows:
        if r.tool != "aipolicy" or r.wall is None or r.peak_mb is None:
            continue
        speedup = checkov.wall / r.wall
        memory = r.peak_mb / checkov.peak_mb
        lines.append(
            f"- aipolicy {r.mode}: {speedup:.1f}x faster than Checkov "
            f"(target >= {TARGET_SPEEDUP:.0f}x: {'met' if speedup >= TARGET_SPEEDUP else 'NOT met'}), "
            f"{memory:.2f}x its peak memory "
            f"(target <= {TARGET_MEMORY_RATIO}x: {'met' if memory <= TARGET_MEMORY_RATIO else 'NOT met'})"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help=".tf files to generate")
    parser.add_argument("--resources", type=int, default=10_000, help="resource instances to generate")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--corpus", type=Path, help="scan this directory instead of generating one")
    parser.add_argument("--tools", default="checkov,aipolicy", help="comma-separated: checkov, aipolicy")
    parser.add_argument(
        "--repeat", type=int, default=3, help="aipolicy runs (cold+warm pairs); median reported"
    )
    parser.add_argument("--checkov-repeat", type=int, default=1, help="Checkov runs (default 1: it is slow)")
    parser.add_argument("--checkov-version", default=CHECKOV_VERSION, help="pinned Checkov version")
    parser.add_argument(
        "--checkov-venv", type=Path, default=DEFAULT_VENV, help="Checkov's virtual environment"
    )
    parser.add_argument("--aipolicy", default=shutil.which("aipolicy"), help="aipolicy executable")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before one run is abandoned")
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    parser.add_argument("--keep", type=Path, help="write the corpus and reports here instead of a temp dir")
    args = parser.parse_args(argv)

    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    if any(t not in ("checkov", "aipolicy") for t in tools):
        parser.error("--tools takes checkov and/or aipolicy")
    if "aipolicy" in tools and not args.aipolicy:
        parser.error("aipolicy not found on PATH; pass --aipolicy")
    if args.repeat < 1 or args.checkov_repeat < 1:
        parser.error("--repeat and --checkov-repeat must be at least 1")

    rows: list[Row] = []
    version = None
    with tempfile.TemporaryDirectory(prefix="aipolicy-hcl-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        try:
            if args.corpus:
                corpus = args.corpus
            else:
                corpus = work / "corpus"
                print(
                    f"generating {args.files} files / {args.resources} resources in {corpus}", file=sys.stderr
                )
                generate_tf.generate(corpus, args.files, args.resources, args.seed)
            files = sum(1 for _ in corpus.rglob("*.tf"))
            if "checkov" in tools:
                binary = checkov_binary(args.checkov_venv, args.checkov_version, sys.executable)
                version = args.checkov_version
                row = Row("checkov", "-", files)
                print("checkov", file=sys.stderr)
                run_checkov(row, binary, corpus, args.checkov_repeat, args.timeout, work)
                rows.append(row)
            if "aipolicy" in tools:
                cold, warm = Row("aipolicy", "cold", files), Row("aipolicy", "warm", files)
                print("aipolicy", file=sys.stderr)
                run_aipolicy(cold, warm, args.aipolicy, corpus, args.repeat, args.timeout, work)
                rows.extend([cold, warm])
        except (BenchError, subprocess.CalledProcessError, ValueError) as exc:
            if rows:
                sys.stdout.write(markdown(rows, args.timeout, version))
            print(f"hcl_bench: {exc}", file=sys.stderr)
            return 2

    text = markdown(rows, args.timeout, version) + "\n" + ratios(rows)
    sys.stdout.write(text)
    if args.markdown:
        args.markdown.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
