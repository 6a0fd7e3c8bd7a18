"""The coverage report as GitHub-flavoured Markdown, for pull-request comments.

Same content as the HTML page: summary, findings by severity, source and category (a text bar
chart), the per-section matrix, and a collapsible <details> per principle. Text from reports and
attestations is redacted and escaped (`md_escape`, `md_code`), so it cannot break a table, inject
links or HTML, or mention people. GitHub caps a comment at 65,536 characters: `max_findings`
shortens each principle's list of failing resources (saying how many were left out).
"""

from __future__ import annotations

import html

from aipolicy.coverage.html import GUIDELINES_NAME
from aipolicy.coverage.model import AttestationState, Coverage, PrincipleCoverage, Status
from aipolicy.redact import redact
from aipolicy.report.markdown import md_code, md_escape

_BAR = 24


def _t(text: object) -> str:
    return md_escape(redact(str(text)))


def _c(text: object) -> str:
    return md_code(redact(str(text)))


def _num(value: int | None) -> str:
    return "n/a" if value is None else str(value)


def status_text(status: Status) -> str:
    return f"{status.symbol} {status.label}"


def _attestation(states: list[AttestationState]) -> str:
    if not states:
        return "none"
    current = states[0]
    word = "expired" if current.expired else "until"
    return f"{'↻' if current.expired else '✎'} {word} {current.attestation.expires.isoformat()}"


def _trend(p: PrincipleCoverage) -> str:
    return p.trend.text if p.trend is not None else ""


def _principle(p: PrincipleCoverage, max_findings: int | None) -> list[str]:
    lines = [
        "<details>",
        f"<summary>{status_text(p.status)} · <b>{_t(p.principle.title)}</b> "
        f"(<code>{html.escape(p.id)}</code>) · {len(p.failing)} failing</summary>",
        "",
        _t(p.reason),
        "",
    ]
    if p.trend is not None:
        t = p.trend
        lines += [
            f"**Since the previous scan:** {t.text}: {t.previous_failing} → {t.current_failing} failing "
            f"(was {t.previous_status.value}); {len(t.new)} new, {len(t.resolved)} resolved.",
            "",
        ]
    if p.attestations:
        lines += ["**Attestations**", "", "| Statement | Owner | Evidence | Date | Expires | State |"]
        lines.append("| --- | --- | --- | --- | --- | --- |")
        for a in p.attestations:
            att = a.attestation
            state = status_text(Status.ATTESTATION_EXPIRED if a.expired else Status.ATTESTED)
            lines.append(
                f"| {_t(att.statement)} | {_t(att.owner)} | {_c(att.evidence)} | {att.date.isoformat()} "
                f"| {att.expires.isoformat()} | {state} |"
            )
        lines.append("")
    lines.append("**Policies that assess it**")
    lines.append("")
    idle = [pol for pol in p.policies if pol.resources == 0 and not pol.assessed]
    active = [pol for pol in p.policies if pol not in idle]
    if active:
        lines += [
            "| Policy | Severity | Category | Resources | Passed | Failed | Waived |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: |",
        ]
        for pol in active:
            note = "" if pol.in_catalogue else " (not in the catalogue)"
            if not pol.ran:
                note += " (not run)"
            lines.append(
                f"| {_c(pol.id)} {_t(pol.title)}{note} | {pol.severity} | {_t(pol.category)} | "
                f"{_num(pol.resources)} | {_num(pol.passed)} | {pol.failed_resources} | "
                f"{pol.waived_resources} |"
            )
    if idle:
        lines += [
            "",
            f"{len(idle)} more found no resource of their types in the scans: "
            + ", ".join(_c(pol.id) for pol in idle),
        ]
    if not p.policies:
        lines.append("No policy assesses this principle: it needs an attestation.")
    lines.append("")
    if p.failing:
        shown = p.failing if max_findings is None else p.failing[:max_findings]
        lines += [
            f"**Failing resources ({len(p.failing)})**",
            "",
            "| Severity | Policy | Resource | Finding | Remediation |",
            "| --- | --- | --- | --- | --- |",
        ]
        for f in shown:
            resource = _c(f.resource_id) + (f"<br>{_c(f.location)}" if f.location else "")
            lines.append(
                f"| {f.severity} | {_c(f.rule_id)} | {resource} | {_t(f.message)} | {_t(f.remediation)} |"
            )
        if len(shown) < len(p.failing):
            lines.append(f"| | | … {len(p.failing) - len(shown)} more in the HTML report | | |")
        lines.append("")
    if p.waived:
        lines += [
            "**Waivers in force**",
            "",
            "| Policy | Resource | Reason | Expires |",
            "| --- | --- | --- | --- |",
        ]
        for w in p.waived:
            expires = w.expires.isoformat() if w.expires else "not stated"
            lines.append(f"| {_c(w.rule_id)} | {_c(w.resource_id)} | {_t(w.reason)} | {expires} |")
        lines.append("")
    if p.expired_waivers:
        lines += ["**Expired waivers** (no longer waiving)", "", "| Policy | Resource | Reason | Expired |"]
        lines.append("| --- | --- | --- | --- |")
        for ew in p.expired_waivers:
            lines.append(f"| {_c(ew.rule_id)} | {_c(ew.resource)} | {_t(ew.reason)} | {_t(ew.expires)} |")
        lines.append("")
    lines += ["</details>", ""]
    return lines


