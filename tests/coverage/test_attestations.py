"""Attestations: the shipped example validates; every kind of mistake is named with file and entry."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from aipolicy.coverage import AttestationError, load_attestations, parse_attestations
from aipolicy.errors import InputError
from aipolicy.guidelines import PRINCIPLES
from tests.conftest import REPO

GOOD = {
    "principle": "design/awareness",
    "statement": "All ML engineers completed AI security training.",
    "owner": "Head of ML",
    "evidence": "https://intranet.example.com/training",
    "date": "2026-01-10",
    "expires": "2027-01-10",
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "attestations.yaml"
    path.write_text(text)
    return path


def entry(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {**GOOD, **changes}
    return {k: v for k, v in data.items() if v is not None}


def problems(tmp_path: Path, entries: object) -> list[str]:
    path = write(tmp_path, yaml.safe_dump(entries, sort_keys=False))
    with pytest.raises(AttestationError) as caught:
        load_attestations(path)
    assert str(caught.value).startswith(f"{path}: invalid attestations")
    return caught.value.problems


def test_the_shipped_example_validates_against_loader_and_schema() -> None:
    path = REPO / "examples" / "attestations.yaml"
    found = load_attestations(path)
    assert {a.principle for a in found} >= {
        "design/awareness",
        "design/threat-model",
        "operation/lessons-learned",
    }
    assert all(a.expires >= a.date for a in found)
    assert any(a.expired(dt.date(2026, 11, 26)) for a in found), "the example shows an expired attestation"
    schema = json.loads((REPO / "aipolicy" / "schemas" / "attestations.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    raw = yaml.safe_load(path.read_text())
    for item in raw["attestations"]:  # YAML dates back to text, as the loader sees them
        item.update({k: str(item[k]) for k in ("date", "expires")})
    jsonschema.Draft202012Validator(schema).validate(raw)


def test_schema_knows_exactly_the_17_principles() -> None:
    schema = json.loads((REPO / "aipolicy" / "schemas" / "attestations.schema.json").read_text())
    assert schema["$defs"]["attestation"]["properties"]["principle"]["enum"] == [p.id for p in PRINCIPLES]


def test_list_or_mapping_quoted_or_unquoted_dates(tmp_path: Path) -> None:
    as_list = load_attestations(write(tmp_path, yaml.safe_dump([GOOD])))
    as_mapping = load_attestations(
        write(
            tmp_path,
            "attestations:\n"
            + "".join(f"  {'- ' if i == 0 else '  '}{k}: {v}\n" for i, (k, v) in enumerate(GOOD.items())),
        )
    )
    assert as_list[0].date == as_mapping[0].date == dt.date(2026, 1, 10)
    assert as_mapping[0].expires == dt.date(2027, 1, 10)
    assert as_list[0].origin.endswith("attestations.yaml#1") and as_list[0].evidence_is_link
    assert load_attestations(write(tmp_path, "attestations: []\n")) == []


def test_unknown_principle_is_named_with_entry_and_line(tmp_path: Path) -> None:
    found = problems(tmp_path, [GOOD, entry(principle="design/awarenes")])
    assert len(found) == 1
    assert found[0].startswith(
        "attestation #2 (line 7) [design/awarenes]: unknown principle id 'design/awarenes'"
    )
    assert "GUIDELINES.md" in found[0]


def test_missing_fields_are_listed(tmp_path: Path) -> None:
    found = problems(tmp_path, [entry(owner=None, evidence=None)])
    assert found == ["attestation #1 (line 1) [design/awareness]: missing field(s) `owner`, `evidence`"]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("date", "yesterday", "`date` 'yesterday' is not a date (write YYYY-MM-DD)"),
        ("expires", "2027-02-30", "`expires` '2027-02-30' is not a valid date"),
        ("date", "2026-13-01", "`date` '2026-13-01' is not a valid date"),
        ("expires", "2025-12-31", "`expires` 2025-12-31 is before `date` 2026-01-10"),
        ("expires", 20270110, "`expires` 20270110 is not a date (write YYYY-MM-DD)"),
    ],
)
def test_bad_dates(tmp_path: Path, field: str, value: object, expected: str) -> None:
    found = problems(tmp_path, [entry(**{field: value})])
    assert len(found) == 1 and expected in found[0], found


def test_unquoted_impossible_date_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    text = yaml.safe_dump([GOOD]).replace("'2026-01-10'", "2026-02-30")
    assert "date: 2026-02-30" in text
    with pytest.raises(AttestationError, match=r"attestation #1 .*`date` '2026-02-30' is not a valid date"):
        load_attestations(write(tmp_path, text))


def test_empty_text_unknown_fields_and_wrong_types(tmp_path: Path) -> None:
    found = problems(tmp_path, [entry(statement="   ", colour="blue"), entry(owner=42), "just text"])
    assert any("#1" in p and "unknown field(s) `colour`" in p for p in found)
    assert any("#1" in p and "`statement` must not be empty" in p for p in found)
    assert any("#2" in p and "`owner` must be text, not int" in p for p in found)
    assert any(p.startswith("attestation #3") and "expected a mapping" in p for p in found)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    found = problems(tmp_path, [entry(principle="x"), GOOD, entry(date="soon"), entry(expires="2020-01-01")])
    assert [p.split(" ")[1] for p in found] == ["#1", "#3", "#4"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("principle: design/awareness\n", "one attestation must still be a list item: start it with `- `"),
        ("attestations: {a: 1}\n", "expected a list of attestations"),
        ("- [unclosed\n", "not valid YAML"),
    ],
)
def test_file_shape_errors_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        load_attestations(path)
    assert str(caught.value).startswith(str(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_attestations(tmp_path / "absent.yaml")


def test_parse_accepts_yaml_date_objects() -> None:
    found = parse_attestations([{**GOOD, "date": dt.date(2026, 1, 10)}], "inline")
    assert found[0].date == dt.date(2026, 1, 10) and found[0].origin == "inline#1"
    assert found[0].expired(dt.date(2027, 1, 10)) is False and found[0].expired(dt.date(2027, 1, 11))
