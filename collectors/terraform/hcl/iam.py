"""`data "aws_iam_policy_document"` rendered exactly as the AWS provider renders its `json`.

Follows the provider's data source (internal/service/iam/policy_document_data_source.go and the
IAMPolicyDoc model): statements in order, Sid omitted when empty, Effect defaulting to Allow,
Action/NotAction/Resource/NotResource and principal identifiers as a string when single and a
reverse-sorted list otherwise, `&{` turned into `${`, conditions keyed by test then variable
(values kept in order, a string when single), source documents merged first and override documents
last with statements replaced by Sid, and Go's `json.MarshalIndent` layout (two-space indent, keys
of maps sorted, <, > and & escaped).
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from .functions import go_html_escape
from .values import contains_unknown, to_string

_ORDER = (
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
)


class PolicyError(Exception):
    """A document the provider would refuse (duplicate Sid, invalid source JSON)."""


def render(attributes: dict[str, Any]) -> dict[str, str] | None:
    """{"json", "minified_json", "id"} for a document whose inputs are known; None otherwise."""
    inputs = {
        k: attributes.get(k)
        for k in ("statement", "version", "policy_id", "source_policy_documents", "override_policy_documents")
    }
    if contains_unknown(inputs):
        return None
    version = to_string(inputs["version"]) if inputs["version"] is not None else "2012-10-17"
    merged: dict[str, Any] = {"Version": "", "Id": "", "Statement": None}
    seen_sids: set[str] = set()
    for index, source in enumerate(inputs["source_policy_documents"] or []):
        if source is None:
            continue
        doc = _decode(source, f"source_policy_documents[{index}]")
        for stmt in doc["Statement"] or []:
            sid = stmt.get("Sid", "")
            if sid:
                if sid in seen_sids:
                    raise PolicyError(f"duplicate Sid {sid!r} in source_policy_documents")
                seen_sids.add(sid)
        _merge(merged, doc)
    current: dict[str, Any] = {"Version": version, "Id": "", "Statement": None}
    if inputs["policy_id"]:
        current["Id"] = to_string(inputs["policy_id"])
    statements = inputs["statement"]
    if statements:
        sids: set[str] = set()
        out = []
        for block in statements:
            stmt = _statement(block, version)
            sid = stmt.get("Sid", "")
            if sid:
                if sid in sids:
                    raise PolicyError(f"duplicate Sid {sid!r}")
                sids.add(sid)
            out.append(stmt)
        current["Statement"] = out
    _merge(merged, current)
    for index, override in enumerate(inputs["override_policy_documents"] or []):
        if override is None:
            continue
        _merge(merged, _decode(override, f"override_policy_documents[{index}]"))
    document = _marshal_doc(merged)
    pretty = go_html_escape(json.dumps(document, indent=2, ensure_ascii=False))
    minified = go_html_escape(json.dumps(document, separators=(",", ":"), ensure_ascii=False))
    return {"json": pretty, "minified_json": minified, "id": str(zlib.crc32(pretty.encode()))}


def _string_list(values: Any) -> Any:
    """The provider's policyDecodeConfigStringList over a set: one string, or reverse-sorted strings."""
    items = sorted({to_string(v) for v in values or []})
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    return sorted(items, reverse=True)


