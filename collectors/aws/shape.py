"""Helpers that put AWS API output into the Terraform AWS provider's shapes (blocks as lists of objects)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

_FIRST = re.compile(r"([A-Z]+)([A-Z][a-z])")
_SECOND = re.compile(r"([a-z0-9])([A-Z])")


def snake(name: str) -> str:
    """KmsKeyId -> kms_key_id, EnableSSMAccess -> enable_ssm_access, S3Uri -> s3_uri."""
    return _SECOND.sub(r"\1_\2", _FIRST.sub(r"\1_\2", name)).lower()


def blocks(value: Any, maps: frozenset[str] = frozenset()) -> Any:
    """An API structure in provider shape: every nested object becomes a one-element list (a block),
    keys become snake_case; keys named in `maps` stay plain maps (environment, hyperparameters)."""
    if isinstance(value, Mapping):
        return [_fields(value, maps)]
    if isinstance(value, list):
        return [_fields(v, maps) if isinstance(v, Mapping) else v for v in value]
    return value


def _fields(value: Mapping[str, Any], maps: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, item in value.items():
        name = snake(key)
        out[name] = dict(item) if name in maps and isinstance(item, Mapping) else blocks(item, maps)
    return out


def block(value: Mapping[str, Any] | None, maps: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """A single nested block: [] when the API returned nothing."""
    if not value:
        return []
    converted: list[dict[str, Any]] = blocks(value, maps)
    return converted


def key_value_tags(
    items: list[dict[str, Any]] | None, key: str = "Key", value: str = "Value"
) -> dict[str, str]:
    return {str(t[key]): str(t.get(value, "")) for t in items or [] if key in t}


def policy_text(document: Any) -> str | None:
    """A policy document as the provider stores it: a JSON string (boto3 decodes IAM's for us)."""
    if document is None or document == "":
        return None
    if isinstance(document, str):
        return document
    return json.dumps(document, sort_keys=True)


def jsonable(value: Any) -> Any:
    """Timestamps to ISO strings and bytes dropped, so the view is plain JSON."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items() if not isinstance(v, (bytes, bytearray))}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value
