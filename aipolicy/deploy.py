"""Kubernetes manifests for scheduled AWS posture scans: a CronJob, sharded as an Indexed Job at scale.

Each pod runs `aipolicy scan aws` for its share of the account list (`--shard-index` from the Job's
completion index) and records the scan in the shared PostgreSQL history, whose URL comes from a
Secret. The pod runs as non-root with a read-only root filesystem, and AWS access comes from IRSA.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

DEFAULT_IMAGE = "ghcr.io/aipolicy/aipolicy@sha256:" + "0" * 64


@dataclass(frozen=True)
class CronJobOptions:
    namespace: str = "aipolicy"
    name: str = "aipolicy-aws-scan"
    schedule: str = "0 3 * * *"
    image: str = DEFAULT_IMAGE
    role_arn: str = "arn:aws:iam::111122223333:role/aipolicy-scan"
    store_secret: str = "aipolicy-store"
    store_secret_key: str = "url"
    accounts: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    shards: int = 1


def _labels(options: CronJobOptions) -> dict[str, str]:
    return {"app.kubernetes.io/name": "aipolicy", "app.kubernetes.io/component": "aws-posture-scan"}


def _container(options: CronJobOptions) -> dict[str, Any]:
    args = ["scan", "aws", "--format", "json", "--output", "/tmp/report.json", "--quiet"]
    if options.accounts:
        args += ["--accounts", "/etc/aipolicy/accounts.txt"]
    if options.regions:
        args += ["--regions", ",".join(options.regions)]
    if options.shards > 1:
        args += ["--shard-index", "$(JOB_COMPLETION_INDEX)", "--shard-count", str(options.shards)]
    mounts: list[dict[str, Any]] = [{"name": "tmp", "mountPath": "/tmp"}]
    if options.accounts:
        mounts.append({"name": "accounts", "mountPath": "/etc/aipolicy", "readOnly": True})
    env: list[dict[str, Any]] = [
        {
            "name": "AIPOLICY_STORE",
            "valueFrom": {"secretKeyRef": {"name": options.store_secret, "key": options.store_secret_key}},
        },
        {"name": "HOME", "value": "/tmp"},
    ]
    if options.shards > 1:
        env.append(
            {
                "name": "JOB_COMPLETION_INDEX",
                "valueFrom": {
                    "fieldRef": {
                        "fieldPath": "metadata.annotations['batch.kubernetes.io/job-completion-index']"
                    }
                },
            }
        )
    return {
        "name": "scan",
        "image": options.image,
        "imagePullPolicy": "IfNotPresent",
        "args": args,
        "env": env,
        "resources": {
            "requests": {"cpu": "250m", "memory": "256Mi"},
            "limits": {"cpu": "1", "memory": "1Gi"},
        },
        "securityContext": {
            "runAsNonRoot": True,
            "runAsUser": 65532,
            "runAsGroup": 65532,
            "allowPrivilegeEscalation": False,
            "privileged": False,
            "readOnlyRootFilesystem": True,
            "capabilities": {"drop": ["ALL"]},
            "seccompProfile": {"type": "RuntimeDefault"},
        },
        "volumeMounts": mounts,
    }


def cronjob_manifests(options: CronJobOptions) -> str:
    """ServiceAccount (IRSA), optional accounts ConfigMap, and the CronJob, as one YAML stream."""
    if options.shards < 1:
        raise ValueError("shards must be at least 1")
    labels = _labels(options)
    meta = {"namespace": options.namespace, "labels": labels}
    documents: list[dict[str, Any]] = [
        {
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": {
                "name": options.name,
                **meta,
                "annotations": {"eks.amazonaws.com/role-arn": options.role_arn},
            },
            "automountServiceAccountToken": False,
        }
    ]
    volumes: list[dict[str, Any]] = [{"name": "tmp", "emptyDir": {"sizeLimit": "256Mi"}}]
    if options.accounts:
        documents.append(
            {
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": {"name": f"{options.name}-accounts", **meta},
                "data": {"accounts.txt": "\n".join(options.accounts) + "\n"},
            }
        )
        volumes.append({"name": "accounts", "configMap": {"name": f"{options.name}-accounts"}})
    job_spec: dict[str, Any] = {
        "backoffLimit": 2,
        "activeDeadlineSeconds": 3600,
        "ttlSecondsAfterFinished": 86400,
        "template": {
            "metadata": {"labels": labels},
            "spec": {
                "serviceAccountName": options.name,
                # IRSA mounts its own projected web-identity token; the API token is not needed
                "automountServiceAccountToken": False,
                "restartPolicy": "Never",
                "securityContext": {
                    "runAsNonRoot": True,
                    "runAsUser": 65532,
                    "fsGroup": 65532,
                    "seccompProfile": {"type": "RuntimeDefault"},
                },
                "containers": [_container(options)],
                "volumes": volumes,
            },
        },
    }
    if options.shards > 1:
        job_spec.update(
            {"completionMode": "Indexed", "completions": options.shards, "parallelism": options.shards}
        )
    documents.append(
        {
            "apiVersion": "batch/v1",
            "kind": "CronJob",
            "metadata": {"name": options.name, **meta},
            "spec": {
                "schedule": options.schedule,
                "concurrencyPolicy": "Forbid",
                "successfulJobsHistoryLimit": 3,
                "failedJobsHistoryLimit": 3,
                "jobTemplate": {"metadata": {"labels": labels}, "spec": job_spec},
            },
        }
    )
    return yaml.dump_all(documents, Dumper=_PlainDumper, sort_keys=False)


class _PlainDumper(yaml.SafeDumper):
    """No YAML anchors/aliases for repeated label maps: kubectl users read these manifests."""

    def ignore_aliases(self, data: Any) -> bool:
        return True
