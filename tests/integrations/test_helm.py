"""The Helm chart charts/aipolicy: `helm lint` and `helm template` with its defaults and with every documented
option, the renders checked for what the chart promises (webhook, TLS, monitoring, the scheduled AWS scan,
pod security) and scanned by aipolicy's own Kubernetes policies with zero failing findings.

helm is built from source by scripts/build-helm.sh (found via $HELM_BIN, .tools/bin/helm or PATH).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, need

CHART = REPO / "charts" / "aipolicy"
DIGEST = "sha256:" + "0" * 64
NAMESPACE = "aipolicy-system"
RELEASE = "aipolicy"
ROLE = "arn:aws:iam::111122223333:role/aipolicy-scan"
CA_BUNDLE = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="

# Every leaf of values.yaml is set to a non-default value in at least one scenario
# (test_every_documented_option_is_exercised checks it).
SCENARIOS: dict[str, dict[str, Any]] = {
    "defaults": {"image": {"digest": DIGEST}},
    "existing-secret-monitoring-scan": {
        "fullnameOverride": "policy",
        "commonLabels": {"team": "platform"},
        "image": {
            "repository": "registry.example.com/sec/aipolicy",
            "digest": DIGEST,
            "pullPolicy": "Always",
        },
        "imagePullSecrets": [{"name": "registry"}],
        "runAsUser": 10001,
        "runAsGroup": 10001,
        "webhook": {
            "replicaCount": 3,
            "mode": "warn",
            "failOn": "MEDIUM",
            "evaluationTimeout": 8,
            "failureDecision": "allow",
            "workers": 2,
            "port": 9443,
            "skip": ["AIP-K8S-014"],
            "exemptNamespaces": ["monitoring", "cert-manager"],
            "extraArgs": ["--max-request-bytes=1048576"],
            "extraEnv": [{"name": "AIPOLICY_LOG_LEVEL", "value": "debug"}],
            "failurePolicy": "Ignore",
            "timeoutSeconds": 10,
            "namespaceSelectorExpressions": [{"key": "aipolicy.dev/ignore", "operator": "DoesNotExist"}],
            "objectSelector": {
                "matchExpressions": [{"key": "aipolicy.dev/skip", "operator": "DoesNotExist"}]
            },
            "rules": [
                {"apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"], "operations": ["CREATE"]},
                {
                    "apiGroups": ["apps"],
                    "apiVersions": ["v1"],
                    "resources": ["deployments"],
                    "scope": "Namespaced",
                },
            ],
            "resources": {
                "requests": {"cpu": "100m", "memory": "128Mi"},
                "limits": {"cpu": "1", "memory": "512Mi"},
            },
            "podDisruptionBudget": {"minAvailable": 2},
            "podAnnotations": {"example.com/owner": "security"},
            "podLabels": {"tier": "control"},
            "nodeSelector": {"kubernetes.io/os": "linux"},
            "tolerations": [
                {"key": "dedicated", "operator": "Equal", "value": "system", "effect": "NoSchedule"}
            ],
            "affinity": {
                "nodeAffinity": {
                    "preferredDuringSchedulingIgnoredDuringExecution": [
                        {
                            "weight": 1,
                            "preference": {
                                "matchExpressions": [
                                    {"key": "node-role", "operator": "In", "values": ["system"]}
                                ]
                            },
                        }
                    ]
                }
            },
            "priorityClassName": "system-cluster-critical",
        },
        "tls": {"certManager": {"enabled": False}, "existingSecret": "webhook-tls", "caBundle": CA_BUNDLE},
        "monitoring": {
            "serviceMonitor": {
                "enabled": True,
                "interval": "15s",
                "scrapeTimeout": "5s",
                "labels": {"release": "kube-prometheus-stack"},
                "tlsConfig": {
                    "insecureSkipVerify": False,
                    "serverName": "policy-admission.aipolicy-system.svc",
                },
            }
        },
        "awsScan": {
            "enabled": True,
            "schedule": "30 2 * * 1-5",
            "timeZone": "Europe/Paris",
            "concurrencyPolicy": "Replace",
            "successfulJobsHistoryLimit": 1,
            "failedJobsHistoryLimit": 5,
            "suspend": True,
            "backoffLimit": 0,
            "activeDeadlineSeconds": 7200,
            "ttlSecondsAfterFinished": 3600,
            "serviceAccount": {
                "roleArn": ROLE,
                "annotations": {"eks.amazonaws.com/sts-regional-endpoints": "true"},
            },
            "store": {"secretName": "scan-db", "secretKey": "dsn"},
            "accounts": [
                {"accountId": "111122223333", "roleArn": "arn:aws:iam::111122223333:role/audit"},
                {
                    "accountId": "444455556666",
                    "roleArn": "arn:aws:iam::444455556666:role/audit",
                    "externalId": "x1",
                },
            ],
            "shards": 3,
            "regions": ["eu-west-1", "us-east-1"],
            "externalId": "shared-external-id",
            "workers": 8,
            "failOn": "critical",
            "format": "sarif",
            "skip": ["AIP-AWS-001"],
            "extraArgs": ["--no-store"],
            "extraEnv": [{"name": "AWS_REGION", "value": "eu-west-1"}],
            "resources": {
                "requests": {"cpu": "500m", "memory": "512Mi"},
                "limits": {"cpu": "2", "memory": "2Gi"},
            },
            "podAnnotations": {"example.com/owner": "security"},
            "podLabels": {"tier": "batch"},
            "nodeSelector": {"kubernetes.io/os": "linux"},
            "tolerations": [{"key": "batch", "operator": "Exists", "effect": "NoSchedule"}],
            "affinity": {
                "podAntiAffinity": {
                    "preferredDuringSchedulingIgnoredDuringExecution": [
                        {
                            "weight": 1,
                            "podAffinityTerm": {
                                "topologyKey": "kubernetes.io/hostname",
                                "labelSelector": {
                                    "matchLabels": {"app.kubernetes.io/component": "aws-posture-scan"}
                                },
                            },
                        }
                    ]
                }
            },
        },
    },
    "cluster-issuer-dryrun-minimal": {
        "nameOverride": "guard",
        "image": {"digest": DIGEST},
        "webhook": {
            "mode": "dryrun",
            "podDisruptionBudget": {"enabled": False},
            "networkPolicy": {"enabled": False},
        },
        "tls": {
            "certManager": {
                "selfSignedIssuer": False,
                "issuerRef": {"name": "corp-ca", "kind": "ClusterIssuer"},
                "duration": "720h",
                "renewBefore": "240h",
            }
        },
        "monitoring": {"serviceMonitor": {"enabled": True}},
    },
    "scan-only-single-shard": {
        "image": {"digest": DIGEST},
        "webhook": {"enabled": False},
        "awsScan": {"enabled": True, "serviceAccount": {"roleArn": ROLE}},
    },
}


def find_helm() -> str | None:
    for candidate in (os.environ.get("HELM_BIN"), str(REPO / ".tools/bin/helm"), shutil.which("helm")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def helm() -> str:
    found = find_helm()
    if found is None:
        need("helm not found: run scripts/build-helm.sh or set HELM_BIN")
    assert found is not None
    return found


def run_helm(
    helm: str, *args: str, values: dict[str, Any], tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    values_file = tmp_path / "values.yaml"
    values_file.write_text(yaml.safe_dump(values))
    env = {
        **os.environ,
        "HELM_CACHE_HOME": str(tmp_path / "cache"),
        "HELM_CONFIG_HOME": str(tmp_path / "config"),
    }
    env["HELM_DATA_HOME"] = str(tmp_path / "data")
    return subprocess.run(
        [helm, *args, "-f", str(values_file)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def render(helm: str, values: dict[str, Any], tmp_path: Path) -> tuple[str, list[dict[str, Any]]]:
    done = run_helm(
        helm, "template", RELEASE, str(CHART), "--namespace", NAMESPACE, values=values, tmp_path=tmp_path
    )
    assert done.returncode == 0, done.stderr
    docs = [doc for doc in yaml.safe_load_all(done.stdout) if doc]
    return done.stdout, docs


def by_kind(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    kinds: dict[str, dict[str, Any]] = {}
    for doc in docs:
        assert doc["kind"] not in kinds, f"two {doc['kind']} objects"
        kinds[doc["kind"]] = doc
    return kinds


def pod_spec(workload: dict[str, Any]) -> dict[str, Any]:
    if workload["kind"] == "CronJob":
        return dict(workload["spec"]["jobTemplate"]["spec"]["template"]["spec"])
    return dict(workload["spec"]["template"]["spec"])


def assert_hardened(workload: dict[str, Any]) -> None:
    spec = pod_spec(workload)
    assert spec["automountServiceAccountToken"] is False
    assert spec["securityContext"]["runAsNonRoot"] is True
    assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    for container in spec["containers"]:
        assert "@sha256:" in container["image"]
        context = container["securityContext"]
        assert context["runAsNonRoot"] is True and context["readOnlyRootFilesystem"] is True
        assert context["allowPrivilegeEscalation"] is False and context["privileged"] is False
        assert context["capabilities"] == {"drop": ["ALL"]}
        assert context["seccompProfile"] == {"type": "RuntimeDefault"}
        assert {"cpu", "memory"} <= set(container["resources"]["limits"])
        assert {"cpu", "memory"} <= set(container["resources"]["requests"])


def aipolicy_scan(manifests: str, tmp_path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "aipolicy", "scan", "k8s", "-", "--fail-on", "LOW", "-f", "json", "--quiet"],
        input=manifests,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        check=False,
    )
    assert done.stdout, done.stderr
    report = json.loads(done.stdout)
    failing = [finding for finding in report["findings"] if finding.get("status") == "fail"]
    assert report["errors"] == [], report["errors"]
    assert failing == [] and report["summary"]["failed"] == 0, json.dumps(failing, indent=2)
    assert done.returncode == 0, done.stderr
    return dict(report)


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_lint(helm: str, scenario: str, tmp_path: Path) -> None:
    done = run_helm(helm, "lint", "--strict", str(CHART), values=SCENARIOS[scenario], tmp_path=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 chart(s) failed" in done.stdout


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_render_passes_aipolicy_kubernetes_policies(helm: str, scenario: str, tmp_path: Path) -> None:
    manifests, docs = render(helm, SCENARIOS[scenario], tmp_path)
    for doc in docs:
        if doc["kind"] in {"Deployment", "CronJob"}:
            assert_hardened(doc)
        if doc["kind"] not in {"ValidatingWebhookConfiguration"}:
            assert doc["metadata"]["namespace"] == NAMESPACE
    report = aipolicy_scan(manifests, tmp_path)
    assert report["summary"]["resources_scanned"] == len(docs)
    assert report["summary"]["policies_evaluated"] > 0


def test_defaults(helm: str, tmp_path: Path) -> None:
    _, docs = render(helm, SCENARIOS["defaults"], tmp_path)
    kinds = by_kind(docs)
    assert set(kinds) == {
        "ServiceAccount", "Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy",
        "Issuer", "Certificate", "ValidatingWebhookConfiguration",
    }  # fmt: skip
    deployment = kinds["Deployment"]
    assert deployment["spec"]["replicas"] == 2
    args = pod_spec(deployment)["containers"][0]["args"]
    assert "--mode=deny" in args and "--fail-on=HIGH" in args
    assert {"--exempt-namespace=kube-system", f"--exempt-namespace={NAMESPACE}"} <= set(args)
    assert pod_spec(deployment)["volumes"][0]["secret"]["secretName"] == "aipolicy-admission-tls"
    assert kinds["PodDisruptionBudget"]["spec"]["minAvailable"] == 1
    certificate = kinds["Certificate"]
    assert certificate["spec"]["secretName"] == "aipolicy-admission-tls"
    assert f"aipolicy-admission.{NAMESPACE}.svc" in certificate["spec"]["dnsNames"]
    assert certificate["spec"]["issuerRef"]["name"] == kinds["Issuer"]["metadata"]["name"]
    config = kinds["ValidatingWebhookConfiguration"]
    assert (
        config["metadata"]["annotations"]["cert-manager.io/inject-ca-from"]
        == f"{NAMESPACE}/aipolicy-admission"
    )
    webhook = config["webhooks"][0]
    assert webhook["failurePolicy"] == "Fail" and webhook["sideEffects"] == "None"
    assert webhook["timeoutSeconds"] == 5
    assert "caBundle" not in webhook["clientConfig"]
    assert webhook["clientConfig"]["service"] == {
        "name": "aipolicy-admission", "namespace": NAMESPACE, "path": "/validate", "port": 443,
    }  # fmt: skip
    assert webhook["namespaceSelector"]["matchExpressions"] == [
        {
            "key": "kubernetes.io/metadata.name",
            "operator": "NotIn",
            "values": sorted([NAMESPACE, "kube-system"]),
        }
    ]


def test_defaults_mirror_the_cli_manifests(helm: str, tmp_path: Path) -> None:
    """The chart's webhook is the one `aipolicy admission manifests` prints (same rules, probes, security)."""
    _, docs = render(helm, SCENARIOS["defaults"], tmp_path)
    chart = by_kind(docs)
    image = f"ghcr.io/aipolicy/aipolicy@{DIGEST}"
    printed = subprocess.run(
        [sys.executable, "-m", "aipolicy", "admission", "manifests", "--image", image],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=True,
    )
    cli = {doc["kind"]: doc for doc in yaml.safe_load_all(printed.stdout) if doc}
    chart_webhook, cli_webhook = (
        chart["ValidatingWebhookConfiguration"]["webhooks"][0],
        cli["ValidatingWebhookConfiguration"]["webhooks"][0],
    )
    for key in (
        "rules",
        "namespaceSelector",
        "sideEffects",
        "failurePolicy",
        "timeoutSeconds",
        "matchPolicy",
    ):
        assert chart_webhook[key] == cli_webhook[key], key
    chart_container = pod_spec(chart["Deployment"])["containers"][0]
    cli_container = pod_spec(cli["Deployment"])["containers"][0]
    for key in ("image", "ports", "readinessProbe", "livenessProbe", "resources", "volumeMounts"):
        assert chart_container[key] == cli_container[key], key
    assert set(cli_container["args"]) <= set(chart_container["args"])
    assert cli_container["securityContext"].items() <= chart_container["securityContext"].items()
    assert chart["Certificate"]["spec"] == cli["Certificate"]["spec"]
    assert chart["NetworkPolicy"]["spec"]["ingress"] == cli["NetworkPolicy"]["spec"]["ingress"]


