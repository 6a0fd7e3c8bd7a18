"""Secrets found in manifests never reach a finding: not in messages, attributes or any report field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aipolicy.collectors.kubernetes.manifests import ManifestCollector
from aipolicy.engines.embedded import EmbeddedEngine
from aipolicy.engines.interface import Engine
from aipolicy.engines.opa import OpaEngine
from aipolicy.policyset import PolicySet, builtin_policy_dir, load_policy_set
from aipolicy.scan import build_findings

SECRETS = [
    "hf_fixture_not_a_real_token",
    "sk-proj-fixture-not-a-real-key",
    "sk-ant-fixture-not-a-real-key",
    "change-me-prod-2024",
]
FIXTURES = sorted(
    (builtin_policy_dir() / "kubernetes/secrets/env_literal_secrets/fixtures/fail").glob("*.yaml")
)


@pytest.fixture(scope="module")
def policy_set() -> PolicySet:
    return load_policy_set()


def check(engine: Engine, policy_set: PolicySet, path: Path) -> None:
    view = ManifestCollector([path]).collect()
    written = [s for s in SECRETS if s in path.read_text()]
    assert written, f"{path} holds none of the fake secrets"
    findings = build_findings(view, engine.evaluate(view.to_document()), policy_set)
    assert any(f.rule_id == "AIP-K8S-011" for f in findings)
    text = json.dumps([f.to_dict() for f in findings])
    for secret in written:
        assert secret not in text


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_embedded_findings_never_carry_the_secret(path: Path, policy_set: PolicySet) -> None:
    check(EmbeddedEngine(policy_set), policy_set, path)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_opa_findings_never_carry_the_secret(path: Path, policy_set: PolicySet, opa_server: str) -> None:
    engine = OpaEngine(policy_set, opa_server)
    try:
        check(engine, policy_set, path)
    finally:
        engine.close()
