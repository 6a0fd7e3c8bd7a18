"""The policy library's native fixtures and how to collect each one (by file name)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aipolicy.policy import PolicyMetadata
from aipolicy.policyset import builtin_policy_dir, load_policy_set
from aipolicy.view import ResourceView


@dataclass(frozen=True)
class PolicyFixture:
    policy: PolicyMetadata
    path: Path
    expect_fail: bool

    @property
    def test_id(self) -> str:
        return f"{self.policy.id}:{'fail' if self.expect_fail else 'pass'}/{self.path.name}"


def collect_fixture(path: Path) -> ResourceView:
    """The real collector for a fixture file: plan JSON by its `.plan.json` suffix."""
    from aipolicy.collectors.terraform.plan import PlanCollector

    if path.name.endswith(".plan.json"):
        return PlanCollector(path).collect()
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
