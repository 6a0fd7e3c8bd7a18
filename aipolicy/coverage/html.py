"""The coverage report as one self-contained HTML page: a risk owner's view of all 17 principles.

The page must work offline, as a CI artifact, and when mailed around, so it fetches nothing: the
styles are inline, the chart is inline SVG, there are no scripts and no web fonts, and a
Content-Security-Policy meta tag (`default-src 'none'`) makes the browser refuse any fetch a
future change might add. Drill-down uses <details>, which needs no script.

Every string from scanned input or attestations is redacted and HTML-escaped (`_e`); status is
never shown by colour alone (each badge carries a symbol and a word); it prints (`@media print`
opens every <details>).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from aipolicy.coverage.model import (
    AttestationState,
    Coverage,
    PolicyCoverage,
    PrincipleCoverage,
    SectionCoverage,
    Status,
)
from aipolicy.coverage.reports import ReportFinding
from aipolicy.guidelines import PRINCIPLES
from aipolicy.redact import redact
from aipolicy.report._common import tool_version

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
GUIDELINES_NAME = "CISA/NCSC Guidelines for Secure AI System Development"

_CATEGORY_LABELS = {
    "access-control": "Access control",
    "encryption": "Encryption",
    "updates": "Updates",
    "logging": "Logging",
    "network": "Network",
    "supply-chain": "Supply chain",
    "resilience": "Resilience",
}

_CSS = """
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--accent:#0b5cad;
--met:#1a7f37;--met-bg:#dafbe1;--gap:#b42318;--gap-bg:#ffe4e0;--na:#57606a;--na-bg:#eaeef2;
--req:#8a5a00;--req-bg:#fff1c2;--att:#0b5cad;--att-bg:#ddf0ff;--exp:#9a3412;--exp-bg:#ffe8d4}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--ink);background:#fff}
header.page{background:#0d2a4a;color:#fff;padding:28px 40px 22px}
header.page h1{margin:0 0 4px;font-size:26px;font-weight:650;letter-spacing:-.01em}
header.page p{margin:2px 0;color:#c9d6e6;font-size:14px}
header.page code{color:#fff}
main{max-width:1180px;margin:0 auto;padding:8px 40px 48px}
h2{font-size:20px;margin:36px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:17px;margin:26px 0 10px}
h4{display:inline;font-size:15px;margin:0;font-weight:600}
h5{font-size:14px;margin:18px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin:16px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:14px 16px;background:var(--bg)}
.card .k{font-size:13px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.card .v{font-size:30px;font-weight:700;line-height:1.2}
.card .s{font-size:13px;color:var(--muted)}
.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:18px;align-items:start}
table{border-collapse:collapse;width:100%;margin:6px 0 10px;font-size:14px}
caption{text-align:left;font-weight:600;padding:4px 0;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:var(--bg);font-size:13px;color:var(--muted);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody th[scope=rowgroup]{background:#fbfcfd;font-weight:600}
tbody th[scope=row]{font-weight:normal}
.fix{font-weight:normal;font-size:13px}
.nowrap{white-space:nowrap}
tr.idle{color:var(--muted)}
table.matrix{table-layout:fixed}
table.matrix th:nth-child(1){width:31%}
table.matrix th:nth-child(2){width:16%}
table.matrix th:nth-child(8),table.matrix th:nth-child(9){width:14%}
.badge{display:inline-block;border-radius:999px;padding:1px 10px;font-size:13px;font-weight:600;
white-space:nowrap;border:1px solid currentColor}
.s-met{color:var(--met);background:var(--met-bg)}
.s-gaps{color:var(--gap);background:var(--gap-bg)}
.s-not-assessed{color:var(--na);background:var(--na-bg)}
.s-attestation-required{color:var(--req);background:var(--req-bg)}
.s-attested{color:var(--att);background:var(--att-bg)}
.s-attestation-expired{color:var(--exp);background:var(--exp-bg)}
.sev{display:inline-block;min-width:5.6em;text-align:center;border-radius:4px;padding:0 6px;font-size:12px;
font-weight:700;letter-spacing:.03em;border:1px solid currentColor}
.sev-critical{color:#fff;background:#7a0916}.sev-high{color:#8a1c0c;background:#ffe4e0}
.sev-medium{color:#7a4b00;background:#fff1c2}.sev-low{color:#0b4f8a;background:#e3f1ff}
.better{color:var(--met)}.worse{color:var(--gap)}.same{color:var(--muted)}
.notes{border-left:4px solid var(--req);background:#fffbeb;padding:8px 14px;margin:14px 0}
.notes p{margin:4px 0}
.errors{border-left:4px solid var(--gap);background:#fff5f5;padding:8px 14px;margin:14px 0}
details.principle{border:1px solid var(--line);border-radius:8px;margin:10px 0;background:#fff}
details.principle>summary{cursor:pointer;padding:10px 14px;list-style-position:outside;display:flex;
gap:12px;align-items:baseline;flex-wrap:wrap}
details.principle>summary::marker{color:var(--muted)}
details.principle[open]>summary{border-bottom:1px solid var(--line);background:var(--bg);
border-radius:8px 8px 0 0}
details.principle .pid{font-size:13px;color:var(--muted)}
details.principle .counts{margin-left:auto;font-size:13px;color:var(--muted)}
details.principle .body{padding:4px 16px 12px}
.reason{margin:10px 0}
details.idle>summary{cursor:pointer;color:var(--muted);font-size:14px;margin:4px 0}
.chart{max-width:760px}
.legend{font-size:13px;color:var(--muted)}
.legend .badge{margin:2px 4px 2px 0}
a{color:var(--accent)}
footer{color:var(--muted);font-size:13px;border-top:1px solid var(--line);margin-top:40px;padding-top:10px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:900px){.cards,.grid{grid-template-columns:1fr 1fr}main{padding:8px 16px}}
@media print{
 body{font-size:10pt}
 header.page{background:none;color:#000;padding:0 0 8px;border-bottom:2px solid #000}
 header.page p,header.page code{color:#000}
 main{max-width:none;padding:0}
 details.principle::details-content,details.idle::details-content{content-visibility:visible;display:block}
 details.principle>summary{list-style:none}
 details.principle,table,.card,svg{break-inside:avoid}
 thead{display:table-header-group}
 h2,h3{break-after:avoid}
 a[href^="http"]::after{content:" (" attr(href) ")";font-size:9pt}
 .badge,.sev{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def _e(text: object) -> str:
    """Escaped, redacted text: every dynamic string on the page goes through here."""
    return html.escape(redact(str(text)), quote=True)


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _num(value: int | None) -> str:
    return "n/a" if value is None else str(value)


def badge(status: Status) -> str:
    return (
        f'<span class="badge s-{status.css}" data-status="{status.css}">'
        f'<span aria-hidden="true">{status.symbol}</span> {_e(status.label)}</span>'
    )


def severity_badge(severity: str) -> str:
    return f'<span class="sev sev-{_e(severity.lower())}">{_e(severity)}</span>'


def category_chart(counts: dict[str, int]) -> str:
    """A horizontal bar chart as inline SVG: every category labelled, every bar with its number."""
    rows = list(counts.items())
    label_w, bar_w, row_h, top = 150, 520, 30, 8
    width = label_w + bar_w + 60
    height = top * 2 + row_h * len(rows)
    peak = max([c for _, c in rows] + [1])
    desc = ", ".join(f"{_CATEGORY_LABELS.get(k, k)}: {c}" for k, c in rows)
    parts = [
        '<svg class="chart" role="img" aria-labelledby="chart-title chart-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg" '
        'font-family="system-ui,sans-serif" font-size="14">',
        '<title id="chart-title">Failing findings by category</title>',
        f'<desc id="chart-desc">{_e(desc)}</desc>',
    ]
    for i, (category, count) in enumerate(rows):
        y = top + i * row_h
        length = round(bar_w * count / peak) if count else 0
        parts.append(
            f'<g data-category="{_e(category)}">'
            f'<text x="{label_w - 10}" y="{y + 19}" text-anchor="end" fill="#1b1f24">'
            f"{_e(_CATEGORY_LABELS.get(category, category))}</text>"
            f'<rect x="{label_w}" y="{y + 5}" width="{bar_w}" height="20" fill="#eef2f6"/>'
            f'<rect x="{label_w}" y="{y + 5}" width="{length}" height="20" fill="#0b5cad"/>'
            f'<text x="{label_w + length + 8}" y="{y + 20}" fill="#1b1f24" font-weight="600" '
            f'class="count" data-category-count="{_e(category)}">{count}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(
    caption: str,
    headers: Sequence[tuple[str, str]],
    rows: Iterable[str],
    *,
    hidden_caption: bool = False,
    css: str = "",
) -> str:
    cls = ' class="sr-only"' if hidden_caption else ""
    table = f'<table class="{css}">' if css else "<table>"
    head = "".join(f'<th scope="col"{" class=n" if n else ""}>{_e(h)}</th>' for h, n in headers)
    return (
        f"{table}<caption{cls}>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _cols(*names: str) -> list[tuple[str, str]]:
    """Column headers; a trailing '#' marks a numeric (right-aligned) column."""
    return [(n.rstrip("#"), "n" if n.endswith("#") else "") for n in names]


def _summary(cov: Coverage) -> str:
    counts = cov.status_counts()
    by_checks, by_attestation = counts[Status.MET], counts[Status.ATTESTED]
    failing_checks = counts[Status.GAPS]
    no_evidence = cov.gaps - failing_checks
    trend = ""
    if cov.previous_failing is not None:
        delta = cov.failing_total - cov.previous_failing
        cls = "better" if delta < 0 else "worse" if delta > 0 else "same"
        trend = f' · <span class="{cls}">{delta:+d} since previous scan</span>'
    cards = [
        (
            "Principles met",
            f'<span id="met-count">{cov.met}</span> / {len(cov.principles)}',
            f"{by_checks} by checks · {by_attestation} by attestation",
        ),
        (
            "Gaps",
            f'<span id="gap-count">{cov.gaps}</span>',
            f"{failing_checks} with failing checks · {no_evidence} without evidence",
        ),
        (
            "Failing findings",
            f'<span id="failing-count">{cov.failing_total}</span>',
            f"{cov.waived_total} waived{trend}",
        ),
        (
            "Scanned",
            _e(sum(r.resources_scanned for r in cov.reports)),
            f"resources in {_plural(len(cov.reports), 'report')}",
        ),
    ]
    out = ['<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2><div class="cards">']
    for key, value, sub in cards:
        out.append(f'<div class="card"><div class="k">{_e(key)}</div><div class="v">{value}</div>')
        out.append(f'<div class="s">{sub}</div></div>')
    out.append('</div><div class="grid">')
    out.append(
        _table(
            "Principles by status",
            _cols("Status", "Principles#"),
            (
                f'<tr><th scope="row">{badge(s)}</th><td class="n" data-status-count="{s.css}">{n}</td></tr>'
                for s, n in counts.items()
            ),
        )
    )
    out.append(
        _table(
            "Failing findings by severity",
            _cols("Severity", "Failing#"),
            (
                f'<tr><th scope="row">{severity_badge(s)}</th>'
                f'<td class="n" data-severity="{_e(s)}">{n}</td></tr>'
                for s, n in cov.failing_by_severity.items()
            ),
        )
    )
    out.append(
        _table(
            "By source",
            _cols("Source", "Reports#", "Resources#", "Failing#"),
            [
                f'<tr><th scope="row"><code>{_e(s.kind)}</code></th><td class="n">{s.reports}</td>'
                f'<td class="n">{s.resources_scanned}</td>'
                f'<td class="n" data-source="{_e(s.kind)}">{s.failing}</td></tr>'
                for s in cov.by_source
            ]
            or ['<tr><td colspan="4">No scan report.</td></tr>'],
        )
    )
    out.append("</div>")
    if cov.notes:
        out.append('<div class="notes" role="note"><p><strong>Read with care:</strong></p>')
        out.extend(f"<p>{_e(n)}</p>" for n in cov.notes)
        out.append("</div>")
    if cov.errors:
        out.append(
            f'<div class="errors" role="note"><p><strong>{_plural(len(cov.errors), "input problem")}'
            " in the scans (what could not be read was not assessed):</strong></p><ul>"
        )
        out.extend(
            f"<li>{_e(e.severity)}: <code>{_e(e.source)}</code>: {_e(e.message)} "
            f"<small>({_e(origin)})</small></li>"
            for origin, e in cov.errors
        )
        out.append("</ul></div>")
    out.append("</section>")
    return "".join(out)


def _matrix(cov: Coverage) -> str:
    out = ['<section aria-labelledby="matrix-h"><h2 id="matrix-h">Coverage by section</h2>']
    out.append('<p class="legend">Status: ' + " ".join(badge(s) for s in Status) + "</p>")
    out.append(
        '<p class="legend"><strong>Checks</strong>: resources evaluated, summed over the principle\'s '
        "policies; <strong>Passed</strong>: checks without a finding; "
        "<strong>Failing</strong>: failing findings"
        + ("" if cov.pass_counts_known else "; n/a: the reports do not say how many resources were evaluated")
        + ".</p>"
    )
    for number, section in enumerate(cov.sections, start=1):
        out.append(f'<h3 id="section-{number}">{_e(section.title)}</h3>')
        names = [
            "Principle",
            "Status",
            "Policies#",
            "Checks#",
            "Passed#",
            "Failing#",
            "Waived#",
            "Attestation",
        ]
        if cov.has_previous:
            names.append("Since previous")
        rows = []
        for p in section.principles:
            attestation = _attestation_cell(p.attestations)
            cells = [
                f'<th scope="row"><a href="#{p.anchor}">{_e(p.principle.title)}</a><br>'
                f'<code class="pid">{_e(p.id)}</code></th>',
                f"<td>{badge(p.status)}</td>",
                f'<td class="n">{len(p.policies)}</td>',
                f'<td class="n">{_num(p.checks) if p.policies else "–"}</td>',
                f'<td class="n">{_num(p.passed) if p.policies else "–"}</td>',
                f'<td class="n" data-failing="{_e(p.id)}">{len(p.failing)}</td>',
                f'<td class="n">{len(p.waived)}</td>',
                f'<td class="nowrap">{attestation}</td>',
            ]
            if cov.has_previous:
                cells.append(f'<td class="nowrap">{_trend(p)}</td>')
            rows.append(f'<tr data-principle="{_e(p.id)}" data-status="{p.status.css}">{"".join(cells)}</tr>')
        out.append(
            _table(f"{section.title}: principles", _cols(*names), rows, hidden_caption=True, css="matrix")
        )
    out.append("</section>")
    return "".join(out)


def _attestation_cell(states: list[AttestationState]) -> str:
    if not states:
        return '<span class="same">none</span>'
    current = states[0]
    if current.expired:
        return f"↻ expired {_e(current.attestation.expires.isoformat())}"
    return f"✎ until {_e(current.attestation.expires.isoformat())}"


def _trend(p: PrincipleCoverage) -> str:
    if p.trend is None:
        return ""
    cls = {"better": "better", "worse": "worse"}.get(p.trend.direction, "same")
    return f'<span class="{cls}" data-trend="{_e(p.trend.direction)}">{_e(p.trend.text)}</span>'


def _policies_table(policies: list[PolicyCoverage]) -> str:
    if not policies:
        return "<p>No policy assesses this principle: it needs an attestation.</p>"
    rows = []
    for pol in policies:
        note = "" if pol.in_catalogue else " <small>(not in the catalogue; from the report)</small>"
        if not pol.ran:
            note += " <small>(not run in these scans)</small>"
        idle = "" if pol.assessed or pol.resources is None else ' class="idle"'
        rows.append(
            f'<tr data-rule="{_e(pol.id)}"{idle}>'
            f'<th scope="row"><code>{_e(pol.id)}</code> {_e(pol.title)}{note}</th>'
            f'<td>{severity_badge(pol.severity)}</td><td class="nowrap">{_e(pol.category)}</td>'
            f'<td class="n">{_num(pol.resources)}</td><td class="n">{_num(pol.passed)}</td>'
            f'<td class="n" data-failed-resources>{pol.failed_resources}</td>'
            f'<td class="n">{pol.waived_resources}</td></tr>'
        )
    return _table(
        "Policies that assess it",
        _cols("Policy", "Severity", "Category", "Resources#", "Passed#", "Failed#", "Waived#"),
        rows,
        hidden_caption=True,
    )


def _failing_table(findings: list[ReportFinding]) -> str:
    groups: dict[str, list[ReportFinding]] = {}
    for f in findings:
        groups.setdefault(f.rule_id, []).append(f)
    bodies = []
    for rule_id, items in groups.items():
        first = items[0]
        head = (
            f'<tr><th scope="rowgroup" colspan="4"><code>{_e(rule_id)}</code> {_e(first.title)}'
            f'<br><span class="fix">Remediation: {_e(first.remediation)}</span></th></tr>'
        )
        rows = "".join(
            f'<tr data-finding="{_e(rule_id)}"><td>{severity_badge(f.severity)}</td>'
            f"<td><code>{_e(f.resource_id)}</code></td>"
            f"<td><code>{_e(f.location or f.source_kind)}</code></td>"
            f"<td>{_e(f.message)}</td></tr>"
            for f in items
        )
        bodies.append(f"<tbody>{head}{rows}</tbody>")
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Severity", "Resource", "Defined at", "Finding"))
    return (
        '<table><caption class="sr-only">Failing resources</caption>'
        f"<thead><tr>{head}</tr></thead>{''.join(bodies)}</table>"
    )


def _evidence(a: AttestationState) -> str:
    att = a.attestation
    if att.evidence_is_link:
        return f'<a href="{_e(att.evidence)}" rel="noopener noreferrer">{_e(att.evidence)}</a>'
    return f"<code>{_e(att.evidence)}</code>"


def _attestations_table(states: list[AttestationState]) -> str:
    rows = []
    for a in states:
        att = a.attestation
        state = (
            badge(Status.ATTESTATION_EXPIRED)
            if a.expired
            else f"{badge(Status.ATTESTED)} <small>{_plural(a.days_left, 'day')} left</small>"
        )
        rows.append(
            f"<tr><td>{_e(att.statement)}</td><td>{_e(att.owner)}</td><td>{_evidence(a)}</td>"
            f'<td class="nowrap">{_e(att.date.isoformat())}</td>'
            f'<td class="nowrap">{_e(att.expires.isoformat())}</td><td>{state}</td></tr>'
        )
    return _table(
        "Attestations",
        _cols("Statement", "Owner", "Evidence", "Date", "Expires", "State"),
        rows,
        hidden_caption=True,
    )


def _principle(cov: Coverage, p: PrincipleCoverage) -> str:
    is_open = " open" if not p.status.satisfied else ""
    counts = (
        f"{_plural(len(p.failing), 'failing finding')} · {_plural(len(p.policies), 'policy', 'policies')}"
    )
    if p.waived:
        counts += f" · {len(p.waived)} waived"
    out = [
        f'<details class="principle" id="{p.anchor}" data-principle="{_e(p.id)}"{is_open}>',
        f"<summary>{badge(p.status)} <h4>{_e(p.principle.title)}</h4> "
        f'<code class="pid">{_e(p.id)}</code><span class="counts">{counts}</span></summary>',
        f'<div class="body"><p class="reason">{_e(p.reason)}</p>',
    ]
    if p.trend is not None:
        t = p.trend
        out.append(
            f"<h5>Since the previous scan</h5><p>{_trend(p)}: "
            f"{t.previous_failing} → {t.current_failing} failing"
            f" (was {_e(t.previous_status.value)}); {_plural(len(t.new), 'new failure')},"
            f" {_plural(len(t.resolved), 'resolved failure')}.</p>"
        )
        if t.resolved:
            out.append(
                "<p>Resolved: "
                + ", ".join(f"<code>{_e(r)}</code> on <code>{_e(res)}</code>" for r, res in t.resolved)
                + "</p>"
            )
    if p.attestations:
        out.append("<h5>Attestations</h5>" + _attestations_table(p.attestations))
    elif p.status in (Status.ATTESTATION_REQUIRED, Status.NOT_ASSESSED):
        out.append(
            "<h5>Attestations</h5><p>None. Add one to <code>attestations.yaml</code> "
            "(principle, statement, owner, evidence, date, expires).</p>"
        )
    if p.failing:
        out.append(f"<h5>Failing resources ({len(p.failing)})</h5>" + _failing_table(p.failing))
    idle = [pol for pol in p.policies if pol.resources == 0 and not pol.assessed]
    active = [pol for pol in p.policies if pol not in idle]
    out.append("<h5>Policies that assess it</h5>")
    if active or not idle:
        out.append(_policies_table(active))
    if idle:
        out.append(
            f'<details class="idle"><summary>{_plural(len(idle), "more policy", "more policies")} found no '
            "resource of their types in the scans</summary>" + _policies_table(idle) + "</details>"
        )
    if p.waived:
        rows = [
            f"<tr><td><code>{_e(w.rule_id)}</code> {_e(w.title)}</td>"
            f"<td><code>{_e(w.resource_id)}</code></td>"
            f"<td>{_e(w.reason)}</td><td>{_e(w.expires.isoformat() if w.expires else 'not stated')}</td></tr>"
            for w in p.waived
        ]
        out.append(
            "<h5>Waivers in force</h5>"
            + _table(
                "Waivers in force",
                _cols("Policy", "Resource", "Reason", "Expires"),
                rows,
                hidden_caption=True,
            )
        )
    if p.expired_waivers:
        rows = [
            f"<tr><td><code>{_e(w.rule_id)}</code></td><td><code>{_e(w.resource)}</code></td>"
            f"<td>{_e(w.reason)}</td><td>{_e(w.expires)}</td></tr>"
            for w in p.expired_waivers
        ]
        out.append(
            "<h5>Expired waivers (no longer waiving)</h5>"
            + _table(
                "Expired waivers", _cols("Policy", "Resource", "Reason", "Expired"), rows, hidden_caption=True
            )
        )
    out.append("</div></details>")
    return "".join(out)


def _details(cov: Coverage) -> str:
    out = ['<section aria-labelledby="details-h"><h2 id="details-h">Principles in detail</h2>']
    sections: list[SectionCoverage] = cov.sections
    for section in sections:
        out.append(f"<h3>{_e(section.title)}</h3>")
        out.extend(_principle(cov, p) for p in section.principles)
    out.append("</section>")
    return "".join(out)


def render_html(coverage: Coverage) -> str:
    """The whole page. Deterministic for a given coverage (no clock, no randomness)."""
    cov = coverage
    title = cov.title or "AI security guideline coverage"
    targets = cov.targets
    scope = ", ".join(f"<code>{_e(t)}</code>" for t in targets[:6]) or "no scan"
    if len(targets) > 6:
        scope += f" and {len(targets) - 6} more"
    version = tool_version()
    assert len(PRINCIPLES) == len(cov.principles)
    return "".join(
        [
            "<!DOCTYPE html>\n",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="referrer" content="no-referrer">',
            # without it, browsers fetch /favicon.ico when the page is served over HTTP
            '<link rel="icon" href="data:,">',
            '<meta name="viewport" content="width=device-width,initial-scale=1">',
            f'<meta name="generator" content="aipolicy {_e(version)}">',
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
            f'<header class="page"><h1>{_e(title)}</h1>',
            f"<p>Against the {_e(GUIDELINES_NAME)}: all {len(cov.principles)} principles in 4 sections.</p>",
            f"<p>Scope: {scope}</p>",
            f"<p>Generated {_e(cov.today.isoformat())} by aipolicy {_e(version)}</p></header><main>",
            _summary(cov),
            '<section aria-labelledby="chart-h"><h2 id="chart-h">Failing findings by category</h2>',
            category_chart(cov.failing_by_category),
            "</section>",
            _matrix(cov),
            _details(cov),
            "<footer><p>Statuses: <em>met</em> = checks evaluated resources and none failed; <em>gaps</em> ="
            " failing checks; <em>not assessed</em> = checks exist but nothing they read was scanned;"
            " <em>attestation required</em> = configuration cannot show it; <em>attested</em> / "
            "<em>attestation expired</em> = from <code>attestations.yaml</code>."
            " Scanned text is redacted.</p>"
            "</footer></main></body></html>\n",
        ]
    )
