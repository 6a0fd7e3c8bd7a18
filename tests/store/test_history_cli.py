"""History through the CLI: scans recorded, `--since-last`, `history list/show/diff`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import FAILING_PLAN, PASSING_PLAN, run


def test_scans_are_recorded_and_diffed(tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'history.db'}"
    plan = tmp_path / "tfplan.json"
    plan.write_text(FAILING_PLAN.read_text())
    assert run("scan", "plan", str(plan), "--store", store, "-q").returncode == 1
    unchanged = run("scan", "plan", str(plan), "--store", store, "--since-last", "-f", "json")
    report = json.loads(unchanged.stdout)
    assert report["findings"] == [] and report["drift"]["new"] == 0 and report["drift"]["previous_scan"] == 1
    assert unchanged.returncode == 0
    plan.write_text(PASSING_PLAN.read_text())  # root access fixed
    fixed = json.loads(run("scan", "plan", str(plan), "--store", store, "--since-last", "-f", "json").stdout)
    assert {"rule_id": "AIP-AWS-SM-002", "resource_id": "aws_sagemaker_notebook_instance.research"} in fixed[
        "drift"
    ]["fixed"]

    listing = json.loads(run("history", "list", "--store", store, "-f", "json").stdout)
    assert [s["id"] for s in listing] == [3, 2, 1]
    diff = json.loads(run("history", "diff", "--store", store, "-f", "json").stdout)
    assert diff["old_scan"] == 2 and diff["new_scan"] == 3
    assert any(f["rule_id"] == "AIP-AWS-SM-002" for f in diff["fixed"])
    shown = run("history", "show", "1", "--store", store, "-f", "sarif")
    assert shown.returncode == 0
    assert any(r["ruleId"] == "AIP-AWS-SM-002" for r in json.loads(shown.stdout)["runs"][0]["results"])
    missing = run("history", "show", "99", "--store", store)
    assert missing.returncode == 2 and "no scan 99" in missing.stderr
