"""Kubernetes objects onto the resource view: ids, types and scope, shared by every Kubernetes source.

Manifest files, a live cluster and AdmissionReviews all hand over objects as the API server returns
them; this module turns one such object into a `Resource`, so a policy sees the same id and type
whichever source the object came from.

- type: `<group>/<Kind>`, the core group written `core` (`core/Pod`, `apps/Deployment`,
  `serving.kserve.io/InferenceService`). The version is left out so that a policy keeps matching
  when a resource moves from v1beta1 to v1; it stays in the attributes (`apiVersion`).
- id: `<namespace>/<Kind>/<name>` for namespaced kinds (the default namespace when the object names
  none), `<Kind>/<name>` for cluster-scoped ones. Two objects with one id in a view are an error.
- attributes: the whole object, untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from aipolicy.view import Location, Resource

PROVIDER = "kubernetes"
CORE_GROUP = "core"
DEFAULT_NAMESPACE = "default"

# (group, kind) of the cluster-scoped kinds that manifests commonly carry: the built-in API and the
# custom resources of the stacks that host models. A source that knows better (the live cluster's
# discovery, CustomResourceDefinitions in the same scan) passes `cluster_scoped` explicitly.
CLUSTER_SCOPED: frozenset[tuple[str, str]] = frozenset(
    {
        (CORE_GROUP, "ComponentStatus"),
        (CORE_GROUP, "Namespace"),
        (CORE_GROUP, "Node"),
        (CORE_GROUP, "PersistentVolume"),
        ("admissionregistration.k8s.io", "MutatingAdmissionPolicy"),
        ("admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding"),
        ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
        ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"),
        ("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"),
        ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),
        ("apiextensions.k8s.io", "CustomResourceDefinition"),
        ("apiregistration.k8s.io", "APIService"),
        ("certificates.k8s.io", "CertificateSigningRequest"),
        ("certificates.k8s.io", "ClusterTrustBundle"),
        ("flowcontrol.apiserver.k8s.io", "FlowSchema"),
        ("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"),
        ("networking.k8s.io", "IPAddress"),
        ("networking.k8s.io", "IngressClass"),
        ("networking.k8s.io", "ServiceCIDR"),
        ("node.k8s.io", "RuntimeClass"),
        ("policy", "PodSecurityPolicy"),
        ("rbac.authorization.k8s.io", "ClusterRole"),
        ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
        ("resource.k8s.io", "DeviceClass"),
        ("resource.k8s.io", "ResourceSlice"),
        ("scheduling.k8s.io", "PriorityClass"),
        ("storage.k8s.io", "CSIDriver"),
        ("storage.k8s.io", "CSINode"),
        ("storage.k8s.io", "StorageClass"),
        ("storage.k8s.io", "VolumeAttachment"),
        ("storage.k8s.io", "VolumeAttributesClass"),
        ("gateway.networking.k8s.io", "GatewayClass"),
        ("cert-manager.io", "ClusterIssuer"),
        ("serving.kserve.io", "ClusterServingRuntime"),
        ("serving.kserve.io", "ClusterStorageContainer"),
        ("kubeflow.org", "Profile"),
        ("nvidia.com", "ClusterPolicy"),
        ("templates.gatekeeper.sh", "ConstraintTemplate"),
        ("kyverno.io", "ClusterPolicy"),
    }
)
# Groups whose every kind is cluster-scoped (Gatekeeper constraints are generated per template).
CLUSTER_SCOPED_GROUPS: frozenset[str] = frozenset({"constraints.gatekeeper.sh"})


class ObjectError(ValueError):
    """An object that cannot be a Kubernetes resource (no kind, apiVersion or name); says what is missing."""


def group_of(api_version: str) -> str:
    """The API group of an apiVersion: `apps/v1` -> `apps`, `v1` -> `core`."""
    group, _, version = api_version.rpartition("/")
    return group if group and version else CORE_GROUP


def resource_type(api_version: str, kind: str) -> str:
    """The view type of a kind: `<group>/<Kind>` (`core/Pod`, `apps/Deployment`)."""
    return f"{group_of(api_version)}/{kind}"


def is_cluster_scoped(api_version: str, kind: str) -> bool:
    """Whether a kind is cluster-scoped, by the built-in table (unknown kinds are namespaced)."""
    group = group_of(api_version)
    return group in CLUSTER_SCOPED_GROUPS or (group, kind) in CLUSTER_SCOPED


def crd_scopes(objects: Iterable[Any]) -> dict[tuple[str, str], bool]:
    """(group, kind) -> cluster-scoped, read from the CustomResourceDefinitions among `objects`."""
    scopes: dict[tuple[str, str], bool] = {}
    for obj in objects:
        if not isinstance(obj, Mapping) or obj.get("kind") != "CustomResourceDefinition":
            continue
        api_version = obj.get("apiVersion")
        if not isinstance(api_version, str) or group_of(api_version) != "apiextensions.k8s.io":
            continue
        spec = obj.get("spec")
        if not isinstance(spec, Mapping):
            continue
        names = spec.get("names")
        group, scope = spec.get("group"), spec.get("scope")
        if isinstance(names, Mapping) and isinstance(group, str) and isinstance(names.get("kind"), str):
            scopes[(group, names["kind"])] = scope == "Cluster"
    return scopes


def check_object(obj: Any) -> tuple[str, str, str]:
    """(apiVersion, kind, name) of a well-formed object; ObjectError saying what is wrong otherwise."""
    if not isinstance(obj, Mapping):
        raise ObjectError(f"is a {_json_type(obj)}, expected a Kubernetes object (a mapping)")
    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    if not isinstance(api_version, str) or not api_version:
        raise ObjectError("has no apiVersion")
    if not isinstance(kind, str) or not kind:
        raise ObjectError("has no kind")
    metadata = obj.get("metadata")
    if not isinstance(metadata, Mapping):
        raise ObjectError(f"{kind} has no metadata")
    name = metadata.get("name")
    if not isinstance(name, str) or not name:
        hint = " (generateName is not supported: give it a name)" if "generateName" in metadata else ""
        raise ObjectError(f"{kind} has no metadata.name{hint}")
    if "/" in name:
        raise ObjectError(f"{kind} name {name!r} contains '/'")
    namespace = metadata.get("namespace")
    if namespace is not None and (not isinstance(namespace, str) or "/" in namespace):
        raise ObjectError(f"{kind} {name} has an invalid metadata.namespace")
    return api_version, kind, name


def resource_id(
    obj: Mapping[str, Any],
    *,
    cluster_scoped: bool | None = None,
    default_namespace: str = DEFAULT_NAMESPACE,
) -> str:
    """`namespace/Kind/name`, or `Kind/name` for a cluster-scoped kind (table lookup when None)."""
    api_version, kind, name = check_object(obj)
    if cluster_scoped is None:
        cluster_scoped = is_cluster_scoped(api_version, kind)
    if cluster_scoped:
        return f"{kind}/{name}"
    namespace = obj["metadata"].get("namespace") or default_namespace
    return f"{namespace}/{kind}/{name}"


def to_resource(
    obj: Mapping[str, Any],
    location: Location | None = None,
    *,
    cluster_scoped: bool | None = None,
    default_namespace: str = DEFAULT_NAMESPACE,
) -> Resource:
    """The view resource of one object (ObjectError when it is not one); attributes are `obj` itself."""
    api_version, kind, _ = check_object(obj)
    return Resource(
        id=resource_id(obj, cluster_scoped=cluster_scoped, default_namespace=default_namespace),
        type=resource_type(api_version, kind),
        provider=PROVIDER,
        attributes=dict(obj),
        location=location,
    )


def is_list(obj: Any) -> bool:
    """Whether an object is a list of objects: `kind: List` or a typed `<Kind>List` with items."""
    if not isinstance(obj, Mapping):
        return False
    kind = obj.get("kind")
    return isinstance(kind, str) and kind.endswith("List") and isinstance(obj.get("items"), list)


def list_items(obj: Mapping[str, Any]) -> list[Any]:
    """The items of a list object. Items of a typed `<Kind>List` (an API list response) carry no kind or
    apiVersion of their own: they get the list's, as the API server returns them one by one."""
    items = list(obj.get("items") or [])
    kind, api_version = obj.get("kind"), obj.get("apiVersion")
    if kind == "List" or not isinstance(kind, str) or not isinstance(api_version, str):
        return items
    item_kind = kind[: -len("List")]
    out: list[Any] = []
    for item in items:
        if isinstance(item, Mapping) and ("kind" not in item or "apiVersion" not in item):
            item = {"apiVersion": api_version, "kind": item_kind, **item}
        out.append(item)
    return out


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return type(value).__name__
