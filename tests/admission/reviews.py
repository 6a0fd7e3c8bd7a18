"""Realistic AdmissionReview v1 documents, shaped as the API server sends them.

Objects carry what the API server has set by the time validating webhooks run: uid,
creationTimestamp, managedFields, defaulted fields (terminationMessagePath, dnsPolicy, ...), and for
pods the service-account admission plugin's projected token volume unless automounting is off.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

DIGEST = "sha256:" + "4f" * 32
VLLM_IMAGE = f"docker.io/vllm/vllm-openai@{DIGEST}"


def _metadata(name: str, namespace: str, labels: dict[str, str]) -> dict[str, Any]:
    return {
        "name": name,
        "namespace": namespace,
        "uid": str(uuid.uuid4()),
        "creationTimestamp": "2026-11-26T07:00:00Z",
        "labels": labels,
        "managedFields": [
            {
                "manager": "kubectl-client-side-apply",
                "operation": "Update",
                "apiVersion": "v1",
                "time": "2026-11-26T07:00:00Z",
                "fieldsType": "FieldsV1",
                "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}},
            }
        ],
    }


def hardened_container(name: str = "vllm", image: str = VLLM_IMAGE) -> dict[str, Any]:
    return {
        "name": name,
        "image": image,
        "args": ["--model", "/models/llama-3-8b-instruct", "--port", "8000"],
        "ports": [{"name": "http", "containerPort": 8000, "protocol": "TCP"}],
        "env": [
            {"name": "HF_TOKEN", "valueFrom": {"secretKeyRef": {"name": "hf-token", "key": "token"}}},
            {"name": "VLLM_LOGGING_LEVEL", "value": "INFO"},
        ],
        "resources": {
            "limits": {"cpu": "8", "memory": "32Gi", "nvidia.com/gpu": "1"},
            "requests": {"cpu": "4", "memory": "24Gi", "nvidia.com/gpu": "1"},
        },
        "volumeMounts": [
            {"name": "models", "mountPath": "/models", "readOnly": True},
            {"name": "cache", "mountPath": "/tmp"},
        ],
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "runAsNonRoot": True,
            "runAsUser": 1000,
            "capabilities": {"drop": ["ALL"]},
            "seccompProfile": {"type": "RuntimeDefault"},
        },
        "terminationMessagePath": "/dev/termination-log",
        "terminationMessagePolicy": "File",
        "imagePullPolicy": "IfNotPresent",
    }


def hardened_pod_spec() -> dict[str, Any]:
    return {
        "automountServiceAccountToken": False,
        "serviceAccountName": "vllm",
        "securityContext": {
            "runAsNonRoot": True,
            "runAsUser": 1000,
            "fsGroup": 1000,
            "seccompProfile": {"type": "RuntimeDefault"},
        },
        "containers": [hardened_container()],
        "volumes": [
            {"name": "models", "persistentVolumeClaim": {"claimName": "models", "readOnly": True}},
            {"name": "cache", "emptyDir": {"sizeLimit": "1Gi"}},
        ],
        "restartPolicy": "Always",
        "terminationGracePeriodSeconds": 30,
        "dnsPolicy": "ClusterFirst",
        "schedulerName": "default-scheduler",
        "enableServiceLinks": True,
        "preemptionPolicy": "PreemptLowerPriority",
        "priority": 0,
        "tolerations": [
            {
                "key": "node.kubernetes.io/not-ready",
                "operator": "Exists",
                "effect": "NoExecute",
                "tolerationSeconds": 300,
            }
        ],
    }


def hardened_pod(name: str = "vllm-0", namespace: str = "models") -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": _metadata(name, namespace, {"app": "vllm"}),
        "spec": hardened_pod_spec(),
        "status": {"phase": "Pending", "qosClass": "Burstable"},
    }


def insecure_pod(name: str = "vllm-insecure", namespace: str = "models") -> dict[str, Any]:
    """A model server the policies deny: latest tag, privileged, root, a literal HF token, no limits."""
    pod = hardened_pod(name, namespace)
    spec = pod["spec"]
    del spec["automountServiceAccountToken"]
    spec["securityContext"] = {}
    container = spec["containers"][0]
    container["image"] = "vllm/vllm-openai:latest"
    container["imagePullPolicy"] = "Always"
    container["securityContext"] = {"privileged": True, "runAsUser": 0}
    container["env"] = [{"name": "HF_TOKEN", "value": "hf_" + "Q" * 34}]
    del container["resources"]
    # what the ServiceAccount admission plugin adds before validating webhooks run
    container["volumeMounts"].append(
        {
            "name": "kube-api-access-7x2kq",
            "readOnly": True,
            "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
        }
    )
    spec["volumes"].append(
        {
            "name": "kube-api-access-7x2kq",
            "projected": {
                "defaultMode": 420,
                "sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {
                        "configMap": {
                            "name": "kube-root-ca.crt",
                            "items": [{"key": "ca.crt", "path": "ca.crt"}],
                        }
                    },
                ],
            },
        }
    )
    return pod


def low_severity_pod(name: str = "vllm-writable", namespace: str = "models") -> dict[str, Any]:
    """Hardened except for a writable root filesystem (a LOW finding only)."""
    pod = hardened_pod(name, namespace)
    pod["spec"]["containers"][0]["securityContext"]["readOnlyRootFilesystem"] = False
    return pod


def inference_service(
    name: str = "llama", namespace: str = "models", *, storage_uri: str, hardened: bool = True
) -> dict[str, Any]:
    predictor: dict[str, Any] = {
        "minReplicas": 1,
        "automountServiceAccountToken": False,
        "securityContext": {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}},
        "model": {
            "modelFormat": {"name": "huggingface"},
            "storageUri": storage_uri,
            "image": VLLM_IMAGE,
            "resources": {
                "limits": {"cpu": "8", "memory": "32Gi", "nvidia.com/gpu": "1"},
                "requests": {"cpu": "4", "memory": "24Gi", "nvidia.com/gpu": "1"},
            },
            "securityContext": {
                "allowPrivilegeEscalation": False,
                "readOnlyRootFilesystem": True,
                "runAsNonRoot": True,
                "runAsUser": 1000,
                "capabilities": {"drop": ["ALL"]},
                "seccompProfile": {"type": "RuntimeDefault"},
            },
        },
    }
    if not hardened:
        predictor["model"]["securityContext"] = {"privileged": True}
    return {
        "apiVersion": "serving.kserve.io/v1beta1",
        "kind": "InferenceService",
        "metadata": _metadata(name, namespace, {"app": name}),
        "spec": {"predictor": predictor},
    }


KINDS = {
    "Pod": (
        {"group": "", "version": "v1", "kind": "Pod"},
        {"group": "", "version": "v1", "resource": "pods"},
    ),
    "InferenceService": (
        {"group": "serving.kserve.io", "version": "v1beta1", "kind": "InferenceService"},
        {"group": "serving.kserve.io", "version": "v1beta1", "resource": "inferenceservices"},
    ),
    "Namespace": (
        {"group": "", "version": "v1", "kind": "Namespace"},
        {"group": "", "version": "v1", "resource": "namespaces"},
    ),
}


def review(
    obj: dict[str, Any] | None,
    *,
    operation: str = "CREATE",
    dry_run: bool = False,
    old: dict[str, Any] | None = None,
    kind: str | None = None,
    namespace: str | None = None,
    name: str | None = None,
    sub_resource: str | None = None,
    uid: str | None = None,
) -> dict[str, Any]:
    """An AdmissionReview v1 request for `obj`, as the API server posts it."""
    kind = kind or (obj or old or {}).get("kind", "Pod")
    gvk, gvr = KINDS[kind]
    source = obj or old or {}
    metadata = source.get("metadata", {})
    request: dict[str, Any] = {
        "uid": uid or str(uuid.uuid4()),
        "kind": gvk,
        "resource": gvr,
        "requestKind": gvk,
        "requestResource": gvr,
        "name": name if name is not None else metadata.get("name", ""),
        "operation": operation,
        "userInfo": {
            "username": "system:serviceaccount:ci:deployer",
            "uid": str(uuid.uuid4()),
            "groups": ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"],
        },
        "object": copy.deepcopy(obj),
        "oldObject": copy.deepcopy(old),
        "dryRun": dry_run,
        "options": {"apiVersion": "meta.k8s.io/v1", "kind": f"{operation.title()}Options"},
    }
    ns = namespace if namespace is not None else metadata.get("namespace")
    if ns and kind != "Namespace":
        request["namespace"] = ns
    if sub_resource:
        request["subResource"] = sub_resource
    return {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": request}
