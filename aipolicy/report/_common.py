"""Pieces several formats share: redaction of a result, grouping by guideline, the summary line."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata

from aipolicy.findings import Finding, ScanError, ScanResult
from aipolicy.guidelines import PRINCIPLES, PRINCIPLES_BY_ID, SECTIONS, SEVERITIES
from aipolicy.redact import redact, redact_data

DIST_NAME = "aipolicy"
UNKNOWN_VERSION = "0+unknown"
# Used when the installed distribution declares no home page (or is not installed at all).
FALLBACK_INFORMATION_URI = "https://pypi.org/project/aipolicy/"

OTHER_SECTION = "Other guidelines"
UNMAPPED_SECTION = "Not mapped to a guideline"
UNMAPPED_PRINCIPLE = "(none)"

_PRINCIPLE_ORDER = {p.id: i for i, p in enumerate(PRINCIPLES)}
_SECTION_ORDER = {title: i for i, title in enumerate(SECTIONS.values())}


def tool_version() -> str:
    """The installed aipolicy version, or a PEP 440 placeholder when run from a source tree."""
    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:
        return UNKNOWN_VERSION


def information_uri() -> str:
    """The project's home page from the installed metadata (`Project-URL: Homepage, ...`)."""
    try:
        urls: list[str] = [str(u) for u in metadata.metadata(DIST_NAME).get_all("Project-URL") or []]
    except metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"homepage", "home", "source", "repository"} and url.strip():
            return url.strip()
    return FALLBACK_INFORMATION_URI


def redacted_finding(finding: Finding) -> Finding:
    """`finding` with its scanned-input strings redacted: a copy when something was masked, else the
    finding itself (copying tens of thousands of findings that hold no secret was a tenth of a
    large scan)."""
    resource_id = redact(finding.resource_id)
    message = redact(finding.message)
    remediation = redact(finding.remediation)
    attribute = None if finding.attribute is None else redact(finding.attribute)
    waiver_reason = None if finding.waiver_reason is None else redact(finding.waiver_reason)
    file = None if finding.source.file is None else redact(finding.source.file)
    if (
        resource_id == finding.resource_id
        and message == finding.message
        and remediation == finding.remediation
        and attribute == finding.attribute
        and waiver_reason == finding.waiver_reason
        and file == finding.source.file
    ):
        return finding
    return dataclasses.replace(
        finding,
        resource_id=resource_id,
        message=message,
        remediation=remediation,
        attribute=attribute,
        waiver_reason=waiver_reason,
        source=dataclasses.replace(finding.source, file=file),
    )


def redacted_error(error: ScanError) -> ScanError:
    return dataclasses.replace(
        error,
        source=redact(error.source),
        message=redact(error.message),
        detail=redact_data(error.detail),
    )


def prepared_findings(result: ScanResult) -> list[Finding]:
    """The result's findings, redacted, most severe first, in a stable order."""
    return [redacted_finding(f) for f in sorted(result.findings, key=lambda f: f.sort_key())]


def prepared_errors(result: ScanResult) -> list[ScanError]:
    """The result's errors, redacted, errors before informational notes, otherwise as reported."""
    return [redacted_error(e) for e in sorted(result.errors, key=lambda e: e.severity != "error")]


def location_text(finding: Finding) -> str:
    """`file:line`, `file`, or "" when the source does not say where the resource is defined."""
    if not finding.source.file:
        return ""
    if finding.source.line:
        return f"{finding.source.file}:{finding.source.line}"
    return finding.source.file


@dataclass
class PrincipleGroup:
    id: str
    title: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class SectionGroup:
    title: str
    principles: list[PrincipleGroup] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """Each finding of the section once (even when it names several of its principles), most
        severe first."""
        seen: set[int] = set()
        out: list[Finding] = []
        for principle in self.principles:
            for f in principle.findings:
                if id(f) not in seen:
                    seen.add(id(f))
                    out.append(f)
        return sorted(out, key=lambda f: f.sort_key())


def _principle_key(principle_id: str) -> tuple[int, int, str]:
    principle = PRINCIPLES_BY_ID.get(principle_id)
    if principle is not None:
        return (_SECTION_ORDER[principle.section], _PRINCIPLE_ORDER[principle_id], principle_id)
    unmapped = principle_id == UNMAPPED_PRINCIPLE
    return (len(SECTIONS) + (1 if unmapped else 0), 0, principle_id)


def group_by_guideline(findings: Iterable[Finding]) -> list[SectionGroup]:
    """Findings grouped by guideline section, then principle, in GUIDELINES.md order.

    A finding that names several principles is listed under each of them, so a reader who owns
    one principle sees everything that affects it. Ids outside GUIDELINES.md (a custom policy's
    typo, say) are shown under "Other guidelines" rather than dropped.
    """
    by_principle: dict[str, list[Finding]] = {}
    for f in findings:
        ids = list(dict.fromkeys(f.guidelines)) or [UNMAPPED_PRINCIPLE]
        for pid in ids:
            by_principle.setdefault(pid, []).append(f)
    sections: dict[str, SectionGroup] = {}
    for pid in sorted(by_principle, key=_principle_key):
        principle = PRINCIPLES_BY_ID.get(pid)
        if principle is not None:
            section_title, title = principle.section, principle.title
        elif pid == UNMAPPED_PRINCIPLE:
            section_title, title = UNMAPPED_SECTION, "no guideline named by the policy"
        else:
            section_title, title = OTHER_SECTION, "not one of the 17 principles"
        group = sections.setdefault(section_title, SectionGroup(section_title))
        group.principles.append(PrincipleGroup(pid, title, by_principle[pid]))
    return list(sections.values())


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def severity_breakdown(result: ScanResult) -> str:
    """Failing findings per severity ("1 CRITICAL, 2 HIGH"), most severe first, zeros left out."""
    counts = result.summary()["by_severity"]
    return ", ".join(f"{counts[s]} {s}" for s in reversed(SEVERITIES) if counts.get(s))


def summary_line(result: ScanResult) -> str:
    """One line: "3 failing (1 CRITICAL, 2 HIGH), 1 waived, 0 errors — 12 resources, 15 policies"."""
    summary = result.summary()
    failing = f"{summary['failed']} failing"
    breakdown = severity_breakdown(result)
    if breakdown:
        failing += f" ({breakdown})"
    return (
        f"{failing}, {summary['waived']} waived, {_plural(summary['errors'], 'error', 'errors')}"
        f" — {_plural(summary['resources_scanned'], 'resource', 'resources')}, "
        f"{_plural(summary['policies_evaluated'], 'policy', 'policies')}"
    )
