"""The policy library's native fixtures and how to collect each one (by file name)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aipolicy.policy import PolicyMetadata
from aipolicy.policyset import builtin_policy_dir, load_policy_set
from aipolicy.view import ResourceView


@dataclass(frozen=True)
class PolicyFixture:
    policy: PolicyMetadata
    path: Path
    expect_fail: bool

    @property
    def parameters(self) -> dict[str, Any] | None:
        """Scan parameters the policy's fixtures run with (fixtures/parameters.json), if any."""
        path = self.policy.directory / "fixtures" / "parameters.json"
        return json.loads(path.read_text()) if path.is_file() else None

    @property
    def test_id(self) -> str:
        return f"{self.policy.id}:{'fail' if self.expect_fail else 'pass'}/{self.path.name}"


def collect_fixture(path: Path) -> ResourceView:
    """The real collector for a fixture file: plan JSON by its `.plan.json` suffix, Kubernetes manifests
    by `.yaml`, `.yml` or (any other) `.json`."""
    from aipolicy.collectors.kubernetes.manifests import ManifestCollector
    from aipolicy.collectors.terraform.plan import PlanCollector

    if path.name.endswith(".plan.json"):
        return PlanCollector(path).collect()
    if path.suffix in (".yaml", ".yml", ".json"):
        view = ManifestCollector([path]).collect()
        assert not view.errors, f"{path}: {[e.to_dict() for e in view.errors]}"
        return view
    raise AssertionError(f"{path}: no collector for this fixture kind")


def policy_fixtures() -> list[PolicyFixture]:
    out = []
    for policy in load_policy_set(validate_builtin=True).policies:
        for kind in ("fail", "pass"):
            for path in sorted((policy.directory / "fixtures" / kind).glob("*")):
                if path.is_file():
                    out.append(PolicyFixture(policy, path, kind == "fail"))
    return out


POLICY_ROOT = builtin_policy_dir()
