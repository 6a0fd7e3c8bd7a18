"""Reading JSON scan reports (`aipolicy scan ... --format json`) back into typed records.

The coverage report is built from JSON reports rather than from a live `ScanResult`, so that it
can combine scans made elsewhere (a Terraform plan in CI, a cluster audit, an AWS posture scan)
and, later, scans from the history store. The JSON report is the contract (report/json.py); this
module reads it defensively: a file that is not such a report is an error naming the file and the
entry, never a silently empty coverage.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aipolicy.errors import InputError
from aipolicy.inputs import read_bytes
from aipolicy.policy import PolicyMetadata
from aipolicy.redact import redact

_REQUIRED_FINDING_FIELDS = ("rule_id", "severity", "resource_id", "status")


@dataclass(frozen=True)
class ReportFinding:
    """One finding of a JSON report, its scanned-input text already redacted."""

    rule_id: str
    title: str
    severity: str
    category: str
    guidelines: tuple[str, ...]
    resource_id: str
    resource_type: str
    source_kind: str
    file: str | None
    line: int | None
    message: str
    remediation: str
    status: str  # fail | waived
    waiver_reason: str | None = None
    waiver_expires: dt.date | None = None

    @property
    def location(self) -> str:
        if not self.file:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def key(self) -> tuple[str, str]:
        """What identifies "the same problem" from one scan to the next (for trends)."""
        return (self.rule_id, self.resource_id)


@dataclass(frozen=True)
class ExpiredWaiver:
    rule_id: str
    resource: str
    reason: str
    expires: str
    origin: str


@dataclass(frozen=True)
class ReportError:
    source: str
    message: str
    severity: str  # error | info


@dataclass
class ScanReport:
    """A JSON scan report, typed. `evaluated` is None for reports made before it was added."""

    origin: str
    version: str
    source_kind: str
    targets: tuple[str, ...]
    resources_scanned: int
    failed: int
    findings: list[ReportFinding] = field(default_factory=list)
    errors: list[ReportError] = field(default_factory=list)
    expired_waivers: list[ExpiredWaiver] = field(default_factory=list)
    evaluated: dict[str, int] | None = None


def _text(value: Any, default: str = "") -> str:
    return redact(value) if isinstance(value, str) else default


def _date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _finding(raw: Any, where: str) -> ReportFinding:
    if not isinstance(raw, Mapping):
        raise InputError(f"{where}: expected an object")
    missing = [k for k in _REQUIRED_FINDING_FIELDS if not isinstance(raw.get(k), str)]
    if missing:
        raise InputError(f"{where}: lacks {', '.join(missing)} (is this an aipolicy JSON report?)")
    status = raw["status"]
    if status not in ("fail", "waived"):
        raise InputError(f"{where}: status {status!r} is neither fail nor waived")
    guidelines = raw.get("guidelines") or []
    if not isinstance(guidelines, list) or not all(isinstance(g, str) for g in guidelines):
        raise InputError(f"{where}: guidelines must be a list of principle ids")
    source = raw.get("source") if isinstance(raw.get("source"), Mapping) else {}
    assert isinstance(source, Mapping)
    line = source.get("line")
    return ReportFinding(
        rule_id=raw["rule_id"],
        title=_text(raw.get("title"), raw["rule_id"]),
        severity=raw["severity"].upper(),
        category=_text(raw.get("category"), "uncategorised"),
        guidelines=tuple(dict.fromkeys(guidelines)),
        resource_id=redact(raw["resource_id"]),
        resource_type=_text(raw.get("resource_type")),
        source_kind=_text(source.get("kind"), "unknown"),
        file=_text(source.get("file")) or None,
        line=line if isinstance(line, int) and not isinstance(line, bool) else None,
        message=_text(raw.get("message")),
        remediation=_text(raw.get("remediation")),
        status=status,
        waiver_reason=_text(raw.get("waiver_reason")) or None,
        waiver_expires=_date(raw.get("waiver_expires")),
    )


def _evaluated(raw: Any, where: str) -> dict[str, int] | None:
    """`{"AIP-...": {"resources": N}}` (proposed addition to the JSON report); None when absent."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise InputError(f"{where}: `evaluated` must map rule ids to {{resources: N}}")
    out: dict[str, int] = {}
    for rule_id, entry in raw.items():
        count = entry.get("resources") if isinstance(entry, Mapping) else entry
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise InputError(f"{where}: evaluated[{rule_id!r}].resources must be a count")
        out[str(rule_id)] = count
    return out


