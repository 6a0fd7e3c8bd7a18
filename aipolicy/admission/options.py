"""What the webhook is told: where its certificate is, how findings act, and its limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aipolicy.errors import AipolicyError
from aipolicy.scan import ScanOptions

# deny: blocking findings reject the request; warn: findings come back as warnings; dryrun: findings
# are only logged and counted.
MODES = ("deny", "warn", "dryrun")
FAILURE_DECISIONS = ("deny", "allow")
DEFAULT_MAX_REQUEST_BYTES = 3 * 1024 * 1024


@dataclass
class AdmissionOptions:
    """Options of `aipolicy admission serve`.

    `scan.fail_on` is the severity at or above which a finding denies in deny mode; failing findings
    below it are returned as warnings. `evaluation_timeout` must stay below the
    ValidatingWebhookConfiguration's timeoutSeconds so that the webhook, not the API server's
    failurePolicy, decides what a slow evaluation means: `failure_decision` (deny mode only; the other
    modes always admit) — either way the failure is logged, counted and sent back as a warning.
    """

    tls_cert: Path | None
    tls_key: Path | None
    mode: str = "deny"
    exempt_namespaces: list[str] = field(default_factory=list)
    host: str = "0.0.0.0"
    port: int = 8443
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    evaluation_timeout: float = 3.0
    failure_decision: str = "deny"
    workers: int = 0  # evaluation processes; 0: one per CPU
    cert_check_interval: float = 2.0
    idle_timeout: float = 60.0  # seconds a keep-alive connection may stay silent
    scan: ScanOptions = field(default_factory=ScanOptions)

    def check(self) -> None:
        """Refuse what cannot work, with the option to fix named."""
        if self.tls_cert is None or self.tls_key is None:
            raise AipolicyError(
                "the webhook serves HTTPS only: pass --tls-cert and --tls-key (PEM files; the API server"
                " must trust the certificate's CA)"
            )
        for flag, path in (("--tls-cert", self.tls_cert), ("--tls-key", self.tls_key)):
            if not path.is_file():
                raise AipolicyError(f"{flag} {path}: no such file")
        if self.mode not in MODES:
            raise AipolicyError(f"--mode {self.mode!r}: expected one of {', '.join(MODES)}")
        if self.failure_decision not in FAILURE_DECISIONS:
            raise AipolicyError(
                f"--failure-decision {self.failure_decision!r}:"
                f" expected one of {', '.join(FAILURE_DECISIONS)}"
            )
        if self.max_request_bytes < 1024:
            raise AipolicyError(f"--max-request-bytes {self.max_request_bytes}: too small for any review")
        if self.evaluation_timeout <= 0:
            raise AipolicyError("--evaluation-timeout must be positive")
        if self.workers < 0:
            raise AipolicyError("--workers must be 0 (one per CPU) or more")