def test_existing_secret_monitoring_and_sharded_scan(helm: str, tmp_path: Path) -> None:
    _, docs = render(helm, SCENARIOS["existing-secret-monitoring-scan"], tmp_path)
    kinds = {doc["kind"] for doc in docs}
    assert "Certificate" not in kinds and "Issuer" not in kinds
    objects = {(doc["kind"], doc["metadata"]["name"]): doc for doc in docs}
    deployment = objects["Deployment", "policy-admission"]
    assert deployment["metadata"]["labels"]["team"] == "platform"
    spec = pod_spec(deployment)
    assert spec["volumes"][0]["secret"]["secretName"] == "webhook-tls"
    assert spec["securityContext"]["runAsUser"] == 10001
    args = spec["containers"][0]["args"]
    assert {"--mode=warn", "--fail-on=MEDIUM", "--failure-decision=allow", "--port=9443"} <= set(args)
    assert {"--exempt-namespace=monitoring", "--exempt-namespace=cert-manager"} <= set(args)
    config = objects["ValidatingWebhookConfiguration", "policy-admission"]
    assert "annotations" not in config["metadata"]
    webhook = config["webhooks"][0]
    assert webhook["clientConfig"]["caBundle"] == CA_BUNDLE
    assert webhook["failurePolicy"] == "Ignore" and webhook["timeoutSeconds"] == 10
    assert webhook["namespaceSelector"]["matchExpressions"][1] == {
        "key": "aipolicy.dev/ignore", "operator": "DoesNotExist",
    }  # fmt: skip
    assert webhook["rules"][0]["operations"] == ["CREATE"] and webhook["rules"][1]["scope"] == "Namespaced"
    monitor = objects["ServiceMonitor", "policy-admission"]
    assert monitor["metadata"]["labels"]["release"] == "kube-prometheus-stack"
    assert monitor["spec"]["endpoints"][0]["scheme"] == "https"
    assert (
        monitor["spec"]["endpoints"][0]["tlsConfig"]["serverName"] == "policy-admission.aipolicy-system.svc"
    )

    account = objects["ServiceAccount", "policy-aws-scan"]
    assert account["metadata"]["annotations"]["eks.amazonaws.com/role-arn"] == ROLE
    assert account["automountServiceAccountToken"] is False
    accounts = objects["ConfigMap", "policy-aws-scan-accounts"]["data"]["accounts.txt"]
    assert accounts.splitlines() == [
        "111122223333 arn:aws:iam::111122223333:role/audit",
        "444455556666 arn:aws:iam::444455556666:role/audit x1",
    ]
    cronjob = objects["CronJob", "policy-aws-scan"]
    assert cronjob["spec"]["schedule"] == "30 2 * * 1-5" and cronjob["spec"]["timeZone"] == "Europe/Paris"
    job = cronjob["spec"]["jobTemplate"]["spec"]
    assert (job["completionMode"], job["completions"], job["parallelism"]) == ("Indexed", 3, 3)
    container = pod_spec(cronjob)["containers"][0]
    args = container["args"]
    assert args[args.index("--shard-index") + 1] == "$(JOB_COMPLETION_INDEX)"
    assert args[args.index("--shard-count") + 1] == "3"
    assert args[args.index("--accounts") + 1] == "/etc/aipolicy/accounts/accounts.txt"
    assert args[args.index("--regions") + 1] == "eu-west-1,us-east-1"
    assert args[args.index("--fail-on") + 1] == "CRITICAL"
    env = {item["name"]: item for item in container["env"]}
    assert env["AIPOLICY_STORE"]["valueFrom"] == {"secretKeyRef": {"name": "scan-db", "key": "dsn"}}
    assert (
        "batch.kubernetes.io/job-completion-index"
        in env["JOB_COMPLETION_INDEX"]["valueFrom"]["fieldRef"]["fieldPath"]
    )
    assert pod_spec(cronjob)["volumes"][1]["configMap"]["name"] == "policy-aws-scan-accounts"


