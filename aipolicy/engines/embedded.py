"""The embedded engine: Microsoft's regorus (Rust) in-process, the policy set compiled once."""

from __future__ import annotations

import json
import threading
from typing import Any

from aipolicy.engines.interface import Engine, RawFindings, normalise
from aipolicy.errors import EngineError, PolicyError
from aipolicy.policyset import PolicySet


def first_lines(error: Exception, limit: int = 6) -> str:
    """regorus errors carry a Rust backtrace when RUST_BACKTRACE is set: keep the message part."""
    lines = [line for line in str(error).splitlines() if line.strip()]
    kept: list[str] = []
    for line in lines:
        if line.startswith("Stack backtrace"):
            break
        kept.append(line.strip())
    return " ".join(kept[:limit]) or type(error).__name__


class EmbeddedEngine(Engine):
    """Compile once; each evaluation works on a cheap clone so threads (the webhook) never share state."""

    name = "embedded"

    def __init__(self, policy_set: PolicySet):
        super().__init__(policy_set)
        import regorus

        self._compiled = regorus.Engine()
        self._compiled.set_rego_v0(False)
        for module in policy_set.engine_modules():
            try:
                self._compiled.add_policy(module.name, module.source)
            except Exception as exc:
                raise PolicyError(f"{module.name}: does not compile: {first_lines(exc)}") from None
        self._lock = threading.Lock()
        self._query = policy_set.entrypoint_query

    def evaluate(self, document: dict[str, Any]) -> RawFindings:
        with self._lock:
            engine = self._compiled.clone()  # type: ignore[attr-defined]  # missing from regorus's stub
        try:
            engine.set_input_json(json.dumps(document, separators=(",", ":")))
            answer = json.loads(engine.eval_query_as_json(self._query))
        except RecursionError:
            raise EngineError("a value nests too deeply to evaluate") from None
        except Exception as exc:
            message = first_lines(exc)
            if "recursion limit" in message:
                raise EngineError("a value nests deeper than the engine allows (128 levels)") from None
            raise EngineError(f"embedded engine failed to evaluate: {message}") from None
        results = answer.get("result") or []
        if not results:
            raise EngineError("embedded engine: the policy set's decision is undefined")
        value = results[0]["expressions"][0]["value"]
        return normalise(value, [p.id for p in self.policy_set.policies], self.name)
