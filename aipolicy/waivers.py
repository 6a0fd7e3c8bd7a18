"""Waivers: accepted risks, by rule and resource glob, with a reason and an expiry date.

A waived finding stays in the report with status `waived`; an expired waiver stops waiving and is
reported, so that an accepted risk cannot outlive its review date unnoticed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from aipolicy.errors import InputError
from aipolicy.findings import Finding
from aipolicy.inputs import read_bytes

_MAX_WAIVER_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Waiver:
    rule_id: str
    resource: str
    reason: str
    expires: dt.date | None
    origin: str

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def matches(self, finding: Finding, rule_ids: set[str]) -> bool:
        return (
            self.rule_id in rule_ids
            and address_glob(self.resource).fullmatch(finding.resource_id) is not None
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "resource": self.resource,
            "reason": self.reason,
            "expires": self.expires.isoformat() if self.expires else None,
            "origin": self.origin,
        }


def address_glob(pattern: str) -> re.Pattern[str]:
    """`*` and `?` are wildcards; everything else is literal, so `aws_s3_bucket.x["*"]` means what it says
    (fnmatch would read the brackets of a Terraform address as a character class)."""
    return re.compile(
        "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern), re.DOTALL
    )


def _parse_date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{where}: expires {value!r} is not a date (YYYY-MM-DD)") from None


def load_waivers(path: Path) -> list[Waiver]:
    """Read a waivers YAML file: a list of entries, or a mapping with a `waivers` list."""
    raw = read_bytes(path, _MAX_WAIVER_BYTES)
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if isinstance(data, dict):
        data = data.get("waivers")
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a list of waivers (or a mapping with a `waivers` list)")
    waivers = []
    for index, entry in enumerate(data, start=1):
        where = f"{path}: waiver #{index}"
        if not isinstance(entry, dict):
            raise InputError(f"{where}: expected a mapping with rule_id, resource, reason, expires")
        unknown = sorted(set(entry) - {"rule_id", "resource", "reason", "expires"})
        if unknown:
            raise InputError(f"{where}: unknown key(s) {', '.join(unknown)}")
        for key in ("rule_id", "reason"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise InputError(f"{where}: `{key}` is required and must be a non-empty string")
        resource = entry.get("resource", "*")
        if not isinstance(resource, str) or not resource:
            raise InputError(f"{where}: `resource` must be a glob string")
        waivers.append(
            Waiver(
                rule_id=entry["rule_id"].strip(),
                resource=resource,
                reason=entry["reason"].strip(),
                expires=_parse_date(entry.get("expires"), where),
                origin=f"{path}#{index}",
            )
        )
    return waivers


def apply_waivers(
    findings: list[Finding],
    waivers: list[Waiver],
    aliases: dict[str, set[str]],
    today: dt.date | None = None,
) -> list[Waiver]:
    """Mark matching findings waived (in place); return the expired waivers, which waive nothing."""
    today = today or dt.date.today()
    active = [w for w in waivers if not w.expired(today)]
    for finding in findings:
        if finding.status != "fail":
            continue
        ids = aliases.get(finding.rule_id, {finding.rule_id})
        for waiver in active:
            if waiver.matches(finding, ids):
                finding.status = "waived"
                finding.waiver_reason = waiver.reason
                finding.waiver_expires = waiver.expires.isoformat() if waiver.expires else None
                break
    return [w for w in waivers if w.expired(today)]
