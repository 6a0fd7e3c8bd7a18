"""The serving certificate, reloaded when its files change.

cert-manager renews the certificate into a Secret and the kubelet swaps the mounted files (an atomic
symlink flip of the volume's `..data`); the webhook must serve the new one without a restart. Each new
connection asks for the current context; at most every `check_interval` seconds that looks at the
files' identity (inode, size, mtime), and when they changed a fresh SSLContext is loaded. A pair that
does not load (a certificate already written, its key not yet) keeps the previous context and is
tried again at the next check: connections never fail because of a half-written rotation.
"""

from __future__ import annotations

import logging
import os
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path

from aipolicy.errors import AipolicyError

log = logging.getLogger("aipolicy.admission")

Signature = tuple[tuple[int, int, int, int], ...]


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    """A TLS server context for the pair: TLS 1.2+, the platform's modern ciphers, HTTP/1.1 only."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(certfile=str(cert), keyfile=str(key))
    context.set_alpn_protocols(["http/1.1"])
    return context


class CertificateStore:
    """The current SSLContext for `cert`/`key`, reloaded when either file changes."""

    def __init__(
        self,
        cert: Path,
        key: Path,
        check_interval: float = 2.0,
        on_reload: Callable[[bool], None] | None = None,
    ):
        self.cert = cert
        self.key = key
        self.check_interval = check_interval
        self._on_reload = on_reload
        self._lock = threading.Lock()
        try:
            self._signature = self._stat()
            self._context = server_context(cert, key)
        except (OSError, ssl.SSLError) as exc:
            raise AipolicyError(f"--tls-cert {cert} / --tls-key {key}: cannot load the pair: {exc}") from None
        self._checked = time.monotonic()

    def _stat(self) -> Signature:
        out = []
        for path in (self.cert, self.key):
            st = os.stat(path)  # follows the kubelet's symlinks to the current files
            out.append((st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns))
        return tuple(out)

    def context(self) -> ssl.SSLContext:
        """The context for a new connection (checks the files when the interval has passed)."""
        now = time.monotonic()
        if now - self._checked < self.check_interval:
            return self._context
        with self._lock:
            if now - self._checked >= self.check_interval:
                self._checked = now
                self._maybe_reload()
            return self._context

    def _maybe_reload(self) -> None:
        try:
            signature = self._stat()
        except OSError as exc:
            log.warning("serving certificate files unreadable, keeping the loaded pair: %s", exc)
            return
        if signature == self._signature:
            return
        try:
            context = server_context(self.cert, self.key)
        except (OSError, ssl.SSLError) as exc:
            log.warning("serving certificate changed but does not load yet, keeping the previous: %s", exc)
            if self._on_reload:
                self._on_reload(False)
            return
        self._context = context
        self._signature = signature
        log.info("serving certificate reloaded from %s", self.cert)
        if self._on_reload:
            self._on_reload(True)
