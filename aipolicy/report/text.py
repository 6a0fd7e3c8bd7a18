"""The terminal report: findings in tables grouped by guideline section and principle."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, ClassVar

from aipolicy.findings import Finding, ScanResult
from aipolicy.redact import redact, redact_data
from aipolicy.report._common import (
    group_by_guideline,
    location_text,
    prepared_errors,
    prepared_findings,
    summary_line,
    tool_version,
)
from aipolicy.report.interface import Reporter

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_SEVERITY_COLOURS = {
    "CRITICAL": "\033[1;31m",
    "HIGH": "\033[31m",
    "MEDIUM": "\033[33m",
    "LOW": "\033[36m",
}
_ERROR_COLOURS = {"error": "\033[31m", "info": "\033[36m"}
# C0/C1 control characters (ESC, CSI, NUL, ...): scanned input must not drive the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_COLUMNS = ("SEVERITY", "STATUS", "RULE", "RESOURCE", "LOCATION", "MESSAGE")


class TextReporter(Reporter):
    """Human-readable output for a terminal or a CI log.

    Colour is off unless asked for (`color=True`): the CLI decides from the stream and NO_COLOR,
    since a reporter cannot know where its text will be written.
    """

    name: ClassVar[str] = "text"
    extension: ClassVar[str] = "txt"

    def _paint(self, text: str, code: str | None) -> str:
        if not self.color or not code or not text:
            return text
        return f"{code}{text}{_RESET}"

    def render(self, result: ScanResult) -> str:
        lines: list[str] = [self._header(result), ""]
        findings = prepared_findings(result)
        if findings:
            for section in group_by_guideline(findings):
                lines.append(self._paint(section.title, _BOLD))
                for principle in section.principles:
                    lines.append(f"  {self._paint(_clean(principle.id), _BOLD)}  {principle.title}")
                    lines.extend(self._table(principle.findings, indent="    "))
                    lines.append("")
        else:
            lines.extend(["No findings.", ""])
        errors = prepared_errors(result)
        if errors:
            lines.append(self._paint("Errors", _BOLD))
            for error in errors:
                label = self._paint(error.severity, _ERROR_COLOURS.get(error.severity))
                label += " " * (5 - len(error.severity))
                lines.append(f"  {label}  {_clean(error.source)}: {_clean(error.message)}")
            lines.append("")
        if result.expired_waivers:
            lines.append(self._paint("Expired waivers (their findings count as failing again)", _BOLD))
            for waiver in redact_data(result.expired_waivers):
                lines.append(f"  {_describe(waiver)}")
            lines.append("")
        lines.append(summary_line(result))
        return "\n".join(lines) + "\n"

    def _header(self, result: ScanResult) -> str:
        targets = _clean(", ".join(redact(t) for t in result.targets)) or "(no targets)"
        return f"aipolicy {tool_version()} — {result.source_kind} scan of {targets} (engine: {result.engine})"

    def _table(self, findings: Sequence[Finding], indent: str) -> list[str]:
        rows = [
            tuple(
                map(
                    _clean,
                    (f.severity, f.status, f.rule_id, f.resource_id, location_text(f) or "-", f.message),
                )
            )
            for f in findings
        ]
        widths = [max(len(row[i]) for row in [_COLUMNS, *rows]) for i in range(len(_COLUMNS) - 1)]
        out = [indent + self._row(_COLUMNS, widths, header=True)]
        for finding, row in zip(findings, rows, strict=True):
            out.append(indent + self._row(row, widths, header=False))
            detail_indent = indent + " " * (widths[0] + 2)
            if finding.status == "waived":
                reason = _clean(finding.waiver_reason or "no reason given")
                out.append(detail_indent + self._paint(f"waived: {reason}", _DIM))
            elif finding.remediation:
                out.append(f"{detail_indent}fix: {_clean(finding.remediation)}")
        return out

    def _row(self, cells: Sequence[str], widths: Sequence[int], *, header: bool) -> str:
        parts: list[str] = []
        for i, cell in enumerate(cells):
            if header:
                code: str | None = _BOLD
            elif i == 0:
                code = _SEVERITY_COLOURS.get(cell)
            elif i == 1 and cell == "waived":
                code = _DIM
            else:
                code = None
            painted = self._paint(cell, code)
            if i < len(widths):
                painted += " " * (widths[i] - len(cell) + 2)
            parts.append(painted)
        return "".join(parts).rstrip()


def _clean(text: str) -> str:
    """One line of printable text: control characters escaped, line breaks folded."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return " ".join(text.split())


def _describe(waiver: Any) -> str:
    if isinstance(waiver, dict):
        return _clean(", ".join(f"{key}: {value}" for key, value in waiver.items()))
    return _clean(str(waiver))
