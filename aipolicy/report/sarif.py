"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, DefectDojo).

The output validates against the OASIS SARIF 2.1.0 schema. `security-severity` is the
property GitHub reads to rank alerts; `partialFingerprints` lets a dashboard follow one
alert across scans even when line numbers move.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, ClassVar
from urllib.parse import quote

import orjson

from aipolicy.findings import Finding, ScanError, ScanResult
from aipolicy.guidelines import PRINCIPLES_BY_ID
from aipolicy.policy import PolicyMetadata
from aipolicy.redact import redact
from aipolicy.report._common import (
    information_uri,
    prepared_errors,
    redacted_finding,
    tool_version,
)
from aipolicy.report.interface import Reporter

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "aipolicyRuleResource/v1"

SECURITY_SEVERITY: dict[str, str] = {"CRITICAL": "9.5", "HIGH": "8.0", "MEDIUM": "5.5", "LOW": "3.0"}
LEVEL: dict[str, str] = {"CRITICAL": "error", "HIGH": "error", "MEDIUM": "warning", "LOW": "note"}


def level_of(severity: str) -> str:
    return LEVEL.get(severity.upper(), "warning")


def fingerprint(rule_id: str, resource_id: str) -> str:
    """Stable across scans for one rule and one resource, whatever the line or message."""
    return hashlib.sha256(f"{rule_id}\0{resource_id}".encode()).hexdigest()[:32]


def artifact_uri(file: str) -> str:
    """A file as a SARIF URI: relative paths with forward slashes; absolute ones as file: URIs.

    Relative paths stay relative (to the scanned root, which is where dashboards resolve them);
    an absolute path under the working directory is made relative to it.
    """
    if re.match(r"^[A-Za-z]:[\\/]", file) or file.startswith("\\\\"):
        return PureWindowsPath(file).as_uri()
    posix = file.replace("\\", "/")
    path = Path(posix)
    if path.is_absolute():
        try:
            posix = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return PurePosixPath(posix).as_uri()
    while posix.startswith("./"):
        posix = posix[2:]
    return quote(posix, safe="/")


class _RuleTable:
    """`tool.driver.rules` and the index of each rule id in it (results point at rules by index)."""

    def __init__(self, rules: list[PolicyMetadata], findings: list[Finding]) -> None:
        self.descriptors: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}
        by_id: dict[str, PolicyMetadata] = {}
        for rule in rules:
            by_id.setdefault(rule.id, rule)
        for rule_id in sorted(by_id):
            self._add(_descriptor(by_id[rule_id]))
        # A finding whose rule is missing from result.rules (a caller that did not pass them)
        # still needs a descriptor for its ruleIndex to point at.
        for f in findings:
            if f.rule_id not in self.index:
                self._add(_descriptor_from_finding(f))

    def _add(self, descriptor: dict[str, Any]) -> None:
        self.index[descriptor["id"]] = len(self.descriptors)
        self.descriptors.append(descriptor)


def _pascal_name(rule: PolicyMetadata) -> str:
    """A rule name in the style SARIF suggests (`NotebookRootAccess`), from the Rego package."""
    leaf = rule.package.rsplit(".", 1)[-1] if rule.package else ""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", leaf or rule.id) if w]
    return "".join(w[:1].upper() + w[1:] for w in words) or rule.id


def _help(remediation: str, guidelines: tuple[str, ...] | list[str]) -> dict[str, str]:
    remediation = redact(remediation) or "No remediation text."
    text_ids = ", ".join(guidelines) or "none"
    markdown_ids = ", ".join(
        f"`{g}` ({PRINCIPLES_BY_ID[g].title})" if g in PRINCIPLES_BY_ID else f"`{g}`" for g in guidelines
    )
    return {
        "text": f"{remediation}\n\nCISA/NCSC guidelines: {text_ids}",
        "markdown": f"**Remediation:** {remediation}\n\n**CISA/NCSC guidelines:** {markdown_ids or 'none'}",
    }


