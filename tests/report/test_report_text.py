from __future__ import annotations

import re

from aipolicy.findings import ScanResult
from aipolicy.report.text import TextReporter

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SUMMARY = "3 failing (1 CRITICAL, 1 HIGH, 1 MEDIUM), 1 waived, 1 error — 12 resources, 15 policies"


def test_sections_and_principles_are_headings_in_guideline_order(scan_result: ScanResult) -> None:
    lines = TextReporter().render(scan_result).splitlines()
    headings = [line for line in lines if line and not line.startswith(" ")]
    sections = [h for h in headings if re.match(r"^\d [A-Z]", h)]
    assert sections == [
        "1 Secure design",
        "2 Secure development",
        "3 Secure deployment",
        "4 Secure operation and maintenance",
    ]
    principles = [line.split()[0] for line in lines if re.match(r"^  [a-z]+/", line)]
    assert principles == [
        "design/secure-by-design",
        "development/assets",
        "deployment/infrastructure",
        "deployment/model-protection",
        "operation/secure-updates",
    ]


def test_a_finding_is_listed_under_each_of_its_principles(scan_result: ScanResult) -> None:
    out = TextReporter().render(scan_result)
    assert out.count("aws_sagemaker_notebook_instance.research") == 2
    assert out.count("aws_s3_bucket.models") == 2
    assert out.count("ml/Deployment/model-server") == 1


def test_rows_show_location_and_remediation(scan_result: ScanResult) -> None:
    out = TextReporter().render(scan_result)
    row = next(line for line in out.splitlines() if "aws_s3_bucket.models" in line)
    assert row.split()[:5] == [
        "CRITICAL",
        "fail",
        "AIP-AWS-S3-001",
        "aws_s3_bucket.models",
        "modules\\storage\\s3.tf",
    ]
    assert "ml/main.tf:12" in out
    k8s_row = next(line for line in out.splitlines() if "ml/Deployment/model-server" in line)
    assert k8s_row.split()[4] == "-"
    assert 'fix: Set root_access = "Disabled".' in out


def test_waived_findings_show_status_and_reason(scan_result: ScanResult) -> None:
    lines = TextReporter().render(scan_result).splitlines()
    i = next(i for i, line in enumerate(lines) if "aws_sagemaker_notebook_instance.sandbox" in line)
    assert lines[i].split()[:2] == ["HIGH", "waived"]
    assert lines[i + 1].strip().startswith("waived: Sandbox account, isolated;")


def test_errors_and_summary_line(scan_result: ScanResult) -> None:
    out = TextReporter().render(scan_result)
    lines = out.splitlines()
    assert lines[-1] == SUMMARY
    start = lines.index("Errors")
    assert lines[start + 1].split()[:2] == ["error", "ml/broken.tf:"]
    assert lines[start + 2].split()[:2] == ["info", "policies:"]
    assert "Expired waivers" in out and "aws_sagemaker_notebook_instance.old" in out


def test_no_ansi_without_color(scan_result: ScanResult) -> None:
    assert "\x1b" not in TextReporter(color=False).render(scan_result)


def test_severities_are_coloured_when_asked(scan_result: ScanResult) -> None:
    out = TextReporter(color=True).render(scan_result)
    assert "\x1b[1;31mCRITICAL\x1b[0m" in out
    assert "\x1b[31mHIGH\x1b[0m" in out
    assert "\x1b[33mMEDIUM\x1b[0m" in out
    # Colour changes nothing but the escapes: columns stay aligned.
    assert ANSI.sub("", out) == TextReporter(color=False).render(scan_result)


def test_clean_scan(clean_result: ScanResult) -> None:
    out = TextReporter().render(clean_result)
    assert "No findings." in out
    assert "Errors" not in out
    assert out.splitlines()[-1] == "0 failing, 0 waived, 0 errors — 3 resources, 1 policy"


def test_control_characters_from_input_are_escaped(scan_result: ScanResult) -> None:
    scan_result.findings[0].message = "evil\x1b[2Jmessage\nsecond line"
    out = TextReporter().render(scan_result)
    assert "\x1b" not in out
    assert "evil\\x1b[2Jmessage second line" in out
