"""The coverage of one system against the 17 principles: what the renderers draw, computed once.

A risk owner asks "how do we stand against each principle?", not "what are the 400 findings?".
`build_coverage` answers from JSON scan reports (one or several sources of the same system), the
policy catalogue (which policies serve which principle) and attestations (what configuration
cannot show), and optionally from earlier reports of the same target for a trend.

Honesty rules, because a coverage page is read as a sign-off:
- "met" needs evidence: a check that evaluated at least one resource and found no failure, or a
  valid attestation. No failing findings is not enough on its own: the scans may simply have had
  no resource of the types the checks read. Reports made before the JSON report carried per-rule
  `evaluated` counts cannot tell these apart, and the page says so.
- A failing check is a gap even when an attestation exists: a document does not outweigh the
  configuration that contradicts it.
- An expired attestation does not count, and is shown as expired.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from aipolicy.coverage.attestations import Attestation
from aipolicy.coverage.reports import ExpiredWaiver, ReportError, ReportFinding, ScanReport, as_reports
from aipolicy.guidelines import CATEGORIES, PRINCIPLES, SECTIONS, SEVERITIES, Principle, severity_rank
from aipolicy.policy import PolicyMetadata
from aipolicy.policyset import PolicySet
from aipolicy.redact import redact
from aipolicy.waivers import Waiver, address_glob


class Status(Enum):
    """A principle's standing. `label` is what people read; `symbol` makes it readable without colour."""

    MET = "met"
    GAPS = "gaps"
    NOT_ASSESSED = "not assessed"
    ATTESTATION_REQUIRED = "attestation required"
    ATTESTED = "attested"
    ATTESTATION_EXPIRED = "attestation expired"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]

    @property
    def satisfied(self) -> bool:
        """Counted as met: by passing checks or by a valid attestation."""
        return self in (Status.MET, Status.ATTESTED)

    @property
    def css(self) -> str:
        return self.name.lower().replace("_", "-")


_SYMBOLS = {
    Status.MET: "✔",
    Status.GAPS: "✖",
    Status.NOT_ASSESSED: "?",
    Status.ATTESTATION_REQUIRED: "!",
    Status.ATTESTED: "✎",
    Status.ATTESTATION_EXPIRED: "↻",
}


@dataclass
class PolicyCoverage:
    """One policy's results for one principle, summed over the reports."""

    id: str
    title: str
    severity: str
    category: str
    in_catalogue: bool
    resource_types: tuple[str, ...] = ()
    #: Resources of the policy's types in the scans; None when a report does not say.
    resources: int | None = None
    #: False when every report says which rules ran and none ran this one (skipped, or newer).
    ran: bool = True
    failed_resources: int = 0
    waived_resources: int = 0
    failing_findings: int = 0
    #: Failing/waived resources of the policy's own types (the ones `resources` counts).
    _counted: int = 0

    @property
    def passed(self) -> int | None:
        if self.resources is None:
            return None
        return max(self.resources - self._counted, 0)

    @property
    def assessed(self) -> bool:
        """Evaluated at least one resource (known from counts, or proven by a finding)."""
        return bool(self.resources) or self.failed_resources > 0 or self.waived_resources > 0


@dataclass(frozen=True)
class WaiverInForce:
    rule_id: str
    title: str
    severity: str
    resource_id: str
    reason: str
    expires: dt.date | None


@dataclass(frozen=True)
class AttestationState:
    attestation: Attestation
    expired: bool
    days_left: int


@dataclass
class Trend:
    """How a principle moved since the previous scan of the same target."""

    previous_failing: int
    current_failing: int
    previous_status: Status
    new: list[tuple[str, str]] = field(default_factory=list)
    resolved: list[tuple[str, str]] = field(default_factory=list)

    @property
    def delta(self) -> int:
        return self.current_failing - self.previous_failing

    @property
    def direction(self) -> str:
        """better | worse | unchanged, by failing findings (fewer is better)."""
        if self.delta < 0:
            return "better"
        if self.delta > 0:
            return "worse"
        return "unchanged"

    @property
    def text(self) -> str:
        if self.delta == 0:
            return "= unchanged"
        arrow = "▼" if self.delta < 0 else "▲"
        return f"{arrow} {self.delta:+d} failing ({self.direction})"


