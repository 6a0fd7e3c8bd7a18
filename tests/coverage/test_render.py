"""HTML and Markdown renderings: self-contained, accessible markup, escaped and redacted, same content."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from aipolicy.coverage import Attestation, Coverage, Status, build_coverage
from aipolicy.coverage.html import CSP, render_html
from aipolicy.coverage.markdown import render_markdown
from aipolicy.guidelines import PRINCIPLES
from aipolicy.policyset import PolicySet
from tests.coverage.conftest import STACKS, example_report
from tests.coverage.test_model import EVALUATED, SMALL, TODAY, finding, report

SECRET = "hf_" + "aB3dE6gH9k" * 3 + "MnPq"


class Tags(HTMLParser):
    """Every start tag with its attributes, to check the markup rather than grep it."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


@pytest.fixture(scope="module")
def hostile() -> Coverage:
    findings = [
        finding(
            "AIP-T-001",
            'aws_s3_bucket.x["<script>alert(1)</script>"]',
            ["deployment/model-protection"],
            message=f"token = {SECRET} | <img src=x onerror=alert(1)> @octocat",
        ),
        finding(
            "AIP-T-002", "aws_s3_bucket.y", ["development/assets"], status="waived", waiver_reason="<b>ok</b>"
        ),
    ]
    attestations = [
        Attestation("design/awareness", "Trained <i>all</i>", "CISO", "javascript:alert(1)", TODAY, TODAY),
        Attestation(
            "design/threat-model", "Model", "Arch", "https://wiki.example.com/tm?a=1&b=2", TODAY, TODAY
        ),
        Attestation(
            "operation/lessons-learned", "Old", "IR", "docs/x.md", dt.date(2025, 1, 1), dt.date(2026, 1, 1)
        ),
    ]
    return build_coverage([report(findings, EVALUATED)], SMALL, attestations, TODAY, title="Payments <AI>")


