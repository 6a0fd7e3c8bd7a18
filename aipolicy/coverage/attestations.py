"""Attestations: evidence, signed off by an owner, for principles that configuration cannot show.

Staff awareness, threat models and lessons learned live in people and documents, not in
Terraform. A risk owner still needs all 17 principles in one view, so `attestations.yaml` records
who vouches for what, where the evidence is, and when it must be looked at again. An attestation
always expires: evidence that nobody reviews stops counting, as an expired waiver stops waiving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from aipolicy.errors import InputError
from aipolicy.guidelines import PRINCIPLES_BY_ID
from aipolicy.inputs import read_bytes

_MAX_ATTESTATION_BYTES = 4 * 1024 * 1024
FIELDS: tuple[str, ...] = ("principle", "statement", "owner", "evidence", "date", "expires")


class AttestationError(InputError):
    """An attestations file that does not validate; `problems` lists every one, each naming the entry."""

    def __init__(self, origin: str, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{origin}: invalid attestations" + (f" ({count} problems)" if count > 1 else "")
        super().__init__(f"{head}: {'; '.join(self.problems)}")


@dataclass(frozen=True)
class Attestation:
    """One signed-off statement about one principle."""

    principle: str
    statement: str
    owner: str
    evidence: str
    date: dt.date
    expires: dt.date
    origin: str = ""

    def expired(self, today: dt.date) -> bool:
        """Expired from the day after `expires` (an attestation is valid on its expiry date)."""
        return self.expires < today

    @property
    def evidence_is_link(self) -> bool:
        """Only http(s) evidence becomes a link in a report; anything else is shown as a path."""
        return self.evidence.startswith(("https://", "http://"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "principle": self.principle,
            "statement": self.statement,
            "owner": self.owner,
            "evidence": self.evidence,
            "date": self.date.isoformat(),
            "expires": self.expires.isoformat(),
        }


class _TextDateLoader(yaml.SafeLoader):
    """SafeLoader that leaves `2026-02-30` as text: PyYAML would raise a bare ValueError building it,
    and the validation below explains a bad date better (naming the entry and the field)."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _schema() -> dict[str, Any]:
    from aipolicy.view import load_schema

    return load_schema("attestations")


def _entry_lines(text: str) -> list[int]:
    """The line where each entry of the list starts (1-based), for error messages; [] if unknown."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "attestations":
                node = value
                break
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]


def _normalised(entry: Mapping[Any, Any]) -> dict[Any, Any]:
    """YAML reads an unquoted 2026-01-31 as a date: turn dates back into the ISO text the schema checks."""
    out: dict[Any, Any] = {}
    for key, value in entry.items():
        if isinstance(value, dt.datetime):
            value = value.date().isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[key] = value
    return out


def _describe(error: Any) -> str:
    """One schema error in the words a person editing the file needs."""
    path = list(error.absolute_path)
    field = str(path[0]) if path else ""
    if error.validator == "required":
        missing = [f for f in FIELDS if f not in error.instance]
        return f"missing field(s) {', '.join(f'`{m}`' for m in missing)}"
    if error.validator == "additionalProperties":
        unknown = sorted(str(k) for k in error.instance if k not in FIELDS)
        return f"unknown field(s) {', '.join(f'`{u}`' for u in unknown)} (allowed: {', '.join(FIELDS)})"
    if field == "principle" and error.validator == "enum":
        return (
            f"unknown principle id {error.instance!r}: use one of the 17 ids of GUIDELINES.md "
            "(for example design/awareness, design/threat-model, operation/lessons-learned)"
        )
    if field in ("date", "expires") and error.validator in ("pattern", "type"):
        return f"`{field}` {error.instance!r} is not a date (write YYYY-MM-DD)"
    if error.validator == "type":
        return f"`{field}` must be text, not {type(error.instance).__name__}"
    if error.validator in ("minLength", "pattern"):
        return f"`{field}` must not be empty"
    if error.validator == "maxLength":
        return f"`{field}` is too long (at most 4000 characters)"
    return f"`{field or 'entry'}`: {error.message}"


def parse_attestations(data: Any, origin: str, lines: Sequence[int] = ()) -> list[Attestation]:
    """Validate parsed YAML (a list, or a mapping with an `attestations` list) into attestations.

    Every problem is collected so that one run tells the author everything to fix; each names the
    entry by number, by its line when known, and by its principle when it has one.
    """
    import jsonschema

    if isinstance(data, Mapping) and "principle" in data:
        raise AttestationError(origin, ["one attestation must still be a list item: start it with `- `"])
    if isinstance(data, Mapping):
        extra = sorted(str(k) for k in data if k != "attestations")
        if extra:
            raise AttestationError(origin, [f"unknown top-level key(s) {', '.join(extra)}"])
        data = data.get("attestations")
    if data is None:
        return []
    if not isinstance(data, list):
        raise AttestationError(
            origin, ["expected a list of attestations (or a mapping with an `attestations` list)"]
        )
    schema = _schema()
    validator = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/attestation"})
    problems: list[str] = []
    found: list[Attestation] = []
    for index, raw in enumerate(data, start=1):
        where = f"attestation #{index}"
        if index - 1 < len(lines):
            where += f" (line {lines[index - 1]})"
        if not isinstance(raw, Mapping):
            problems.append(f"{where}: expected a mapping with {', '.join(FIELDS)}")
            continue
        entry = _normalised(raw)
        if isinstance(entry.get("principle"), str):
            where += f" [{entry['principle']}]"
        errors = sorted(validator.iter_errors(entry), key=lambda e: (list(e.absolute_path), e.validator))
        if errors:
            problems.extend(f"{where}: {message}" for message in dict.fromkeys(_describe(e) for e in errors))
            continue
        try:
            date = dt.date.fromisoformat(entry["date"])
            expires = dt.date.fromisoformat(entry["expires"])
        except ValueError as exc:
            field = "date" if _bad_date(entry["date"]) else "expires"
            problems.append(f"{where}: `{field}` {entry[field]!r} is not a valid date ({exc})")
            continue
        if expires < date:
            problems.append(f"{where}: `expires` {expires} is before `date` {date}")
            continue
        if entry["principle"] not in PRINCIPLES_BY_ID:  # the schema's enum and guidelines.py disagree
            problems.append(f"{where}: unknown principle id {entry['principle']!r}")
            continue
        found.append(
            Attestation(
                principle=entry["principle"],
                statement=" ".join(entry["statement"].split()),
                owner=entry["owner"].strip(),
                evidence=entry["evidence"].strip(),
                date=date,
                expires=expires,
                origin=f"{origin}#{index}",
            )
        )
    if problems:
        raise AttestationError(origin, problems)
    return found


def _bad_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return True
    return False


def load_attestations(path: Path) -> list[Attestation]:
    """Read and validate an attestations YAML file; an AttestationError names the file and each entry."""
    raw = read_bytes(path, _MAX_ATTESTATION_BYTES)
    try:
        text = raw.decode("utf-8")
        data = yaml.load(text, Loader=_TextDateLoader)  # a SafeLoader subclass: no arbitrary objects
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    return parse_attestations(data, str(path), _entry_lines(text))
