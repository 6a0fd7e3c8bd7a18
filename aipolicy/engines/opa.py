"""The OPA engine: a real OPA server over its REST Data API, through opa-python-client.

For fleets: scanners and webhook replicas share one centrally managed policy set. The set is pushed
through the Policy API (or already served from a bundle); health is checked first; an undefined
decision or any server error is an EngineError, never "no findings".
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from aipolicy.engines.interface import Engine, RawFindings, normalise
from aipolicy.errors import EngineError, PolicyError
from aipolicy.policyset import ENTRYPOINT_RULE, PolicySet, RegoModule

POLICY_ID_PREFIX = "aipolicy"


class OpaEngine(Engine):
    name = "opa"

    def __init__(
        self,
        policy_set: PolicySet,
        url: str,
        *,
        push: bool = True,
        timeout: float = 60.0,
        token: str | None = None,
        ca_file: str | None = None,
    ):
        super().__init__(policy_set)
        from opa_client.opa import OpaClient

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EngineError(f"--opa-url {url!r}: expected http(s)://host:port")
        port = parts.port or (443 if parts.scheme == "https" else 8181)
        ssl: bool | str = (ca_file or True) if parts.scheme == "https" else False
        self.url = url
        self._client = OpaClient(
            host=parts.hostname, port=port, ssl=ssl, timeout=timeout, token=token, retries=2
        )
        if not self._client.check_health():
            raise EngineError(f"OPA at {url} is not healthy (GET /health did not answer 200)")
        if push:
            self._push()

    def _push(self) -> None:
        """Push every module; OPA compiles each against what it already holds, so a module whose
        library has not arrived yet is retried after the others (passes until nothing changes)."""
        present = self._present_policies()
        pending = [
            m
            for m in self.policy_set.engine_modules()
            if present.get(f"{POLICY_ID_PREFIX}/{m.name}") != m.source
        ]
        while pending:
            failed: list[tuple[RegoModule, Exception]] = []
            for module in pending:
                try:
                    self._client.update_policy_from_string(
                        module.source, f"{POLICY_ID_PREFIX}/{module.name}", rego_compat=False
                    )
                except Exception as exc:
                    failed.append((module, exc))
            if len(failed) == len(pending):
                first, error = failed[0]
                if "rego" in type(error).__name__.lower() or "parse" in str(error).lower():
                    raise PolicyError(f"{first.name}: OPA rejected the policy: {error}") from None
                raise EngineError(f"OPA at {self.url} refused policy {first.name}: {error}") from None
            pending = [module for module, _ in failed]

    def _present_policies(self) -> dict[str, str]:
        """The modules the server already holds (id -> source): OPA recompiles everything on each
        push, so a scanner that finds its policy set in place pushes nothing."""
        try:
            response = self._client._session.get(
                f"{self._client.root_url}/policies", timeout=self._client.timeout
            )
            response.raise_for_status()
            listed = response.json().get("result") or []
        except Exception:
            return {}
        return {
            p["id"]: p.get("raw", "") for p in listed if isinstance(p, dict) and isinstance(p.get("id"), str)
        }

    def evaluate(self, document: dict[str, Any]) -> RawFindings:
        try:
            answer = self._client.query_rule(document, self.policy_set.entrypoint_package, ENTRYPOINT_RULE)
        except Exception as exc:
            raise EngineError(f"OPA at {self.url} failed to evaluate: {exc}") from None
        if not isinstance(answer, dict) or "result" not in answer:
            raise EngineError(f"OPA at {self.url}: decision {self.policy_set.entrypoint_query} is undefined")
        return normalise(answer["result"], [p.id for p in self.policy_set.policies], self.name)

    def close(self) -> None:
        self._client.close_connection()