def test_page_is_self_contained_with_a_strict_csp(hostile: Coverage) -> None:
    page = render_html(hostile)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    found = tags(page)
    assert ("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}) in found
    assert "default-src 'none'" in CSP and "script-src" not in CSP
    assert not [t for t, _ in found if t in ("script", "iframe", "object", "embed", "img", "base", "form")]
    fetching = [(t, a) for t, a in found for k in ("src", "srcset", "data", "poster") if k in a]
    assert fetching == []
    links = [(t, a.get("href")) for t, a in found if "href" in a]
    for tag, href in links:
        assert href is not None
        # in-page anchors, the data: favicon (stops a /favicon.ico request), evidence links (navigation only)
        assert href.startswith("#") or href == "data:," or (tag == "a" and href.startswith("https://")), href
    assert "url(" not in page and "@import" not in page and "@font-face" not in page


def test_every_principle_in_matrix_and_drill_down(hostile: Coverage) -> None:
    page = render_html(hostile)
    found = tags(page)
    rows = [a["data-principle"] for t, a in found if t == "tr" and "data-principle" in a]
    details = [a["id"] for t, a in found if t == "details" and a.get("class") == "principle"]
    assert rows == [p.id for p in PRINCIPLES]
    assert details == ["p-" + p.id.replace("/", "-") for p in PRINCIPLES]
    for p in PRINCIPLES:
        assert page.count(f'href="#p-{p.id.replace("/", "-")}"') == 1


def test_accessible_markup(hostile: Coverage) -> None:
    page = render_html(hostile)
    found = tags(page)
    assert [t for t, _ in found].count("h1") == 1
    assert [a.get("scope") for t, a in found if t == "th"] and all(
        a.get("scope") in ("col", "row", "rowgroup") for t, a in found if t == "th"
    )
    assert all(any(t == "caption" for t, _ in found) for _ in [0])
    # status never by colour alone: every badge carries a symbol and its words
    for status in Status:
        assert (
            f'data-status="{status.css}"><span aria-hidden="true">{status.symbol}</span> {status.label}'
            in page
        )
    svg = next(a for t, a in found if t == "svg")
    assert svg["role"] == "img" and svg["aria-labelledby"] == "chart-title chart-desc"
    assert "@media print" in page and "::details-content" in page


def test_scanned_and_attested_text_is_escaped_and_redacted(hostile: Coverage) -> None:
    page = render_html(hostile)
    assert SECRET not in page and "[REDACTED]" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "<i>all</i>" not in page and "<b>ok</b>" not in page
    assert "Payments &lt;AI&gt;" in page
    assert 'href="javascript:' not in page and "<code>javascript:alert(1)</code>" in page
    assert 'href="https://wiki.example.com/tm?a=1&amp;b=2" rel="noopener noreferrer"' in page


def test_statuses_reasons_waivers_and_expiry_are_shown(hostile: Coverage) -> None:
    page = render_html(hostile)
    section = page.split('id="p-operation-lessons-learned"')[1].split("</details>")[0]
    assert "Attestation expired" in section and "2026-01-01" in section
    assets = page.split('id="p-development-assets"')[1].split("</details>")[0]
    assert "Waivers in force" in assets and "&lt;b&gt;ok&lt;/b&gt;" in assets and "not stated" in assets
    protection = page.split('id="p-deployment-model-protection"')[1].split("</details>")[0]
    assert "Remediation: Fix AIP-T-001." not in protection  # remediation comes from the report's finding
    assert "Remediation: r" in protection
    opened = [a.get("id") for t, a in tags(page) if t == "details" and "open" in a]
    assert "p-deployment-model-protection" in opened and "p-development-assets" not in opened


def test_rendering_is_deterministic(hostile: Coverage) -> None:
    assert render_html(hostile) == render_html(hostile)
    assert render_markdown(hostile) == render_markdown(hostile)


def test_markdown_carries_the_same_content(hostile: Coverage) -> None:
    md = render_markdown(hostile)
    assert md.startswith("## Payments \\<AI\\>")
    assert [line for line in md.splitlines() if line.startswith("### ")] == [
        "### 1 Secure design",
        "### 2 Secure development",
        "### 3 Secure deployment",
        "### 4 Secure operation and maintenance",
    ]
    for p in PRINCIPLES:
        assert f"`{p.id}`" in md
    assert md.count("<details>") == 17 and md.count("</details>") == 17
    assert "**Principles met: 3 / 17** (1 by checks, 2 by attestation)" in md
    assert "| encryption | 1 | " in md and "| access-control | 0 |  |" in md
    assert "↻ Attestation expired" in md and "✎ Attested" in md
    assert SECRET not in md and "\\<img src=x" in md and "\\@octocat" in md
    # a resource id is shown as a code span, which GitHub renders literally
    assert re.sub(r"`[^`]*`", "", md).count("<script>") == 0
    assert "\\<b\\>ok\\</b\\>" in md


def test_markdown_can_be_shortened_for_comment_limits(policies: PolicySet) -> None:
    cov = build_coverage([example_report(STACKS[0], "insecure")], policies, today=TODAY)
    full, short = render_markdown(cov), render_markdown(cov, max_findings=2)
    assert len(short) < len(full)
    assert re.search(r"… \d+ more in the HTML report", short)


def test_trend_column_only_with_a_previous_scan(policies: PolicySet) -> None:
    now = [example_report(STACKS[0], "hardened")]
    without = build_coverage(now, policies, today=TODAY)
    with_previous = build_coverage(
        now, policies, today=TODAY, previous=[example_report(STACKS[0], "insecure")]
    )
    assert "Since previous" not in render_html(without) and "Since previous" not in render_markdown(without)
    page = render_html(with_previous)
    assert "Since previous" in page and 'data-trend="better"' in page and "since previous scan" in page
    assert "▼" in render_markdown(with_previous)


def test_old_reports_say_pass_counts_are_unknown(policies: PolicySet) -> None:
    cov = build_coverage([example_report(STACKS[0], "hardened", evaluated=False)], policies, today=TODAY)
    page = render_html(cov)
    assert "pass counts are unknown" in page and "n/a" in page
