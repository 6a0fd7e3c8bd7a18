"""Whole-process measurement shared by the benchmarks: wall time, CPU time and peak RSS of one child.

Each measurement runs in a fresh interpreter that starts one child and reads its own
RUSAGE_CHILDREN, so the figures are that child's alone (ru_maxrss is in KiB on Linux).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

WRAPPER = r"""
import json, resource, subprocess, sys, time
spec = json.loads(sys.argv[1])
start = time.perf_counter()
try:
    out = open(spec["stdout"], "wb") if spec["stdout"] else subprocess.DEVNULL
    done = subprocess.run(spec["argv"], stdout=out, stderr=subprocess.PIPE, timeout=spec["timeout"],
                          env=spec["env"])
    rc, err = done.returncode, done.stderr.decode("utf-8", "replace")
except subprocess.TimeoutExpired as exc:
    rc, err = None, (exc.stderr or b"").decode("utf-8", "replace")
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps({"rc": rc, "wall": wall, "maxrss_kb": usage.ru_maxrss, "cpu": cpu, "stderr": err[-4000:]}))
"""


class BenchError(Exception):
    pass


def measure(
    argv: list[str], timeout: float, env: dict[str, str], stdout: Path | None = None
) -> dict[str, object]:
    spec = json.dumps(
        {"argv": argv, "timeout": timeout, "env": env, "stdout": str(stdout) if stdout else None}
    )
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, spec],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout + 120,
    )
    if done.returncode != 0:
        raise BenchError(f"measurement wrapper failed:\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout)
    return result
