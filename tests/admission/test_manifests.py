"""`aipolicy admission manifests`: a hardened webhook deployment that passes aipolicy's own policies."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aipolicy.admission.manifests import admission_manifests
from aipolicy.collectors.kubernetes.manifests import ManifestCollector
from aipolicy.errors import AipolicyError
from aipolicy.scan import Scanner, ScanOptions

IMAGE = "ghcr.io/aipolicy/aipolicy@sha256:" + "ab" * 32


def by_kind(text: str) -> dict[str, dict]:  # type: ignore[type-arg]
    return {d["kind"]: d for d in yaml.safe_load_all(text)}


def test_manifests_pass_the_policy_set(tmp_path: Path) -> None:
    path = tmp_path / "admission.yaml"
    path.write_text(admission_manifests("aipolicy-system", IMAGE))
    view = ManifestCollector([path]).collect()
    assert not view.errors
    assert {r.type for r in view.resources.values()} >= {
        "apps/Deployment",
        "core/Service",
        "policy/PodDisruptionBudget",
        "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
        "cert-manager.io/Certificate",
    }
    scanner = Scanner(ScanOptions())
    try:
        result = scanner.evaluate([view], [str(path)], "kubernetes")
    finally:
        scanner.close()
    assert result.resources_scanned == len(view.resources)
    assert [(f.rule_id, f.resource_id, f.message) for f in result.findings] == []


def test_deployment_is_hardened() -> None:
    docs = by_kind(admission_manifests("aipolicy-system", IMAGE))
    deployment = docs["Deployment"]
    assert deployment["spec"]["replicas"] == 2
    pod = deployment["spec"]["template"]["spec"]
    assert pod["automountServiceAccountToken"] is False
    assert pod["securityContext"]["runAsNonRoot"] is True
    (container,) = pod["containers"]
    assert container["image"] == IMAGE
    context = container["securityContext"]
    assert context["readOnlyRootFilesystem"] is True
    assert context["allowPrivilegeEscalation"] is False
    assert context["capabilities"]["drop"] == ["ALL"]
    assert set(container["resources"]["limits"]) == {"cpu", "memory"}
    assert "--tls-cert=/etc/aipolicy/tls/tls.crt" in container["args"]
    assert docs["PodDisruptionBudget"]["spec"]["minAvailable"] == 1
    assert docs["Service"]["spec"]["ports"][0]["targetPort"] == "https"


def test_webhook_configuration() -> None:
    docs = by_kind(admission_manifests("guard", IMAGE, failure_policy="Ignore", timeout_seconds=4))
    configuration = docs["ValidatingWebhookConfiguration"]
    assert (
        configuration["metadata"]["annotations"]["cert-manager.io/inject-ca-from"]
        == "guard/aipolicy-admission"
    )
    (webhook,) = configuration["webhooks"]
    assert webhook["sideEffects"] == "None"
    assert webhook["failurePolicy"] == "Ignore"
    assert webhook["timeoutSeconds"] == 4
    assert webhook["admissionReviewVersions"] == ["v1"]
    assert webhook["clientConfig"]["service"] == {
        "name": "aipolicy-admission",
        "namespace": "guard",
        "path": "/validate",
        "port": 443,
    }
    (expression,) = webhook["namespaceSelector"]["matchExpressions"]
    assert expression["operator"] == "NotIn"
    assert {"kube-system", "guard"} <= set(expression["values"])
    resources = {r for rule in webhook["rules"] for r in rule["resources"]}
    assert {"pods", "deployments", "inferenceservices", "pods/ephemeralcontainers"} <= resources
    assert all(rule["operations"] == ["CREATE", "UPDATE"] for rule in webhook["rules"])
    certificate = docs["Certificate"]
    assert certificate["spec"]["dnsNames"][0] == "aipolicy-admission.guard.svc"
    assert (
        "--evaluation-timeout=2.5" in docs["Deployment"]["spec"]["template"]["spec"]["containers"][0]["args"]
    )


def test_own_issuer() -> None:
    docs = by_kind(admission_manifests("guard", IMAGE, issuer="corp-ca", issuer_kind="ClusterIssuer"))
    assert "Issuer" not in docs
    assert docs["Certificate"]["spec"]["issuerRef"]["kind"] == "ClusterIssuer"


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"image": "ghcr.io/aipolicy/aipolicy:1.0"}, "pin the image by digest"),
        ({"image": IMAGE, "replicas": 1}, "at least 2"),
        ({"image": IMAGE, "namespace": "Bad_NS"}, "not a valid Kubernetes name"),
        ({"image": IMAGE, "timeout_seconds": 31}, "between 1 and 30"),
    ],
)
def test_refuses_unsafe_parameters(kwargs: dict, match: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(AipolicyError, match=match):
        admission_manifests(**kwargs)
