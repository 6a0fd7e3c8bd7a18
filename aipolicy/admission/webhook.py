"""The decision for one AdmissionReview, independent of HTTP: parse, build the view, evaluate, answer.

Denials and warnings name the policy, the resource and the policy's message — never a value from the
object (a policy about literal secrets in env says which variable, not what it holds), and every text
goes through `redact` as reports do. An evaluation that fails or overruns is never a silent "allowed":
it is logged, counted, and answered with the configured failure decision (deny mode) or a warning.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from aipolicy.admission.evaluator import EvaluationTimeout, Evaluator
from aipolicy.admission.metrics import Metrics
from aipolicy.admission.options import AdmissionOptions
from aipolicy.admission.review import AdmissionRequest, MalformedReview, parse_review, review_response
from aipolicy.errors import AipolicyError
from aipolicy.findings import Finding
from aipolicy.guidelines import severity_rank
from aipolicy.policyset import PolicySet
from aipolicy.redact import redact
from aipolicy.scan import build_findings
from aipolicy.waivers import Waiver, apply_waivers

log = logging.getLogger("aipolicy.admission")

# Subresources whose writes are judged: ephemeral containers are containers like any other. Status,
# scale, binding, eviction and the like carry no pod spec the policies judge.
JUDGED_SUBRESOURCES = ("", "ephemeralcontainers")


@dataclass
class Outcome:
    """The HTTP answer to one review and what it decided (for the log and the metrics)."""

    status: int
    document: dict[str, Any]
    result: str
    rule_ids: list[str] = field(default_factory=list)


def admission_policy_set(policy_set: PolicySet) -> tuple[PolicySet, list[str]]:
    """The set minus its view-wide policies (`custom.scope: view`), and their ids (to pass on to
    worker processes). An AdmissionReview carries one object, so such a policy would see a model
    server without the NetworkPolicies that already exist in its namespace and deny it falsely;
    these run in manifest scans and the live audit, not here."""
    view_wide = [p.id for p in policy_set.policies if p.scope == "view"]
    return policy_set.without(view_wide), view_wide


class AdmissionWebhook:
    """Answers AdmissionReviews with the policy set according to the mode."""

    def __init__(
        self,
        options: AdmissionOptions,
        evaluator: Evaluator,
        policy_set: PolicySet,
        metrics: Metrics,
        waivers: list[Waiver] | None = None,
    ):
        self.options = options
        self.evaluator = evaluator
        self.policy_set = policy_set
        self.metrics = metrics
        self.waivers = waivers or []
        self.exempt = set(options.exempt_namespaces)
        self.threshold = severity_rank(options.scan.fail_on)
        self._aliases = {p.id: {p.id, *p.aliases} for p in policy_set.policies}

    def handle(self, body: bytes) -> Outcome:
        """One review body to its answer. Only a malformed body is not an AdmissionReview answer."""
        started = time.perf_counter()
        try:
            request = parse_review(body)
        except MalformedReview as exc:
            self.metrics.errors.labels("malformed").inc()
            log.warning("malformed admission review: %s", exc)
            return Outcome(400, {"error": "malformed AdmissionReview", "detail": str(exc)}, "malformed")
        try:
            outcome = self._decide(request)
        except Exception:  # a bug: still an answer, never a dropped connection
            log.exception("internal error while judging %s (uid %s)", request.display, request.uid)
            self.metrics.errors.labels("internal").inc()
            outcome = self._failure(request, "internal error (see the webhook's log)")
        elapsed = time.perf_counter() - started
        mode = self.options.mode
        self.metrics.decisions.labels(mode, outcome.result, "true" if request.dry_run else "false").inc()
        self.metrics.latency.labels(mode).observe(elapsed)
        self._log(request, outcome, elapsed)
        return outcome

    def _decide(self, request: AdmissionRequest) -> Outcome:
        if request.operation not in ("CREATE", "UPDATE") or request.sub_resource not in JUDGED_SUBRESOURCES:
            return Outcome(200, review_response(request.uid, True), "skipped")
        if self._exempt(request):
            return Outcome(200, review_response(request.uid, True), "exempt")

        from aipolicy.collectors.kubernetes.admission import AdmissionCollector

        view = AdmissionCollector(request.raw).collect()
        started = time.perf_counter()
        try:
            raw = self.evaluator.evaluate(view.to_document(), self.options.evaluation_timeout)
        except EvaluationTimeout as exc:
            self.metrics.errors.labels(exc.reason).inc()
            return self._failure(request, str(exc))
        except AipolicyError as exc:
            self.metrics.errors.labels("engine").inc()
            return self._failure(request, str(exc))
        finally:
            self.metrics.evaluation.observe(time.perf_counter() - started)
        findings = build_findings(view, raw, self.policy_set)
        apply_waivers(findings, self.waivers, self._aliases)
        failing = [f for f in findings if f.status == "fail"]
        for finding in failing:
            self.metrics.violations.labels(finding.rule_id, self.options.mode).inc()
        return self._verdict(request, failing)

    def _exempt(self, request: AdmissionRequest) -> bool:
        if request.namespace:
            return request.namespace in self.exempt
        return request.kind == "Namespace" and request.group in ("", "core") and request.name in self.exempt

    def _verdict(self, request: AdmissionRequest, failing: list[Finding]) -> Outcome:
        rule_ids = sorted({f.rule_id for f in failing})
        mode = self.options.mode
        blocking = [f for f in failing if severity_rank(f.severity) >= self.threshold]
        if mode == "dryrun":
            result = "would_deny" if blocking else "allowed"
            return Outcome(200, review_response(request.uid, True), result, rule_ids)
        if mode == "warn":
            warnings = [violation_line(f) for f in failing]
            result = "warned" if warnings else "allowed"
            return Outcome(200, review_response(request.uid, True, warnings=warnings), result, rule_ids)
        warnings = [violation_line(f) for f in failing if f not in blocking]
        if not blocking:
            result = "warned" if warnings else "allowed"
            return Outcome(200, review_response(request.uid, True, warnings=warnings), result, rule_ids)
        lines = "; ".join(violation_line(f) for f in blocking)
        count = f"{len(blocking)} violation{'s' if len(blocking) != 1 else ''}"
        message = (
            f"aipolicy denied {request.display}: {count} at or above {self.options.scan.fail_on}: {lines}"
        )
        document = review_response(
            request.uid, False, message=message, code=403, reason="Forbidden", warnings=warnings
        )
        return Outcome(200, document, "denied", rule_ids)

    def _failure(self, request: AdmissionRequest, problem: str) -> Outcome:
        """The answer when the policy set could not judge the object: never a silent admission."""
        text = f"aipolicy could not evaluate {request.display}: {problem}"
        if self.options.mode == "deny" and self.options.failure_decision == "deny":
            document = review_response(
                request.uid, False, message=f"{text}; denied (--failure-decision deny)", code=500
            )
            return Outcome(200, document, "error")
        if self.options.mode == "dryrun":
            return Outcome(200, review_response(request.uid, True), "error")
        warning = f"{text}; admitted without a policy decision"
        return Outcome(200, review_response(request.uid, True, warnings=[warning]), "error")

    def _log(self, request: AdmissionRequest, outcome: Outcome, elapsed: float) -> None:
        entry = {
            "uid": request.uid,
            "operation": request.operation,
            "kind": request.kind,
            "namespace": request.namespace,
            "name": request.name,
            "dry_run": request.dry_run,
            "mode": self.options.mode,
            "result": outcome.result,
            "violations": outcome.rule_ids,
            "ms": round(elapsed * 1000, 2),
        }
        level = logging.WARNING if outcome.result in ("denied", "would_deny", "error") else logging.INFO
        log.log(level, "admission %s", json.dumps(entry, separators=(",", ":")))


def violation_line(finding: Finding) -> str:
    """`[rule severity] resource: message` — the policy's message, redacted, never an attribute value."""
    return redact(f"[{finding.rule_id} {finding.severity}] {finding.resource_id}: {finding.message}")
