"""The committed policy catalogue is generated from the library and must not go stale."""

from __future__ import annotations

from aipolicy.catalogue import render_catalogue
from aipolicy.guidelines import PRINCIPLES
from aipolicy.policyset import load_policy_set
from tests.conftest import REPO


def test_docs_policies_md_is_current() -> None:
    current = render_catalogue(load_policy_set(validate_builtin=True))
    committed = (REPO / "docs" / "policies.md").read_text()
    assert committed == current, (
        "docs/policies.md is stale: run `aipolicy policies catalogue -o docs/policies.md`"
    )


def test_every_principle_configuration_can_show_has_a_policy() -> None:
    served = {g for p in load_policy_set().policies for g in p.guidelines}
    for principle in PRINCIPLES:
        if not principle.attestation_only:
            assert principle.id in served, f"no policy serves {principle.id}"
    text = render_catalogue(load_policy_set())
    for principle in PRINCIPLES:
        assert f"`{principle.id}`" in text
