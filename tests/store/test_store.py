"""The history store on SQLite and on a real PostgreSQL: round trips, drift, and concurrent writers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aipolicy.findings import Finding, ScanError, ScanResult, SourceLocation
from aipolicy.store import Diff, open_store
from aipolicy.store.sql import redact_url


def finding(rule: str, resource: str, status: str = "fail") -> Finding:
    return Finding(
        rule_id=rule,
        title="title",
        severity="HIGH",
        category="encryption",
        guidelines=["deployment/model-protection"],
        resource_id=resource,
        resource_type="aws_s3_bucket",
        source=SourceLocation("aws", "aws:111122223333", None),
        message="bucket is not encrypted",
        remediation="encrypt it",
        status=status,
    )


def result(findings: list[Finding], target: str = "aws:111122223333") -> ScanResult:
    return ScanResult(
        findings=findings,
        errors=[
            ScanError(
                "aws:111122223333", "AccessDenied on s3:GetBucketPolicy", detail={"region": "eu-west-1"}
            )
        ],
        source_kind="aws",
        targets=[target],
        resources_scanned=3,
        policies_evaluated=5,
        engine="embedded",
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'history.db'}"
    url: str = request.getfixturevalue("postgres_url")
    # a fresh schema per test would need DDL rights juggling: isolate by target name instead
    return url


def test_round_trip_and_drift(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    target = f"aws:{tmp_path.name}"
    first = store.save(
        result([finding("R1", "b1"), finding("R2", "b2"), finding("R3", "b3", "waived")], target)
    )
    second = store.save(result([finding("R2", "b2"), finding("R1", "b4")], target))
    scans = store.list(f"aws:{target}")
    assert [s.id for s in scans] == [second, first]
    loaded = store.get(first)
    assert {(f.rule_id, f.resource_id, f.status) for f in loaded.findings} == {
        ("R1", "b1", "fail"),
        ("R2", "b2", "fail"),
        ("R3", "b3", "waived"),
    }
    assert loaded.errors[0]["region"] == "eu-west-1"
    assert loaded.summary["failed"] == 2
    newest = store.get(second)
    previous = store.previous(newest)
    assert previous is not None and previous.id == first
    diff = Diff.between(previous, newest)
    assert [(f.rule_id, f.resource_id) for f in diff.new_failures] == [("R1", "b4")]
    assert [(f.rule_id, f.resource_id) for f in diff.fixed] == [("R1", "b1")]
    assert [(f.rule_id, f.resource_id) for f in diff.still_failing] == [("R2", "b2")]
    store.close()


def test_first_scan_has_no_previous(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'h.db'}")
    scan = store.get(store.save(result([finding("R1", "b1")])))
    assert store.previous(scan) is None
    assert [f.resource_id for f in Diff.between(None, scan).new_failures] == ["b1"]


def test_unknown_scan_is_a_clear_error(tmp_path: Path) -> None:
    from aipolicy.errors import AipolicyError

    with pytest.raises(AipolicyError, match="no scan 999"):
        open_store(f"sqlite:///{tmp_path / 'h.db'}").get(999)


def test_password_is_never_shown() -> None:
    assert (
        redact_url("postgresql+psycopg://scan:s3cr3t@db:5432/aipolicy")
        == "postgresql+psycopg://scan:***@db:5432/aipolicy"
    )


WRITER = """
import sys
from aipolicy.findings import Finding, ScanResult, SourceLocation
from aipolicy.store import open_store
url, worker = sys.argv[1], sys.argv[2]
store = open_store(url)
for scan in range(5):
    findings = [
        Finding("R%d" % (i % 7), "t", "HIGH", "encryption", ["deployment/model-protection"],
                "arn:aws:s3:::w%s-s%d-b%d" % (worker, scan, i), "aws_s3_bucket",
                SourceLocation("aws", "aws:1", None), "m", "r")
        for i in range(200)
    ]
    store.save(ScanResult(findings, [], "aws", ["concurrency-" + worker], 200, 7, "embedded"))
"""


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_concurrent_writers_lose_nothing(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = (
        request.getfixturevalue("postgres_url")
        if backend == "postgresql"
        else f"sqlite:///{tmp_path / 'c.db'}"
    )
    open_store(url).close()  # create the schema once, as a deployment would
    workers = [
        subprocess.Popen([sys.executable, "-c", WRITER, url, f"{tmp_path.name}-{n}"]) for n in range(4)
    ]
    assert [w.wait(timeout=300) for w in workers] == [0, 0, 0, 0]
    store = open_store(url)
    for n in range(4):
        scans = store.list(f"aws:concurrency-{tmp_path.name}-{n}", limit=100)
        assert len(scans) == 5
        assert all(store.count_findings(s.id) == 200 for s in scans)
