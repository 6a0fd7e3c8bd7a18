"""The resource view: the one JSON document every policy sees, whatever the source (DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aipolicy.findings import ScanError

VIEW_VERSION = 1


@dataclass(frozen=True)
class Location:
    file: str
    line: int | None = None
    end_line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.file}
        if self.line is not None:
            data["line"] = self.line
        if self.end_line is not None:
            data["end_line"] = self.end_line
        return data


@dataclass
class Resource:
    """One resource as policies see it. `unresolved` lists attribute paths whose value is unknown."""

    id: str
    type: str
    provider: str
    attributes: dict[str, Any]
    unresolved: list[str] = field(default_factory=list)
    references: dict[str, list[str]] = field(default_factory=dict)
    location: Location | None = None
    module: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "provider": self.provider,
            "attributes": self.attributes,
            "unresolved": self.unresolved,
            "references": self.references,
        }
        if self.location is not None:
            data["location"] = self.location.to_dict()
        if self.module is not None:
            data["module"] = self.module
        return data


@dataclass
class ResourceView:
    """What a collector returns: the resources, and what it could not read (never dropped silently)."""

    source_kind: str
    root: str
    resources: dict[str, Resource] = field(default_factory=dict)
    errors: list[ScanError] = field(default_factory=list)
    # inline `# aipolicy:ignore RULE reason` comments: resource id -> [(rule id, reason)]
    suppressions: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)

    def add(self, resource: Resource) -> None:
        self.resources[resource.id] = resource

    def by_type(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for rid, resource in self.resources.items():
            index.setdefault(resource.type, []).append(rid)
        return index

    def join_indexes(self) -> tuple[dict[str, dict[str, dict[str, list[str]]]], dict[str, list[str]]]:
        """Reverse references (target -> type -> attribute -> referrers) and dangling joins.

        A join attribute is dangling for a type when some resource of that type has it unresolved
        and resolved to no reference: it might point at any target. Precomputed once here so that
        `lib.resources.referencing`/`dangling` are lookups, not a scan per target.
        """
        referenced_by: dict[str, dict[str, dict[str, list[str]]]] = {}
        dangling: dict[str, set[str]] = {}
        for rid, resource in self.resources.items():
            for attribute, targets in resource.references.items():
                for target in targets:
                    by_type = referenced_by.setdefault(target, {}).setdefault(resource.type, {})
                    by_type.setdefault(attribute, []).append(rid)
            for path in resource.unresolved:
                top = path.split(".", 1)[0]
                if not resource.references.get(top):
                    dangling.setdefault(resource.type, set()).add(top)
        return referenced_by, {rtype: sorted(attrs) for rtype, attrs in dangling.items()}

    def to_document(self, parameters: dict[str, Any] | None = None) -> dict[str, Any]:
        """The engine input: resources keyed by id plus the indexes policies select and join through.

        `parameters` are the organisation's settings for policies (allow-lists, thresholds), as
        Gatekeeper passes constraint parameters: in the input, so one OPA server can serve scanners
        with different settings.
        """
        referenced_by, dangling = self.join_indexes()
        document: dict[str, Any] = {
            "view_version": VIEW_VERSION,
            "source": {"kind": self.source_kind, "root": self.root},
            "resources": {rid: r.to_dict() for rid, r in self.resources.items()},
            "by_type": self.by_type(),
            "referenced_by": referenced_by,
            "dangling": dangling,
        }
        if parameters:
            document["parameters"] = parameters
        return document


def validate_document(document: dict[str, Any]) -> None:
    """Validate a view document against the JSON Schema shipped in aipolicy/schemas (tests, debugging)."""
    import jsonschema

    jsonschema.validate(document, load_schema("resource-view"))


def load_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in aipolicy/schemas."""
    import json
    from pathlib import Path

    schema: dict[str, Any] = json.loads(
        (Path(__file__).parent / "schemas" / f"{name}.schema.json").read_text()
    )
    return schema
