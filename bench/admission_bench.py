"""Load benchmark of the admission webhook over TLS, next to a real OPA server making the same decisions.

    python bench/admission_bench.py [--rate 200] [--duration 30] [--opa PATH] [--markdown FILE]

Starts the webhook (`aipolicy.admission.server.serve`, full built-in policy set, deny mode) in its own
process on 127.0.0.1 with a throwaway CA, and sends AdmissionReview v1 documents of realistic model
server pods and KServe InferenceServices at a fixed rate (open loop: request i is due at start + i/rate
whatever happened to earlier ones, and its latency is counted from that moment, so a stall is not
hidden by sending less). A pool of client threads holds keep-alive TLS connections, as the API server
does. Then the same view documents go to `opa run --server` (policies pushed through the Policy API,
queried through the Data API at the same rate over keep-alive HTTP) so the webhook's overhead over raw
OPA is a number. Everything is bounded: the run stops after --duration plus the drain timeout.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import http.client
import ipaddress
import json
import os
import queue
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DIGEST = "sha256:" + "3b" * 32
REQUEST_TIMEOUT = 10.0


# -- realistic objects -----------------------------------------------------------------------------


def container(
    name: str, image: str, *, hardened: bool, gpu: bool, env: list[dict[str, Any]]
) -> dict[str, Any]:
    limits = {"cpu": "8", "memory": "32Gi", **({"nvidia.com/gpu": "1"} if gpu else {})}
    c: dict[str, Any] = {
        "name": name,
        "image": image,
        "args": ["--model", "/models/current", "--port", "8000", "--max-model-len", "8192"],
        "ports": [{"name": "http", "containerPort": 8000, "protocol": "TCP"}],
        "env": env,
        "resources": {"limits": limits, "requests": limits},
        "volumeMounts": [{"name": "models", "mountPath": "/models", "readOnly": True}],
        "readinessProbe": {
            "httpGet": {"path": "/health", "port": 8000, "scheme": "HTTP"},
            "periodSeconds": 5,
        },
        "terminationMessagePath": "/dev/termination-log",
        "terminationMessagePolicy": "File",
        "imagePullPolicy": "IfNotPresent",
    }
    if hardened:
        c["securityContext"] = {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "runAsNonRoot": True,
            "runAsUser": 1000,
            "capabilities": {"drop": ["ALL"]},
            "seccompProfile": {"type": "RuntimeDefault"},
        }
    else:
        c["securityContext"] = {"privileged": True}
    return c


def pod(index: int, server: str, image: str, *, hardened: bool, sidecars: int) -> dict[str, Any]:
    env = [
        {"name": "HF_TOKEN", "valueFrom": {"secretKeyRef": {"name": "hf-token", "key": "token"}}},
        {"name": "MODEL_ID", "value": "meta-llama/Meta-Llama-3-8B-Instruct"},
        {"name": "NCCL_DEBUG", "value": "WARN"},
    ]
    if not hardened:
        env.append({"name": "OPENAI_API_KEY", "value": "sk-proj-" + "x1" * 20})
    containers = [container(server, image, hardened=hardened, gpu=True, env=env)]
    for s in range(sidecars):
        containers.append(
            container(
                f"sidecar-{s}",
                f"docker.io/envoyproxy/envoy@{DIGEST}",
                hardened=hardened,
                gpu=False,
                env=[{"name": "LOG_LEVEL", "value": "info"}],
            )
        )
    spec: dict[str, Any] = {
        "serviceAccountName": server,
        "securityContext": {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}},
        "initContainers": [
            container(
                "fetch-model", f"docker.io/library/python@{DIGEST}", hardened=hardened, gpu=False, env=[]
            )
        ],
        "containers": containers,
        "volumes": [{"name": "models", "persistentVolumeClaim": {"claimName": "models", "readOnly": True}}],
        "nodeSelector": {"nvidia.com/gpu.present": "true"},
        "tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}],
        "restartPolicy": "Always",
        "dnsPolicy": "ClusterFirst",
        "schedulerName": "default-scheduler",
        "terminationGracePeriodSeconds": 30,
    }
    if hardened:
        spec["automountServiceAccountToken"] = False
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "generateName": f"{server}-7d9c5b6f4-",
            "namespace": "models",
            "uid": str(uuid.UUID(int=index)),
            "labels": {"app": server, "pod-template-hash": "7d9c5b6f4"},
            "ownerReferences": [
                {
                    "apiVersion": "apps/v1",
                    "kind": "ReplicaSet",
                    "name": f"{server}-7d9c5b6f4",
                    "uid": str(uuid.UUID(int=index + 1000)),
                    "controller": True,
                    "blockOwnerDeletion": True,
                }
            ],
        },
        "spec": spec,
    }


def inference_service(index: int, *, hardened: bool) -> dict[str, Any]:
    return {
        "apiVersion": "serving.kserve.io/v1beta1",
        "kind": "InferenceService",
        "metadata": {
            "name": f"llama-{index}",
            "namespace": "models",
            "uid": str(uuid.UUID(int=index + 2000)),
        },
        "spec": {
            "predictor": {
                "minReplicas": 1,
                "model": {
                    "modelFormat": {"name": "huggingface"},
                    "storageUri": "hf://meta-llama/Meta-Llama-3-8B-Instruct"
                    if hardened
                    else "http://models.internal/llama",
                    "image": f"docker.io/kserve/huggingfaceserver@{DIGEST}",
                    "resources": {"limits": {"cpu": "8", "memory": "32Gi", "nvidia.com/gpu": "1"}},
                },
            }
        },
    }


def review(obj: dict[str, Any]) -> dict[str, Any]:
    kind = obj["kind"]
    group, _, version = obj["apiVersion"].rpartition("/")
    plural = {"Pod": "pods", "InferenceService": "inferenceservices"}[kind]
    gvk = {"group": group, "version": version, "kind": kind}
    gvr = {"group": group, "version": version, "resource": plural}
    return {
        "apiVersion": "admission.k8s.io/v1",
        "kind": "AdmissionReview",
        "request": {
            "uid": "",
            "kind": gvk,
            "resource": gvr,
            "requestKind": gvk,
            "requestResource": gvr,
            "name": obj["metadata"].get("name", ""),
            "namespace": obj["metadata"]["namespace"],
            "operation": "CREATE",
            "userInfo": {"username": "system:serviceaccount:kube-system:replicaset-controller"},
            "object": obj,
            "oldObject": None,
            "dryRun": False,
            "options": {"apiVersion": "meta.k8s.io/v1", "kind": "CreateOptions"},
        },
    }


def corpus() -> list[dict[str, Any]]:
    """A mix: mostly hardened model-server pods (as a cluster admits them), some insecure, some KServe."""
    servers = [
        ("vllm", f"docker.io/vllm/vllm-openai@{DIGEST}"),
        ("triton", f"nvcr.io/nvidia/tritonserver@{DIGEST}"),
        ("tgi", f"ghcr.io/huggingface/text-generation-inference@{DIGEST}"),
    ]
    objects: list[dict[str, Any]] = []
    for i in range(24):
        name, image = servers[i % len(servers)]
        hardened = i % 4 != 3
        if not hardened:
            image = image.split("@")[0] + ":latest"
        objects.append(pod(i, name, image, hardened=hardened, sidecars=i % 3))
    objects += [inference_service(i, hardened=i % 2 == 0) for i in range(6)]
    return [review(o) for o in objects]


# -- TLS material ----------------------------------------------------------------------------------


def make_certificates(directory: Path) -> tuple[Path, Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.timezone.utc)

    def pem_key(key: Any) -> bytes:
        return key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "aipolicy bench CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "aipolicy-admission")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = directory / "ca.crt", directory / "tls.crt", directory / "tls.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(pem_key(key))
    return ca_path, cert_path, key_path


# -- the load generator ----------------------------------------------------------------------------


@dataclass
class Run:
    name: str
    latencies: list[float] = field(default_factory=list)  # from the moment each request was due
    service: list[float] = field(default_factory=list)  # from the moment it was sent
    errors: dict[str, int] = field(default_factory=dict)
    sent: int = 0
    elapsed: float = 0.0
    decisions: dict[str, int] = field(default_factory=dict)

    def error(self, reason: str) -> None:
        self.errors[reason] = self.errors.get(reason, 0) + 1


def load(
    name: str,
    connect: Any,
    requests: list[tuple[str, bytes]],
    rate: float,
    duration: float,
    check: Any,
    threads: int,
) -> Run:
    """POST (path, body) requests round-robin at `rate` per second for `duration` seconds (open loop)."""
    run = Run(name)
    total = int(rate * duration)
    due: queue.Queue[tuple[int, float] | None] = queue.Queue()
    lock = threading.Lock()

    def worker() -> None:
        conn = connect()
        while True:
            item = due.get()
            if item is None:
                conn.close()
                return
            index, when = item
            delay = when - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            path, body = requests[index % len(requests)]
            sent = time.perf_counter()
            try:
                conn.request("POST", path, body, {"Content-Type": "application/json"})
                response = conn.getresponse()
                data = response.read()
                done = time.perf_counter()
                outcome = check(response.status, data)
            except Exception as exc:
                done = time.perf_counter()
                outcome = f"error:{type(exc).__name__}"
                conn.close()
                conn = connect()
            with lock:
                if outcome.startswith("error"):
                    run.error(outcome)
                else:
                    run.latencies.append(done - when)
                    run.service.append(done - sent)
                    run.decisions[outcome] = run.decisions.get(outcome, 0) + 1

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    start = time.perf_counter() + 0.2
    # hand out work just in time, so an idle thread takes the next due request
    for i in range(total):
        when = start + i / rate
        while when - time.perf_counter() > 0.05:
            time.sleep(0.01)
        due.put((i, when))
        run.sent += 1
    for _ in pool:
        due.put(None)
    for t in pool:
        t.join(timeout=duration + REQUEST_TIMEOUT + 5)
    run.elapsed = time.perf_counter() - start
    return run


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def row(run: Run) -> str:
    ms = [v * 1000 for v in run.latencies]
    errors = sum(run.errors.values())
    detail = ", ".join(f"{k} {v}" for k, v in sorted(run.errors.items())) or "0"
    return (
        f"| {run.name} | {run.sent} | {len(run.latencies) / run.elapsed:.0f}/s | {detail if errors else 0} |"
        f" {percentile(ms, 50):.2f} | {percentile(ms, 95):.2f} | {percentile(ms, 99):.2f} | {max(ms):.2f} |"
        f" {statistics.mean(v * 1000 for v in run.service):.2f} |"
    )


# -- the servers -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_child(args: argparse.Namespace) -> None:
    """The webhook process (this script re-run with --serve-child)."""
    import logging

    from aipolicy.admission.options import AdmissionOptions
    from aipolicy.admission.server import serve

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    logging.getLogger("aipolicy.admission").setLevel(logging.ERROR)  # denials are logged as warnings
    serve(
        AdmissionOptions(
            tls_cert=Path(args.cert),
            tls_key=Path(args.key),
            host="127.0.0.1",
            port=args.port,
            mode="deny",
            workers=args.workers,
        )
    )


def wait_for(
    url: str, context: ssl.SSLContext | None, process: subprocess.Popen[bytes], timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2, context=context) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} not ready within {timeout}s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def find_opa(explicit: str | None) -> str | None:
    for candidate in (explicit, os.environ.get("OPA_BIN"), ".tools/bin/opa", shutil.which("opa")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second (default 200)")
    parser.add_argument(
        "--duration", type=float, default=30.0, help="seconds of load per target (default 30)"
    )
    parser.add_argument("--threads", type=int, default=16, help="client connections (default 16)")
    parser.add_argument(
        "--workers", type=int, default=0, help="webhook evaluation processes (0: one per CPU)"
    )
    parser.add_argument("--opa", help="OPA binary (default $OPA_BIN, .tools/bin/opa, opa on PATH)")
    parser.add_argument("--skip-opa", action="store_true", help="measure the webhook only")
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    parser.add_argument("--serve-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cert", help=argparse.SUPPRESS)
    parser.add_argument("--key", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_child:
        serve_child(args)
        return 0
    if args.rate <= 0 or not 0 < args.duration <= 600:
        parser.error("--rate must be positive and --duration within (0, 600]")

    reviews = corpus()
    bodies = []
    for i in range(max(len(reviews), 64)):
        document = copy.deepcopy(reviews[i % len(reviews)])
        document["request"]["uid"] = str(uuid.uuid4())
        bodies.append(json.dumps(document).encode())
    webhook_requests = [("/validate", body) for body in bodies]

    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="aipolicy-bench-") as tmp:
        ca, cert, key = make_certificates(Path(tmp))
        port = free_port()
        log = open(Path(tmp) / "webhook.log", "wb")  # noqa: SIM115 - kept open for the child's life
        webhook = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--serve-child",
                f"--cert={cert}",
                f"--key={key}",
                f"--port={port}",
                f"--workers={args.workers}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        context = ssl.create_default_context(cafile=str(ca))
        try:
            started = time.monotonic()
            wait_for(f"https://127.0.0.1:{port}/readyz", context, webhook, 300)
            print(f"webhook ready in {time.monotonic() - started:.1f}s", file=sys.stderr)

            def webhook_check(status: int, data: bytes) -> str:
                if status != 200:
                    return f"error:http {status}"
                response = json.loads(data)["response"]
                if not isinstance(response.get("allowed"), bool):
                    return "error:no decision"
                return "allowed" if response["allowed"] else "denied"

            def tls_connection() -> http.client.HTTPSConnection:
                return http.client.HTTPSConnection(
                    "127.0.0.1", port, context=context, timeout=REQUEST_TIMEOUT
                )

            # warm-up: every worker process and connection path once
            load("warm-up", tls_connection, webhook_requests, 50, 2, webhook_check, args.threads)
            runs.append(
                load(
                    "aipolicy webhook (TLS, AdmissionReview → decision)",
                    tls_connection,
                    webhook_requests,
                    args.rate,
                    args.duration,
                    webhook_check,
                    args.threads,
                )
            )
            with urllib.request.urlopen(f"https://127.0.0.1:{port}/metrics", context=context) as response:
                metrics = response.read().decode()
        finally:
            stop(webhook)
            log.close()
        evaluation = [
            float(line.rpartition(" ")[2])
            for line in metrics.splitlines()
            if line.startswith("aipolicy_admission_evaluation_duration_seconds_")
            and line.split("{")[0].split(" ")[0].endswith(("_sum", "_count"))
        ]
        mean_eval = (
            evaluation[1] / evaluation[0] * 1000 if len(evaluation) == 2 and evaluation[0] else float("nan")
        )

        if not args.skip_opa:
            opa = find_opa(args.opa)
            if opa is None:
                print("no OPA binary: pass --opa or --skip-opa", file=sys.stderr)
                return 2
            runs.append(opa_run(opa, reviews, args))

    header = (
        "| target | requests | achieved | errors | p50 ms | p95 ms | p99 ms | max ms | mean service ms |\n"
        "|---|---|---|---|---|---|---|---|---|"
    )
    lines = [header, *(row(r) for r in runs)]
    webhook_run = runs[0]
    p99 = percentile([v * 1000 for v in webhook_run.latencies], 99)
    summary = [
        "",
        f"rate {args.rate:g}/s for {args.duration:g}s per target,"
        f" {args.threads} keep-alive client connections,"
        f" {os.cpu_count()} CPUs; webhook decisions {webhook_run.decisions};"
        f" mean in-webhook evaluation {mean_eval:.2f} ms (from its /metrics).",
    ]
    if len(runs) > 1:
        opa_p50 = percentile([v * 1000 for v in runs[1].latencies], 50)
        opa_p99 = percentile([v * 1000 for v in runs[1].latencies], 99)
        web_p50 = percentile([v * 1000 for v in webhook_run.latencies], 50)
        summary.append(
            f"webhook overhead over raw OPA: p50 {web_p50 - opa_p50:+.2f} ms, p99 {p99 - opa_p99:+.2f} ms."
        )
    target_met = p99 < 10 and not webhook_run.errors
    summary.append(
        f"target p99 < 10 ms and no errors: {'met' if target_met else 'NOT met'} (p99 {p99:.2f} ms)."
    )
    text = "\n".join(lines + summary) + "\n"
    print(text)
    if args.markdown:
        args.markdown.write_text(text)
    return 0 if target_met else 1


def opa_run(opa: str, reviews: list[dict[str, Any]], args: argparse.Namespace) -> Run:
    """The same decisions by `opa run --server`: the admission views, POSTed to the Data API.

    OPA holds what the webhook's workers hold (the admission policy set and its routes module) and
    each view is POSTed to its type's route, so both run the same policies for the same object.
    """
    from aipolicy.admission.evaluator import AdmissionRoutes
    from aipolicy.admission.webhook import admission_policy_set
    from aipolicy.collectors.kubernetes.admission import AdmissionCollector
    from aipolicy.engines.opa import OpaEngine
    from aipolicy.scan import ScanOptions, load_policies

    policy_set, _ = admission_policy_set(load_policies(ScanOptions()))
    routes = AdmissionRoutes.build(policy_set)
    port = free_port()
    process = subprocess.Popen(
        [opa, "run", "--server", "--addr", f"127.0.0.1:{port}", "--log-level", "error"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/health", None, process, 60)
        engine = OpaEngine(routes.policy_set, base)  # pushes the policy set
        engine.close()
        push = urllib.request.Request(
            f"{base}/v1/policies/{routes.module.name}", data=routes.module.source.encode(), method="PUT"
        )
        with urllib.request.urlopen(push, timeout=300) as answer:
            answer.read()
        requests = []
        for document in reviews:
            view = AdmissionCollector(document["request"]).collect().to_document()
            rule, _ = routes.rule_for(view)
            path = "/v1/" + rule.replace(".", "/")
            requests.append((path, json.dumps({"input": view}).encode()))

        def opa_check(status: int, data: bytes) -> str:
            if status != 200:
                return f"error:http {status}"
            result = json.loads(data).get("result")
            if not isinstance(result, dict):
                return "error:undefined"
            return "findings" if any(result.values()) else "clean"

        def connection() -> http.client.HTTPConnection:
            return http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)

        load("warm-up", connection, requests, 50, 2, opa_check, args.threads)
        return load(
            "OPA server (HTTP Data API, same views, same routed policies)",
            connection,
            requests,
            args.rate,
            args.duration,
            opa_check,
            args.threads,
        )
    finally:
        stop(process)


if __name__ == "__main__":
    sys.exit(main())
