"""Both engines on the whole fixture corpus: identical findings, and errors never read as passes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from aipolicy.engines.embedded import EmbeddedEngine
from aipolicy.engines.interface import Engine
from aipolicy.engines.opa import OpaEngine
from aipolicy.errors import EngineError, PolicyError
from aipolicy.policyset import PolicySet, RegoModule, load_policy_set
from aipolicy.view import validate_document
from tests.conftest import free_port
from tests.fixture_corpus import collect_fixture, policy_fixtures

FIXTURES = policy_fixtures()


@pytest.fixture(scope="module")
def policy_set() -> PolicySet:
    return load_policy_set(validate_builtin=True)


@pytest.fixture(scope="module")
def embedded(policy_set: PolicySet) -> EmbeddedEngine:
    return EmbeddedEngine(policy_set)


@pytest.fixture(scope="module")
def opa(policy_set: PolicySet, opa_server: str) -> Iterator[OpaEngine]:
    engine = OpaEngine(policy_set, opa_server)
    yield engine
    engine.close()


def findings_of(engine: Engine, document: dict) -> list[tuple[str, str, str, str]]:
    raw = engine.evaluate(document)
    return sorted(
        (rule, f["resource"], str(f.get("attribute")), str(f.get("message")))
        for rule, items in raw.items()
        for f in items
    )


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.test_id)
def test_fixture_verdict_on_both_engines(fixture, embedded: EmbeddedEngine, opa: OpaEngine) -> None:
    """Every fail fixture yields its policy's finding, every pass fixture none; both engines agree."""
    document = collect_fixture(fixture.path).to_document(fixture.parameters)
    validate_document(document)
    local = findings_of(embedded, document)
    remote = findings_of(opa, document)
    assert local == remote, f"engines disagree on {fixture.path}"
    own = [f for f in local if f[0] == fixture.policy.id]
    if fixture.expect_fail:
        assert own, f"{fixture.path}: expected a finding of {fixture.policy.id}"
    else:
        assert not own, f"{fixture.path}: unexpected finding(s) of {fixture.policy.id}: {own}"


def test_corpus_is_not_trivial() -> None:
    assert sum(f.expect_fail for f in FIXTURES) >= 15
    assert sum(not f.expect_fail for f in FIXTURES) >= 15


def _with_undefined_policy(policy_set: PolicySet) -> PolicySet:
    ghost = replace(policy_set.policies[0], id="AIP-TEST-999", package="aipolicy.test.does_not_exist")
    return PolicySet([*policy_set.policies, ghost], policy_set.modules)


def test_embedded_undefined_decision_is_an_error(policy_set: PolicySet) -> None:
    engine = EmbeddedEngine(_with_undefined_policy(policy_set))
    with pytest.raises(EngineError, match="undefined"):
        engine.evaluate({"resources": {}, "by_type": {}})


def test_opa_undefined_decision_is_an_error(policy_set: PolicySet, opa_server: str) -> None:
    engine = OpaEngine(_with_undefined_policy(policy_set), opa_server)
    with pytest.raises(EngineError, match="undefined"):
        engine.evaluate({"resources": {}, "by_type": {}})


def test_opa_unreachable_server_is_an_error(policy_set: PolicySet) -> None:
    with pytest.raises(EngineError, match="not healthy"):
        OpaEngine(policy_set, f"http://127.0.0.1:{free_port()}", timeout=1)


def test_policy_that_does_not_compile_is_named(policy_set: PolicySet) -> None:
    broken = RegoModule("custom/broken.rego", "package broken\n\ndeny contains x if {\n")
    with pytest.raises(PolicyError, match=r"custom/broken\.rego"):
        EmbeddedEngine(PolicySet(policy_set.policies, [*policy_set.modules, broken]))


def test_opa_rejects_broken_policy(policy_set: PolicySet, opa_server: str) -> None:
    broken = RegoModule("custom/broken.rego", "package broken\n\ndeny contains x if {\n")
    with pytest.raises((PolicyError, EngineError), match="broken"):
        OpaEngine(PolicySet(policy_set.policies, [*policy_set.modules, broken]), opa_server)


def test_sharded_evaluation_matches_one_process(tmp_path, policy_set: PolicySet) -> None:
    """Large views are evaluated by forked workers with a share of the policies each: same answer."""
    import subprocess
    import sys

    from aipolicy.collectors.terraform.plan import PlanCollector
    from aipolicy.engines.embedded import PARALLEL_MIN_RESOURCES
    from tests.conftest import REPO

    plan = tmp_path / "plan.json"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "generate_plan.py"),
            "--resources",
            "2500",
            "--output",
            str(plan),
        ],
        check=True,
        capture_output=True,
    )
    document = PlanCollector(plan).collect().to_document()
    assert len(document["resources"]) >= PARALLEL_MIN_RESOURCES
    single = EmbeddedEngine(policy_set, workers=1).evaluate(document)
    sharded = EmbeddedEngine(policy_set, workers=3).evaluate(document)
    assert sum(len(v) for v in single.values()) > 100
    canonical = {k: sorted(map(str, v)) for k, v in single.items()}
    assert {k: sorted(map(str, v)) for k, v in sharded.items()} == canonical
