"""ClusterCollector against a real kube-apiserver: raw objects, paging, CRD discovery, 403 and 404."""

from __future__ import annotations

from typing import Any

import pytest

from aipolicy.collectors.kubernetes.cluster import ClusterCollector
from aipolicy.errors import AipolicyError
from aipolicy.scan import Scanner, ScanOptions
from aipolicy.view import ResourceView, validate_document

from .conftest import GPU_PODS, Cluster


def collect(cluster: Cluster, **kwargs: Any) -> tuple[ResourceView, ClusterCollector]:
    collector = ClusterCollector(cluster.kubeconfig, kwargs.pop("context", "admin"), **kwargs)
    try:
        return collector.collect(), collector
    finally:
        collector.close()


def errors_by_kind(view: ResourceView) -> dict[str, dict[str, Any]]:
    return {e.detail["kind"]: {"reason": e.detail["reason"], **e.to_dict()} for e in view.errors}


def test_objects_come_as_the_api_server_returns_them(cluster: Cluster) -> None:
    view, _ = collect(cluster, namespaces=[])
    deployment = view.resources["models/Deployment/vllm"]
    assert deployment.type == "apps/Deployment"
    assert deployment.provider == "kubernetes"
    obj = deployment.attributes
    # list items get their list's kind and apiVersion
    assert (obj["apiVersion"], obj["kind"]) == ("apps/v1", "Deployment")
    # raw JSON: camelCase names, server-set and defaulted fields, timestamps as the server writes them
    assert isinstance(obj["metadata"]["creationTimestamp"], str) and obj["metadata"]["uid"]
    assert obj["spec"]["strategy"]["type"] == "RollingUpdate"
    container = obj["spec"]["template"]["spec"]["containers"][0]
    assert container["imagePullPolicy"] == "Always"  # defaulted for :latest
    assert container["terminationMessagePath"] == "/dev/termination-log"
    assert "image_pull_policy" not in container
    pod = view.resources["batch-ml/Pod/trainer-0"].attributes
    assert (pod["apiVersion"], pod["kind"]) == ("v1", "Pod")
    # the ServiceAccount admission plugin's projected token volume is there, as in the cluster
    assert any(v["name"].startswith("kube-api-access-") for v in pod["spec"]["volumes"])
    assert view.resources["Namespace/models"].type == "core/Namespace"
    assert (
        view.resources["ClusterRoleBinding/notebook-admin"].type
        == "rbac.authorization.k8s.io/ClusterRoleBinding"
    )
    assert view.resources["models/NetworkPolicy/default-deny"].type == "networking.k8s.io/NetworkPolicy"
    assert view.resources["models/Ingress/vllm"].type == "networking.k8s.io/Ingress"
    assert view.source_kind == "cluster"
    validate_document(view.to_document())


def test_pages_through_lists(cluster: Cluster) -> None:
    view, collector = collect(cluster, page_size=2)
    pods = [rid for rid in view.resources if rid.startswith("batch-ml/Pod/")]
    assert len(pods) == GPU_PODS
    # 7 pods in pages of 2 is 4 requests (more if other namespaces held pods)
    assert collector.requests["Pod"] >= 4
    # the cluster's bootstrap ClusterRoles alone are dozens: many pages, all read
    cluster_roles = [rid for rid in view.resources if rid.startswith("ClusterRole/")]
    assert len(cluster_roles) > 40 and collector.requests["ClusterRole"] >= len(cluster_roles) // 2
    assert "ClusterRole/cluster-admin" in view.resources


def test_discovers_ai_custom_resources(cluster: Cluster) -> None:
    view, collector = collect(cluster, page_size=1)
    kinds = {(d.group, d.kind): d for d in collector.discovered}
    assert ("serving.kserve.io", "InferenceService") in kinds
    assert kinds[("serving.kserve.io", "InferenceService")].version == "v1beta1"
    assert ("ray.io", "RayCluster") not in kinds  # not installed: not an error either
    isvc = view.resources["models/InferenceService/llama"]
    assert isvc.type == "serving.kserve.io/InferenceService"
    assert isvc.attributes["apiVersion"] == "serving.kserve.io/v1beta1"
    assert isvc.attributes["spec"]["predictor"]["model"]["storageUri"] == "http://models.internal/llama-3-8b"


def test_missing_api_is_an_error_entry_not_a_stop(cluster: Cluster) -> None:
    view, _ = collect(cluster)
    errors = errors_by_kind(view)
    assert errors["CronJob"]["status"] == 404
    assert errors["CronJob"]["reason"] == "NotFound"
    assert errors["CronJob"]["severity"] == "error"
    assert set(errors) == {"CronJob"}  # the admin can read everything else
    assert "models/Deployment/vllm" in view.resources


def test_forbidden_kinds_are_reported_and_the_rest_collected(cluster: Cluster) -> None:
    view, _ = collect(cluster, context="auditor", page_size=3)
    errors = errors_by_kind(view)
    assert errors["ClusterRole"]["status"] == 403
    assert errors["ClusterRole"]["reason"] == "Forbidden"
    assert "auditor" in errors["ClusterRole"]["message"]
    assert errors["ClusterRole"]["namespace"] == ""
    assert set(errors) == {"ClusterRole", "CronJob"}
    assert not any(rid.startswith("ClusterRole/") for rid in view.resources)
    assert "models/Deployment/vllm" in view.resources
    assert "ClusterRoleBinding/notebook-admin" in view.resources
    assert "models/InferenceService/llama" in view.resources


def test_namespace_filter(cluster: Cluster) -> None:
    view, _ = collect(cluster, context="auditor", namespaces=["models"])
    namespaced = {rid.split("/")[0] for rid in view.resources if rid.count("/") == 2}
    assert namespaced == {"models"}
    assert "Namespace/models" in view.resources and "Namespace/batch-ml" not in view.resources
    errors = errors_by_kind(view)
    assert errors["CronJob"]["namespace"] == "models"


def test_policies_judge_the_live_cluster(cluster: Cluster) -> None:
    view, _ = collect(cluster)
    scanner = Scanner(ScanOptions())
    try:
        result = scanner.evaluate([view], [cluster.url], "cluster")
    finally:
        scanner.close()
    found = {(f.rule_id, f.resource_id) for f in result.findings}
    assert ("AIP-K8S-002", "models/Deployment/vllm") in found  # :latest
    assert ("AIP-K8S-018", "ClusterRoleBinding/notebook-admin") in found
    assert ("AIP-K8S-021", "models/InferenceService/llama") in found
    assert ("AIP-K8S-017", "models/Ingress/vllm") in found
    # batch-ml has GPU pods and no NetworkPolicy; models has its default-deny policy
    assert ("AIP-K8S-014", "batch-ml/Pod/trainer-0") in found
    assert not any(rule == "AIP-K8S-014" and rid.startswith("models/") for rule, rid in found)


def test_unreachable_server_is_one_clear_error(tmp_path: Any) -> None:
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(
        "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:9'}}]\n"
        "users: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\n"
        "current-context: x\n"
    )
    collector = ClusterCollector(kubeconfig, None, [], request_timeout=(2.0, 2.0))
    collector.api_client().configuration.retries = 0
    with pytest.raises(AipolicyError, match="cannot reach the API server"):
        collector.collect()
    with pytest.raises(AipolicyError, match="no kubeconfig"):
        ClusterCollector(tmp_path / "missing", None, []).collect()
