"""Whole-process wall time of two or more commands, run alternately, so that a noisy machine's
drift hits each the same way: median and best of N runs each.

    python bench/ab_wall.py -n 7 "OLD/bin/aipolicy scan plan p.json -o /dev/null -f json" \\
                                 "aipolicy scan plan p.json -o /dev/null -f json"

Each command runs through the shell with its output discarded; a command that exits with anything
but 0 or 1 (aipolicy's "findings" exit) stops the comparison.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--runs", type=int, default=7, help="runs of each command (default 7)")
    parser.add_argument("commands", nargs="+")
    args = parser.parse_args()
    times: dict[str, list[float]] = {command: [] for command in args.commands}
    for _ in range(args.runs):
        for command in args.commands:
            started = time.perf_counter()
            done = subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if done.returncode not in (0, 1):
                sys.exit(f"{command!r} exited with {done.returncode}:\n{done.stderr.decode()[-2000:]}")
            times[command].append(time.perf_counter() - started)
    for command, measured in times.items():
        print(f"median {statistics.median(measured):6.2f} s  best {min(measured):6.2f} s  {command}")


if __name__ == "__main__":
    main()
