from __future__ import annotations

import re

from aipolicy.findings import ScanResult
from aipolicy.report.markdown import MarkdownReporter, md_code, md_escape


def test_summary_table_then_sections(scan_result: ScanResult) -> None:
    out = MarkdownReporter().render(scan_result)
    lines = out.splitlines()
    assert (
        "**3 failing (1 CRITICAL, 1 HIGH, 1 MEDIUM), 1 waived, 1 error — 12 resources, 15 policies**" in lines
    )
    assert "| 🟥 CRITICAL | 1 |" in lines and "| 🟦 LOW | 0 |" in lines and "| Waived | 1 |" in lines
    headings = [line for line in lines if line.startswith("### ")]
    assert headings == [
        "### 1 Secure design",
        "### 2 Secure development",
        "### 3 Secure deployment",
        "### 4 Secure operation and maintenance",
        "### Errors",
        "### Expired waivers",
    ]
    assert out.index("| Severity | Failing |") < out.index("### 1 Secure design")


def test_rows_have_severity_rule_resource_message_remediation(scan_result: ScanResult) -> None:
    out = MarkdownReporter().render(scan_result)
    section = out.split("### 3 Secure deployment")[1].split("###")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`AIP-" in line]
    # A finding appears once per section even when it names two of its principles; most severe first.
    severities = [r.split("|")[1].strip() for r in rows]
    assert severities[:2] == ["🟥 CRITICAL", "🟧 HIGH"]
    assert severities[2].startswith("~~🟧 HIGH~~ waived: Sandbox account")
    assert len(rows) == 3
    bucket = rows[0].split(" | ")
    assert "`AIP-AWS-S3-001`" in bucket[1]
    assert "`aws_s3_bucket.models`<br>`modules\\storage\\s3.tf`" in bucket[2]
    assert "customer-managed key" in bucket[4] and "aws:kms" in bucket[5]
    assert all(r.count(" | ") == 5 for r in rows)


def test_errors_section(scan_result: ScanResult) -> None:
    out = MarkdownReporter().render(scan_result)
    assert "- **error** `ml/broken.tf`: could not parse HCL" in out
    assert "- **info** `policies`: 1 custom policy skipped" in out


def test_input_cannot_break_the_table_or_inject_html(scan_result: ScanResult) -> None:
    scan_result.findings[3].message = "a | b <img src=x onerror=alert(1)> [link](http://evil) @team\nnext"
    scan_result.findings[3].resource_id = "ns/Deployment/a|b`c"
    out = MarkdownReporter().render(scan_result)
    row = next(line for line in out.splitlines() if "a \\| b" in line)
    assert re.search(r"(?<!\\)<img", row) is None and "\\<img" in row
    assert "\\[link\\]\\(http://evil\\)" in row and "\\@team" in row
    assert "a \\| b" in row and "<br>next" in row
    assert "``ns/Deployment/a\\|b`c``" in row


def test_escaping_helpers() -> None:
    assert md_escape("x_y*z") == "x\\_y\\*z"
    assert md_escape("one\ntwo") == "one<br>two"
    assert md_code("a`b") == "``a`b``"
    assert md_code("`a") == "`` `a ``"
    assert md_code("p|q") == "`p\\|q`"


def test_clean_scan(clean_result: ScanResult) -> None:
    out = MarkdownReporter().render(clean_result)
    assert "No findings." in out and "### Errors" not in out