@dataclass
class PrincipleCoverage:
    principle: Principle
    status: Status
    reason: str
    policies: list[PolicyCoverage] = field(default_factory=list)
    failing: list[ReportFinding] = field(default_factory=list)
    waived: list[WaiverInForce] = field(default_factory=list)
    expired_waivers: list[ExpiredWaiver] = field(default_factory=list)
    attestations: list[AttestationState] = field(default_factory=list)
    trend: Trend | None = None

    @property
    def id(self) -> str:
        return self.principle.id

    @property
    def anchor(self) -> str:
        return "p-" + self.principle.id.replace("/", "-")

    @property
    def passed(self) -> int | None:
        counts = [p.passed for p in self.policies]
        if any(c is None for c in counts):
            return None
        return sum(c for c in counts if c is not None)

    @property
    def checks(self) -> int | None:
        """Resource checks: per policy, the resources of its types, summed (one resource may count twice)."""
        counts = [p.resources for p in self.policies]
        if any(c is None for c in counts):
            return None
        return sum(c for c in counts if c is not None)

    def failing_by_severity(self) -> dict[str, int]:
        counts = {s: 0 for s in reversed(SEVERITIES)}
        for f in self.failing:
            counts[f.severity] = counts.get(f.severity, 0) + 1
        return counts


@dataclass
class SectionCoverage:
    title: str
    principles: list[PrincipleCoverage]


@dataclass(frozen=True)
class SourceSummary:
    kind: str
    reports: int
    resources_scanned: int
    failing: int


@dataclass
class Coverage:
    """Everything a coverage page shows. Text from reports and attestations is already redacted."""

    title: str
    today: dt.date
    sections: list[SectionCoverage]
    reports: list[ScanReport]
    failing_by_severity: dict[str, int]
    failing_by_category: dict[str, int]
    by_source: list[SourceSummary]
    waived_total: int
    errors: list[tuple[str, ReportError]]
    notes: list[str]
    pass_counts_known: bool
    has_previous: bool = False
    previous_failing: int | None = None

    @property
    def principles(self) -> list[PrincipleCoverage]:
        return [p for s in self.sections for p in s.principles]

    @property
    def failing_total(self) -> int:
        return sum(self.failing_by_severity.values())

    def status_counts(self) -> dict[Status, int]:
        counts = {s: 0 for s in Status}
        for p in self.principles:
            counts[p.status] += 1
        return counts

    @property
    def met(self) -> int:
        return sum(1 for p in self.principles if p.status.satisfied)

    @property
    def gaps(self) -> int:
        return len(self.principles) - self.met

    @property
    def targets(self) -> list[str]:
        return list(dict.fromkeys(t for r in self.reports for t in r.targets))

    def principle(self, principle_id: str) -> PrincipleCoverage:
        for p in self.principles:
            if p.id == principle_id:
                return p
        raise KeyError(principle_id)


def _sort_findings(findings: Iterable[ReportFinding]) -> list[ReportFinding]:
    def key(f: ReportFinding) -> tuple[int, str, str, str]:
        rank = severity_rank(f.severity) if f.severity in SEVERITIES else -1
        return (-rank, f.rule_id, f.resource_id, f.message)

    return sorted(findings, key=key)


def _dedupe(reports: list[ScanReport], notes: list[str]) -> list[ScanReport]:
    """The same report passed twice would double every count: keep the first, say so."""
    seen: dict[tuple[Any, ...], str] = {}
    out: list[ScanReport] = []
    for report in reports:
        key = (
            report.source_kind,
            report.targets,
            report.resources_scanned,
            tuple(sorted((f.rule_id, f.resource_id, f.status, f.message) for f in report.findings)),
        )
        if key in seen and report.targets:
            notes.append(f"{report.origin} repeats {seen[key]} (same target and findings): counted once.")
            continue
        seen[key] = report.origin
        out.append(report)
    return out


