"""Same view as the plan: every terraform-examples stack scanned as HCL and as its tfplan.json."""

from __future__ import annotations

from pathlib import Path

import pytest

from aipolicy.collectors.terraform.hcl import HclCollector
from aipolicy.view import Resource, ResourceView, validate_document

from .parity import compare_directory, compare_views, same_value

REPO = Path(__file__).resolve().parents[3]
STACKS = sorted(p.parent for p in (REPO / "terraform-examples").glob("*/*/tfplan.json"))


@pytest.mark.parametrize("stack", STACKS, ids=[f"{p.parent.name}/{p.name}" for p in STACKS])
def test_examples_give_the_plan_view(stack: Path, tmp_path: Path) -> None:
    view = HclCollector([stack], cache_dir=tmp_path, environ={}).collect()
    validate_document(view.to_document())
    assert [e for e in view.errors if e.severity == "error"] == []
    assert compare_directory(stack, cache_dir=tmp_path) == []


def test_examples_exist() -> None:
    if not STACKS:
        pytest.skip("terraform-examples/ has no stacks with a tfplan.json yet")
    assert all((stack / "tfplan.json").is_file() for stack in STACKS)


def _resource(
    rid: str, attributes: dict[str, object] | None = None, unresolved: list[str] | None = None
) -> Resource:
    return Resource(rid, "aws_s3_bucket", "aws", dict(attributes or {}), list(unresolved or []))


def test_the_comparison_reports_real_differences() -> None:
    hcl = ResourceView("terraform", "x")
    plan = ResourceView("plan", "x")
    hcl.add(_resource("a", attributes={"bucket": "one", "policy": '{"a": 1}'}, unresolved=["acl"]))
    plan.add(_resource("a", attributes={"bucket": "two", "policy": '{"a":1}', "acl": "private"}))
    hcl.add(_resource("only-hcl"))
    assert compare_views(hcl, plan) == [
        "only-hcl: in HCL only",
        "a.bucket: hcl 'one' != plan 'two'",
        "a: acl unresolved in HCL, known in the plan",
    ]
    assert same_value([{"a": 1}], {"a": 1})  # a single nested block: list in HCL, object in the plan
    assert not same_value(True, 1)