def render_markdown(coverage: Coverage, *, max_findings: int | None = None) -> str:
    """The coverage as Markdown; `max_findings` caps failing resources listed per principle."""
    cov = coverage
    counts = cov.status_counts()
    title = cov.title or "AI security guideline coverage"
    targets = ", ".join(_c(t) for t in cov.targets) or "no scan"
    lines = [
        f"## {_t(title)}",
        "",
        f"Against the {GUIDELINES_NAME}: all {len(cov.principles)} principles. Scope: {targets}. "
        f"Generated {cov.today.isoformat()}.",
        "",
        f"**Principles met: {cov.met} / {len(cov.principles)}** ({counts[Status.MET]} by checks, "
        f"{counts[Status.ATTESTED]} by attestation) · **gaps: {cov.gaps}** "
        f"({counts[Status.GAPS]} with failing checks, {cov.gaps - counts[Status.GAPS]} without evidence)"
        f" · **failing findings: {cov.failing_total}** · waived: {cov.waived_total}",
    ]
    if cov.previous_failing is not None:
        lines[-1] += f" · {cov.failing_total - cov.previous_failing:+d} failing since the previous scan"
    lines += ["", "| Status | Principles |", "| --- | ---: |"]
    lines += [f"| {status_text(s)} | {n} |" for s, n in counts.items()]
    lines += ["", "| Severity | Failing |", "| --- | ---: |"]
    lines += [f"| {s} | {n} |" for s, n in cov.failing_by_severity.items()]
    lines += ["", "| Source | Reports | Resources | Failing |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {_c(s.kind)} | {s.reports} | {s.resources_scanned} | {s.failing} |" for s in cov.by_source]
    peak = max([*cov.failing_by_category.values(), 1])
    lines += ["", "**Failing findings by category**", "", "| Category | Failing | |", "| --- | ---: | --- |"]
    for category, n in cov.failing_by_category.items():
        bar = "█" * round(_BAR * n / peak) if n else ""
        lines.append(f"| {_t(category)} | {n} | {bar} |")
    if cov.notes:
        lines.append("")
        lines += [f"> [!NOTE]\n> {_t(n)}" for n in cov.notes]
    if cov.errors:
        lines += [
            "",
            f"**{len(cov.errors)} input problem(s)** (what could not be read was not assessed):",
            "",
        ]
        lines += [f"- {_t(e.severity)}: {_c(e.source)}: {_t(e.message)} ({_t(o)})" for o, e in cov.errors]
    for section in cov.sections:
        lines += ["", f"### {_t(section.title)}", ""]
        header = "| Principle | Status | Policies | Checks | Passed | Failing | Waived | Attestation |"
        rule = "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"
        if cov.has_previous:
            header += " Since previous |"
            rule += " --- |"
        lines += [header, rule]
        for p in section.principles:
            row = (
                f"| {_t(p.principle.title)}<br>{_c(p.id)} | {status_text(p.status)} | {len(p.policies)} | "
                f"{_num(p.checks) if p.policies else '–'} | {_num(p.passed) if p.policies else '–'} | "
                f"{len(p.failing)} | {len(p.waived)} | "
                f"{_attestation(p.attestations)} |"
            )
            if cov.has_previous:
                row += f" {_trend(p)} |"
            lines.append(row)
        lines.append("")
        for p in section.principles:
            lines += _principle(p, max_findings)
    return "\n".join(lines).rstrip("\n") + "\n"