def _waiver_expiry(
    finding: ReportFinding, waivers: Sequence[Waiver], aliases: Mapping[str, set[str]]
) -> dt.date | None:
    if finding.waiver_expires is not None:
        return finding.waiver_expires
    ids = aliases.get(finding.rule_id, {finding.rule_id})
    for waiver in waivers:
        if (
            waiver.rule_id in ids
            and address_glob(waiver.resource).fullmatch(finding.resource_id)
            and redact(waiver.reason) == finding.waiver_reason
        ):
            return waiver.expires
    return None


def _policy_rows(
    principle: Principle,
    reports: list[ScanReport],
    catalogue: list[PolicyMetadata],
    by_id: Mapping[str, PolicyMetadata],
) -> list[PolicyCoverage]:
    rows: dict[str, PolicyCoverage] = {}
    every_report_lists_rules = bool(reports) and all(r.evaluated is not None for r in reports)
    for policy in catalogue:
        if principle.id not in policy.guidelines:
            continue
        names = {policy.id, *policy.aliases}
        resources: int | None = 0
        ran = not every_report_lists_rules
        for report in reports:
            if report.evaluated is None:
                resources = None
                continue
            hits = [report.evaluated[n] for n in names if n in report.evaluated]
            if hits:
                ran = True
                if resources is not None:
                    resources += max(hits)
        rows[policy.id] = PolicyCoverage(
            id=policy.id,
            title=policy.title,
            severity=policy.severity,
            category=policy.category,
            in_catalogue=True,
            resource_types=policy.resource_types,
            resources=resources if reports else None,
            ran=ran,
        )
    failed: dict[str, set[tuple[int, str]]] = {}
    waived: dict[str, set[tuple[int, str]]] = {}
    counted: dict[str, set[tuple[int, str]]] = {}
    for index, report in enumerate(reports):
        for f in report.findings:
            if principle.id not in f.guidelines:
                continue
            known = by_id.get(f.rule_id)
            rule_id = known.id if known else f.rule_id
            row = rows.get(rule_id)
            if row is None:  # a policy the catalogue lacks (custom, renamed): trust the report's metadata
                row = rows[rule_id] = PolicyCoverage(
                    id=rule_id, title=f.title, severity=f.severity, category=f.category, in_catalogue=False
                )
            row.ran = True
            resource = (index, f.resource_id)
            if f.status == "fail":
                row.failing_findings += 1
                failed.setdefault(rule_id, set()).add(resource)
            else:
                waived.setdefault(rule_id, set()).add(resource)
            if not row.resource_types or f.resource_type in row.resource_types:
                counted.setdefault(rule_id, set()).add(resource)
    for rule_id, row in rows.items():
        bad = failed.get(rule_id, set())
        row.failed_resources = len(bad)
        row.waived_resources = len(waived.get(rule_id, set()) - bad)
        row._counted = len(counted.get(rule_id, set()))
    # failing first, then those that evaluated something, then the idle ones: what matters on top
    return sorted(rows.values(), key=lambda r: (-r.failed_resources, not r.assessed, r.id))


