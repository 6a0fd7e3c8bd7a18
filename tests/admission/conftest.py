"""Webhook fixtures: a test CA, real HTTPS servers on loopback, and a client that trusts only that CA."""

from __future__ import annotations

import http.client
import json
import socket
import ssl
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from aipolicy.admission.options import AdmissionOptions
from aipolicy.admission.server import RunningWebhook
from aipolicy.scan import ScanOptions

from .pki import CertificateAuthority, Issued

READY_TIMEOUT = 240.0


@pytest.fixture(scope="session")
def ca(tmp_path_factory: pytest.TempPathFactory) -> CertificateAuthority:
    return CertificateAuthority(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def server_cert(ca: CertificateAuthority) -> Issued:
    return ca.issue("aipolicy-admission.aipolicy-system.svc")


class Client:
    """HTTPS to a webhook on 127.0.0.1, verifying its certificate against the test CA."""

    def __init__(self, port: int, ca: CertificateAuthority):
        self.port = port
        self.context = ssl.create_default_context(cafile=str(ca.cert_path))
        self.conn = self.connect()

    def connect(self) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection("127.0.0.1", self.port, context=self.context, timeout=60)

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, http.client.HTTPResponse]:
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body, headers or {})
                response = self.conn.getresponse()
                return response.status, response.read(), response
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # the server closed an idle keep-alive connection: a new one, as the API server does
                self.conn.close()
                self.conn = self.connect()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def review(self, document: dict[str, Any] | bytes) -> tuple[int, Any]:
        body = document if isinstance(document, bytes) else json.dumps(document).encode()
        status, data, _ = self.request("POST", "/validate", body, {"Content-Type": "application/json"})
        return status, json.loads(data)

    def get(self, path: str) -> tuple[int, str]:
        status, data, _ = self.request("GET", path)
        return status, data.decode()

    def close(self) -> None:
        self.conn.close()


def peer_serial(port: int, ca: CertificateAuthority) -> int:
    """The serial number of the certificate a new TLS connection is served."""
    context = ssl.create_default_context(cafile=str(ca.cert_path))
    with (
        socket.create_connection(("127.0.0.1", port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        from cryptography import x509

        der = tls.getpeercert(binary_form=True)
        assert der is not None
        return int(x509.load_der_x509_certificate(der).serial_number)


WebhookFactory = Callable[..., RunningWebhook]


@pytest.fixture(scope="session")
def start_webhook(server_cert: Issued) -> Iterator[WebhookFactory]:
    """Start webhooks on 127.0.0.1 (any free port) with one evaluation process unless told otherwise."""
    started: list[RunningWebhook] = []

    def start(
        cert: Path | None = None, key: Path | None = None, wait: bool = True, **overrides: Any
    ) -> RunningWebhook:
        scan = overrides.pop("scan", ScanOptions())
        options = AdmissionOptions(
            tls_cert=cert or server_cert.cert,
            tls_key=key or server_cert.key,
            host="127.0.0.1",
            port=0,
            workers=overrides.pop("workers", 1),
            scan=scan,
            **overrides,
        )
        running = RunningWebhook(options).start()
        started.append(running)
        if wait:
            running.wait_ready(READY_TIMEOUT)
        return running

    yield start
    for running in started:
        running.stop()


@pytest.fixture(scope="session")
def deny_webhook(start_webhook: WebhookFactory) -> RunningWebhook:
    return start_webhook(mode="deny", exempt_namespaces=["ml-sandbox"])


@pytest.fixture
def client(deny_webhook: RunningWebhook, ca: CertificateAuthority) -> Iterator[Client]:
    c = Client(deny_webhook.port, ca)
    yield c
    c.close()
