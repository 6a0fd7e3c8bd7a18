"""AdmissionReview collector: the object under review as a one-resource view (source kind "admission").

Policies see exactly the object the API server sends in `request.object`: never re-serialised through
a client library, never defaulted or rewritten here. The view holds that one object only, so an
evaluation costs what the policies of its type cost; checks that relate several objects (a
namespace's NetworkPolicies, its labels) have nothing to relate at admission time.

The id and type come from the request rather than the object, because the API server knows them
even where the object does not say: a pod created by a ReplicaSet has only `generateName`, and a
namespaced object may leave `metadata.namespace` to the request's URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aipolicy.view import Resource, ResourceView

from ..interface import Collector
from .objects import CORE_GROUP, PROVIDER

SOURCE_KIND = "admission"


def review_kind(request: Mapping[str, Any]) -> tuple[str, str, str]:
    """(group, version, kind) of the reviewed object, from `request.kind` (the core group as "core")."""
    kind = request.get("kind")
    if not isinstance(kind, Mapping):
        return CORE_GROUP, "", ""
    group = kind.get("group") or CORE_GROUP
    return str(group), str(kind.get("version") or ""), str(kind.get("kind") or "")


def object_name(request: Mapping[str, Any], obj: Mapping[str, Any]) -> str:
    """The object's name; for a generated name not chosen yet, its prefix followed by `*`."""
    name = request.get("name")
    if isinstance(name, str) and name:
        return name
    metadata = obj.get("metadata")
    if isinstance(metadata, Mapping):
        if isinstance(metadata.get("name"), str) and metadata["name"]:
            return str(metadata["name"])
        if isinstance(metadata.get("generateName"), str) and metadata["generateName"]:
            return f"{metadata['generateName']}*"
    return "*"


def admission_resource(request: Mapping[str, Any], obj: Mapping[str, Any]) -> Resource:
    """The view resource of the object under review: id `namespace/Kind/name` (or `Kind/name` for a
    cluster-scoped object, whose request carries no namespace), type `<group>/<Kind>`."""
    group, _, kind = review_kind(request)
    if not kind:
        kind = str(obj.get("kind") or "Unknown")
    name = object_name(request, obj)
    namespace = request.get("namespace")
    rid = f"{namespace}/{kind}/{name}" if isinstance(namespace, str) and namespace else f"{kind}/{name}"
    return Resource(id=rid, type=f"{group}/{kind}", provider=PROVIDER, attributes=dict(obj))


class AdmissionCollector(Collector):
    """The view of one AdmissionReview request: its `object`, or nothing when it has none (DELETE)."""

    kind = SOURCE_KIND

    def __init__(self, request: Mapping[str, Any]):
        self.request = request

    def collect(self) -> ResourceView:
        uid = self.request.get("uid")
        view = ResourceView(SOURCE_KIND, f"admission:{uid}" if isinstance(uid, str) else SOURCE_KIND)
        obj = self.request.get("object")
        if isinstance(obj, Mapping):
            view.add(admission_resource(self.request, obj))
        return view
