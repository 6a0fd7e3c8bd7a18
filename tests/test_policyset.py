"""The policy library format: metadata, layout and the rules that custom policy directories obey too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aipolicy.errors import PolicyError
from aipolicy.guidelines import CATEGORIES, PRINCIPLES_BY_ID
from aipolicy.policyset import builtin_policy_dir, check_policy_layout, load_policy_set

TEMPLATE = builtin_policy_dir() / "aws" / "sagemaker" / "notebook_root_access"


def test_builtin_library_is_valid_and_complete() -> None:
    policy_set = load_policy_set(validate_builtin=True)
    aws = [p for p in policy_set.policies if p.package.startswith("aipolicy.aws.")]
    assert len(aws) >= 15
    categories = {p.category for p in aws}
    assert {"access-control", "encryption", "updates"} <= categories
    for policy in policy_set.policies:
        assert check_policy_layout(policy.path) == [], policy.path
        assert set(policy.guidelines) <= PRINCIPLES_BY_ID.keys()
        assert policy.category in CATEGORIES
        assert policy.package.split(".")[-1] == policy.directory.name, policy.path


def test_ids_are_unique_and_stable_format() -> None:
    ids = [p.id for p in load_policy_set().policies]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("AIP-") for i in ids)


def test_entrypoint_names_every_policy_once() -> None:
    policy_set = load_policy_set()
    source = policy_set.entrypoint_source()
    for policy in policy_set.policies:
        assert source.count(f'["{policy.id}"] := data.{policy.package}.deny') == 1
    assert policy_set.entrypoint_package != policy_set.without([policy_set.policies[0].id]).entrypoint_package


def test_skip_unknown_id_is_an_error() -> None:
    with pytest.raises(PolicyError, match="unknown policy id"):
        load_policy_set().without(["AIP-NOPE-1"])


def custom_copy(tmp_path: Path) -> Path:
    root = tmp_path / "custom"
    target = root / "org" / "notebook_root_access_copy"
    shutil.copytree(TEMPLATE, target)
    policy = target / "policy.rego"
    policy.write_text(
        policy.read_text()
        .replace("AIP-AWS-SM-002", "ORG-SM-1")
        .replace(
            "package aipolicy.aws.sagemaker.notebook_root_access", "package org.notebook_root_access_copy"
        )
    )
    return root


def test_custom_policy_dir_loads(tmp_path: Path) -> None:
    policy_set = load_policy_set([custom_copy(tmp_path)])
    custom = policy_set.by_id()["ORG-SM-1"]
    assert not custom.builtin
    assert custom.scope == "object"


def test_view_wide_policies_declare_their_scope_and_admission_leaves_them_out(tmp_path: Path) -> None:
    from aipolicy.admission.webhook import admission_policy_set

    root = custom_copy(tmp_path)
    policy = next(root.rglob("policy.rego"))
    policy.write_text(
        policy.read_text().replace("#   severity: HIGH\n", "#   severity: HIGH\n#   scope: view\n")
    )
    policy_set = load_policy_set([root])
    assert [p.id for p in policy_set.policies if p.scope == "view"] == ["AIP-K8S-014", "ORG-SM-1"]
    admitted, left_out = admission_policy_set(policy_set)
    assert left_out == ["AIP-K8S-014", "ORG-SM-1"]
    assert not {"AIP-K8S-014", "ORG-SM-1"} & set(admitted.by_id())


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (
            lambda s: s.replace("deployment/infrastructure", "deployment/nope"),
            "invalid METADATA at custom.guidelines",
        ),
        (
            lambda s: s.replace("category: access-control", "category: vibes"),
            "invalid METADATA at custom.category",
        ),
        (lambda s: s.replace("#   severity: HIGH\n", ""), "'severity' is a required property"),
        (lambda s: s.replace("# METADATA", "# NOTES"), "no # METADATA block"),
        (lambda s: s.replace("ORG-SM-1", "AIP-AWS-SM-002"), "already used"),
        (
            lambda s: s.replace("#   severity: HIGH\n", "#   severity: HIGH\n#   scope: cluster\n"),
            "invalid METADATA at custom.scope",
        ),
    ],
    ids=[
        "unknown-guideline",
        "unknown-category",
        "missing-severity",
        "no-metadata",
        "duplicate-id",
        "unknown-scope",
    ],
)
def test_custom_policy_metadata_is_validated(tmp_path: Path, mutation, message: str) -> None:
    root = custom_copy(tmp_path)
    policy = next(root.rglob("policy.rego"))
    policy.write_text(mutation(policy.read_text()))
    with pytest.raises(PolicyError, match=message):
        load_policy_set([root])


@pytest.mark.parametrize("remove", ["policy_test.rego", "fixtures/pass", "fixtures/fail"])
def test_custom_policy_without_tests_or_fixtures_is_refused(tmp_path: Path, remove: str) -> None:
    root = custom_copy(tmp_path)
    victim = next(root.rglob("policy.rego")).parent / remove
    if victim.is_dir():
        shutil.rmtree(victim)
    else:
        victim.unlink()
    with pytest.raises(PolicyError, match="lacks"):
        load_policy_set([root])