def test_cluster_issuer_and_optional_objects_off(helm: str, tmp_path: Path) -> None:
    _, docs = render(helm, SCENARIOS["cluster-issuer-dryrun-minimal"], tmp_path)
    kinds = by_kind(docs)
    assert not {"Issuer", "PodDisruptionBudget", "NetworkPolicy", "CronJob"} & set(kinds)
    assert kinds["Certificate"]["spec"]["issuerRef"] == {
        "name": "corp-ca", "kind": "ClusterIssuer", "group": "cert-manager.io",
    }  # fmt: skip
    assert kinds["Deployment"]["metadata"]["name"] == "aipolicy-guard-admission"
    assert kinds["ServiceMonitor"]["spec"]["endpoints"][0]["tlsConfig"]["ca"]["secret"] == {
        "name": "aipolicy-guard-admission-tls", "key": "ca.crt",
    }  # fmt: skip


def test_scan_only(helm: str, tmp_path: Path) -> None:
    _, docs = render(helm, SCENARIOS["scan-only-single-shard"], tmp_path)
    kinds = by_kind(docs)
    assert set(kinds) == {"ServiceAccount", "CronJob"}
    job = kinds["CronJob"]["spec"]["jobTemplate"]["spec"]
    assert "completionMode" not in job
    args = pod_spec(kinds["CronJob"])["containers"][0]["args"]
    assert "--shard-index" not in args and "--accounts" not in args
    env = {item["name"]: item for item in pod_spec(kinds["CronJob"])["containers"][0]["env"]}
    assert env["AIPOLICY_STORE"]["valueFrom"]["secretKeyRef"] == {"name": "aipolicy-store", "key": "url"}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "image.digest is required"),
        ({"image": {"digest": "latest"}}, "image.digest must be sha256"),
        (
            {"image": {"digest": DIGEST}, "tls": {"certManager": {"enabled": False}}},
            "tls.existingSecret is required",
        ),
        (
            {"image": {"digest": DIGEST}, "tls": {"certManager": {"enabled": False}, "existingSecret": "s"}},
            "tls.caBundle",
        ),
        (
            {"image": {"digest": DIGEST}, "awsScan": {"enabled": True}},
            "awsScan.serviceAccount.roleArn is required",
        ),
        ({"image": {"digest": DIGEST}, "webhook": {"mode": "audit"}}, "webhook.mode must be"),
        ({"image": {"digest": DIGEST}, "webhook": {"replicaCount": 1}}, "at least 2"),
        (
            {"image": {"digest": DIGEST}, "webhook": {"podDisruptionBudget": {"minAvailable": 2}}},
            "minAvailable must be below webhook.replicaCount",
        ),
        ({"image": {"digest": DIGEST}, "webhook": {"evaluationTimeout": 6}}, "below webhook.timeoutSeconds"),
        (
            {
                "image": {"digest": DIGEST},
                "awsScan": {"enabled": True, "serviceAccount": {"roleArn": ROLE}, "shards": 0},
            },
            "awsScan.shards must be at least 1",
        ),
        (
            {
                "image": {"digest": DIGEST},
                "awsScan": {"enabled": True, "serviceAccount": {"roleArn": ROLE}, "format": "html"},
            },
            "awsScan.format must be",
        ),
        (
            {
                "image": {"digest": DIGEST},
                "awsScan": {
                    "enabled": True,
                    "serviceAccount": {"roleArn": ROLE},
                    "accounts": [{"accountId": "123", "roleArn": ROLE}],
                },
            },
            "12 digits",
        ),
    ],
)
def test_invalid_values_fail_the_render(
    helm: str, values: dict[str, Any], message: str, tmp_path: Path
) -> None:
    done = run_helm(
        helm, "template", RELEASE, str(CHART), "--namespace", NAMESPACE, values=values, tmp_path=tmp_path
    )
    assert done.returncode != 0
    assert message in done.stderr, done.stderr


