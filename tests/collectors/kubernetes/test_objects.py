"""The shared object -> resource mapping every Kubernetes source uses (manifests, cluster, admission)."""

from __future__ import annotations

import pytest

from aipolicy.collectors.kubernetes import objects
from aipolicy.view import Location


def obj(api_version: str, kind: str, name: str = "x", namespace: str | None = None) -> dict[str, object]:
    metadata: dict[str, object] = {"name": name}
    if namespace is not None:
        metadata["namespace"] = namespace
    return {"apiVersion": api_version, "kind": kind, "metadata": metadata}


@pytest.mark.parametrize(
    ("api_version", "group"),
    [("v1", "core"), ("apps/v1", "apps"), ("serving.kserve.io/v1beta1", "serving.kserve.io"), ("", "core")],
)
def test_group_of(api_version: str, group: str) -> None:
    assert objects.group_of(api_version) == group


def test_resource_type_leaves_the_version_out() -> None:
    assert objects.resource_type("ray.io/v1", "RayCluster") == objects.resource_type(
        "ray.io/v1alpha1", "RayCluster"
    )
    assert objects.resource_type("v1", "Pod") == "core/Pod"


def test_resource_id_scopes() -> None:
    assert objects.resource_id(obj("v1", "Pod", namespace="llm")) == "llm/Pod/x"
    assert objects.resource_id(obj("v1", "Pod")) == "default/Pod/x"
    assert objects.resource_id(obj("v1", "Pod"), default_namespace="team") == "team/Pod/x"
    assert objects.resource_id(obj("v1", "Namespace", namespace="ignored")) == "Namespace/x"
    assert objects.resource_id(obj("example.com/v1", "Thing", namespace="a")) == "a/Thing/x"
    assert (
        objects.resource_id(obj("example.com/v1", "Thing", namespace="a"), cluster_scoped=True) == "Thing/x"
    )
    assert objects.resource_id(obj("constraints.gatekeeper.sh/v1beta1", "K8sRequiredLabels")) == (
        "K8sRequiredLabels/x"
    )


def test_to_resource() -> None:
    deployment = obj("apps/v1", "Deployment", namespace="llm")
    resource = objects.to_resource(deployment, Location("d.yaml", 3, 9))
    assert resource.to_dict() == {
        "id": "llm/Deployment/x",
        "type": "apps/Deployment",
        "provider": "kubernetes",
        "attributes": deployment,
        "unresolved": [],
        "references": {},
        "location": {"file": "d.yaml", "line": 3, "end_line": 9},
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([], "is a list"),
        ({"kind": "Pod", "metadata": {"name": "p"}}, "has no apiVersion"),
        ({"apiVersion": "v1", "metadata": {"name": "p"}}, "has no kind"),
        ({"apiVersion": "v1", "kind": "Pod", "metadata": []}, "Pod has no metadata"),
        ({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": ""}}, "Pod has no metadata.name"),
    ],
)
def test_check_object_says_what_is_wrong(value: object, message: str) -> None:
    with pytest.raises(objects.ObjectError, match=message):
        objects.check_object(value)


def test_lists() -> None:
    plain = {"apiVersion": "v1", "kind": "List", "items": [obj("v1", "Pod")]}
    typed = {"apiVersion": "apps/v1", "kind": "DeploymentList", "items": [{"metadata": {"name": "d"}}]}
    assert objects.is_list(plain) and objects.is_list(typed)
    assert not objects.is_list(obj("v1", "Pod"))
    assert not objects.is_list({"apiVersion": "v1", "kind": "List", "items": "nope"})
    assert objects.list_items(plain) == [obj("v1", "Pod")]
    assert objects.list_items(typed) == [
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}}
    ]


def test_crd_scopes() -> None:
    crd = {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": "rayclusters.ray.io"},
        "spec": {"group": "ray.io", "scope": "Namespaced", "names": {"kind": "RayCluster"}},
    }
    cluster = {**crd, "spec": {"group": "ml.example.com", "scope": "Cluster", "names": {"kind": "Registry"}}}
    assert objects.crd_scopes([crd, cluster, obj("v1", "Pod"), "junk"]) == {
        ("ray.io", "RayCluster"): False,
        ("ml.example.com", "Registry"): True,
    }
