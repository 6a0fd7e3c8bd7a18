"""The webhook's HTTPS server: the standard library's ThreadingHTTPServer, TLS on every connection.

A thread per connection is enough here: the API server keeps a few connections open and sends reviews
over them, the evaluation itself runs in worker processes (evaluator.py), and the server's own work per
request (read, parse, answer) is a fraction of a millisecond. TLS is negotiated in the connection's
thread, not in the accept loop, so a slow or hostile client cannot stall other connections, and with
the context current at that moment, so a renewed certificate is served from the next connection on.

Routes: POST /validate (AdmissionReview v1), GET /healthz (the process serves), GET /readyz (the
policy set is compiled), GET /metrics (Prometheus text format).
"""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import socket
import ssl
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aipolicy.admission.evaluator import Evaluator, create_evaluator
from aipolicy.admission.metrics import Metrics
from aipolicy.admission.options import AdmissionOptions
from aipolicy.admission.tls import CertificateStore
from aipolicy.admission.webhook import AdmissionWebhook, admission_policy_set
from aipolicy.errors import AipolicyError
from aipolicy.scan import ScanOptions, load_policies
from aipolicy.waivers import load_waivers

log = logging.getLogger("aipolicy.admission")

HANDSHAKE_TIMEOUT = 10.0
# a refused body is read and dropped up to this much, for this long, so the client sees the 413
DRAIN_LIMIT_BYTES = 64 * 1024 * 1024
DRAIN_SECONDS = 5.0


class _Handler(BaseHTTPRequestHandler):
    server: AdmissionServer
    protocol_version = "HTTP/1.1"  # keep-alive: the API server reuses its connections
    # headers and body go out in separate writes: with Nagle's algorithm and the peer's delayed ACK
    # every response would wait ~40 ms (measured: 43 ms p50 for a review no policy reads)
    disable_nagle_algorithm = True
    server_version = "aipolicy-admission"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.options.idle_timeout)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            self._send(200, b"ok\n", "text/plain; charset=utf-8")
        elif path == "/readyz":
            if self.server.ready:
                self._send(200, b"ok\n", "text/plain; charset=utf-8")
            else:
                self._send(503, b"policy set not compiled yet\n", "text/plain; charset=utf-8")
        elif path == "/metrics":
            self._send(200, self.server.metrics.render(), self.server.metrics.content_type)
        else:
            self._send_json(404, {"error": f"no route {path}"})

    def do_POST(self) -> None:
        path = self.path.split("?", 1)[0]
        if path != "/validate":
            self._discard_body()
            self._send_json(404, {"error": f"no route {path}: reviews go to POST /validate"})
            return
        length_header = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or length_header is None:
            self.close_connection = True
            self._send_json(411, {"error": "a Content-Length is required"})
            return
        try:
            length = int(length_header)
            if length < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            self.server.metrics.errors.labels("malformed").inc()
            self._send_json(400, {"error": "invalid Content-Length"})
            return
        limit = self.server.options.max_request_bytes
        if length > limit:
            self.close_connection = True
            self.server.metrics.errors.labels("too_large").inc()
            log.warning("admission review of %d bytes refused (limit %d)", length, limit)
            self._send_json(413, {"error": f"request body of {length} bytes exceeds the {limit}-byte limit"})
            self._drain(length)
            return
        body = self.rfile.read(length)
        if len(body) != length:
            self.close_connection = True
            return
        content_type = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if content_type != "application/json":
            self.server.metrics.errors.labels("malformed").inc()
            self._send_json(415, {"error": "expected Content-Type: application/json"})
            return
        if not self.server.ready:
            self._send_json(503, {"error": "policy set not compiled yet"})
            return
        outcome = self.server.webhook.handle(body)
        self._send_json(outcome.status, outcome.document)

    def _drain(self, length: int) -> None:
        """Read and drop a refused body (bounded in bytes and time, never kept): closing a socket with
        unread data makes TCP reset the connection, and the client would lose the 413 before reading it."""
        remaining = min(length, DRAIN_LIMIT_BYTES)
        deadline = time.monotonic() + DRAIN_SECONDS
        with contextlib.suppress(OSError):
            self.wfile.flush()
            self.connection.settimeout(DRAIN_SECONDS)
            while remaining > 0 and time.monotonic() < deadline:
                chunk = self.rfile.read1(min(remaining, 65536))
                if not chunk:
                    break
                remaining -= len(chunk)

    def _discard_body(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if 0 < length <= self.server.options.max_request_bytes:
            self.rfile.read(length)
        elif length:
            self.close_connection = True

    def _send_json(self, status: int, document: dict[str, Any]) -> None:
        self._send(status, json.dumps(document, separators=(",", ":")).encode(), "application/json")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)


