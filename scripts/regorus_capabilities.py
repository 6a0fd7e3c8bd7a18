"""Derive an OPA capabilities file holding only the builtins the pinned regorus build evaluates.

`opa check --capabilities` and Regal then reject a policy that would only run on OPA. Run it after
changing the regorus pin:
    opa capabilities --current | python scripts/regorus_capabilities.py .regal/capabilities-regorus.json
then copy the builtins it reports missing into .regal/config.yaml's forbidden-function-call list.
Each builtin is probed by calling it with placeholder arguments: regorus reports an unknown function
as such, while a type error from the placeholders still proves the builtin exists.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import regorus

UNKNOWN = ("could not find function", "unknown function", "not implemented", "unsupported")
# infix operators and internals that are not called as functions in policy source
ALWAYS = {
    "eq",
    "assign",
    "equal",
    "neq",
    "lt",
    "lte",
    "gt",
    "gte",
    "plus",
    "minus",
    "mul",
    "div",
    "rem",
    "and",
    "or",
    "internal.member_2",
    "internal.member_3",
}


def supported(builtin: dict[str, Any]) -> bool:
    name = builtin["name"]
    if name in ALWAYS or builtin.get("infix"):
        return True
    if builtin.get("decl", {}).get("type") != "function":
        return False
    arity = len(builtin["decl"].get("args") or [])
    args = ", ".join(["input.x"] * arity)
    engine = regorus.Engine()
    engine.set_rego_v0(False)
    source = f"package probe\n\nimport rego.v1\n\nr := {name}({args})\n"
    try:
        engine.add_policy("probe.rego", source)
        engine.set_input_json('{"x": "1"}')
        engine.eval_query("data.probe.r")
    except Exception as exc:
        return not any(marker in str(exc).lower() for marker in UNKNOWN)
    return True


def main() -> None:
    capabilities = json.load(sys.stdin)
    kept = [b for b in capabilities["builtins"] if supported(b)]
    dropped = sorted(b["name"] for b in capabilities["builtins"] if b not in kept)
    capabilities["builtins"] = kept
    with open(sys.argv[1], "w", encoding="utf-8") as sink:
        json.dump(capabilities, sink, indent=1, sort_keys=True)
        sink.write("\n")
    print(f"kept {len(kept)} builtins; regorus lacks {len(dropped)}: {', '.join(dropped)}", file=sys.stderr)


if __name__ == "__main__":
    main()
