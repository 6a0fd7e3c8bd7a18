"""Instructions one whole-set evaluation takes, counted by valgrind: an A/B measure for policy changes.

    python bench/eval_instructions.py PLAN.json [--policies DIR]
    python bench/eval_instructions.py --admission [--policies DIR]

Wall time on a shared 2-vCPU machine moves by 30% between identical runs, which hides the 2-10%
a Rego rewrite is worth; an instruction count does not move. The script runs itself twice under
`valgrind --tool=callgrind` (Debian package `valgrind`): once evaluating the AWS policies on the
plan's resource view, once only collecting the plan, compiling and loading the input, and prints
the difference. --policies evaluates another copy of the library (say
`git archive HEAD policies | tar -x -C /tmp/a`) instead of the built-in one. A 2,000-resource plan
(generate_plan.py) takes about a minute. --admission measures the webhook's work instead: the
Kubernetes policies judging admission_bench.py's 30 reviews, each through its type's route
(aipolicy.admission.evaluator.AdmissionEngine), as the webhook's workers do.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any


def library(policies: Path | None) -> Any:
    """The built-in policy set, or the one in `policies` instead."""
    from aipolicy.policyset import load_policy_set

    return load_policy_set([policies], include_builtin=False) if policies else load_policy_set()


def evaluate(plan: Path, policies: Path | None, run_query: bool) -> None:
    """The measured part: collect, compile, load the input, and (run_query) evaluate once."""
    import orjson

    from aipolicy.collectors.terraform.plan import PlanCollector
    from aipolicy.engines.embedded import compile_modules  # sets RUST_LIB_BACKTRACE=0 first

    view = orjson.dumps(PlanCollector(plan).collect().to_document()).decode()
    policy_set = library(policies).for_provider("aws")
    engine = compile_modules(policy_set.engine_modules())
    engine.set_input_json(view)
    if run_query:
        engine.eval_query_as_json(policy_set.entrypoint_query)


def evaluate_admission(policies: Path | None, run_query: bool) -> None:
    """The measured part for --admission: build the reviews' views, compile, and (run_query) judge."""
    import orjson

    sys.path.insert(0, str(Path(__file__).parent))
    from admission_bench import corpus

    from aipolicy.admission.evaluator import AdmissionEngine
    from aipolicy.admission.webhook import admission_policy_set
    from aipolicy.collectors.kubernetes.admission import AdmissionCollector

    engine = AdmissionEngine(admission_policy_set(library(policies))[0])
    views = [
        orjson.dumps(AdmissionCollector(review["request"]).collect().to_document()).decode()
        for review in corpus()
    ]
    if run_query:
        for view in views:
            engine.evaluate_json(view)


def count(args: argparse.Namespace, run_query: bool) -> int:
    command = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
        sys.executable, __file__, *([str(args.plan)] if args.plan else ["--admission"]), "--child",
        *(["--policies", str(args.policies)] if args.policies else []),
        *([] if run_query else ["--no-query"]),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    match = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if done.returncode != 0 or match is None:
        sys.exit(f"valgrind run failed:\n{done.stderr[-2000:]}")
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("plan", type=Path, nargs="?", help="a `terraform show -json` plan")
    parser.add_argument("--admission", action="store_true", help="the webhook's reviews instead of a plan")
    parser.add_argument("--policies", type=Path, help="another policy library instead of the built-in one")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-query", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.plan is None and not args.admission:
        parser.error("give a plan, or --admission")
    if args.child:
        if args.admission:
            evaluate_admission(args.policies, not args.no_query)
        else:
            evaluate(args.plan, args.policies, not args.no_query)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind not found (Debian: apt-get install valgrind)")
    with_query, without = count(args, True), count(args, False)
    what = "30 admission reviews" if args.admission else "evaluation"
    print(f"{what}: {(with_query - without) / 1e6:,.0f} M instructions")


if __name__ == "__main__":
    main()
