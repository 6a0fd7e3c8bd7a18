"""Compare the HCL collector's view of a configuration with the plan collector's view of its plan.

Used by the parity tests and runnable by hand:
    python -m tests.collectors.hcl.parity terraform-examples/*/insecure terraform-examples/*/hardened
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from aipolicy.collectors.terraform.hcl import HclCollector
from aipolicy.collectors.terraform.plan import PlanCollector
from aipolicy.view import Resource, ResourceView


def _json_string(value: Any) -> Any:
    """A JSON document inside a string compares by content: providers normalise policy layout."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or value == ""


def same_value(hcl: Any, plan: Any) -> bool:
    """Equal, treating JSON strings by content and an empty value like null (providers normalise)."""
    hcl, plan = _json_string(hcl), _json_string(plan)
    if _empty(hcl) and _empty(plan):
        return True
    if isinstance(hcl, dict) and isinstance(plan, dict):
        keys = set(hcl) | set(plan)
        return all(same_value(hcl.get(k), plan.get(k)) or (k not in hcl) or (k not in plan) for k in keys)
    if isinstance(hcl, list) and len(hcl) == 1 and isinstance(plan, dict):
        return same_value(hcl[0], plan)  # a single nested block: a list in HCL, an object in the plan
    if isinstance(hcl, list) and isinstance(plan, list):
        return len(hcl) == len(plan) and all(same_value(a, b) for a, b in zip(hcl, plan, strict=True))
    if isinstance(hcl, bool) or isinstance(plan, bool):
        return hcl is plan
    return bool(hcl == plan)


def _shape(path: str) -> str:
    """A path without list indexes: a block is a list in one view and an object in the other when
    the provider declares it a single nested block (plugin framework), which only its schema says."""
    return ".".join(s for s in path.split(".") if not s.isdigit())


def _under(path: str, prefixes: list[str]) -> bool:
    path = _shape(path)
    return any(
        path == p or path.startswith(p + ".") or p.startswith(path + ".") for p in map(_shape, prefixes)
    )


def _has(attributes: dict[str, Any], path: str) -> bool:
    node: Any = attributes
    for segment in path.split("."):
        if isinstance(node, list) and len(node) == 1 and not segment.isdigit():
            node = node[0]
        if isinstance(node, dict) and segment in node:
            node = node[segment]
        elif isinstance(node, list) and segment.isdigit() and int(segment) < len(node):
            node = node[int(segment)]
        elif isinstance(node, dict) and segment.isdigit() and segment == "0":
            continue
        else:
            return False
    return node is not None


def compare_resource(hcl: Resource, plan: Resource) -> list[str]:
    """Differences on the attributes both sides know and the configuration sets."""
    out: list[str] = []
    if hcl.type != plan.type:
        out.append(f"{hcl.id}: type {hcl.type!r} != plan {plan.type!r}")
    for name, value in hcl.attributes.items():
        if name not in plan.attributes or _under(name, plan.unresolved):
            continue
        if not same_value(value, plan.attributes[name]):
            out.append(f"{hcl.id}.{name}: hcl {value!r} != plan {plan.attributes[name]!r}")
    hcl_unresolved = set(hcl.unresolved)
    plan_unresolved = set(plan.unresolved)
    for path in sorted(hcl_unresolved - plan_unresolved):
        if not _under(path, list(plan_unresolved)) and _has(plan.attributes, path):
            out.append(f"{hcl.id}: {path} unresolved in HCL, known in the plan")
    for path in sorted(plan_unresolved - hcl_unresolved):
        if not _under(path, list(hcl_unresolved)):
            out.append(f"{hcl.id}: {path} unresolved in the plan, known in HCL")
    for name in sorted(set(hcl.references) | set(plan.references)):
        if hcl.references.get(name, []) != plan.references.get(name, []):
            out.append(
                f"{hcl.id}: references[{name}] hcl {hcl.references.get(name, [])} "
                f"!= plan {plan.references.get(name, [])}"
            )
    return out


def compare_views(hcl: ResourceView, plan: ResourceView) -> list[str]:
    out: list[str] = []
    for rid in sorted(set(plan.resources) - set(hcl.resources)):
        out.append(f"{rid}: in the plan only")
    for rid in sorted(set(hcl.resources) - set(plan.resources)):
        out.append(f"{rid}: in HCL only")
    for rid in sorted(set(hcl.resources) & set(plan.resources)):
        out.extend(compare_resource(hcl.resources[rid], plan.resources[rid]))
    return out


def compare_directory(directory: Path, cache_dir: Path | None = None) -> list[str]:
    """Scan a stack's .tf files and its tfplan.json; the differences, empty when they agree."""
    hcl = HclCollector([directory], cache_dir=cache_dir, environ={}).collect()
    plan = PlanCollector(directory / "tfplan.json").collect()
    return compare_views(hcl, plan)


def main(argv: list[str]) -> int:
    status = 0
    for arg in argv:
        differences = compare_directory(Path(arg))
        print(f"{arg}: {'same view' if not differences else f'{len(differences)} differences'}")
        for line in differences:
            print(f"  {line}")
        status |= bool(differences)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