def leaves(values: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(values, dict) and values:
        found: dict[str, Any] = {}
        for key, item in values.items():
            found.update(leaves(item, f"{prefix}.{key}" if prefix else str(key)))
        return found
    return {prefix: values}


def test_every_documented_option_is_exercised() -> None:
    defaults = leaves(yaml.safe_load((CHART / "values.yaml").read_text()))
    exercised: set[str] = set()
    for values in SCENARIOS.values():
        for path, value in leaves(values).items():
            # A map default ({}) is exercised by any key below it.
            parent = next((p for p in defaults if path == p or path.startswith(p + ".")), None)
            if parent is not None and value != defaults[parent]:
                exercised.add(parent)
    assert sorted(set(defaults) - exercised) == []


DEFAULT_MAPS = {"resources", "rules"}  # documented as a whole; their inner keys are Kubernetes fields


def test_values_are_documented() -> None:
    """Every option in values.yaml (a key with a value on its line) has a comment right above it."""
    lines = (CHART / "values.yaml").read_text().splitlines()
    undocumented = []
    inside: int | None = None  # indentation of a DEFAULT_MAPS header being skipped
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        if inside is not None and (indent > inside or stripped.startswith("-")):
            continue
        inside = None
        key = stripped.split(":", 1)[0]
        if key in DEFAULT_MAPS:
            inside = indent
        elif stripped.endswith(":"):
            continue  # a section header
        if not lines[number - 1].strip().startswith("#"):
            undocumented.append(stripped)
    assert undocumented == [], undocumented


NOTES_WRAPPER = """apiVersion: v1
kind: ConfigMap
metadata:
  name: notes
data:
  notes: {{ tpl (.Files.Get "notes.txt") . | toJson }}
"""


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_notes_render(helm: str, scenario: str, tmp_path: Path) -> None:
    """`helm template` skips NOTES.txt, so render it through a ConfigMap in a copy of the chart."""
    chart = tmp_path / "chart"
    shutil.copytree(CHART, chart)
    shutil.copy(chart / "templates" / "NOTES.txt", chart / "notes.txt")
    (chart / "templates" / "notes.yaml").write_text(NOTES_WRAPPER)
    args = ["template", RELEASE, str(chart), "--namespace", NAMESPACE, "--show-only", "templates/notes.yaml"]
    done = run_helm(helm, *args, values=SCENARIOS[scenario], tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    notes = yaml.safe_load(done.stdout)["data"]["notes"]
    values = SCENARIOS[scenario]
    assert f"in namespace {NAMESPACE}" in notes
    assert ("Admission webhook" in notes) == values.get("webhook", {}).get("enabled", True)
    assert ("AWS posture scan" in notes) == values.get("awsScan", {}).get("enabled", False)