def _properties(severity: str, category: str, guidelines: tuple[str, ...] | list[str]) -> dict[str, Any]:
    # "security" makes GitHub file the alerts as security alerts; the rest are for filtering.
    tags = list(dict.fromkeys([*guidelines, category, "security"]))
    return {
        "tags": [t for t in tags if t],
        "security-severity": SECURITY_SEVERITY.get(severity.upper(), "5.5"),
        "severity": severity,
        "category": category,
        "guidelines": list(guidelines),
    }


def _descriptor(rule: PolicyMetadata) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": _pascal_name(rule),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description or rule.title},
        "help": _help(rule.remediation, rule.guidelines),
        "defaultConfiguration": {"level": level_of(rule.severity)},
        "properties": {
            **_properties(rule.severity, rule.category, rule.guidelines),
            "resourceTypes": list(rule.resource_types),
            **({"aliases": list(rule.aliases)} if rule.aliases else {}),
        },
    }


def _descriptor_from_finding(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.rule_id,
        "name": "".join(w.capitalize() for w in re.split(r"[^A-Za-z0-9]+", finding.rule_id) if w),
        "shortDescription": {"text": finding.title},
        "fullDescription": {"text": finding.title},
        "help": _help(finding.remediation, finding.guidelines),
        "defaultConfiguration": {"level": level_of(finding.severity)},
        "properties": _properties(finding.severity, finding.category, finding.guidelines),
    }


def _location(finding: Finding) -> dict[str, Any]:
    location: dict[str, Any] = {
        "logicalLocations": [
            {"name": finding.resource_id, "fullyQualifiedName": finding.resource_id, "kind": "resource"}
        ]
    }
    if finding.source.file:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(finding.source.file)}}
        if finding.source.line is not None and finding.source.line >= 1:
            physical["region"] = {"startLine": finding.source.line}
        location["physicalLocation"] = physical
    return location


def _result(finding: Finding, raw_resource_id: str, rules: _RuleTable) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rules.index[finding.rule_id],
        "level": level_of(finding.severity),
        "message": {"text": f"{finding.resource_id}: {finding.message}"},
        "locations": [_location(finding)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding.rule_id, raw_resource_id)},
        "properties": {
            "severity": finding.severity,
            "category": finding.category,
            "guidelines": list(finding.guidelines),
            "resourceType": finding.resource_type,
            "sourceKind": finding.source.kind,
            "remediation": finding.remediation,
            **({"attribute": finding.attribute} if finding.attribute else {}),
        },
    }
    if finding.status == "waived":
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": finding.waiver_reason or "waived"}
        ]
    return result


def _notification(error: ScanError) -> dict[str, Any]:
    return {
        "level": "error" if error.severity == "error" else "note",
        "message": {"text": f"{error.source}: {error.message}"},
        "properties": {"source": error.source, "severity": error.severity, **error.detail},
    }


class SarifReporter(Reporter):
    """A SARIF 2.1.0 log with one run: every evaluated rule, every finding, every input error."""

    name: ClassVar[str] = "sarif"
    extension: ClassVar[str] = "sarif"

    def document(self, result: ScanResult) -> dict[str, Any]:
        # Fingerprints hash the resource id as scanned: two resources whose ids differ only in a
        # redacted part must not share an alert.
        raw = sorted(result.findings, key=lambda f: f.sort_key())
        findings = [redacted_finding(f) for f in raw]
        rules = _RuleTable(result.rules, findings)
        errors = prepared_errors(result)
        invocation: dict[str, Any] = {
            "executionSuccessful": not any(e.severity == "error" for e in result.errors),
        }
        if errors:
            invocation["toolExecutionNotifications"] = [_notification(e) for e in errors]
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "aipolicy",
                    "version": tool_version(),
                    "informationUri": information_uri(),
                    "rules": rules.descriptors,
                }
            },
            "invocations": [invocation],
            "results": [_result(f, r.resource_id, rules) for f, r in zip(findings, raw, strict=True)],
            "properties": {"summary": {k: v for k, v in result.summary().items() if k != "targets"}},
        }
        return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}

    def render(self, result: ScanResult) -> str:
        return orjson.dumps(self.document(result), option=orjson.OPT_INDENT_2).decode() + "\n"
