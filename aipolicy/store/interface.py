"""What the history holds: stored scans and the drift between two of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aipolicy.findings import Finding


@dataclass
class StoredScan:
    """A scan as recorded: when, what target, its summary, its findings and errors."""

    id: int
    target: str
    source_kind: str
    engine: str
    started_at: str
    version: str
    summary: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def failing_keys(self) -> dict[tuple[str, str], Finding]:
        return {(f.rule_id, f.resource_id): f for f in self.findings if f.status == "fail"}


@dataclass
class Diff:
    """Drift between two scans of a target, per rule and resource."""

    old: StoredScan | None
    new: StoredScan
    new_failures: list[Finding]
    fixed: list[Finding]
    still_failing: list[Finding]

    @classmethod
    def between(cls, old: StoredScan | None, new: StoredScan) -> Diff:
        before = old.failing_keys() if old else {}
        after = new.failing_keys()
        return cls(
            old=old,
            new=new,
            new_failures=[after[k] for k in sorted(after.keys() - before.keys())],
            fixed=[before[k] for k in sorted(before.keys() - after.keys())],
            still_failing=[after[k] for k in sorted(after.keys() & before.keys())],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_scan": self.old.id if self.old else None,
            "new_scan": self.new.id,
            "target": self.new.target,
            "new": [f.to_dict() for f in self.new_failures],
            "fixed": [f.to_dict() for f in self.fixed],
            "still_failing": [f.to_dict() for f in self.still_failing],
        }
