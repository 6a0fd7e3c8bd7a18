"""A real kube-apiserver on etcd, on 127.0.0.1, built by scripts/build-kube.sh.

Serving certificate, service-account keys and a static token file are generated per session; the API
server authorises with RBAC. Two users: `admin` (system:masters) and `auditor`, whom RBAC lets read
every kind the collector lists except ClusterRoles (and Secrets), for the Forbidden case. CronJobs are
switched off with --runtime-config so one built-in kind is not served at all (404).
"""

from __future__ import annotations

import json
import os
import shutil
import ssl
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.admission.pki import CertificateAuthority, rsa_key_pair
from tests.conftest import REPO, free_port, need

ADMIN_TOKEN = "aipolicy-test-admin-token"
AUDITOR_TOKEN = "aipolicy-test-auditor-token"
START_TIMEOUT = 120.0


def find_binary(name: str, env: str) -> str | None:
    for candidate in (os.environ.get(env), str(REPO / ".tools/bin" / name), shutil.which(name)):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@dataclass
class Cluster:
    url: str
    kubeconfig: Path
    ca: CertificateAuthority

    def request(self, method: str, path: str, body: Any = None, token: str = ADMIN_TOKEN) -> Any:
        """A raw API call (setup only: the collector under test uses the official client)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {token}")
        request.add_header("Content-Type", "application/json")
        context = ssl.create_default_context(cafile=str(self.ca.cert_path))
        with urllib.request.urlopen(request, context=context, timeout=30) as response:
            return json.loads(response.read() or b"null")

    def create(self, path: str, body: dict[str, Any]) -> Any:
        return self.request("POST", path, body)


def _wait(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float, **kwargs: Any) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}:\n{tail}")
        try:
            request = urllib.request.Request(url, headers=kwargs.get("headers", {}))
            with urllib.request.urlopen(request, timeout=2, context=kwargs.get("context")) as response:
                if response.status == 200:
                    return
        except OSError as exc:
            last = exc
        time.sleep(0.2)
    raise RuntimeError(
        f"{url} not healthy after {timeout}s: {last}\n{log.read_text(errors='replace')[-3000:]}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def kube_binaries() -> tuple[str, str]:
    apiserver = find_binary("kube-apiserver", "KUBE_APISERVER_BIN")
    etcd = find_binary("etcd", "ETCD_BIN")
    if apiserver is None or etcd is None:
        need(
            "kube-apiserver / etcd not found: run scripts/build-kube.sh (or set KUBE_APISERVER_BIN, ETCD_BIN)"
        )
    assert apiserver is not None and etcd is not None
    return apiserver, etcd


@pytest.fixture(scope="session")
def cluster(kube_binaries: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    apiserver_bin, etcd_bin = kube_binaries
    root = tmp_path_factory.mktemp("kube")
    client_port, peer_port, secure_port = free_port(), free_port(), free_port()
    etcd_log = root / "etcd.log"
    with etcd_log.open("wb") as sink:
        etcd = subprocess.Popen(
            [
                etcd_bin,
                "--name=aipolicy-test",
                f"--data-dir={root / 'etcd'}",
                f"--listen-client-urls=http://127.0.0.1:{client_port}",
                f"--advertise-client-urls=http://127.0.0.1:{client_port}",
                f"--listen-peer-urls=http://127.0.0.1:{peer_port}",
                f"--initial-advertise-peer-urls=http://127.0.0.1:{peer_port}",
                f"--initial-cluster=aipolicy-test=http://127.0.0.1:{peer_port}",
                "--log-level=error",
                "--unsafe-no-fsync",
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    apiserver: subprocess.Popen[bytes] | None = None
    try:
        _wait(f"http://127.0.0.1:{client_port}/health", etcd, etcd_log, 60)
        ca = CertificateAuthority(root / "pki", name="aipolicy test kubernetes CA")
        serving = ca.issue(
            "kube-apiserver",
            dns=("localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"),
            ips=("127.0.0.1", "10.96.0.1"),
        )
        rsa_key_pair(root / "pki/sa.key", root / "pki/sa.pub")
        tokens = root / "tokens.csv"
        tokens.write_text(
            f'{ADMIN_TOKEN},admin,uid-admin,"system:masters"\n{AUDITOR_TOKEN},auditor,uid-auditor\n'
        )
        apiserver_log = root / "kube-apiserver.log"
        with apiserver_log.open("wb") as sink:
            apiserver = subprocess.Popen(
                [
                    apiserver_bin,
                    f"--etcd-servers=http://127.0.0.1:{client_port}",
                    "--bind-address=127.0.0.1",
                    "--advertise-address=127.0.0.1",
                    f"--secure-port={secure_port}",
                    f"--tls-cert-file={serving.cert}",
                    f"--tls-private-key-file={serving.key}",
                    f"--client-ca-file={ca.cert_path}",
                    f"--token-auth-file={tokens}",
                    "--authorization-mode=RBAC",
                    "--anonymous-auth=false",
                    "--service-account-issuer=https://kubernetes.default.svc",
                    f"--service-account-key-file={root / 'pki/sa.pub'}",
                    f"--service-account-signing-key-file={root / 'pki/sa.key'}",
                    "--service-cluster-ip-range=10.96.0.0/16",
                    f"--cert-dir={root / 'certs'}",
                    "--allow-privileged=true",
                    # the "kubernetes" Service endpoint cannot be a loopback address; nothing here needs it
                    "--endpoint-reconciler-type=none",
                    "--runtime-config=batch/v1/cronjobs=false",
                    "--v=1",
                ],
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        context = ssl.create_default_context(cafile=str(ca.cert_path))
        _wait(
            f"https://127.0.0.1:{secure_port}/readyz",
            apiserver,
            apiserver_log,
            START_TIMEOUT,
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
            context=context,
        )
        url = f"https://127.0.0.1:{secure_port}"
        kubeconfig = root / "kubeconfig"
        kubeconfig.write_text(yaml.safe_dump(_kubeconfig(url, ca.cert_path)))
        cluster = Cluster(url, kubeconfig, ca)
        populate(cluster)
        yield cluster
    finally:
        if apiserver is not None:
            _stop(apiserver)
        _stop(etcd)


def _kubeconfig(url: str, ca_file: Path) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "test", "cluster": {"server": url, "certificate-authority": str(ca_file)}}],
        "users": [
            {"name": "admin", "user": {"token": ADMIN_TOKEN}},
            {"name": "auditor", "user": {"token": AUDITOR_TOKEN}},
        ],
        "contexts": [
            {"name": "admin", "context": {"cluster": "test", "user": "admin"}},
            {"name": "auditor", "context": {"cluster": "test", "user": "auditor"}},
        ],
        "current-context": "admin",
    }


GPU_PODS = 7  # more than two pages of 2


def _pod_template(image: str, gpu: bool) -> dict[str, Any]:
    limits = {"cpu": "4", "memory": "16Gi", **({"nvidia.com/gpu": "1"} if gpu else {})}
    return {
        "containers": [
            {
                "name": "server",
                "image": image,
                "args": ["--model", "/models/llama"],
                "ports": [{"containerPort": 8000}],
                "resources": {"limits": limits},
            }
        ]
    }


def populate(cluster: Cluster) -> None:
    """Namespaces, a vLLM Deployment, GPU pods to page through, networking, RBAC, a KServe CRD."""
    for name in ("models", "batch-ml", "other"):
        cluster.create(
            "/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}
        )
        # no controller-manager runs: the ServiceAccount admission plugin needs `default` to exist
        cluster.create(
            f"/api/v1/namespaces/{name}/serviceaccounts",
            {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default"}},
        )
    cluster.create(
        "/apis/apps/v1/namespaces/models/deployments",
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "vllm", "labels": {"app": "vllm"}},
            "spec": {
                "replicas": 2,
                "selector": {"matchLabels": {"app": "vllm"}},
                "template": {
                    "metadata": {"labels": {"app": "vllm"}},
                    "spec": _pod_template("vllm/vllm-openai:latest", gpu=True),
                },
            },
        },
    )
    for i in range(GPU_PODS):
        cluster.create(
            "/api/v1/namespaces/batch-ml/pods",
            {
                "apiVersion": "v1",
                "kind": "Pod",
                "metadata": {"name": f"trainer-{i}", "labels": {"app": "trainer"}},
                "spec": _pod_template("nvcr.io/nvidia/pytorch:24.10-py3", gpu=True),
            },
        )
    cluster.create(
        "/api/v1/namespaces/models/services",
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "vllm"},
            "spec": {
                "type": "LoadBalancer",
                "selector": {"app": "vllm"},
                "ports": [{"port": 80, "targetPort": 8000}],
            },
        },
    )
    cluster.create(
        "/apis/networking.k8s.io/v1/namespaces/models/networkpolicies",
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": {"name": "default-deny"},
            "spec": {"podSelector": {}, "policyTypes": ["Ingress"]},
        },
    )
    cluster.create(
        "/apis/networking.k8s.io/v1/namespaces/models/ingresses",
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "Ingress",
            "metadata": {"name": "vllm"},
            "spec": {
                "rules": [
                    {
                        "host": "llm.example.com",
                        "http": {
                            "paths": [
                                {
                                    "path": "/",
                                    "pathType": "Prefix",
                                    "backend": {"service": {"name": "vllm", "port": {"number": 80}}},
                                }
                            ]
                        },
                    }
                ]
            },
        },
    )
    # the auditor reads everything the collector lists but ClusterRoles (and never Secrets)
    cluster.create(
        "/apis/rbac.authorization.k8s.io/v1/clusterroles",
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRole",
            "metadata": {"name": "aipolicy-auditor"},
            "rules": [
                {
                    "apiGroups": [""],
                    "resources": ["pods", "services", "namespaces"],
                    "verbs": ["get", "list"],
                },
                {
                    "apiGroups": ["apps"],
                    "resources": ["deployments", "statefulsets", "daemonsets", "replicasets"],
                    "verbs": ["get", "list"],
                },
                {"apiGroups": ["batch"], "resources": ["jobs", "cronjobs"], "verbs": ["get", "list"]},
                {
                    "apiGroups": ["networking.k8s.io"],
                    "resources": ["ingresses", "networkpolicies"],
                    "verbs": ["get", "list"],
                },
                {
                    "apiGroups": ["rbac.authorization.k8s.io"],
                    "resources": ["roles", "rolebindings", "clusterrolebindings"],
                    "verbs": ["get", "list"],
                },
                {
                    "apiGroups": ["serving.kserve.io"],
                    "resources": ["inferenceservices"],
                    "verbs": ["get", "list"],
                },
            ],
        },
    )
    cluster.create(
        "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRoleBinding",
            "metadata": {"name": "aipolicy-auditor"},
            "roleRef": {
                "apiGroup": "rbac.authorization.k8s.io",
                "kind": "ClusterRole",
                "name": "aipolicy-auditor",
            },
            "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "auditor"}],
        },
    )
    # a service account bound to cluster-admin: what AIP-K8S-018 exists for
    cluster.create(
        "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRoleBinding",
            "metadata": {"name": "notebook-admin"},
            "roleRef": {
                "apiGroup": "rbac.authorization.k8s.io",
                "kind": "ClusterRole",
                "name": "cluster-admin",
            },
            "subjects": [{"kind": "ServiceAccount", "name": "default", "namespace": "models"}],
        },
    )
    cluster.create(
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
        {
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": {"name": "inferenceservices.serving.kserve.io"},
            "spec": {
                "group": "serving.kserve.io",
                "scope": "Namespaced",
                "names": {
                    "plural": "inferenceservices",
                    "singular": "inferenceservice",
                    "kind": "InferenceService",
                    "listKind": "InferenceServiceList",
                    "shortNames": ["isvc"],
                },
                "versions": [
                    {
                        "name": "v1beta1",
                        "served": True,
                        "storage": True,
                        "schema": {
                            "openAPIV3Schema": {
                                "type": "object",
                                "x-kubernetes-preserve-unknown-fields": True,
                            }
                        },
                    }
                ],
            },
        },
    )
    deadline = time.monotonic() + 60
    while True:
        crd = cluster.request(
            "GET",
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/inferenceservices.serving.kserve.io",
        )
        conditions = {c["type"]: c["status"] for c in crd.get("status", {}).get("conditions", [])}
        if conditions.get("Established") == "True":
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"CRD not established: {conditions}")
        time.sleep(0.2)
    for attempt in range(50):
        try:
            cluster.create(
                "/apis/serving.kserve.io/v1beta1/namespaces/models/inferenceservices",
                {
                    "apiVersion": "serving.kserve.io/v1beta1",
                    "kind": "InferenceService",
                    "metadata": {"name": "llama"},
                    "spec": {
                        "predictor": {
                            "model": {
                                "modelFormat": {"name": "huggingface"},
                                "storageUri": "http://models.internal/llama-3-8b",
                            }
                        }
                    },
                },
            )
            break
        except urllib.error.HTTPError as exc:  # the new API appears in the handler chain shortly after
            if exc.code != 404 or attempt == 49:
                raise
            time.sleep(0.2)
