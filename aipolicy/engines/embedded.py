"""The embedded engine: Microsoft's regorus (Rust) in-process, the policy set compiled once."""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Any

import orjson

from aipolicy.engines.interface import Engine, RawFindings, normalise
from aipolicy.errors import EngineError, PolicyError
from aipolicy.policyset import ENTRYPOINT_RULE, PolicySet, RegoModule


def first_lines(error: Exception, limit: int = 6) -> str:
    """regorus errors carry a Rust backtrace when RUST_BACKTRACE is set: keep the message part."""
    lines = [line for line in str(error).splitlines() if line.strip()]
    kept: list[str] = []
    for line in lines:
        if line.startswith("Stack backtrace"):
            break
        kept.append(line.strip())
    return " ".join(kept[:limit]) or type(error).__name__


def compile_modules(modules: list[RegoModule]) -> Any:
    """A regorus engine (Rego v1) holding `modules`; PolicyError naming the first that does not compile.

    Rust's error values capture a backtrace whenever RUST_BACKTRACE is set (CI machines often set it),
    and regorus creates errors on ordinary evaluation paths: measured on an admission review, the
    captures took 40% of the evaluation. RUST_LIB_BACKTRACE=0 turns them off for library errors
    while panics keep theirs; a user who sets RUST_LIB_BACKTRACE keeps their choice.
    """
    os.environ.setdefault("RUST_LIB_BACKTRACE", "0")
    import regorus

    engine = regorus.Engine()
    engine.set_rego_v0(False)
    for module in modules:
        try:
            engine.add_policy(module.name, module.source)
        except Exception as exc:
            raise PolicyError(f"{module.name}: does not compile: {first_lines(exc)}") from None
    return engine


# Views this large are evaluated by forked workers, each running a share of the policies: regorus
# evaluates on one core, and a 10,000-resource view with the full library takes seconds.
PARALLEL_MIN_RESOURCES = 2_000


def default_workers() -> int:
    """Worker processes for large views: the cores this process may use, at most four."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


class EmbeddedEngine(Engine):
    """Compile once; each evaluation works on a cheap clone so threads (the webhook) never share state."""

    name = "embedded"

    def __init__(self, policy_set: PolicySet, workers: int | None = None):
        super().__init__(policy_set)
        self._compiled = compile_modules(policy_set.engine_modules())
        self._lock = threading.Lock()
        self._query = policy_set.entrypoint_query
        self._workers = workers if workers is not None else default_workers()
        self._shard_queries: list[str] = []
        if (
            self._workers > 1
            and len(policy_set.policies) > 1
            and "fork" in multiprocessing.get_all_start_methods()
        ):
            for index, shard in enumerate(policy_set.shards(self._workers)):
                package = f"{policy_set.entrypoint_package}_shard{index}"
                self._compiled.add_policy(f"{package}.rego", shard.entrypoint_source(package))
                self._shard_queries.append(f"data.{package}.{ENTRYPOINT_RULE}")

    def evaluate(self, document: dict[str, Any]) -> RawFindings:
        with self._lock:
            engine = self._compiled.clone()
        try:
            text = orjson.dumps(document).decode()
            if self._shard_queries and len(document.get("resources") or ()) >= PARALLEL_MIN_RESOURCES:
                return normalise(
                    self._evaluate_sharded(text), [p.id for p in self.policy_set.policies], self.name
                )
            engine.set_input_json(text)
            answer = orjson.loads(engine.eval_query_as_json(self._query))
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

    def _evaluate_sharded(self, text: str) -> dict[str, Any]:
        """Evaluate each share of the policies in a forked worker (the compiled engine and the input
        are inherited, nothing is recompiled) and merge their answers; any failure is an error."""
        context = multiprocessing.get_context("fork")
        workers = []
        for query in self._shard_queries:
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(
                target=_shard_worker, args=(self._compiled, text, query, sender), daemon=True
            )
            process.start()
            sender.close()
            workers.append((process, receiver))
        merged: dict[str, Any] = {}
        failure: str | None = None
        for process, receiver in workers:
            try:
                status, payload = receiver.recv()
            except EOFError:
                status, payload = "error", f"evaluation worker exited with code {process.exitcode}"
            finally:
                receiver.close()
                process.join()
            if status != "ok":
                failure = failure or payload
                continue
            results = orjson.loads(payload).get("result") or []
            if not results:
                failure = failure or "the policy set's decision is undefined"
                continue
            merged.update(results[0]["expressions"][0]["value"])
        if failure:
            raise EngineError(failure)
        return merged


def _shard_worker(compiled: Any, text: str, query: str, sender: Any) -> None:
    """In a forked child: evaluate one share of the policy set and send back the raw JSON answer."""
    try:
        engine = compiled.clone()
        engine.set_input_json(text)
        sender.send(("ok", engine.eval_query_as_json(query)))
    except Exception as exc:
        message = first_lines(exc)
        if "recursion limit" in message:
            message = "a value nests deeper than the engine allows (128 levels)"
        sender.send(("error", f"embedded engine failed to evaluate: {message}"))
    finally:
        sender.close()
