"""What an engine does: compile a policy set once, then evaluate whole resource views against it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

from aipolicy.errors import EngineError
from aipolicy.policyset import PolicySet

RawFindings = dict[str, list[dict[str, Any]]]


class Engine(ABC):
    """One Rego evaluator behind the scanner; every engine must return identical findings (parity test)."""

    name: ClassVar[str]

    def __init__(self, policy_set: PolicySet):
        self.policy_set = policy_set

    @abstractmethod
    def evaluate(self, document: dict[str, Any]) -> RawFindings:
        """Findings per policy id for one resource view, in one evaluation of the whole set.

        Raises EngineError when the decision is undefined or the engine fails: never "no findings".
        """

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections or processes."""


def normalise(value: Any, expected: list[str], engine: str) -> RawFindings:
    """Check an entry-point result: an object of policy id → set of finding objects, every policy present."""
    if not isinstance(value, dict):
        raise EngineError(f"{engine} engine returned no decision for the policy set (undefined)")
    missing = [pid for pid in expected if pid not in value]
    if missing:
        raise EngineError(f"{engine} engine: decision undefined for policy {', '.join(missing[:5])}")
    out: RawFindings = {}
    for pid in expected:
        items = value[pid]
        if not isinstance(items, list):
            raise EngineError(
                f"{engine} engine: policy {pid} returned {type(items).__name__}, expected a set"
            )
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("resource"), str):
                raise EngineError(f"{engine} engine: policy {pid} returned a finding without a resource id")
        out[pid] = items
    return out