def _status(
    principle: Principle,
    policies: list[PolicyCoverage],
    failing: int,
    waived: int,
    attestations: list[AttestationState],
    pass_counts_known: bool,
) -> tuple[Status, str]:
    valid = [a for a in attestations if not a.expired]
    attested = f"; attested by {valid[0].attestation.owner}" if valid else ""
    checks = [p for p in policies if p.in_catalogue]
    assessed = [p for p in policies if p.assessed]
    if failing:
        failing_policies = sum(1 for p in policies if p.failing_findings)
        return Status.GAPS, (
            f"{failing} failing finding{'s' if failing != 1 else ''} from {failing_policies} "
            f"of {len(policies)} polic{'y' if len(policies) == 1 else 'ies'}"
            + (" (an attestation does not outweigh failing configuration)" if valid else "")
        )
    if assessed:
        resources = sum(p.resources or 0 for p in assessed)
        what = f"{len(assessed)} of {len(policies)} policies evaluated resources"
        if resources:
            what += f" ({resources} resource{'s' if resources != 1 else ''})"
        if waived:
            what += f"; {waived} finding{'s' if waived != 1 else ''} waived as accepted risk"
        return Status.MET, f"No failing findings: {what}{attested}"
    if valid:
        return Status.ATTESTED, (
            f"Attested by {valid[0].attestation.owner} until {valid[0].attestation.expires.isoformat()}"
        )
    if attestations:
        latest = max(attestations, key=lambda a: a.attestation.expires).attestation
        return Status.ATTESTATION_EXPIRED, (
            f"The attestation by {latest.owner} expired on {latest.expires.isoformat()}: review and renew it"
        )
    if principle.attestation_only or not checks:
        return Status.ATTESTATION_REQUIRED, (
            "Configuration cannot show this principle: add an attestation with its evidence"
        )
    if not pass_counts_known:
        return Status.NOT_ASSESSED, (
            f"No failing findings from its {len(checks)} polic{'y' if len(checks) == 1 else 'ies'}, "
            "but the reports do not say whether any resource was evaluated "
            "(no per-rule `evaluated` counts): attest it or re-scan"
        )
    return Status.NOT_ASSESSED, (
        f"None of the resource types its {len(checks)} polic{'y' if len(checks) == 1 else 'ies'} "
        "check was in the scans: "
        "scan the resources that serve it, or attest it"
    )


def _attestation_states(
    attestations: Sequence[Attestation], today: dt.date
) -> dict[str, list[AttestationState]]:
    out: dict[str, list[AttestationState]] = {}
    for a in sorted(attestations, key=lambda a: (a.expires, a.date), reverse=True):
        safe = Attestation(
            principle=a.principle,
            statement=redact(a.statement),
            owner=redact(a.owner),
            evidence=redact(a.evidence),
            date=a.date,
            expires=a.expires,
            origin=redact(a.origin),
        )
        out.setdefault(a.principle, []).append(
            AttestationState(safe, a.expired(today), (a.expires - today).days)
        )
    return out