def _replace_vars(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("&{", "${")
    if isinstance(value, list):
        return [v.replace("&{", "${") for v in value]
    return value


def _statement(block: dict[str, Any], version: str) -> dict[str, Any]:
    stmt: dict[str, Any] = {"Effect": to_string(block.get("effect") or "Allow")}
    sid = block.get("sid")
    if sid:
        stmt["Sid"] = to_string(sid)
    for key, name, replace in (
        ("actions", "Action", False),
        ("not_actions", "NotAction", False),
        ("resources", "Resource", True),
        ("not_resources", "NotResource", True),
    ):
        value = _string_list(block.get(key))
        if value is not None:
            stmt[name] = _replace_vars(value) if replace else value
    for key, name in (("principals", "Principal"), ("not_principals", "NotPrincipal")):
        principals = [
            {
                "Type": to_string(p.get("type")),
                "Identifiers": _replace_vars(_string_list(p.get("identifiers"))),
            }
            for p in block.get(key) or []
            if isinstance(p, dict)
        ]
        if principals:
            stmt[name] = principals
    conditions = []
    for cond in block.get("condition") or []:
        if not isinstance(cond, dict):
            continue
        values = [to_string(v).replace("&{", "${") for v in cond.get("values") or []]
        conditions.append(
            {
                "Test": to_string(cond.get("test")),
                "Variable": to_string(cond.get("variable")),
                "Values": values[0] if len(values) == 1 else values,
            }
        )
    if conditions:
        stmt["Condition"] = conditions
    return stmt


def _decode(source: Any, label: str) -> dict[str, Any]:
    """A source/override JSON document as the provider's model holds it after json.Unmarshal."""
    try:
        raw = json.loads(to_string(source))
    except ValueError as exc:
        raise PolicyError(f"{label} is not valid JSON ({exc})") from None
    if not isinstance(raw, dict):
        raise PolicyError(f"{label} is not a JSON object")
    doc: dict[str, Any] = {"Version": str(raw.get("Version") or ""), "Id": str(raw.get("Id") or "")}
    statements = raw.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    out = []
    for raw_stmt in statements or []:
        if not isinstance(raw_stmt, dict):
            raise PolicyError(f"{label} has a statement that is not an object")
        stmt: dict[str, Any] = {}
        for key in ("Sid", "Effect"):
            if raw_stmt.get(key):
                stmt[key] = str(raw_stmt[key])
        for key in ("Action", "NotAction", "Resource", "NotResource"):
            if raw_stmt.get(key) not in (None, "", []):
                stmt[key] = raw_stmt[key]
        for key in ("Principal", "NotPrincipal"):
            value = raw_stmt.get(key)
            if value == "*" or (isinstance(value, str) and value):
                stmt[key] = [{"Type": "*", "Identifiers": ["*"]}]
            elif isinstance(value, dict) and value:
                stmt[key] = [{"Type": k, "Identifiers": v} for k, v in value.items()]
        condition = raw_stmt.get("Condition")
        if isinstance(condition, dict) and condition:
            conds = []
            for test, variables in condition.items():
                for variable, values in (variables or {}).items():
                    vals = [values] if isinstance(values, str) else [str(v) for v in values or []]
                    conds.append({"Test": test, "Variable": variable, "Values": vals})
            if conds:
                stmt["Condition"] = conds
        out.append(stmt)
    doc["Statement"] = out
    return doc


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    if new["Id"]:
        into["Id"] = new["Id"]
    if new["Version"] > into["Version"]:
        into["Version"] = new["Version"]
    for stmt in new["Statement"] or []:
        sid = stmt.get("Sid", "")
        existing = into["Statement"] if into["Statement"] is not None else []
        into["Statement"] = existing
        if sid:
            for i, old in enumerate(existing):
                if old.get("Sid", "") == sid:
                    existing[i] = stmt
                    break
            else:
                existing.append(stmt)
        else:
            existing.append(stmt)


def _marshal_principals(principals: list[dict[str, Any]]) -> Any:
    if len(principals) == 1:
        only = principals[0]
        ids = only["Identifiers"]
        if only["Type"] == "*" and (ids == "*" or ids == ["*"]):
            return "*"
    raw: dict[str, Any] = {}
    for p in principals:
        ids = p["Identifiers"]
        current = raw.get(p["Type"])
        if isinstance(ids, list):
            merged = [] if current is None else ([current] if isinstance(current, str) else list(current))
            raw[p["Type"]] = merged + sorted((str(i) for i in ids), reverse=True)
        else:
            if current is None:
                raw[p["Type"]] = ids
            elif isinstance(current, str):
                raw[p["Type"]] = [current, ids]
            else:
                raw[p["Type"]] = [*current, ids]
    return {k: raw[k] for k in sorted(raw)}


def _marshal_conditions(conditions: list[dict[str, Any]]) -> dict[str, Any]:
    raw: dict[str, dict[str, Any]] = {}
    for c in conditions:
        tests = raw.setdefault(c["Test"], {})
        values = c["Values"]
        if isinstance(values, list):
            current = tests.get(c["Variable"])
            tests[c["Variable"]] = (list(current) if isinstance(current, list) else []) + values
        else:
            tests[c["Variable"]] = values
    return {t: {v: raw[t][v] for v in sorted(raw[t])} for t in sorted(raw)}


def _marshal_doc(doc: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if doc["Version"]:
        out["Version"] = doc["Version"]
    if doc["Id"]:
        out["Id"] = doc["Id"]
    statements = doc["Statement"]
    if statements is None:
        out["Statement"] = None
        return out
    rendered = []
    for stmt in statements:
        item: dict[str, Any] = {}
        for key in _ORDER:
            if key not in stmt:
                continue
            value = stmt[key]
            if key in ("Principal", "NotPrincipal"):
                value = _marshal_principals(value)
            elif key == "Condition":
                value = _marshal_conditions(value)
            item[key] = value
        rendered.append(item)
    out["Statement"] = rendered
    return out
