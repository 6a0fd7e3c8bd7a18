"""Admission routes: an object is judged by the policies that name its type, with the whole set's findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aipolicy.admission.evaluator import AdmissionEngine, AdmissionRoutes
from aipolicy.collectors.kubernetes.admission import AdmissionCollector
from aipolicy.engines.embedded import EmbeddedEngine
from aipolicy.errors import EngineError
from aipolicy.policyset import PolicySet, load_policy_set

from . import reviews
from .policies import pod_policy_dir

FAILING_POLICY = """# METADATA
# title: A policy that fails while evaluating
# description: Converts an object's id to a number, which regorus refuses with an error.
# custom:
#   id: TEST-FAILING-001
#   severity: LOW
#   category: resilience
#   guidelines: [design/secure-by-design]
#   resource_types: [core/Pod]
#   remediation: None; a test fixture.
package test.failing

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "core/Pod")
	to_number(r.id) > 0
	finding := data.aipolicy.lib.resources.finding(r, "metadata.name", "never")
}
"""


@pytest.fixture(scope="module")
def policy_set() -> PolicySet:
    return load_policy_set()


@pytest.fixture(scope="module")
def engine(policy_set: PolicySet) -> AdmissionEngine:
    return AdmissionEngine(policy_set)


def view_of(obj: dict[str, Any]) -> dict[str, Any]:
    return AdmissionCollector(reviews.review(obj)["request"]).collect().to_document()


def test_a_route_holds_the_policies_naming_its_type(policy_set: PolicySet) -> None:
    routes = AdmissionRoutes.build(policy_set)
    by_id = policy_set.by_id()
    _, pod_ids = routes.rules["core/Pod"]
    assert "AIP-K8S-003" in pod_ids  # privileged containers
    assert "AIP-K8S-019" not in pod_ids  # Ingress TLS judges Ingresses only
    assert all("core/Pod" in by_id[pid].resource_types for pid in pod_ids)
    every = set(routes.rules[None][1])
    assert every == {p.id for p in policy_set.policies if any("/" in t for t in p.resource_types)}
    assert not any(pid.startswith("AIP-AWS") for pid in every)
    assert routes.rule_for({"by_type": {"example.com/Unknown": ["x"]}}) == routes.rules[""]
    assert routes.rule_for({"by_type": {"core/Pod": ["a"], "apps/Deployment": ["b"]}}) == routes.rules[None]


@pytest.mark.parametrize(
    "obj",
    [
        reviews.hardened_pod(),
        reviews.insecure_pod(),
        reviews.low_severity_pod(),
        reviews.inference_service(storage_uri="s3://models/llama", hardened=False),
    ],
    ids=["hardened-pod", "insecure-pod", "low-severity-pod", "insecure-inference-service"],
)
def test_routed_findings_are_the_whole_sets(
    policy_set: PolicySet, engine: AdmissionEngine, obj: dict[str, Any]
) -> None:
    view = view_of(obj)
    routed = engine.evaluate_json(json.dumps(view))
    whole = EmbeddedEngine(policy_set, workers=1).evaluate(view)
    failing = {pid for pid, items in whole.items() if items}
    assert failing <= set(routed), "a policy that finds something must be on the object's route"
    assert {pid: items for pid, items in routed.items() if items} == {pid: whole[pid] for pid in failing}
    if obj["metadata"]["name"].startswith(("vllm-insecure", "llama")):
        assert failing


def test_a_policy_failing_at_evaluation_is_an_error_not_a_pass(tmp_path: Path) -> None:
    engine = AdmissionEngine(load_policy_set([pod_policy_dir(tmp_path, "failing", FAILING_POLICY)]))
    with pytest.raises(EngineError, match="failed to evaluate"):
        engine.evaluate_json(json.dumps(view_of(reviews.hardened_pod())))
