"""A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe` (standard library only).

Why the protocol rather than a request log at a server: Chromium itself talks to the network in
the background (network time, component updates, TLS to Google services), so a server that sees
"some request" cannot say whether the page made it. The protocol reports each request with the
page (session) that made it, so a test can assert what *the page* fetched and nothing else.

The pipe transport is file descriptors 3 (commands in) and 4 (responses out), one JSON message
per NUL-terminated frame; no websocket library needed.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    # nothing may leave the machine even if something tried: every host name fails to resolve
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)


class CdpError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with a fresh profile; `open()` gives a page session."""

    def __init__(self, binary: str, profile: Path, timeout: float = 60.0) -> None:
        self.timeout = timeout
        cmd_read, self._cmd_write = os.pipe()
        self._resp_read, resp_write = os.pipe()

        def wire_fds() -> None:  # runs in the child: the protocol expects fds 3 and 4
            a, b = os.dup(cmd_read), os.dup(resp_write)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            close_fds=False,
            preexec_fn=wire_fds,
        )
        os.close(cmd_read)
        os.close(resp_write)
        self._next_id = 0
        self._replies: dict[int, queue.Queue[dict[str, Any]]] = {}
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self._lock = threading.Lock()
        threading.Thread(target=self._reader, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        for _ in self.process.stderr:
            pass

    def _reader(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._resp_read, 65536)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                frame, buffer = buffer.split(b"\0", 1)
                message = json.loads(frame)
                if "id" in message:
                    with self._lock:
                        box = self._replies.get(message["id"])
                    if box is not None:
                        box.put(message)
                else:
                    self.events.put(message)

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        with self._lock:
            self._next_id += 1
            ident = self._next_id
            box: queue.Queue[dict[str, Any]] = queue.Queue()
            self._replies[ident] = box
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._cmd_write, json.dumps(message).encode() + b"\0")
        try:
            reply = box.get(timeout=self.timeout)
        except queue.Empty:
            raise CdpError(f"{method}: no reply in {self.timeout}s") from None
        if "error" in reply:
            raise CdpError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def open(self) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, session)

    def close(self) -> None:
        with contextlib.suppress(CdpError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._cmd_write, self._resp_read):
            with contextlib.suppress(OSError):
                os.close(fd)


class Page:
    """One tab. Records every request the page makes and every console/log entry it causes."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session
        self.requests: list[str] = []
        self.blocked: list[tuple[str, str]] = []
        self.log: list[str] = []
        for domain in ("Page", "Network", "Log", "Runtime"):
            self.send(f"{domain}.enable")

    def send(self, method: str, params: dict[str, Any] | None = None) -> Any:
        return self.browser.send(method, params, self.session)

    def _pump(self, until: str | None, timeout: float) -> bool:
        """Record this page's events until `until` arrives (True) or `timeout` passes (False)."""
        deadline = time.monotonic() + timeout
        ids: dict[str, str] = {}
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                event = self.browser.events.get(timeout=left)
            except queue.Empty:
                return False
            if event.get("sessionId") != self.session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                self.requests.append(params["request"]["url"])
                ids[params["requestId"]] = params["request"]["url"]
            elif method == "Network.loadingFailed" and params.get("blockedReason"):
                self.blocked.append((ids.get(params["requestId"], "?"), params["blockedReason"]))
            elif method == "Log.entryAdded":
                self.log.append(f"{params['entry'].get('source')}: {params['entry'].get('text')}")
            elif method == "Runtime.consoleAPICalled":
                self.log.append("console: " + " ".join(str(a.get("value")) for a in params.get("args", [])))
            if until and method == until:
                return True

    def goto(self, url: str, settle: float = 1.0) -> None:
        """Navigate, wait for the load event, then keep listening a moment for late requests."""
        self.send("Page.navigate", {"url": url})
        if not self._pump("Page.loadEventFired", self.browser.timeout):
            raise CdpError(f"{url}: no load event in {self.browser.timeout}s")
        self._pump(None, settle)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise CdpError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def viewport(self, width: int, height: int) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def screenshot(self, path: Path, selector: str | None = None, height: int = 2400) -> None:
        """The viewport, or `height` pixels of the page from the top of `selector`."""
        params: dict[str, Any] = {"format": "png"}
        if selector is not None:
            top = self.evaluate(f"document.querySelector({json.dumps(selector)}).getBoundingClientRect().top")
            width = self.evaluate("document.documentElement.clientWidth")
            params.update(
                clip={
                    "x": 0,
                    "y": top + self.evaluate("scrollY"),
                    "width": width,
                    "height": height,
                    "scale": 1,
                },
                captureBeyondViewport=True,
            )
        data = self.send("Page.captureScreenshot", params)["data"]
        path.write_bytes(base64.b64decode(data))

    def media(self, media: str) -> None:
        self.send("Emulation.setEmulatedMedia", {"media": media})

    def pdf(self) -> bytes:
        return base64.b64decode(self.send("Page.printToPDF", {"printBackground": True})["data"])