class AdmissionServer(ThreadingHTTPServer):
    """HTTPS server around an AdmissionWebhook; TLS is set up per connection from the CertificateStore."""

    daemon_threads = True
    request_queue_size = 256

    def __init__(
        self,
        options: AdmissionOptions,
        webhook: AdmissionWebhook,
        certificates: CertificateStore,
        metrics: Metrics,
    ):
        self.options = options
        self.webhook = webhook
        self.certificates = certificates
        self.metrics = metrics
        family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
        self.address_family = family
        super().__init__((options.host, options.port), _Handler)

    @property
    def ready(self) -> bool:
        return self.webhook.evaluator.ready

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def finish_request(self, request: Any, client_address: Any) -> None:
        """Runs in the connection's thread: TLS handshake with the current certificate, then HTTP."""
        request.settimeout(HANDSHAKE_TIMEOUT)
        try:
            tls = self.certificates.context().wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            log.debug("TLS handshake with %s failed: %s", client_address, exc)
            return
        try:
            _Handler(tls, client_address, self)
        finally:
            with contextlib.suppress(OSError):
                tls.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("connection from %s ended with an error", client_address, exc_info=True)


class RunningWebhook:
    """A started webhook: the HTTPS server in a thread, the policy set compiling (then compiled) behind it.

    The server answers /healthz at once and /readyz once the policy set compiled, so a Deployment's
    readiness probe holds traffic back until then; reviews that arrive earlier get 503.
    """

    def __init__(self, options: AdmissionOptions):
        options.check()
        assert options.tls_cert is not None and options.tls_key is not None  # check() refuses None
        self.options = options
        self.metrics = Metrics()
        reloads = self.metrics.certificate_reloads
        self.certificates = CertificateStore(
            options.tls_cert,
            options.tls_key,
            options.cert_check_interval,
            on_reload=lambda ok: reloads.labels("success" if ok else "failure").inc(),
        )
        policy_set, excluded = admission_policy_set(load_policies(options.scan))
        # the worker processes load the same set: the same --skip plus the view-wide policies
        worker_options: ScanOptions = replace(options.scan, skip=[*options.scan.skip, *excluded])
        self.excluded = excluded
        self.evaluator: Evaluator = create_evaluator(
            worker_options, options.workers, options.evaluation_timeout
        )
        waivers = load_waivers(options.scan.waivers) if options.scan.waivers else []
        self.webhook = AdmissionWebhook(options, self.evaluator, policy_set, self.metrics, waivers)
        try:
            self.server = AdmissionServer(options, self.webhook, self.certificates, self.metrics)
        except OSError as exc:
            raise AipolicyError(f"cannot listen on {options.host}:{options.port}: {exc.strerror}") from None
        self.compiled = threading.Event()
        self.compile_error: BaseException | None = None
        self._serving: threading.Thread | None = None
        self._stopped = threading.Event()

    @property
    def port(self) -> int:
        return self.server.port

    def start(self) -> RunningWebhook:
        """Serve in a background thread and compile the policy set in another; returns at once."""
        self._serving = threading.Thread(target=self.server.serve_forever, name="aipolicy-https", daemon=True)
        self._serving.start()
        threading.Thread(target=self._compile, name="aipolicy-compile", daemon=True).start()
        log.info(
            "serving AdmissionReview v1 on https://%s:%d/validate (mode %s, %d policies%s)",
            self.options.host,
            self.port,
            self.options.mode,
            len(self.webhook.policy_set.policies),
            f", view-wide {', '.join(self.excluded)} left to audits" if self.excluded else "",
        )
        return self

    def _compile(self) -> None:
        try:
            self.evaluator.start()
            self.metrics.ready.set(1)
            log.info("policy set compiled: ready")
        except BaseException as exc:
            self.compile_error = exc
            log.error("the policy set cannot be served: %s", exc)
        finally:
            self.compiled.set()

    def wait_ready(self, timeout: float | None = None) -> None:
        """Block until the policy set compiled; AipolicyError when it did not (or not in time)."""
        if not self.compiled.wait(timeout):
            raise AipolicyError(f"the policy set did not compile within {timeout}s")
        if self.compile_error is not None:
            if isinstance(self.compile_error, AipolicyError):
                raise self.compile_error
            raise AipolicyError(f"the policy set cannot be served: {self.compile_error}")

    def stop(self) -> None:
        """Stop accepting, finish, and stop the evaluation workers."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        self.metrics.ready.set(0)
        self.server.shutdown()
        self.server.server_close()
        self.evaluator.close()

    def wait_stopped(self) -> None:
        self._stopped.wait()
        if self._serving is not None:
            self._serving.join()

    def __enter__(self) -> RunningWebhook:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def serve(options: AdmissionOptions) -> None:
    """Run the webhook until SIGTERM or SIGINT (`aipolicy admission serve`).

    Refuses to start without --tls-cert and --tls-key; exits with an AipolicyError when the policy set
    does not compile. SIGTERM stops accepting connections and lets requests in flight finish.
    """
    running = RunningWebhook(options).start()

    def stop(signum: int, _: Any) -> None:
        log.info("signal %d: stopping", signum)
        threading.Thread(target=running.stop, name="aipolicy-stop", daemon=True).start()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
    try:
        running.wait_ready()
    except AipolicyError:
        running.stop()
        raise
    running.wait_stopped()
