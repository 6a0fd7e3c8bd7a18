"""The JSON report: the machine-readable contract other tools build on.

Top-level names (`version`, `summary`, `findings`, `errors`, `expired_waivers`) and each
finding's names (`Finding.to_dict`) are a contract: add names, never rename or remove one.
"""

from __future__ import annotations

from typing import Any, ClassVar

import orjson

from aipolicy.findings import ScanResult
from aipolicy.redact import redact_data
from aipolicy.report._common import prepared_errors, prepared_findings, tool_version
from aipolicy.report.interface import Reporter


class JsonReporter(Reporter):
    """One JSON document with the findings, the summary, the errors and any expired waivers."""

    name: ClassVar[str] = "json"
    extension: ClassVar[str] = "json"

    def document(self, result: ScanResult) -> dict[str, Any]:
        """The report as a dict, for callers that embed it (the history store, the API)."""
        return {
            "version": tool_version(),
            "summary": redact_data(result.summary()),
            "findings": [f.to_dict() for f in prepared_findings(result)],
            "errors": [e.to_dict() for e in prepared_errors(result)],
            "expired_waivers": redact_data(result.expired_waivers),
            "evaluated": {rule: {"resources": n} for rule, n in sorted(result.evaluated.items())},
            **({"drift": redact_data(result.drift)} if result.drift is not None else {}),
        }

    def render(self, result: ScanResult) -> str:
        return orjson.dumps(self.document(result), option=orjson.OPT_INDENT_2).decode() + "\n"
