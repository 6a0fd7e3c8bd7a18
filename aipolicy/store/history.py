"""History operations the CLI composes: record a scan (optionally as drift), show one, diff two."""

from __future__ import annotations

from aipolicy.errors import AipolicyError
from aipolicy.findings import ScanResult
from aipolicy.store.interface import Diff, StoredScan
from aipolicy.store.sql import SqlStore


def record(store: SqlStore, result: ScanResult, *, since_last: bool = False) -> int:
    """Store the full scan; with since_last, narrow the result to what changed since the previous one."""
    scan_id = store.save(result)
    if since_last:
        new = store.get(scan_id)
        drift = Diff.between(store.previous(new), new)
        changed = {(f.rule_id, f.resource_id) for f in drift.new_failures}
        result.findings = [f for f in result.findings if (f.rule_id, f.resource_id) in changed]
        result.drift = {
            "previous_scan": drift.old.id if drift.old else None,
            "scan": scan_id,
            "new": len(drift.new_failures),
            "fixed": [{"rule_id": f.rule_id, "resource_id": f.resource_id} for f in drift.fixed],
            "still_failing": len(drift.still_failing),
        }
    return scan_id


def as_result(scan: StoredScan) -> ScanResult:
    """A stored scan as a ScanResult, so every report format renders history too."""
    from aipolicy.findings import ScanError
    from aipolicy.policyset import load_policy_set

    summary = scan.summary
    known = {p.id: p for p in load_policy_set().policies}
    return ScanResult(
        findings=scan.findings,
        errors=[
            ScanError(
                e.get("source", ""),
                e.get("message", ""),
                e.get("severity", "error"),
                {k: v for k, v in e.items() if k not in ("source", "message", "severity")},
            )
            for e in scan.errors
        ],
        source_kind=scan.source_kind,
        targets=list(summary.get("targets") or [scan.target]),
        resources_scanned=int(summary.get("resources_scanned", 0)),
        policies_evaluated=int(summary.get("policies_evaluated", 0)),
        engine=scan.engine,
        fail_on=str(summary.get("fail_on", "HIGH")),
        rules=[known[r] for r in sorted({f.rule_id for f in scan.findings}) if r in known],
        evaluated={str(k): int(v) for k, v in (summary.get("evaluated") or {}).items()},
    )


def diff_scans(store: SqlStore, old: int | None, new: int | None, target: str | None) -> Diff:
    """Resolve the scans to compare: explicit ids, or the latest (of a target) and its predecessor."""
    if new is None and old is not None:
        raise AipolicyError("history diff: give both OLD and NEW, or neither")
    newer = store.get(new) if new is not None else store.latest(target)
    if newer is None:
        raise AipolicyError("history diff: the history is empty")
    older = store.get(old) if old is not None else store.previous(newer)
    return Diff.between(older, newer)
