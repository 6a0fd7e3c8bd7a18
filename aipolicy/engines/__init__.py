"""Engines: `embedded` (regorus, default) and `opa` (a real OPA server). Heavy imports stay lazy."""

from __future__ import annotations

from aipolicy.engines.interface import Engine
from aipolicy.errors import AipolicyError
from aipolicy.policyset import PolicySet

ENGINES = ("embedded", "opa")


def create_engine(
    name: str, policy_set: PolicySet, *, opa_url: str | None = None, push: bool = True
) -> Engine:
    if name == "embedded":
        from aipolicy.engines.embedded import EmbeddedEngine

        return EmbeddedEngine(policy_set)
    if name == "opa":
        if not opa_url:
            raise AipolicyError("--engine opa needs --opa-url (e.g. http://127.0.0.1:8181)")
        from aipolicy.engines.opa import OpaEngine

        return OpaEngine(policy_set, opa_url, push=push)
    raise AipolicyError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
