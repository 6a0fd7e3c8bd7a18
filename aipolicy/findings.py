"""The domain of a scan's outcome: findings, input errors and the result that reports render."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aipolicy.guidelines import SEVERITIES, severity_rank
from aipolicy.policy import PolicyMetadata


@dataclass(frozen=True)
class SourceLocation:
    kind: str
    file: str | None = None
    line: int | None = None


@dataclass
class Finding:
    """One policy violation by one resource; the JSON report's names are a contract."""

    rule_id: str
    title: str
    severity: str
    category: str
    guidelines: list[str]
    resource_id: str
    resource_type: str
    source: SourceLocation
    message: str
    remediation: str
    status: str = "fail"  # fail | waived
    attribute: str | None = None
    waiver_reason: str | None = None
    waiver_expires: str | None = None

    def sort_key(self) -> tuple[int, str, str, str]:
        return (-severity_rank(self.severity), self.rule_id, self.resource_id, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract's finding, written out by hand: dataclasses.asdict was the slowest part
        of a report with tens of thousands of findings."""
        data: dict[str, Any] = {
            "rule_id": self.rule_id,
            "title": self.title,
            "severity": self.severity,
            "category": self.category,
            "guidelines": list(self.guidelines),
            "resource_id": self.resource_id,
            "resource_type": self.resource_type,
            "source": {"kind": self.source.kind, "file": self.source.file, "line": self.source.line},
            "message": self.message,
            "remediation": self.remediation,
            "status": self.status,
        }
        if self.attribute is not None:
            data["attribute"] = self.attribute
        if self.waiver_reason is not None:
            data["waiver_reason"] = self.waiver_reason
        if self.waiver_expires is not None:
            data["waiver_expires"] = self.waiver_expires
        return data


@dataclass(frozen=True)
class ScanError:
    """Something that could not be read or evaluated. Never counted as a pass."""

    source: str
    message: str
    severity: str = "error"  # error | info
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"source": self.source, "message": self.message, "severity": self.severity}
        data.update(self.detail)
        return data


@dataclass
class ScanResult:
    """Everything a report needs: the findings, what could not be evaluated, and context."""

    findings: list[Finding]
    errors: list[ScanError]
    source_kind: str
    targets: list[str]
    resources_scanned: int
    policies_evaluated: int
    engine: str
    fail_on: str = "HIGH"
    expired_waivers: list[dict[str, Any]] = field(default_factory=list)
    rules: list[PolicyMetadata] = field(default_factory=list)
    # resources of each rule's resource types that were evaluated: the denominator of pass counts
    evaluated: dict[str, int] = field(default_factory=dict)
    # set by --since-last: what changed against the previous stored scan of the same target
    drift: dict[str, Any] | None = None

    @property
    def failing(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "fail"]

    def failing_at_or_above(self, threshold: str) -> list[Finding]:
        rank = severity_rank(threshold)
        return [f for f in self.failing if severity_rank(f.severity) >= rank]

    def summary(self) -> dict[str, Any]:
        by_severity = {s: 0 for s in SEVERITIES}
        for f in self.failing:
            by_severity[f.severity] += 1
        return {
            "source_kind": self.source_kind,
            "targets": self.targets,
            "engine": self.engine,
            "resources_scanned": self.resources_scanned,
            "policies_evaluated": self.policies_evaluated,
            "failed": len(self.failing),
            "waived": sum(1 for f in self.findings if f.status == "waived"),
            "errors": sum(1 for e in self.errors if e.severity == "error"),
            "by_severity": by_severity,
            "fail_on": self.fail_on,
            "blocking": len(self.failing_at_or_above(self.fail_on)),
        }
