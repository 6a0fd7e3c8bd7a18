from __future__ import annotations

import importlib.metadata
import json

import pytest

from aipolicy.findings import ScanResult
from aipolicy.report.json import JsonReporter

FINDING_KEYS = {
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
}


def test_top_level_contract(scan_result: ScanResult) -> None:
    doc = json.loads(JsonReporter().render(scan_result))
    assert set(doc) == {"version", "summary", "findings", "errors", "expired_waivers", "evaluated"}
    assert isinstance(doc["version"], str) and doc["version"]
    assert doc["summary"] == scan_result.summary()
    assert doc["expired_waivers"] == scan_result.expired_waivers
    assert [e["severity"] for e in doc["errors"]] == ["error", "info"]
    assert set(doc["errors"][1]) == {"source", "message", "severity"}


def test_finding_contract(scan_result: ScanResult) -> None:
    findings = json.loads(JsonReporter().render(scan_result))["findings"]
    assert len(findings) == 4
    by_resource = {f["resource_id"]: f for f in findings}
    research = by_resource["aws_sagemaker_notebook_instance.research"]
    assert set(research) == FINDING_KEYS | {"attribute"}
    assert research["source"] == {"kind": "terraform", "file": "ml/main.tf", "line": 12}
    assert research["guidelines"] == ["deployment/infrastructure", "design/secure-by-design"]
    sandbox = by_resource["aws_sagemaker_notebook_instance.sandbox"]
    assert set(sandbox) == FINDING_KEYS | {"waiver_reason"}
    assert sandbox["status"] == "waived"
    assert set(by_resource["aws_s3_bucket.models"]) == FINDING_KEYS
    assert by_resource["ml/Deployment/model-server"]["source"] == {
        "kind": "cluster",
        "file": None,
        "line": None,
    }


def test_findings_are_ordered_most_severe_first(scan_result: ScanResult) -> None:
    findings = json.loads(JsonReporter().render(scan_result))["findings"]
    assert [f["severity"] for f in findings] == ["CRITICAL", "HIGH", "HIGH", "MEDIUM"]


def test_version_falls_back_when_not_installed(
    scan_result: ScanResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert json.loads(JsonReporter().render(scan_result))["version"] == "0+unknown"


def test_empty_result(clean_result: ScanResult) -> None:
    doc = json.loads(JsonReporter().render(clean_result))
    assert doc["findings"] == [] and doc["errors"] == [] and doc["expired_waivers"] == []
    assert doc["summary"]["failed"] == 0
