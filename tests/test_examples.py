"""terraform-examples: insecure variants are caught exactly as expected, hardened ones are clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aipolicy.collectors.terraform.plan import PlanCollector
from aipolicy.scan import ScanOptions, scan_plan
from aipolicy.view import validate_document
from tests.conftest import REPO

VARIANTS = sorted(p.parent for p in (REPO / "terraform-examples").glob("*/*/tfplan.json"))


def test_every_stack_has_both_variants() -> None:
    stacks = {v.parent.name for v in VARIANTS}
    assert len(stacks) >= 2
    for stack in stacks:
        assert {v.name for v in VARIANTS if v.parent.name == stack} == {"insecure", "hardened"}


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_plan_scan_matches_expected_findings(variant: Path) -> None:
    listed = json.loads((variant / "expected-findings.json").read_text())
    expected = {(e["rule_id"], e["resource_id"]) for e in listed}
    result = scan_plan([variant / "tfplan.json"], ScanOptions())
    assert result.errors == []
    found = {(f.rule_id, f.resource_id) for f in result.failing}
    assert found == expected, f"unexpected: {sorted(found - expected)}; missing: {sorted(expected - found)}"
    if variant.name == "hardened":
        assert found == set()
    else:
        assert len(found) >= 10
        # findings point at the Terraform source, not the plan
        assert all(f.source.file and f.source.file.endswith(".tf") and f.source.line for f in result.failing)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_plan_views_validate_against_the_schema(variant: Path) -> None:
    validate_document(PlanCollector(variant / "tfplan.json").collect().to_document())


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_hcl_scan_gives_the_same_findings_as_the_plan(variant: Path) -> None:
    """Issue 3's promise: `scan terraform DIR` before a plan exists answers as `scan plan` does."""
    from aipolicy.scan import scan_terraform

    plan = scan_plan([variant / "tfplan.json"], ScanOptions())
    hcl = scan_terraform([variant], ScanOptions(), variables={}, var_files=[])
    assert [e for e in hcl.errors if e.severity == "error"] == []
    as_plan = {(f.rule_id, f.resource_id, f.status) for f in plan.findings}
    as_hcl = {(f.rule_id, f.resource_id, f.status) for f in hcl.findings}
    assert as_hcl == as_plan, f"HCL only: {sorted(as_hcl - as_plan)}; plan only: {sorted(as_plan - as_hcl)}"
    lines = {(f.rule_id, f.resource_id): (f.source.file, f.source.line) for f in plan.findings}
    for f in hcl.findings:
        assert f.source.line and lines[(f.rule_id, f.resource_id)][1] == f.source.line
