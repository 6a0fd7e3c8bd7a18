"""Waivers: matching by rule (or alias) and resource glob, expiry, and clear errors on bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aipolicy.errors import InputError
from aipolicy.findings import Finding, SourceLocation
from aipolicy.waivers import apply_waivers, load_waivers

TODAY = dt.date(2026, 11, 26)


def finding(rule: str, resource: str) -> Finding:
    return Finding(
        rule_id=rule,
        title="t",
        severity="HIGH",
        category="encryption",
        guidelines=["deployment/model-protection"],
        resource_id=resource,
        resource_type="aws_s3_bucket",
        source=SourceLocation("plan", "tfplan.json"),
        message="m",
        remediation="r",
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "waivers.yaml"
    path.write_text(text)
    return path


def test_glob_waiver_waives_and_expired_waiver_does_not(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
waivers:
  - rule_id: AIP-AWS-S3-002
    resource: 'aws_s3_bucket.training["*"]'
    reason: Training data is public research data (RISK-41)
    expires: 2027-01-31
  - rule_id: AIP-OLD-1
    resource: aws_s3_bucket.logs
    reason: old exception
    expires: 2026-11-01
""",
    )
    findings = [
        finding("AIP-AWS-S3-002", 'aws_s3_bucket.training["risk"]'),
        finding("AIP-AWS-S3-002", "aws_s3_bucket.models"),
        finding("AIP-AWS-S3-009", "aws_s3_bucket.logs"),
    ]
    expired = apply_waivers(
        findings, load_waivers(path), {"AIP-AWS-S3-009": {"AIP-AWS-S3-009", "AIP-OLD-1"}}, TODAY
    )
    assert [f.status for f in findings] == ["waived", "fail", "fail"]
    assert findings[0].waiver_reason == "Training data is public research data (RISK-41)"
    assert [w.rule_id for w in expired] == ["AIP-OLD-1"]


def test_alias_ids_keep_old_waivers_working(tmp_path: Path) -> None:
    path = write(tmp_path, "- {rule_id: AIP-OLD-1, resource: '*', reason: renamed rule}\n")
    findings = [finding("AIP-AWS-S3-009", "aws_s3_bucket.logs")]
    apply_waivers(findings, load_waivers(path), {"AIP-AWS-S3-009": {"AIP-AWS-S3-009", "AIP-OLD-1"}}, TODAY)
    assert findings[0].status == "waived"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {rule_id: X, resource: '*'}\n", "`reason` is required"),
        ("- {resource: '*', reason: r}\n", "`rule_id` is required"),
        ("- {rule_id: X, reason: r, expires: someday}\n", "not a date"),
        ("- {rule_id: X, reason: r, owner: me}\n", "unknown key"),
        ("waivers: {a: 1}\n", "expected a list"),
        ("- [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_waiver_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        load_waivers(write(tmp_path, text))
    assert "waivers.yaml" in str(info.value)
