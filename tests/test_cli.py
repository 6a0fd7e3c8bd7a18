"""End to end through the real CLI process: exit codes, formats, options and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aipolicy.policyset import builtin_policy_dir

NOTEBOOK = builtin_policy_dir() / "aws" / "sagemaker" / "notebook_root_access" / "fixtures"
FAILING_PLAN = NOTEBOOK / "fail" / "root_access_enabled.plan.json"
PASSING_PLAN = NOTEBOOK / "pass" / "root_access_disabled.plan.json"
RULE = "AIP-AWS-SM-002"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aipolicy", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


def scan_json(*args: str) -> tuple[int, dict]:
    proc = run("scan", "plan", *args, "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def rules(report: dict, status: str = "fail") -> set[str]:
    return {f["rule_id"] for f in report["findings"] if f["status"] == status}


def test_version() -> None:
    proc = run("version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("aipolicy ")


def test_failing_plan_exits_1_with_the_contract_fields() -> None:
    code, report = scan_json(str(FAILING_PLAN))
    assert code == 1
    assert {"findings", "summary", "errors"} <= report.keys()
    finding = next(f for f in report["findings"] if f["rule_id"] == RULE)
    assert {
        "rule_id",
        "title",
        "severity",
        "category",
        "guidelines",
        "resource_id",
        "resource_type",
        "source",
        "message",
        "remediation",
        "status",
    } <= finding.keys()
    assert finding["resource_id"] == "aws_sagemaker_notebook_instance.research"
    assert finding["source"]["kind"] == "plan"
    assert finding["status"] == "fail"
    assert report["summary"]["blocking"] >= 1


def test_threshold_skip_and_passing_plan() -> None:
    code, report = scan_json(str(FAILING_PLAN), "--fail-on", "CRITICAL")
    assert RULE in rules(report)
    assert code == (1 if any(f["severity"] == "CRITICAL" for f in report["findings"]) else 0)
    _, skipped = scan_json(str(FAILING_PLAN), "--skip", RULE)
    assert RULE not in rules(skipped)
    _, passing = scan_json(str(PASSING_PLAN))
    assert RULE not in rules(passing)


def test_waiver_marks_finding_waived(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        f"- rule_id: {RULE}\n  resource: aws_sagemaker_notebook_instance.*\n"
        "  reason: lab sandbox\n  expires: 2999-01-01\n"
    )
    _, report = scan_json(str(FAILING_PLAN), "--waivers", str(waivers))
    waived = [f for f in report["findings"] if f["rule_id"] == RULE]
    assert waived and all(f["status"] == "waived" and f["waiver_reason"] == "lab sandbox" for f in waived)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["scan", "plan", "does-not-exist.json"], "does-not-exist.json: no such file"),
        (["scan", "plan", "PLACEHOLDER_MALFORMED"], "malformed JSON"),
        (["scan", "plan", str(FAILING_PLAN), "--skip", "AIP-NOPE-9"], "unknown policy id"),
        (["scan", "plan", str(FAILING_PLAN), "--engine", "opa"], "--opa-url"),
        (["scan", "plan", str(FAILING_PLAN), "--format", "yaml"], "Invalid value"),
        (["policies", "show", "AIP-NOPE-9"], "no policy with id"),
    ],
)
def test_errors_are_one_line_and_exit_2(tmp_path: Path, args: list[str], needle: str) -> None:
    malformed = tmp_path / "broken.json"
    malformed.write_text('{"format_version": "1.2", "planned_values": {')
    args = [str(malformed) if a == "PLACEHOLDER_MALFORMED" else a for a in args]
    proc = run(*args)
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert proc.stdout == ""


def test_one_bad_file_among_several_is_reported_and_the_rest_scanned(tmp_path: Path) -> None:
    malformed = tmp_path / "broken.json"
    malformed.write_text("{")
    proc = run("scan", "plan", str(FAILING_PLAN), str(malformed), "--format", "json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert RULE in rules(report)
    assert any("broken.json" in e["source"] and "malformed" in e["message"] for e in report["errors"])


def test_errors_without_blocking_findings_never_exit_0(tmp_path: Path) -> None:
    malformed = tmp_path / "broken.json"
    malformed.write_text("{")
    proc = run("scan", "plan", str(PASSING_PLAN), str(malformed), "--format", "json", "--fail-on", "CRITICAL")
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["summary"]["errors"] == 1


def test_sarif_and_junit_written_to_file(tmp_path: Path) -> None:
    sarif = tmp_path / "results.sarif"
    proc = run("scan", "plan", str(FAILING_PLAN), "--format", "sarif", "--output", str(sarif))
    assert proc.returncode == 1 and proc.stdout == ""
    document = json.loads(sarif.read_text())
    assert document["version"] == "2.1.0"
    assert any(r["ruleId"] == RULE for r in document["runs"][0]["results"])
    junit = tmp_path / "results.xml"
    assert run("scan", "plan", str(FAILING_PLAN), "--format", "junit", "-o", str(junit)).returncode == 1
    assert "<testsuite" in junit.read_text()


def test_text_report_groups_by_guideline_section() -> None:
    proc = run("scan", "plan", str(FAILING_PLAN))
    assert proc.returncode == 1
    assert "3 Secure deployment" in proc.stdout
    assert RULE in proc.stdout


def test_policies_list_and_show() -> None:
    listing = run("policies", "list", "--format", "json")
    assert listing.returncode == 0
    ids = [p["id"] for p in json.loads(listing.stdout)]
    assert RULE in ids and len(ids) >= 15
    shown = run("policies", "show", RULE)
    assert shown.returncode == 0
    assert "root_access" in shown.stdout and "deployment/infrastructure" in shown.stdout


def test_opa_engine_gives_the_same_report(opa_server: str) -> None:
    _, embedded = scan_json(str(FAILING_PLAN))
    _, remote = scan_json(str(FAILING_PLAN), "--engine", "opa", "--opa-url", opa_server)
    assert remote["summary"]["engine"] == "opa"
    assert embedded["findings"] == remote["findings"]


def test_deeply_nested_attribute_is_an_error_for_that_file(tmp_path: Path) -> None:
    plan = json.loads(FAILING_PLAN.read_text())
    nested: object = "x"
    for _ in range(200):
        nested = {"a": nested}
    plan["planned_values"]["root_module"]["resources"][0]["values"]["tags"] = nested
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(plan))
    proc = run("scan", "plan", str(path), "--format", "json")
    assert proc.returncode == 2
    report = json.loads(proc.stdout)
    assert report["findings"] == []
    assert any("deep.json" in e["source"] and "nests deeper" in e["message"] for e in report["errors"])


def test_file_scans_run_without_the_cyclic_collector_and_restore_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import gc

    import aipolicy.scan
    from aipolicy.cli import main

    seen: list[bool] = []
    scan_plan = aipolicy.scan.scan_plan

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return scan_plan(*args, **kwargs)

    monkeypatch.setattr(aipolicy.scan, "scan_plan", spy)
    assert gc.isenabled()
    code = main(
        ["scan", "plan", str(FAILING_PLAN), "--quiet", "--format", "json", "-o", str(tmp_path / "r.json")]
    )
    assert code == 1
    assert seen == [False]
    assert gc.isenabled()


def test_output_is_complete_when_the_process_ends_at_once() -> None:
    """entrypoint() ends the process with os._exit: every byte written before must be out."""
    proc = subprocess.run(
        [sys.executable, "-m", "aipolicy", "policies", "list", "--format", "json"],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(proc.stdout)
    assert len(listed) > 100


def test_a_reader_that_goes_away_is_not_a_traceback() -> None:
    """`aipolicy policies list --format json | head -1` (155 KB, more than a pipe holds): the reader
    closes early; no traceback, no hang."""
    with subprocess.Popen(
        [sys.executable, "-m", "aipolicy", "policies", "list", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        proc.wait(timeout=120)
    assert "Traceback" not in stderr
