"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure Pipelines).

One test suite per rule: each failing finding is a failed test case, each waived finding a
skipped one, and a rule that found nothing is one passing test case, so the CI's pass count
shows how much was checked and not only what failed. Input errors form a last suite of
`<error>` test cases (informational notes are skipped test cases there), so an unreadable
file never looks like a pass.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import ClassVar

from aipolicy.findings import Finding, ScanError, ScanResult
from aipolicy.report._common import location_text, prepared_errors, prepared_findings
from aipolicy.report.interface import Reporter

ERRORS_SUITE = "aipolicy input errors"
PASSING_CASE = "no findings"

# Characters XML 1.0 cannot carry at all, even escaped; ElementTree would write them as-is.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


@dataclass
class _Suite:
    name: str
    title: str
    findings: list[Finding] = field(default_factory=list)


def _failure_body(finding: Finding) -> str:
    lines = [
        f"{finding.severity} {finding.rule_id}: {finding.title}",
        f"resource: {finding.resource_id} ({finding.resource_type})",
        f"location: {location_text(finding) or finding.source.kind}",
        f"guidelines: {', '.join(finding.guidelines) or 'none'}",
        f"message: {finding.message}",
        f"remediation: {finding.remediation}",
    ]
    return "\n".join(lines)


class JunitReporter(Reporter):
    name: ClassVar[str] = "junit"
    extension: ClassVar[str] = "xml"

    def render(self, result: ScanResult) -> str:
        suites: dict[str, _Suite] = {}
        for rule in sorted(result.rules, key=lambda r: r.id):
            suites.setdefault(rule.id, _Suite(rule.id, rule.title))
        for finding in prepared_findings(result):
            suite = suites.setdefault(finding.rule_id, _Suite(finding.rule_id, finding.title))
            suite.findings.append(finding)

        root = ET.Element("testsuites", {"name": "aipolicy"})
        for suite in sorted(suites.values(), key=lambda s: s.name):
            root.append(self._rule_suite(suite))
        errors = prepared_errors(result)
        if errors:
            root.append(self._errors_suite(errors))
        for key in ("tests", "failures", "errors", "skipped"):
            root.set(key, str(sum(int(s.get(key, "0")) for s in root)))
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

    def _rule_suite(self, suite: _Suite) -> ET.Element:
        element = ET.Element("testsuite", {"name": _xml_text(f"{suite.name}: {suite.title}")})
        failures = skipped = 0
        for finding in suite.findings:
            case = ET.SubElement(
                element,
                "testcase",
                {"classname": _xml_text(suite.name), "name": _xml_text(finding.resource_id)},
            )
            if finding.status == "waived":
                skipped += 1
                reason = finding.waiver_reason or "no reason given"
                ET.SubElement(case, "skipped", {"message": _xml_text(f"waived: {reason}")})
            else:
                failures += 1
                failure = ET.SubElement(
                    case, "failure", {"message": _xml_text(finding.message), "type": finding.severity}
                )
                failure.text = _xml_text(_failure_body(finding))
        if not suite.findings:
            ET.SubElement(element, "testcase", {"classname": _xml_text(suite.name), "name": PASSING_CASE})
        tests = max(len(suite.findings), 1)
        element.attrib.update(tests=str(tests), failures=str(failures), errors="0", skipped=str(skipped))
        return element

    def _errors_suite(self, errors: list[ScanError]) -> ET.Element:
        element = ET.Element("testsuite", {"name": ERRORS_SUITE})
        n_errors = n_skipped = 0
        for error in errors:
            case = ET.SubElement(
                element, "testcase", {"classname": "aipolicy.input", "name": _xml_text(error.source)}
            )
            if error.severity == "error":
                n_errors += 1
                node = ET.SubElement(case, "error", {"message": _xml_text(error.message), "type": "error"})
                node.text = _xml_text(f"{error.source}: {error.message}")
            else:
                n_skipped += 1
                ET.SubElement(case, "skipped", {"message": _xml_text(f"{error.severity}: {error.message}")})
        element.attrib.update(
            tests=str(len(errors)), failures="0", errors=str(n_errors), skipped=str(n_skipped)
        )
        return element
