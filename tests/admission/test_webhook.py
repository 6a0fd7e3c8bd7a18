"""The webhook over real TLS on loopback, answering real AdmissionReview v1 documents."""

from __future__ import annotations

import json
import re
import shutil
import socket
import ssl
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from aipolicy.admission.options import AdmissionOptions
from aipolicy.admission.review import MAX_WARNINGS_TOTAL
from aipolicy.admission.server import RunningWebhook
from aipolicy.errors import AipolicyError
from aipolicy.scan import ScanOptions

from . import reviews as R
from .conftest import Client, WebhookFactory, peer_serial
from .pki import CertificateAuthority, Issued
from .policies import pod_policy_dir

SECRET_VALUE = "hf_" + "Q" * 34


def metric(text: str, name: str, **labels: str) -> float:
    """One sample's value from Prometheus text (0 when absent)."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        sample, _, value = line.rpartition(" ")
        found = dict(re.findall(r'(\w+)="([^"]*)"', sample))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(value)
    return 0.0


# -- decisions -------------------------------------------------------------------------------------


def test_hardened_pod_is_allowed_and_uid_echoed(client: Client) -> None:
    document = R.review(R.hardened_pod())
    status, answer = client.review(document)
    assert status == 200
    assert answer["apiVersion"] == "admission.k8s.io/v1" and answer["kind"] == "AdmissionReview"
    assert answer["response"]["uid"] == document["request"]["uid"]
    assert answer["response"]["allowed"] is True
    assert "warnings" not in answer["response"]


def test_insecure_pod_is_denied_with_violations_but_never_values(client: Client) -> None:
    document = R.review(R.insecure_pod())
    status, answer = client.review(document)
    response = answer["response"]
    assert status == 200
    assert response["uid"] == document["request"]["uid"]
    assert response["allowed"] is False
    assert response["status"]["code"] == 403
    message = response["status"]["message"]
    for rule in ("AIP-K8S-002", "AIP-K8S-003", "AIP-K8S-011"):  # HIGH: they block
        assert rule in message
    assert "models/Pod/vllm-insecure" in message
    # MEDIUM and LOW findings do not block at --fail-on HIGH: they come back as warnings
    warnings = " ".join(response["warnings"])
    assert "AIP-K8S-005" in warnings and "AIP-K8S-007" in warnings
    # the literal token is named as a violation, never shown
    assert SECRET_VALUE not in json.dumps(answer)
    assert "hf_QQQ" not in json.dumps(answer)


def test_findings_below_the_threshold_only_warn(client: Client) -> None:
    status, answer = client.review(R.review(R.low_severity_pod()))
    assert status == 200
    assert answer["response"]["allowed"] is True
    assert any("AIP-K8S-007" in w for w in answer["response"]["warnings"])


def test_kserve_inference_service(client: Client) -> None:
    safe = R.inference_service("llama", storage_uri="hf://meta-llama/Meta-Llama-3-8B-Instruct")
    status, answer = client.review(R.review(safe))
    assert (status, answer["response"]["allowed"]) == (200, True), answer
    unsafe = R.inference_service("llama-http", storage_uri="http://models.internal/llama", hardened=False)
    status, answer = client.review(R.review(unsafe))
    assert answer["response"]["allowed"] is False
    message = answer["response"]["status"]["message"]
    assert "AIP-K8S-021" in message and "AIP-K8S-003" in message
    assert "models/InferenceService/llama-http" in message


def test_update_judges_the_new_object(client: Client) -> None:
    worse = R.review(R.insecure_pod("vllm-0"), operation="UPDATE", old=R.hardened_pod("vllm-0"))
    assert client.review(worse)[1]["response"]["allowed"] is False
    better = R.review(R.hardened_pod("vllm-0"), operation="UPDATE", old=R.insecure_pod("vllm-0"))
    assert client.review(better)[1]["response"]["allowed"] is True


def test_dry_run_requests_are_judged_and_counted_apart(client: Client) -> None:
    before = metric(client.get("/metrics")[1], "aipolicy_admission_decisions_total", dry_run="true")
    status, answer = client.review(R.review(R.insecure_pod(), dry_run=True))
    assert status == 200 and answer["response"]["allowed"] is False
    after = metric(
        client.get("/metrics")[1], "aipolicy_admission_decisions_total", dry_run="true", result="denied"
    )
    assert after == before + 1


def test_delete_and_connect_are_allowed(client: Client) -> None:
    delete = R.review(None, operation="DELETE", old=R.insecure_pod(), kind="Pod")
    status, answer = client.review(delete)
    assert (status, answer["response"]["allowed"]) == (200, True)
    connect = R.review(None, operation="CONNECT", kind="Pod", namespace="models", name="vllm-0")
    connect["request"]["subResource"] = "exec"
    assert client.review(connect)[1]["response"]["allowed"] is True


def test_status_writes_are_not_judged_but_ephemeral_containers_are(client: Client) -> None:
    status_update = R.review(
        R.insecure_pod(), operation="UPDATE", old=R.insecure_pod(), sub_resource="status"
    )
    assert client.review(status_update)[1]["response"]["allowed"] is True
    debug = R.hardened_pod()
    debug["spec"]["ephemeralContainers"] = [
        {"name": "debugger", "image": "busybox:latest", "securityContext": {"privileged": True}}
    ]
    ephemeral = R.review(debug, operation="UPDATE", old=R.hardened_pod(), sub_resource="ephemeralcontainers")
    _status, answer = client.review(ephemeral)
    assert answer["response"]["allowed"] is False
    assert "AIP-K8S-003" in answer["response"]["status"]["message"]


def test_exempt_namespace_is_allowed(client: Client) -> None:
    status, answer = client.review(R.review(R.insecure_pod(namespace="ml-sandbox")))
    assert (status, answer["response"]["allowed"]) == (200, True)
    assert "warnings" not in answer["response"]


def test_generated_names_are_judged(client: Client) -> None:
    pod = R.insecure_pod()
    pod["metadata"]["generateName"] = "vllm-7d9c5b6f4-"
    del pod["metadata"]["name"]
    _status, answer = client.review(R.review(pod, name=""))
    assert answer["response"]["allowed"] is False
    assert "models/Pod/vllm-7d9c5b6f4-*" in answer["response"]["status"]["message"]


def test_a_model_server_is_not_denied_for_namespace_state_it_cannot_see(client: Client) -> None:
    """AIP-K8S-014 (default-deny NetworkPolicy) judges a namespace: one object cannot show it."""
    _, answer = client.review(R.review(R.hardened_pod()))
    assert answer["response"]["allowed"] is True
    assert "AIP-K8S-014" not in json.dumps(answer)
    namespace = {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": "models", "labels": {"kubernetes.io/metadata.name": "models"}},
    }
    _status, answer = client.review(R.review(namespace))
    assert answer["response"]["allowed"] is True


def test_large_object_under_the_limit_is_judged(client: Client) -> None:
    pod = R.hardened_pod()
    pod["metadata"]["annotations"] = {"example.com/blob": "x" * (1024 * 1024)}
    status, answer = client.review(R.review(pod))
    assert (status, answer["response"]["allowed"]) == (200, True)


def test_concurrent_reviews_get_their_own_answers(
    deny_webhook: RunningWebhook, ca: CertificateAuthority
) -> None:
    def one(i: int) -> tuple[str, bool, str, bool]:
        c = Client(deny_webhook.port, ca)
        try:
            pod = R.insecure_pod(f"p{i}") if i % 2 else R.hardened_pod(f"p{i}")
            document = R.review(pod)
            _, answer = c.review(document)
            return (
                document["request"]["uid"],
                i % 2 == 0,
                answer["response"]["uid"],
                answer["response"]["allowed"],
            )
        finally:
            c.close()

    with ThreadPoolExecutor(16) as pool:
        for sent, expected, echoed, allowed in pool.map(one, range(48)):
            assert sent == echoed
            assert allowed is expected


# -- modes -----------------------------------------------------------------------------------------


def test_warn_mode_allows_with_warnings(start_webhook: WebhookFactory, ca: CertificateAuthority) -> None:
    running = start_webhook(mode="warn")
    c = Client(running.port, ca)
    try:
        status, answer = c.review(R.review(R.insecure_pod()))
        response = answer["response"]
        assert (status, response["allowed"]) == (200, True)
        joined = " ".join(response["warnings"])
        for rule in ("AIP-K8S-002", "AIP-K8S-003", "AIP-K8S-011", "AIP-K8S-005"):
            assert rule in joined
        assert sum(len(w) for w in response["warnings"]) <= MAX_WARNINGS_TOTAL
        assert all(len(w) <= 256 for w in response["warnings"])
        assert SECRET_VALUE not in json.dumps(answer)
        metrics = c.get("/metrics")[1]
        assert metric(metrics, "aipolicy_admission_decisions_total", mode="warn", result="warned") == 1
    finally:
        c.close()


def test_dryrun_mode_only_logs_and_counts(
    start_webhook: WebhookFactory, ca: CertificateAuthority, caplog: pytest.LogCaptureFixture
) -> None:
    running = start_webhook(mode="dryrun")
    c = Client(running.port, ca)
    try:
        with caplog.at_level("INFO", logger="aipolicy.admission"):
            _status, answer = c.review(R.review(R.insecure_pod()))
        assert answer["response"] == {"uid": answer["response"]["uid"], "allowed": True}
        metrics = c.get("/metrics")[1]
        assert metric(metrics, "aipolicy_admission_decisions_total", mode="dryrun", result="would_deny") == 1
        assert (
            metric(metrics, "aipolicy_admission_violations_total", rule_id="AIP-K8S-011", mode="dryrun") == 1
        )
        logged = [r.getMessage() for r in caplog.records if "would_deny" in r.getMessage()]
        assert logged and "AIP-K8S-011" in logged[0]
        assert all(SECRET_VALUE not in r.getMessage() for r in caplog.records)
    finally:
        c.close()


SLOW_POLICY = """# METADATA
# title: A deliberately slow policy for the evaluation time limit
# description: Counts to ten million for every pod, so no evaluation can finish in time.
# custom:
#   id: TEST-SLOW-001
#   severity: LOW
#   category: resilience
#   guidelines: [design/secure-by-design]
#   resource_types: [core/Pod]
#   remediation: None; a test fixture.
package test.slow

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "core/Pod")
	count([x | some x in numbers.range(1, 10000000); x % 7 == 0]) < 0
	finding := data.aipolicy.lib.resources.finding(r, "spec", "never")
}
"""


@pytest.mark.parametrize("decision", ["deny", "allow"])
def test_evaluation_timeout_is_never_a_silent_allow(
    start_webhook: WebhookFactory, ca: CertificateAuthority, decision: str, tmp_path: Path
) -> None:
    # a policy that cannot finish in the limit, so the test does not depend on the machine's speed
    running = start_webhook(
        mode="deny",
        evaluation_timeout=0.3,
        failure_decision=decision,
        scan=ScanOptions(policy_dirs=[pod_policy_dir(tmp_path / "policies", "slow", SLOW_POLICY)]),
    )
    c = Client(running.port, ca)
    try:
        status, answer = c.review(R.review(R.hardened_pod()))
        response = answer["response"]
        assert status == 200
        if decision == "deny":
            assert response["allowed"] is False
            assert response["status"]["code"] == 500
            assert "could not evaluate" in response["status"]["message"]
        else:
            assert response["allowed"] is True
            assert any("could not evaluate" in w for w in response["warnings"])
        metrics = c.get("/metrics")[1]
        errors = metric(metrics, "aipolicy_admission_errors_total", reason="timeout") + metric(
            metrics, "aipolicy_admission_errors_total", reason="busy"
        )
        assert errors >= 1
        assert metric(metrics, "aipolicy_admission_decisions_total", result="error") == 1
    finally:
        c.close()
    # the overrunning worker was replaced: the server is ready again
    deadline = time.monotonic() + 120
    while not running.evaluator.ready and time.monotonic() < deadline:
        time.sleep(0.1)
    assert running.evaluator.ready


# -- malformed and oversized requests --------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        json.dumps({"apiVersion": "admission.k8s.io/v1beta1", "kind": "AdmissionReview"}).encode(),
        json.dumps({"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview"}).encode(),
        json.dumps(
            {
                "apiVersion": "admission.k8s.io/v1",
                "kind": "AdmissionReview",
                "request": {"operation": "CREATE"},
            }
        ).encode(),
        json.dumps(
            {
                "apiVersion": "admission.k8s.io/v1",
                "kind": "AdmissionReview",
                "request": {"uid": "u1", "operation": "CREATE", "kind": {"kind": "Pod"}},
            }
        ).encode(),
        "\udcff".encode("utf-8", "surrogatepass"),
    ],
)
def test_malformed_review_is_400_and_the_server_keeps_serving(client: Client, body: bytes) -> None:
    status, answer = client.review(body)
    assert status == 400
    assert answer["error"] == "malformed AdmissionReview"
    # same connection, then a new one: both still served
    assert client.review(R.review(R.hardened_pod()))[1]["response"]["allowed"] is True
    client.conn.close()
    client.conn = client.connect()
    assert client.get("/healthz") == (200, "ok\n")


def test_oversized_review_is_413(deny_webhook: RunningWebhook, ca: CertificateAuthority) -> None:
    """The limit is judged from Content-Length: the body is never read, the connection closed."""
    size = deny_webhook.options.max_request_bytes + 1
    context = ssl.create_default_context(cafile=str(ca.cert_path))
    with (
        socket.create_connection(("127.0.0.1", deny_webhook.port), timeout=30) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        tls.sendall(
            b"POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {size}\r\n\r\n".encode()
            + b'{"apiVersion":"admission.k8s.io/v1",'
        )
        reply = b""
        while b"\r\n\r\n" not in reply or not reply.rstrip().endswith(b"}"):
            chunk = tls.recv(65536)
            if not chunk:
                break
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert b"Connection: close" in head
    assert b"exceeds" in body
    c = Client(deny_webhook.port, ca)
    try:
        assert c.review(R.review(R.hardened_pod()))[1]["response"]["allowed"] is True
        assert metric(c.get("/metrics")[1], "aipolicy_admission_errors_total", reason="too_large") >= 1
    finally:
        c.close()


def test_small_limit_refuses_a_real_review(start_webhook: WebhookFactory, ca: CertificateAuthority) -> None:
    running = start_webhook(max_request_bytes=4096)
    c = Client(running.port, ca)
    try:
        pod = R.hardened_pod()
        pod["metadata"]["annotations"] = {"example.com/blob": "x" * 8000}
        body = json.dumps(R.review(pod)).encode()
        status, _data, response = c.request("POST", "/validate", body, {"Content-Type": "application/json"})
        assert status == 413
        assert response.getheader("Connection") == "close"
    except (ConnectionResetError, BrokenPipeError):
        pytest.fail("the server reset the connection instead of answering 413")
    finally:
        c.close()


def test_other_http_errors(client: Client) -> None:
    status, _, _ = client.request("POST", "/validate", b"{}", {"Content-Type": "text/plain"})
    assert status == 415
    status, _, _ = client.request("GET", "/nowhere")
    assert status == 404
    status, _, _ = client.request("POST", "/mutate", b"{}", {"Content-Type": "application/json"})
    assert status == 404


def test_plain_http_is_refused_and_the_server_keeps_serving(
    deny_webhook: RunningWebhook, ca: CertificateAuthority
) -> None:
    with socket.create_connection(("127.0.0.1", deny_webhook.port), timeout=15) as raw:
        raw.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        try:
            answer = raw.recv(1024)
        except ConnectionResetError:  # the failed handshake closed the connection
            answer = b""
    assert b"200" not in answer and b"ok" not in answer
    assert Client(deny_webhook.port, ca).get("/healthz") == (200, "ok\n")


# -- health, readiness, metrics --------------------------------------------------------------------


def test_health_and_readiness(client: Client) -> None:
    assert client.get("/healthz") == (200, "ok\n")
    assert client.get("/readyz") == (200, "ok\n")


def test_not_ready_until_the_policy_set_compiled(
    start_webhook: WebhookFactory, ca: CertificateAuthority
) -> None:
    running = start_webhook(wait=False)
    c = Client(running.port, ca)
    try:
        assert c.get("/healthz") == (200, "ok\n")
        status, _ = c.get("/readyz")
        if status == 503:  # compiling takes seconds; the first probe is normally earlier
            code, _answer = c.review(R.review(R.hardened_pod()))
            assert code == 503
        running.wait_ready(240)
        assert c.get("/readyz") == (200, "ok\n")
    finally:
        c.close()


def test_metrics(client: Client) -> None:
    client.review(R.review(R.hardened_pod()))
    client.review(R.review(R.insecure_pod()))
    client.review(b"nope")
    status, text = client.get("/metrics")
    assert status == 200
    assert metric(text, "aipolicy_admission_decisions_total", mode="deny", result="allowed") >= 1
    assert metric(text, "aipolicy_admission_decisions_total", mode="deny", result="denied") >= 1
    assert metric(text, "aipolicy_admission_errors_total", reason="malformed") >= 1
    assert metric(text, "aipolicy_admission_request_duration_seconds_count", mode="deny") >= 2
    assert 'aipolicy_admission_request_duration_seconds_bucket{le="0.005",mode="deny"}' in text
    assert metric(text, "aipolicy_admission_evaluation_duration_seconds_count") >= 2
    assert metric(text, "aipolicy_admission_violations_total", rule_id="AIP-K8S-003", mode="deny") >= 1
    assert metric(text, "aipolicy_admission_ready") == 1


# -- TLS -------------------------------------------------------------------------------------------


def test_refuses_to_start_without_tls(tmp_path: Any) -> None:
    with pytest.raises(AipolicyError, match="HTTPS only"):
        RunningWebhook(AdmissionOptions(tls_cert=None, tls_key=None, port=0))
    with pytest.raises(AipolicyError, match="no such file"):
        RunningWebhook(AdmissionOptions(tls_cert=tmp_path / "a.crt", tls_key=tmp_path / "a.key", port=0))


def test_certificate_rotation(start_webhook: WebhookFactory, ca: CertificateAuthority, tmp_path: Any) -> None:
    first = ca.issue("rotating", cert_path=tmp_path / "tls.crt", key_path=tmp_path / "tls.key")
    running = start_webhook(cert=first.cert, key=first.key, cert_check_interval=0.2)
    assert peer_serial(running.port, ca) == first.serial
    kept = Client(running.port, ca)
    try:
        assert kept.get("/healthz")[0] == 200
        staging = tmp_path / "next"
        staging.mkdir()
        second: Issued = ca.issue("rotating", cert_path=staging / "tls.crt", key_path=staging / "tls.key")
        # as a renewal writes them: key first, then the certificate (never half a pair for long)
        shutil.copy(second.key, tmp_path / "tls.key")
        shutil.copy(second.cert, tmp_path / "tls.crt")
        deadline = time.monotonic() + 10
        while peer_serial(running.port, ca) != second.serial and time.monotonic() < deadline:
            time.sleep(0.1)
        assert peer_serial(running.port, ca) == second.serial
        # a connection opened before the rotation is still served
        assert kept.get("/healthz")[0] == 200
        assert (
            metric(kept.get("/metrics")[1], "aipolicy_admission_certificate_reloads_total", result="success")
            >= 1
        )
    finally:
        kept.close()


def test_opa_engine_behind_the_webhook(
    start_webhook: WebhookFactory, ca: CertificateAuthority, opa_server: str
) -> None:
    """--engine opa: the same decisions from a real OPA server (evaluated from threads, not processes).

    The AWS policies are left out only to keep the push short: OPA recompiles on every module pushed.
    """
    from aipolicy.policyset import load_policy_set

    aws = [p.id for p in load_policy_set().policies if p.id.startswith("AIP-AWS-")]
    running = start_webhook(scan=ScanOptions(engine="opa", opa_url=opa_server, skip=aws))
    c = Client(running.port, ca)
    try:
        assert c.review(R.review(R.hardened_pod()))[1]["response"]["allowed"] is True
        answer = c.review(R.review(R.insecure_pod()))[1]["response"]
        assert answer["allowed"] is False
        assert "AIP-K8S-011" in answer["status"]["message"]
        assert SECRET_VALUE not in json.dumps(answer)
    finally:
        c.close()
