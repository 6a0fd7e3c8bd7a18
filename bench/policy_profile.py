"""Per-policy evaluation cost on one resource view: finds the policies that dominate a scan.

    python bench/policy_profile.py PLAN.json [--top 15]

Each policy is compiled alone (with the libraries) and evaluated on the same view, the input
loaded before the clock starts, so the figures are what each policy adds to a full-set evaluation.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from aipolicy.collectors.terraform.plan import PlanCollector
from aipolicy.engines.embedded import compile_modules
from aipolicy.policyset import PolicySet, load_policy_set


def evaluate_seconds(policy_set: PolicySet, document_json: str) -> float:
    """Evaluation time alone: the input is loaded before the clock starts."""
    engine = compile_modules(policy_set.engine_modules())
    engine.set_input_json(document_json)
    started = time.perf_counter()
    engine.eval_query_as_json(policy_set.entrypoint_query)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("plan", type=Path)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    policies = load_policy_set()
    document = json.dumps(PlanCollector(args.plan).collect().to_document())
    costs = []
    for policy in policies.policies:
        seconds = evaluate_seconds(PolicySet([policy], policies.modules), document)
        costs.append((seconds, policy.id, policy.title))
    costs.sort(reverse=True)
    whole = evaluate_seconds(policies, document)
    print(f"whole set {whole:.3f} s; sum of policies alone {sum(c[0] for c in costs):.3f} s")
    for seconds, pid, title in costs[: args.top]:
        print(f"{seconds:8.3f} s  {pid:<18} {title}")


if __name__ == "__main__":
    main()
