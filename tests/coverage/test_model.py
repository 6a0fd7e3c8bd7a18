"""The coverage model: statuses, counts that agree with the JSON reports, waivers, trend, honesty rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from aipolicy.coverage import Attestation, Status, build_coverage, load_report
from aipolicy.coverage.reports import parse_report
from aipolicy.errors import InputError
from aipolicy.guidelines import PRINCIPLES, SEVERITIES
from aipolicy.policy import PolicyMetadata
from aipolicy.policyset import PolicySet
from aipolicy.waivers import Waiver
from tests.coverage.conftest import STACKS, example_report

TODAY = dt.date(2026, 11, 26)


def policy(pid: str, guidelines: tuple[str, ...], types: tuple[str, ...], **kw: Any) -> PolicyMetadata:
    fields: dict[str, Any] = {
        "id": pid,
        "title": f"Title of {pid}",
        "description": "d",
        "severity": "HIGH",
        "category": "encryption",
        "guidelines": guidelines,
        "resource_types": types,
        "remediation": f"Fix {pid}.",
        "package": f"p.{pid.lower().replace('-', '_')}",
        "path": Path(f"{pid}/policy.rego"),
    }
    fields.update(kw)
    return PolicyMetadata(**fields)


SMALL = PolicySet(
    [
        policy("AIP-T-001", ("deployment/model-protection",), ("aws_s3_bucket",), aliases=("AIP-OLD-001",)),
        policy("AIP-T-002", ("deployment/model-protection", "development/assets"), ("aws_s3_bucket",)),
        policy("AIP-T-003", ("operation/monitor-inputs",), ("aws_sagemaker_endpoint",), severity="MEDIUM"),
        policy("AIP-T-004", ("design/threat-model",), ("aws_sagemaker_model",), severity="LOW"),
    ]
)


def finding(rule: str, resource: str, guidelines: list[str], **kw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule_id": rule,
        "title": f"Title of {rule}",
        "severity": "HIGH",
        "category": "encryption",
        "guidelines": guidelines,
        "resource_id": resource,
        "resource_type": "aws_s3_bucket",
        "source": {"kind": "plan", "file": "main.tf", "line": 3},
        "message": "m",
        "remediation": "r",
        "status": "fail",
    }
    data.update(kw)
    return data


def report(
    findings: list[dict[str, Any]], evaluated: dict[str, int] | None = None, **kw: Any
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "version": "0.1.0",
        "summary": {
            "source_kind": kw.pop("kind", "plan"),
            "targets": kw.pop("targets", ["stack/tfplan.json"]),
            "resources_scanned": 5,
            "failed": sum(1 for f in findings if f["status"] == "fail"),
        },
        "findings": findings,
        "errors": kw.pop("errors", []),
        "expired_waivers": kw.pop("expired_waivers", []),
    }
    if evaluated is not None:
        doc["evaluated"] = {k: {"resources": v} for k, v in evaluated.items()}
    return doc


def attestation(principle: str, expires: dt.date, **kw: Any) -> Attestation:
    return Attestation(
        principle=principle,
        statement=kw.get("statement", "We did it."),
        owner=kw.get("owner", "CISO"),
        evidence=kw.get("evidence", "docs/evidence.md"),
        date=expires - dt.timedelta(days=365),
        expires=expires,
    )


EVALUATED = {"AIP-T-001": 3, "AIP-T-002": 3, "AIP-T-003": 0, "AIP-T-004": 0}


def test_all_17_principles_in_order_grouped_by_section() -> None:
    cov = build_coverage([report([], EVALUATED)], SMALL, today=TODAY)
    assert [p.id for p in cov.principles] == [p.id for p in PRINCIPLES]
    assert [s.title for s in cov.sections] == [
        "1 Secure design",
        "2 Secure development",
        "3 Secure deployment",
        "4 Secure operation and maintenance",
    ]


def test_each_status_and_why() -> None:
    findings = [finding("AIP-T-001", "aws_s3_bucket.a", ["deployment/model-protection"])]
    atts = [
        attestation("design/awareness", TODAY + dt.timedelta(days=30)),
        attestation("operation/lessons-learned", TODAY - dt.timedelta(days=1), owner="IR lead"),
        attestation("deployment/model-protection", TODAY + dt.timedelta(days=30)),
    ]
    cov = build_coverage([report(findings, EVALUATED)], SMALL, atts, TODAY)
    status = {p.id: p.status for p in cov.principles}
    assert status["deployment/model-protection"] is Status.GAPS  # failing config beats an attestation
    assert "does not outweigh" in cov.principle("deployment/model-protection").reason
    assert status["development/assets"] is Status.MET  # AIP-T-002 read 3 buckets, none failed
    assert status["operation/monitor-inputs"] is Status.NOT_ASSESSED  # no endpoint in the scan
    assert "None of the resource types its 1 policy check" in cov.principle("operation/monitor-inputs").reason
    assert status["design/awareness"] is Status.ATTESTED
    assert status["operation/lessons-learned"] is Status.ATTESTATION_EXPIRED
    assert "expired on 2026-11-25" in cov.principle("operation/lessons-learned").reason
    assert status["design/model-selection"] is Status.ATTESTATION_REQUIRED  # no policy, no attestation
    assert status["deployment/infrastructure"] is Status.ATTESTATION_REQUIRED  # no policy in this catalogue
    assert cov.met == 2 and cov.gaps == 15


def test_attestation_is_valid_on_its_expiry_date() -> None:
    cov = build_coverage([], SMALL, [attestation("design/awareness", TODAY)], TODAY)
    assert cov.principle("design/awareness").status is Status.ATTESTED
    assert cov.principle("design/awareness").attestations[0].days_left == 0
    assert "No scan report was given" in cov.notes[0]


def test_pass_and_fail_counts_per_policy() -> None:
    findings = [
        finding("AIP-T-001", "aws_s3_bucket.a", ["deployment/model-protection"]),
        finding("AIP-T-001", "aws_s3_bucket.a", ["deployment/model-protection"], message="second problem"),
        finding(
            "AIP-OLD-001",
            "aws_s3_bucket.b",
            ["deployment/model-protection"],
            status="waived",
            waiver_reason="sandbox",
            waiver_expires="2027-01-31",
        ),
    ]
    cov = build_coverage([report(findings, EVALUATED)], SMALL, today=TODAY)
    p = cov.principle("deployment/model-protection")
    row = next(r for r in p.policies if r.id == "AIP-T-001")  # the alias joined its policy
    assert (row.resources, row.passed, row.failed_resources, row.waived_resources) == (3, 1, 1, 1)
    assert row.failing_findings == 2 and len(p.failing) == 2
    assert p.policies[0].id == "AIP-T-001"  # failing policies first
    assert p.checks == 6 and p.passed == 4
    assert p.waived[0].reason == "sandbox" and p.waived[0].expires == dt.date(2027, 1, 31)


def test_waiver_expiry_from_the_waivers_file_when_the_report_lacks_it() -> None:
    findings = [
        finding(
            "AIP-T-002",
            "aws_s3_bucket.b",
            ["development/assets"],
            status="waived",
            waiver_reason="accepted by CISO",
        )
    ]
    waivers = [Waiver("AIP-T-002", "aws_s3_bucket.*", "accepted by CISO", dt.date(2027, 3, 1), "w.yaml#1")]
    cov = build_coverage([report(findings, EVALUATED)], SMALL, today=TODAY, waivers=waivers)
    p = cov.principle("development/assets")
    assert p.status is Status.MET and "1 finding waived" in p.reason
    assert p.waived[0].expires == dt.date(2027, 3, 1)
    assert (
        build_coverage([report(findings, EVALUATED)], SMALL, today=TODAY)
        .principle("development/assets")
        .waived[0]
        .expires
        is None
    )


def test_expired_waivers_show_under_the_principles_of_their_policy() -> None:
    expired = [
        {"rule_id": "AIP-T-003", "resource": "*", "reason": "old", "expires": "2026-01-01", "origin": "w#1"}
    ]
    cov = build_coverage([report([], EVALUATED, expired_waivers=expired)], SMALL, today=TODAY)
    assert [w.reason for w in cov.principle("operation/monitor-inputs").expired_waivers] == ["old"]
    assert cov.principle("development/assets").expired_waivers == []


def test_without_evaluated_counts_no_failure_is_not_called_met() -> None:
    findings = [finding("AIP-T-001", "aws_s3_bucket.a", ["deployment/model-protection"])]
    cov = build_coverage([report(findings)], SMALL, today=TODAY)
    assert not cov.pass_counts_known
    assert any("pass counts are unknown" in n for n in cov.notes)
    assert cov.principle("deployment/model-protection").status is Status.GAPS
    assert cov.principle("deployment/model-protection").passed is None
    assert cov.principle("development/assets").status is Status.NOT_ASSESSED
    assert "do not say whether any resource was evaluated" in cov.principle("development/assets").reason


def test_policy_not_run_and_policy_unknown_to_the_catalogue() -> None:
    findings = [finding("CUSTOM-001", "aws_s3_bucket.a", ["development/assets"], title="Custom check")]
    evaluated = {k: v for k, v in EVALUATED.items() if k != "AIP-T-002"}
    cov = build_coverage([report(findings, evaluated)], SMALL, today=TODAY)
    rows = {r.id: r for r in cov.principle("development/assets").policies}
    assert rows["AIP-T-002"].ran is False
    assert rows["CUSTOM-001"].in_catalogue is False and rows["CUSTOM-001"].title == "Custom check"


def test_findings_of_no_known_principle_are_noted_not_lost() -> None:
    cov = build_coverage([report([finding("X-1", "r", ["design/typo"])], EVALUATED)], SMALL, today=TODAY)
    assert cov.failing_total == 1 and any("X-1" in n for n in cov.notes)


def test_several_sources_add_up_and_a_repeated_report_counts_once() -> None:
    plan = report([finding("AIP-T-001", "aws_s3_bucket.a", ["deployment/model-protection"])], EVALUATED)
    cluster = report(
        [finding("AIP-T-003", "ns/Deployment/x", ["operation/monitor-inputs"], source={"kind": "cluster"})],
        {"AIP-T-001": 0, "AIP-T-002": 0, "AIP-T-003": 2, "AIP-T-004": 0},
        kind="cluster",
        targets=["prod-cluster"],
    )
    cov = build_coverage([plan, cluster, plan], SMALL, today=TODAY)
    assert cov.failing_total == 2
    assert {s.kind: (s.reports, s.failing) for s in cov.by_source} == {"cluster": (1, 1), "plan": (1, 1)}
    assert any("report #3 repeats report #1" in n for n in cov.notes)
    assert cov.principle("deployment/model-protection").policies[0].resources == 3
    assert cov.principle("operation/monitor-inputs").policies[0].resources == 2


def test_report_errors_are_carried() -> None:
    errors = [{"source": "broken.json", "message": "not JSON", "severity": "error"}]
    cov = build_coverage([report([], EVALUATED, errors=errors)], SMALL, today=TODAY)
    assert cov.errors[0][1].message == "not JSON"


def test_trend_per_principle() -> None:
    before = report(
        [
            finding("AIP-T-001", "aws_s3_bucket.a", ["deployment/model-protection"]),
            finding("AIP-T-001", "aws_s3_bucket.b", ["deployment/model-protection"]),
        ],
        EVALUATED,
    )
    after = report(
        [
            finding("AIP-T-001", "aws_s3_bucket.b", ["deployment/model-protection"]),
            finding("AIP-T-002", "aws_s3_bucket.c", ["deployment/model-protection", "development/assets"]),
            finding("AIP-T-002", "aws_s3_bucket.d", ["deployment/model-protection", "development/assets"]),
        ],
        EVALUATED,
    )
    cov = build_coverage([after], SMALL, today=TODAY, previous=[before])
    assert cov.has_previous and cov.previous_failing == 2
    protection = cov.principle("deployment/model-protection").trend
    assert protection is not None
    assert (protection.delta, protection.direction) == (1, "worse")
    assert protection.resolved == [("AIP-T-001", "aws_s3_bucket.a")]
    assert len(protection.new) == 2
    assets = cov.principle("development/assets").trend
    assert (
        assets is not None and assets.previous_status is Status.MET and assets.text == "▲ +2 failing (worse)"
    )
    better = (
        build_coverage([before], SMALL, today=TODAY, previous=[after]).principle("development/assets").trend
    )
    assert better is not None and better.direction == "better" and better.text.startswith("▼ -2")


def test_text_from_reports_and_attestations_is_redacted() -> None:
    secret = "AKIA" + "Z7QTESTONLY4EXMP"
    findings = [
        finding(
            "AIP-T-001",
            f"aws_s3_bucket.{secret}",
            ["deployment/model-protection"],
            message=f"password = {secret}x",
        )
    ]
    atts = [attestation("design/awareness", TODAY, statement=f"key {secret}", owner=f"token: {secret}")]
    cov = build_coverage([report(findings, EVALUATED)], SMALL, atts, TODAY)
    bad = cov.principle("deployment/model-protection").failing[0]
    att = cov.principle("design/awareness").attestations[0].attestation
    for text in (bad.resource_id, bad.message, att.statement, att.owner):
        assert secret not in text and "[REDACTED]" in text


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "not an aipolicy JSON report"),
        ({"findings": []}, "needs `findings` and `summary`"),
        ({"summary": {}, "findings": [{"rule_id": "X"}]}, "finding #1: lacks severity, resource_id, status"),
        ({"summary": {}, "findings": [finding("X", "r", [], status="maybe")]}, "neither fail nor waived"),
        ({"summary": {}, "findings": [], "evaluated": {"X": {"resources": -1}}}, "must be a count"),
    ],
)
def test_malformed_reports_are_named(document: Any, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        parse_report(document, "scan.json")
    assert str(caught.value).startswith("scan.json")


def test_load_report_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text("{not json")
    with pytest.raises(InputError, match=r"r\.json: not valid JSON"):
        load_report(path)


@pytest.mark.parametrize("stack", STACKS)
@pytest.mark.parametrize("variant", ["insecure", "hardened"])
def test_counts_agree_with_the_json_report(stack: str, variant: str, policies: PolicySet) -> None:
    doc = example_report(stack, variant)
    cov = build_coverage([doc], policies, today=TODAY)
    summary = doc["summary"]
    assert cov.failing_total == summary["failed"]
    assert cov.failing_by_severity == {s: summary["by_severity"][s] for s in reversed(SEVERITIES)}
    assert sum(cov.failing_by_category.values()) == summary["failed"]
    for p in cov.principles:
        expected = [f for f in doc["findings"] if f["status"] == "fail" and p.id in f["guidelines"]]
        assert len(p.failing) == len(expected), p.id
        for row in p.policies:
            failing = {f["resource_id"] for f in expected if f["rule_id"] == row.id}
            assert row.failed_resources == len(failing)
            # a scan evaluates only its provider's policies: the others evaluated no resource
            assert row.resources == doc["evaluated"].get(row.id, {"resources": 0})["resources"]
            assert row.passed is not None and row.resources is not None
            assert 0 <= row.passed <= row.resources
        assert (p.status is Status.GAPS) == bool(expected)
    unserved = {p.id for p in PRINCIPLES} - {g for pol in policies.policies for g in pol.guidelines}
    attestation_only = {p.id for p in PRINCIPLES if p.attestation_only}
    required = {p.id for p in cov.principles if p.status is Status.ATTESTATION_REQUIRED}
    assert unserved <= required <= unserved | attestation_only
    if variant == "hardened":
        insecure = build_coverage([example_report(stack, "insecure")], policies, today=TODAY)
        assert cov.failing_total < insecure.failing_total
        assert cov.met > insecure.met  # hardening shows as principles evidenced


def test_hardened_after_insecure_is_better_everywhere(policies: PolicySet) -> None:
    stack = STACKS[0]
    cov = build_coverage(
        [example_report(stack, "hardened")],
        policies,
        today=TODAY,
        previous=[example_report(stack, "insecure")],
    )
    trends = [p.trend for p in cov.principles]
    assert all(t is not None for t in trends)
    assert cov.previous_failing is not None and cov.failing_total < cov.previous_failing
    assert sum(1 for t in trends if t and t.direction == "better") >= 5
    assert sum(t.delta for t in trends if t) == sum(len(p.failing) for p in cov.principles) - sum(
        t.previous_failing for t in trends if t
    )