def parse_report(document: Mapping[str, Any], origin: str) -> ScanReport:
    """A JSON report (as parsed) into a ScanReport; errors name `origin` and the offending entry."""
    if not isinstance(document, Mapping):
        raise InputError(f"{origin}: not an aipolicy JSON report (expected an object)")
    findings = document.get("findings")
    summary = document.get("summary")
    if not isinstance(findings, list) or not isinstance(summary, Mapping):
        raise InputError(
            f"{origin}: not an aipolicy JSON report (needs `findings` and `summary`; "
            "make it with `aipolicy scan ... --format json`)"
        )
    targets = summary.get("targets") if isinstance(summary.get("targets"), list) else []
    assert isinstance(targets, list)
    errors = document.get("errors") if isinstance(document.get("errors"), list) else []
    assert isinstance(errors, list)
    expired = document.get("expired_waivers") if isinstance(document.get("expired_waivers"), list) else []
    assert isinstance(expired, list)
    failed = summary.get("failed")
    resources = summary.get("resources_scanned")
    return ScanReport(
        origin=origin,
        version=_text(document.get("version"), "unknown"),
        source_kind=_text(summary.get("source_kind"), "unknown"),
        targets=tuple(redact(t) for t in targets if isinstance(t, str)),
        resources_scanned=resources if isinstance(resources, int) else 0,
        failed=failed if isinstance(failed, int) else -1,
        findings=[_finding(f, f"{origin}: finding #{i}") for i, f in enumerate(findings, start=1)],
        errors=[
            ReportError(
                _text(e.get("source"), "?"), _text(e.get("message")), _text(e.get("severity"), "error")
            )
            for e in errors
            if isinstance(e, Mapping)
        ],
        expired_waivers=[
            ExpiredWaiver(
                rule_id=_text(w.get("rule_id"), "?"),
                resource=_text(w.get("resource"), "*"),
                reason=_text(w.get("reason")),
                expires=_text(w.get("expires")),
                origin=_text(w.get("origin")),
            )
            for w in expired
            if isinstance(w, Mapping)
        ],
        evaluated=_evaluated(document.get("evaluated"), origin),
    )


def load_report(path: Path) -> ScanReport:
    """Read one `--from REPORT.json` file."""
    raw = read_bytes(path)
    try:
        document = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from None
    return parse_report(document, str(path))


def evaluated_block(
    type_counts: Mapping[str, int], policies: Iterable[PolicyMetadata]
) -> dict[str, dict[str, int]]:
    """The JSON report's proposed `evaluated` block: per policy, how many scanned resources it read.

    `type_counts` is the number of resources per type over the views that were evaluated (errors
    excluded). A policy's count is that of resources of its `resource_types`, zero included, so a
    reader can tell "passed on 6 buckets" from "found no bucket to check".
    """
    return {p.id: {"resources": sum(type_counts.get(t, 0) for t in p.resource_types)} for p in policies}


def as_reports(items: Sequence[ScanReport | Mapping[str, Any]], what: str = "report") -> list[ScanReport]:
    """Accept typed reports or parsed JSON documents (the history store will hand over documents)."""
    out: list[ScanReport] = []
    for index, item in enumerate(items):
        out.append(item if isinstance(item, ScanReport) else parse_report(item, f"{what} #{index + 1}"))
    return out
