"""Prometheus metrics of the webhook, in a registry of its own (several servers in one process: tests)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

# Admission answers are expected in single milliseconds; the API server gives up after seconds.
LATENCY_BUCKETS = (
    0.0005,
    0.001,
    0.002,
    0.003,
    0.005,
    0.0075,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
)


class Metrics:
    """Decisions by mode and result, latency, errors by reason, violations by rule, reloads."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.decisions = Counter(
            "aipolicy_admission_decisions",
            "Admission decisions by mode, result (allowed, denied, warned, exempt, skipped, error)"
            " and whether the request was a dry run.",
            ["mode", "result", "dry_run"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "aipolicy_admission_request_duration_seconds",
            "Time from a complete request body to its response, by mode.",
            ["mode"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.evaluation = Histogram(
            "aipolicy_admission_evaluation_duration_seconds",
            "Time the policy set took to evaluate one object (including the hand-off to a worker).",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.errors = Counter(
            "aipolicy_admission_errors",
            "Requests that could not be judged, by reason (malformed, too_large, timeout, busy, engine,"
            " internal).",
            ["reason"],
            registry=self.registry,
        )
        self.violations = Counter(
            "aipolicy_admission_violations",
            "Failing findings by policy id and mode (dryrun mode only counts them).",
            ["rule_id", "mode"],
            registry=self.registry,
        )
        self.certificate_reloads = Counter(
            "aipolicy_admission_certificate_reloads",
            "Serving certificate reloads after the files changed, by result (success, failure).",
            ["result"],
            registry=self.registry,
        )
        self.ready = Gauge(
            "aipolicy_admission_ready",
            "1 once the policy set is compiled and evaluations are served.",
            registry=self.registry,
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)
