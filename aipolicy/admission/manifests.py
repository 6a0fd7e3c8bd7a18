"""What deploys the webhook (`aipolicy admission manifests`): it must pass aipolicy's own policies.

Two replicas spread over nodes with a PodDisruptionBudget, because with `failurePolicy: Fail` an
unavailable webhook blocks every judged write in the cluster. The pods run non-root on a read-only
root filesystem with every capability dropped, no service-account token (the webhook never calls the
API server) and an image pinned by digest. cert-manager issues the serving certificate and injects
its CA into the ValidatingWebhookConfiguration; the webhook reloads the certificate when it renews.
The webhook's own namespace and kube-system are never judged, so the webhook cannot lock itself out.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from aipolicy.errors import AipolicyError

PORT = 8443
_DIGEST = re.compile(r"^[^@\s]+@sha256:[0-9a-f]{64}$")
_NAME = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")

# What the webhook judges: the workload kinds and the AI custom resources the policies read (a rule
# for an API the cluster does not serve is ignored by the API server), plus ephemeral containers.
RULES: list[dict[str, Any]] = [
    {"apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods", "pods/ephemeralcontainers", "services"]},
    {
        "apiGroups": ["apps"],
        "apiVersions": ["v1"],
        "resources": ["deployments", "statefulsets", "daemonsets", "replicasets"],
    },
    {"apiGroups": ["batch"], "apiVersions": ["v1"], "resources": ["jobs", "cronjobs"]},
    {"apiGroups": ["networking.k8s.io"], "apiVersions": ["v1"], "resources": ["ingresses"]},
    {
        "apiGroups": ["rbac.authorization.k8s.io"],
        "apiVersions": ["v1"],
        "resources": ["roles", "rolebindings", "clusterroles", "clusterrolebindings"],
    },
    {"apiGroups": ["serving.kserve.io"], "apiVersions": ["*"], "resources": ["inferenceservices"]},
    {"apiGroups": ["kubeflow.org"], "apiVersions": ["*"], "resources": ["notebooks"]},
    {"apiGroups": ["ray.io"], "apiVersions": ["*"], "resources": ["rayclusters", "rayservices", "rayjobs"]},
]


def admission_manifests(
    namespace: str = "aipolicy-system",
    image: str = "",
    *,
    name: str = "aipolicy-admission",
    mode: str = "deny",
    fail_on: str = "HIGH",
    failure_policy: str = "Fail",
    timeout_seconds: int = 5,
    replicas: int = 2,
    issuer: str | None = None,
    issuer_kind: str = "Issuer",
    exempt_namespaces: list[str] | None = None,
) -> str:
    """The webhook's manifests as one multi-document YAML stream.

    `image` must be pinned by digest (`registry/aipolicy@sha256:<64 hex>`). Without `issuer` a
    self-signed cert-manager Issuer is created in `namespace` for the serving certificate; name an
    existing Issuer or ClusterIssuer (`issuer_kind`) to use your own CA.
    """
    if not _DIGEST.match(image):
        raise AipolicyError(
            f"--image {image!r}: pin the image by digest,"
            " e.g. ghcr.io/aipolicy/aipolicy@sha256:<64 hex digits>"
        )
    for flag, value in (("--namespace", namespace), ("--name", name)):
        if not _NAME.match(value) or len(value) > 63:
            raise AipolicyError(f"{flag} {value!r}: not a valid Kubernetes name (lowercase, digits, '-')")
    if mode not in ("deny", "warn", "dryrun"):
        raise AipolicyError(f"--mode {mode!r}: expected deny, warn or dryrun")
    if failure_policy not in ("Fail", "Ignore"):
        raise AipolicyError(f"--failure-policy {failure_policy!r}: expected Fail or Ignore")
    if not 1 <= timeout_seconds <= 30:
        raise AipolicyError("--timeout-seconds must be between 1 and 30 (the API server's limit)")
    if replicas < 2:
        raise AipolicyError("--replicas must be at least 2: one unavailable pod must not block the cluster")

    labels = {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "aipolicy"}
    secret = f"{name}-tls"
    service_host = f"{name}.{namespace}.svc"
    exempt = sorted({"kube-system", namespace, *(exempt_namespaces or [])})
    # the webhook evaluates within this, leaving the API server's timeout for the round trip
    evaluation_timeout = max(0.5, timeout_seconds - 1.5)

    args = [
        "admission",
        "serve",
        "--tls-cert=/etc/aipolicy/tls/tls.crt",
        "--tls-key=/etc/aipolicy/tls/tls.key",
        f"--port={PORT}",
        f"--mode={mode}",
        f"--fail-on={fail_on}",
        f"--evaluation-timeout={evaluation_timeout:g}",
        *[f"--exempt-namespace={ns}" for ns in exempt],
    ]
    documents: list[dict[str, Any]] = [
        {
            "apiVersion": "v1",
            "kind": "Namespace",
            "metadata": {
                "name": namespace,
                "labels": {
                    "pod-security.kubernetes.io/enforce": "restricted",
                    "pod-security.kubernetes.io/enforce-version": "latest",
                },
            },
        },
        {
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": {"name": name, "namespace": namespace, "labels": labels},
            "automountServiceAccountToken": False,
        },
        _deployment(name, namespace, image, replicas, labels, args, secret),
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": name, "namespace": namespace, "labels": labels},
            "spec": {
                "type": "ClusterIP",
                "selector": labels,
                "ports": [{"name": "https", "port": 443, "targetPort": "https", "protocol": "TCP"}],
            },
        },
        {
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": {"name": name, "namespace": namespace, "labels": labels},
            "spec": {"minAvailable": 1, "selector": {"matchLabels": labels}},
        },
        {
            # only the API server (and probes) reach the webhook, on its one port
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": {"name": name, "namespace": namespace, "labels": labels},
            "spec": {
                "podSelector": {"matchLabels": labels},
                "policyTypes": ["Ingress", "Egress"],
                "ingress": [{"ports": [{"port": PORT, "protocol": "TCP"}]}],
                "egress": [],
            },
        },
    ]
    if issuer is None:
        issuer = f"{name}-selfsigned"
        issuer_kind = "Issuer"
        documents.append(
            {
                "apiVersion": "cert-manager.io/v1",
                "kind": "Issuer",
                "metadata": {"name": issuer, "namespace": namespace, "labels": labels},
                "spec": {"selfSigned": {}},
            }
        )
    documents.append(
        {
            "apiVersion": "cert-manager.io/v1",
            "kind": "Certificate",
            "metadata": {"name": name, "namespace": namespace, "labels": labels},
            "spec": {
                "secretName": secret,
                "dnsNames": [service_host, f"{service_host}.cluster.local"],
                "duration": "2160h",
                "renewBefore": "720h",
                "privateKey": {"algorithm": "ECDSA", "size": 256, "rotationPolicy": "Always"},
                "usages": ["server auth", "digital signature", "key encipherment"],
                "issuerRef": {"name": issuer, "kind": issuer_kind, "group": "cert-manager.io"},
            },
        }
    )
    documents.append(
        {
            "apiVersion": "admissionregistration.k8s.io/v1",
            "kind": "ValidatingWebhookConfiguration",
            "metadata": {
                "name": name,
                "labels": labels,
                "annotations": {"cert-manager.io/inject-ca-from": f"{namespace}/{name}"},
            },
            "webhooks": [
                {
                    "name": f"validate.{name}.aipolicy.dev",
                    "admissionReviewVersions": ["v1"],
                    "sideEffects": "None",
                    "failurePolicy": failure_policy,
                    "timeoutSeconds": timeout_seconds,
                    "matchPolicy": "Equivalent",
                    "clientConfig": {
                        "service": {"name": name, "namespace": namespace, "path": "/validate", "port": 443}
                    },
                    "namespaceSelector": {
                        "matchExpressions": [
                            {"key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": exempt}
                        ]
                    },
                    "rules": [{"operations": ["CREATE", "UPDATE"], "scope": "*", **rule} for rule in RULES],
                }
            ],
        }
    )
    return yaml.safe_dump_all(documents, sort_keys=False, explicit_start=True)


def _deployment(
    name: str,
    namespace: str,
    image: str,
    replicas: int,
    labels: dict[str, str],
    args: list[str],
    secret: str,
) -> dict[str, Any]:
    probe = {"scheme": "HTTPS", "port": "https"}
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": namespace, "labels": labels},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": labels},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "serviceAccountName": name,
                    "automountServiceAccountToken": False,
                    "securityContext": {
                        "runAsNonRoot": True,
                        "runAsUser": 65532,
                        "runAsGroup": 65532,
                        "fsGroup": 65532,
                        "seccompProfile": {"type": "RuntimeDefault"},
                    },
                    "topologySpreadConstraints": [
                        {
                            "maxSkew": 1,
                            "topologyKey": "kubernetes.io/hostname",
                            "whenUnsatisfiable": "ScheduleAnyway",
                            "labelSelector": {"matchLabels": labels},
                        }
                    ],
                    "containers": [
                        {
                            "name": "webhook",
                            "image": image,
                            "imagePullPolicy": "IfNotPresent",
                            "args": args,
                            "env": [{"name": "PYTHONDONTWRITEBYTECODE", "value": "1"}],
                            "ports": [{"name": "https", "containerPort": PORT, "protocol": "TCP"}],
                            "readinessProbe": {
                                "httpGet": {"path": "/readyz", **probe},
                                "periodSeconds": 5,
                                "failureThreshold": 2,
                            },
                            "livenessProbe": {
                                "httpGet": {"path": "/healthz", **probe},
                                "initialDelaySeconds": 10,
                                "periodSeconds": 10,
                            },
                            "resources": {
                                "requests": {"cpu": "250m", "memory": "256Mi"},
                                "limits": {"cpu": "2", "memory": "1Gi"},
                            },
                            "securityContext": {
                                "allowPrivilegeEscalation": False,
                                "readOnlyRootFilesystem": True,
                                "runAsNonRoot": True,
                                "runAsUser": 65532,
                                "capabilities": {"drop": ["ALL"]},
                                "seccompProfile": {"type": "RuntimeDefault"},
                            },
                            "volumeMounts": [
                                {"name": "tls", "mountPath": "/etc/aipolicy/tls", "readOnly": True},
                                {"name": "tmp", "mountPath": "/tmp"},
                            ],
                        }
                    ],
                    "volumes": [
                        {"name": "tls", "secret": {"secretName": secret, "defaultMode": 0o440}},
                        {"name": "tmp", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}},
                    ],
                },
            },
        },
    }
