"""Markdown for pull-request comments: a summary table, then findings by guideline section.

Everything from scanned input is escaped, so a resource name or a message cannot break the
tables, inject HTML or links into the comment, or mention people.
"""

from __future__ import annotations

import re
from typing import ClassVar

from aipolicy.findings import Finding, ScanResult
from aipolicy.guidelines import SEVERITIES
from aipolicy.redact import redact_data
from aipolicy.report._common import (
    group_by_guideline,
    location_text,
    prepared_errors,
    prepared_findings,
    summary_line,
)
from aipolicy.report.interface import Reporter

_SEVERITY_BADGES = {"CRITICAL": "🟥", "HIGH": "🟧", "MEDIUM": "🟨", "LOW": "🟦"}
# Characters with a meaning in GitHub-flavoured Markdown (or HTML inside it).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&@])")


def md_escape(text: str) -> str:
    """Plain text safe for a Markdown table cell: specials escaped, line breaks as <br>."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return "<br>".join(line.strip() for line in escaped.splitlines()) if "\n" in text else escaped


def md_code(text: str) -> str:
    """`text` as an inline code span that survives a table cell."""
    text = " ".join(text.split()).replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class MarkdownReporter(Reporter):
    name: ClassVar[str] = "markdown"
    extension: ClassVar[str] = "md"

    def render(self, result: ScanResult) -> str:
        summary = result.summary()
        lines = [
            "## aipolicy: CISA/NCSC secure AI guidelines",
            "",
            f"**{summary_line(result)}**",
            "",
            "| Severity | Failing |",
            "| --- | ---: |",
        ]
        for severity in reversed(SEVERITIES):
            lines.append(f"| {_SEVERITY_BADGES[severity]} {severity} | {summary['by_severity'][severity]} |")
        lines += [
            f"| Waived | {summary['waived']} |",
            f"| Errors | {summary['errors']} |",
            "",
            f"Blocking at or above {summary['fail_on']}: **{summary['blocking']}** · "
            f"resources scanned: {summary['resources_scanned']} · "
            f"policies evaluated: {summary['policies_evaluated']} · engine: {md_escape(result.engine)}",
            "",
        ]
        findings = prepared_findings(result)
        if findings:
            for section in group_by_guideline(findings):
                lines += [f"### {md_escape(section.title)}", ""]
                lines += self._table(section.findings, section_principles=[p.id for p in section.principles])
                lines.append("")
        else:
            lines += ["No findings.", ""]
        errors = prepared_errors(result)
        if errors:
            lines += ["### Errors", ""]
            for error in errors:
                lines.append(f"- **{error.severity}** {md_code(error.source)}: {md_escape(error.message)}")
            lines.append("")
        if result.expired_waivers:
            lines += ["### Expired waivers", ""]
            for waiver in redact_data(result.expired_waivers):
                if isinstance(waiver, dict):
                    text = ", ".join(f"{key}: {value}" for key, value in waiver.items())
                else:
                    text = str(waiver)
                lines.append(f"- {md_escape(text)}")
            lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"

    def _table(self, findings: list[Finding], section_principles: list[str]) -> list[str]:
        rows = [
            "| Severity | Rule | Resource | Guidelines | Message | Remediation |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for f in findings:
            severity = f"{_SEVERITY_BADGES.get(f.severity, '')} {f.severity}".strip()
            if f.status == "waived":
                reason = md_escape(f.waiver_reason or "no reason given")
                severity = f"~~{severity}~~ waived: {reason}"
            resource = md_code(f.resource_id)
            where = location_text(f)
            if where:
                resource += f"<br>{md_code(where)}"
            guidelines = ", ".join(md_code(g) for g in f.guidelines if g in section_principles) or "-"
            rows.append(
                f"| {severity} | {md_code(f.rule_id)} {md_escape(f.title)} | {resource} | {guidelines} "
                f"| {md_escape(f.message)} | {md_escape(f.remediation)} |"
            )
        return rows
