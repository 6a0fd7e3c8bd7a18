"""The coverage page as a person sees it: opened in headless Chromium, read back, photographed.

The page is served over HTTP from a local server (as a CI artifact would be) and opened through the
Chrome DevTools Protocol (tests/coverage/cdp.py), which reports every request *the page* makes;
Chromium's own background traffic belongs to no page and cannot blur the result. The server's log
must agree (the page, nothing else), and Chromium resolves no host name at all, so nothing leaves
the machine even if something tried. A control page with an external image shows the check does
see a fetch, and that the page's Content-Security-Policy blocks the same image.

Screenshots and the rendered pages land in test-artifacts/coverage/ (gitignored) for CI to keep.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aipolicy.coverage import Coverage, build_coverage, load_attestations
from aipolicy.coverage.html import CSP, render_html
from aipolicy.guidelines import PRINCIPLES, SEVERITIES
from aipolicy.policyset import PolicySet
from tests.conftest import REPO
from tests.coverage.cdp import Browser, Page
from tests.coverage.conftest import STACKS, example_report

TODAY = dt.date(2026, 11, 26)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Recorder:
    """What the local server saw: (method, Host header, path) per request, and unparseable traffic."""

    requests: list[tuple[str, str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, entry: tuple[str, str, str]) -> None:
        with self.lock:
            self.requests.append(entry)

    def take(self) -> list[tuple[str, str, str]]:
        with self.lock:
            out, self.requests = self.requests, []
        return out


class Handler(http.server.SimpleHTTPRequestHandler):
    recorder: Recorder

    def do_GET(self) -> None:  # every request, whatever the host it was meant for
        self.recorder.add((self.command, self.headers.get("Host", ""), self.path))
        super().do_GET()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 400 or self.command != "GET":  # e.g. a TLS handshake for an https:// fetch
            self.recorder.add((str(self.command), "?", f"unparseable request ({code})"))
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass


@dataclass
class Site:
    root: Path
    port: int
    recorder: Recorder

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("site")
    recorder = Recorder()
    handler = type("RecordingHandler", (Handler,), {"recorder": recorder})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(root, server.server_address[1], recorder)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    instance = Browser(chromium, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield instance
    finally:
        instance.close()


def visit(browser: Browser, site: Site, name: str) -> Page:
    """Open `name` in a new tab; assert that the page made no request but for itself."""
    site.recorder.take()
    page = browser.open()
    page.viewport(1280, 2400)
    page.goto(site.url(name))
    assert page.requests == [site.url(name)], f"the page fetched: {page.requests[1:]}"
    assert site.recorder.take() == [("GET", f"127.0.0.1:{site.port}", f"/{name}")]
    assert not [entry for entry in page.log if "Content Security Policy" in entry], page.log
    return page


class Dom(HTMLParser):
    """The text of every element that has an id or a data-* attribute, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str], list[str]]] = []
        self.elements: list[tuple[str, dict[str, str], str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append((tag, {k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, attrs, parts = self.stack.pop()
            text = "".join(parts)
            if self.stack:
                self.stack[-1][2].append(text)
            if "id" in attrs or any(k.startswith("data-") for k in attrs):
                self.elements.append((name, attrs, " ".join(text.split())))
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.stack:
            self.stack[-1][2].append(data)

    def find(self, tag: str, attr: str, value: str | None = None) -> list[tuple[dict[str, str], str]]:
        return [
            (a, text)
            for name, a, text in self.elements
            if name == tag and attr in a and (value is None or a[attr] == value)
        ]

    def one(self, tag: str, attr: str, value: str) -> str:
        found = self.find(tag, attr, value)
        assert len(found) == 1, f"{tag}[{attr}={value}]: {len(found)} elements"
        return found[0][1]


def read_dom(page: str) -> Dom:
    dom = Dom()
    dom.feed(page)
    dom.close()
    return dom


def coverage_for(stack: str, policies: PolicySet) -> tuple[Coverage, dict[str, object]]:
    current = example_report(stack, "insecure")
    cov = build_coverage(
        [current],
        policies,
        load_attestations(REPO / "examples" / "attestations.yaml"),
        TODAY,
        previous=None,
        title=f"{stack}: guideline coverage",
    )
    return cov, current


def test_the_check_sees_a_fetch_and_the_csp_blocks_it(browser: Browser, site: Site) -> None:
    image = '<img src="http://cdn.example.com/pixel.png" alt="">'
    (site.root / "leaky.html").write_text(f"<!DOCTYPE html><title>x</title>{image}")
    (site.root / "guarded.html").write_text(
        f'<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="{CSP}"><title>x</title>{image}'
    )
    leaky = browser.open()
    leaky.goto(site.url("leaky.html"))
    assert "http://cdn.example.com/pixel.png" in leaky.requests, leaky.requests
    guarded = browser.open()
    guarded.goto(site.url("guarded.html"))
    blocked_by_csp = [url for url, reason in guarded.blocked if reason == "csp"]
    refused = [entry for entry in guarded.log if "Content Security Policy" in entry]
    assert blocked_by_csp or refused, (guarded.requests, guarded.blocked, guarded.log)
    assert not [u for u in guarded.requests if u.startswith("http://cdn.") and u not in blocked_by_csp]


@pytest.mark.parametrize("stack", STACKS)
def test_page_in_chromium_shows_every_principle_and_the_report_counts(
    browser: Browser, site: Site, artifacts: Path, policies: PolicySet, stack: str
) -> None:
    cov, report = coverage_for(stack, policies)
    page_html = render_html(cov)
    name = f"{stack}.html"
    (site.root / name).write_text(page_html)
    (artifacts / name).write_text(page_html)

    page = visit(browser, site, name)
    dom = read_dom(page.evaluate("document.documentElement.outerHTML"))
    visible = " ".join(page.evaluate("document.body.innerText").split())

    summary = report["summary"]
    assert isinstance(summary, dict)
    findings = report["findings"]
    assert isinstance(findings, list)
    known = {p.id for p in PRINCIPLES}
    # every principle: its title on screen, its row in the matrix, its drill-down
    for principle in PRINCIPLES:
        assert principle.title in visible, principle.id
        row = dom.find("tr", "data-principle", principle.id)
        assert len(row) == 1 and row[0][0]["data-status"] == cov.principle(principle.id).status.css
        assert len(dom.find("details", "data-principle", principle.id)) == 1
        failing = [f for f in findings if f["status"] == "fail" and principle.id in f["guidelines"]]
        assert int(dom.one("td", "data-failing", principle.id)) == len(failing), principle.id
    failing_rows = sum(len(set(f["guidelines"]) & known) for f in findings if f["status"] == "fail")
    assert len(dom.find("tr", "data-finding")) == failing_rows
    # the summary and the chart agree with the JSON report
    assert int(dom.one("span", "id", "failing-count")) == summary["failed"]
    for severity in SEVERITIES:
        assert int(dom.one("td", "data-severity", severity)) == summary["by_severity"][severity]
    assert int(dom.one("td", "data-source", "plan")) == summary["failed"]
    by_category: dict[str, int] = {}
    for f in findings:
        if f["status"] == "fail":
            by_category[f["category"]] = by_category.get(f["category"], 0) + 1
    bars = dom.find("text", "data-category-count")
    assert len(bars) == 7
    for attrs, number in bars:
        assert int(number) == by_category.get(attrs["data-category-count"], 0), attrs
    assert int(dom.one("span", "id", "met-count")) == cov.met
    # attestations from the example file are on the page (in the drill-down, closed when attested)
    assert dom.find("tr", "data-principle", "design/awareness")[0][0]["data-status"] == "attested"
    assert "Head of ML Platform" in "".join(dom.text) and "↻ expired 2026-05-01" in visible

    shot = artifacts / f"{stack}.png"
    page.screenshot(shot)
    assert shot.stat().st_size > 50_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.screenshot(artifacts / f"{stack}-details.png", selector="#details-h")


def test_trend_page_after_hardening(
    browser: Browser, site: Site, artifacts: Path, policies: PolicySet
) -> None:
    stack = STACKS[0]
    cov = build_coverage(
        [example_report(stack, "hardened")],
        policies,
        load_attestations(REPO / "examples" / "attestations.yaml"),
        TODAY,
        previous=[example_report(stack, "insecure")],
        title=f"{stack}: after hardening",
    )
    name = f"{stack}-trend.html"
    (site.root / name).write_text(render_html(cov))
    (artifacts / name).write_text(render_html(cov))
    page = visit(browser, site, name)
    dom = read_dom(page.evaluate("document.documentElement.outerHTML"))
    trends = {a["data-trend"] for a, _ in dom.find("span", "data-trend")}
    assert "better" in trends and "worse" not in trends
    page.screenshot(artifacts / f"{stack}-trend.png")


def test_printing_opens_every_principle(browser: Browser, site: Site, policies: PolicySet) -> None:
    """Closed <details> hide their content on screen; @media print shows it on paper."""
    cov, _ = coverage_for(STACKS[0], policies)
    (site.root / "print.html").write_text(render_html(cov))
    page = visit(browser, site, "print.html")
    shown = (
        "[...document.querySelectorAll('details.principle .body')].filter(b => b.checkVisibility()).length"
    )
    closed = page.evaluate("document.querySelectorAll('details.principle:not([open])').length")
    assert closed > 0, "the example should have principles that are met (closed on screen)"
    assert page.evaluate(shown) == 17 - closed
    page.media("print")
    assert page.evaluate(shown) == 17
    assert page.pdf().startswith(b"%PDF")