def build_coverage(
    reports: Sequence[ScanReport | Mapping[str, Any]],
    policies: PolicySet,
    attestations: Sequence[Attestation] = (),
    today: dt.date | None = None,
    *,
    previous: Sequence[ScanReport | Mapping[str, Any]] | None = None,
    waivers: Sequence[Waiver] = (),
    title: str = "",
) -> Coverage:
    """The coverage of the system the `reports` describe, principle by principle.

    `reports`: JSON reports (`aipolicy scan ... --format json`, parsed, or `load_report` results)
    of the same system, e.g. its Terraform plan, its cluster and its AWS account. `policies`: the
    catalogue (`load_policy_set(...)`) that says which policies serve each principle. `previous`:
    earlier reports of the same target(s), for the trend (the history store will supply them).
    `waivers`: the waivers file, only to show expiry dates when a report predates `waiver_expires`.
    """
    today = today or dt.date.today()
    notes: list[str] = []
    typed = _dedupe(as_reports(reports), notes)
    catalogue = sorted(policies.policies, key=lambda p: p.id)
    by_id = policies.by_id()
    aliases = {p.id: {p.id, *p.aliases} for p in catalogue}
    pass_counts_known = bool(typed) and all(r.evaluated is not None for r in typed)
    if typed and not pass_counts_known:
        lacking = [r.origin for r in typed if r.evaluated is None]
        notes.append(
            f"{', '.join(lacking)} {'does' if len(lacking) == 1 else 'do'} not list how many resources each "
            "policy evaluated, so pass counts are unknown and a principle without failures shows as "
            "“not assessed” rather than “met”."
        )
    if not typed:
        notes.append("No scan report was given: only attestations can show a principle as met.")
    states = _attestation_states(attestations, today)
    all_findings = [f for r in typed for f in r.findings]
    known = {p.id for p in PRINCIPLES}
    unmapped = [f for f in all_findings if not set(f.guidelines) & known]
    if unmapped:
        notes.append(
            f"{len(unmapped)} finding(s) name no principle of the guidelines (custom policies?): "
            "counted in the totals, not under any principle "
            f"({', '.join(sorted({f.rule_id for f in unmapped}))})."
        )
    sections: list[SectionCoverage] = []
    for section in SECTIONS.values():
        rows: list[PrincipleCoverage] = []
        for principle in (p for p in PRINCIPLES if p.section == section):
            mine = [f for f in all_findings if principle.id in f.guidelines]
            failing = _sort_findings(f for f in mine if f.status == "fail")
            waived = [
                WaiverInForce(
                    rule_id=f.rule_id,
                    title=f.title,
                    severity=f.severity,
                    resource_id=f.resource_id,
                    reason=f.waiver_reason or "no reason given",
                    expires=_waiver_expiry(f, waivers, aliases),
                )
                for f in _sort_findings(f for f in mine if f.status == "waived")
            ]
            policy_rows = _policy_rows(principle, typed, catalogue, by_id)
            serving = {n for p in policy_rows for n in ({p.id} | aliases.get(p.id, set()))}
            expired = [w for r in typed for w in r.expired_waivers if w.rule_id in serving]
            attested = states.get(principle.id, [])
            status, reason = _status(
                principle, policy_rows, len(failing), len(waived), attested, pass_counts_known
            )
            rows.append(
                PrincipleCoverage(
                    principle=principle,
                    status=status,
                    reason=reason,
                    policies=policy_rows,
                    failing=failing,
                    waived=waived,
                    expired_waivers=expired,
                    attestations=attested,
                )
            )
        sections.append(SectionCoverage(section, rows))

    failing_all = [f for f in all_findings if f.status == "fail"]
    by_severity = {s: 0 for s in reversed(SEVERITIES)}
    by_category = dict.fromkeys(CATEGORIES, 0)
    for f in failing_all:
        by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
        by_category[f.category] = by_category.get(f.category, 0) + 1
    kinds: dict[str, list[ScanReport]] = {}
    for r in typed:
        kinds.setdefault(r.source_kind, []).append(r)
    by_source = [
        SourceSummary(
            kind=kind,
            reports=len(group),
            resources_scanned=sum(r.resources_scanned for r in group),
            failing=sum(1 for r in group for f in r.findings if f.status == "fail"),
        )
        for kind, group in sorted(kinds.items())
    ]
    coverage = Coverage(
        title=redact(title) if title else "",
        today=today,
        sections=sections,
        reports=typed,
        failing_by_severity=by_severity,
        failing_by_category=by_category,
        by_source=by_source,
        waived_total=sum(1 for f in all_findings if f.status == "waived"),
        errors=[(r.origin, e) for r in typed for e in r.errors],
        notes=notes,
        pass_counts_known=pass_counts_known,
    )
    if previous is not None:
        _add_trend(coverage, build_coverage(previous, policies, attestations, today, waivers=waivers))
    return coverage


def _add_trend(current: Coverage, before: Coverage) -> None:
    current.has_previous = True
    current.previous_failing = before.failing_total
    for now, then in zip(current.principles, before.principles, strict=True):
        now_keys = {f.key for f in now.failing}
        then_keys = {f.key for f in then.failing}
        now.trend = Trend(
            previous_failing=len(then.failing),
            current_failing=len(now.failing),
            previous_status=then.status,
            new=sorted(now_keys - then_keys),
            resolved=sorted(then_keys - now_keys),
        )
