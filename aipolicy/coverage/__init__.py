"""The guideline coverage report: all 17 principles, their evidence, attestations and trend.

Library entry points (the CLI's `aipolicy report` is a thin layer over them):

    reports = [load_report(Path("plan.json")), load_report(Path("cluster.json"))]
    coverage = build_coverage(reports, load_policy_set(), load_attestations(Path("attestations.yaml")))
    Path("coverage.html").write_text(render_html(coverage))

Renderers are imported on use (`aipolicy.coverage.html`, `aipolicy.coverage.markdown`), so the
model stays cheap to import.
"""

from __future__ import annotations

from aipolicy.coverage.attestations import (
    Attestation,
    AttestationError,
    load_attestations,
    parse_attestations,
)
from aipolicy.coverage.model import Coverage, PrincipleCoverage, Status, build_coverage
from aipolicy.coverage.reports import ScanReport, evaluated_block, load_report, parse_report

__all__ = [
    "Attestation",
    "AttestationError",
    "Coverage",
    "PrincipleCoverage",
    "ScanReport",
    "Status",
    "build_coverage",
    "evaluated_block",
    "load_attestations",
    "load_report",
    "parse_attestations",
    "parse_report",
]
