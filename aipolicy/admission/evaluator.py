"""Evaluating the policy set for the webhook within a time limit that actually holds.

regorus holds the GIL for a whole evaluation (measured: a thread ticking every millisecond gets five
ticks during a 50 s evaluation), so in-process an evaluation can neither be interrupted nor even be
waited for with a timeout: the waiting thread cannot run until the evaluation returns. The embedded
engine therefore runs in a small pool of worker processes, each holding the compiled policy set. The
server's threads hand a view to an idle worker over a pipe and wait on the pipe with the time left;
a worker that overruns is killed and replaced, and the request gets the configured failure decision.
The pool also puts every CPU to work, which threads sharing one GIL would not.

An OPA engine (`--engine opa`) evaluates over HTTP, which releases the GIL: threads suffice there.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pickle
import queue
import select
import subprocess
import sys
import threading
import time
from abc import ABC, abstractmethod
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

import orjson

from aipolicy.admission.worker import ERROR, OK, read_frame, write_frame
from aipolicy.engines.interface import Engine, RawFindings, normalise
from aipolicy.errors import AipolicyError, EngineError, PolicyError
from aipolicy.policy import PolicyMetadata
from aipolicy.policyset import PolicySet, RegoModule
from aipolicy.scan import ScanOptions, load_policies

log = logging.getLogger("aipolicy.admission")


class EvaluationTimeout(EngineError):
    """The policy set was not evaluated in time; `reason` is "timeout" or "busy" (no worker free)."""

    def __init__(self, message: str, reason: str = "timeout"):
        super().__init__(message)
        self.reason = reason


class Evaluator(ABC):
    """Evaluates resource-view documents against the compiled policy set, each within a deadline."""

    @property
    @abstractmethod
    def ready(self) -> bool:
        """Whether the policy set is compiled and evaluations can be served."""

    @abstractmethod
    def start(self) -> None:
        """Compile the policy set (blocking); PolicyError when it does not compile."""

    @abstractmethod
    def evaluate(self, document: dict[str, Any], timeout: float) -> RawFindings:
        """Raw findings for one view; EvaluationTimeout past `timeout` seconds, EngineError on failure."""

    @abstractmethod
    def close(self) -> None:
        """Stop the workers."""


def judges_kubernetes(policy: PolicyMetadata) -> bool:
    """Whether a policy can judge a Kubernetes object: it reads a `<group>/<Kind>` type, or names none."""
    return not policy.resource_types or any("/" in t for t in policy.resource_types)


@dataclass
class AdmissionRoutes:
    """The policies that can judge Kubernetes objects and, per object type, the rule that runs them.

    Every evaluation pays for each policy it runs, so an object is judged only by the policies
    whose `resource_types` hold its type (plus any that name no type); AWS policies cannot match a
    Kubernetes object and are left out. Each route is one complete rule, an object of the policies'
    findings keyed by id (see AdmissionEngine for why); `rules[None]` runs every policy, for a view
    of several types, and `rules[""]` those that name no type.
    """

    policy_set: PolicySet
    rules: dict[str | None, tuple[str, list[str]]]
    module: RegoModule

    PACKAGE = "aipolicy_admission_routes"

    @classmethod
    def build(cls, policy_set: PolicySet) -> AdmissionRoutes:
        subset = policy_set.without([p.id for p in policy_set.policies if not judges_kubernetes(p)])
        untyped = [p for p in subset.policies if not p.resource_types]
        types = sorted({t for p in subset.policies for t in p.resource_types})
        members: list[tuple[str | None, list[PolicyMetadata]]] = [(None, subset.policies), ("", untyped)]
        members += [
            (rtype, [p for p in subset.policies if rtype in p.resource_types or not p.resource_types])
            for rtype in types
        ]
        rules: dict[str | None, tuple[str, list[str]]] = {}
        lines = [f"package {cls.PACKAGE}", "", "import rego.v1", ""]
        for index, (rtype, policies) in enumerate(members):
            rule = f"route_{index}"
            rules[rtype] = (f"data.{cls.PACKAGE}.{rule}", [p.id for p in policies])
            # one key a line: regorus refuses lines over 1,024 columns
            lines += [f"{rule} := {{", *(f'\t"{p.id}": data.{p.package}.deny,' for p in policies), "}", ""]
        return cls(subset, rules, RegoModule(f"{cls.PACKAGE}.rego", "\n".join(lines)))

    def rule_for(self, document: dict[str, Any]) -> tuple[str, list[str]]:
        """The route for a view document: its one type's, or every policy for a view of several."""
        types = list((document.get("by_type") or {}).keys())
        if len(types) == 1:
            return self.rules.get(types[0], self.rules[""])
        return self.rules[None]


class AdmissionEngine:
    """regorus holding the admission routes (AdmissionRoutes), one warm engine per worker process.

    Measured costs shape it. A regorus engine prepares its modules on the first evaluation after
    a clone (15 ms for this library on an idle core, far more under load), so a worker keeps one warm
    engine and only swaps its input; a worker evaluates one document at a time, so nothing is shared.
    A query costs half a millisecond before any policy runs (regorus parses it and indexes every
    rule's path again) and a rule lookup almost nothing, so a route is read with eval_rule. A policy
    whose decision were undefined makes its route undefined: an engine error, never "no findings".
    """

    def __init__(self, policy_set: PolicySet):
        from aipolicy.engines.embedded import compile_modules, first_lines

        self._first_lines = first_lines
        self.routes = AdmissionRoutes.build(policy_set)
        self.policy_set = self.routes.policy_set
        self._engine = compile_modules([*self.policy_set.engine_modules(), self.routes.module])
        # prepare now: the first evaluation must not pay for it
        self._engine.set_input_json('{"resources":{},"by_type":{}}')
        self._engine.eval_rule_as_json(self.routes.rules[None][0])

    def evaluate_json(self, payload: str) -> RawFindings:
        """Findings for a view document given as JSON text."""
        rule, expected = self.routes.rule_for(orjson.loads(payload))
        if not expected:
            return {}
        try:
            self._engine.set_input_json(payload)
            value = orjson.loads(self._engine.eval_rule_as_json(rule))
        except Exception as exc:
            raise EngineError(f"embedded engine failed to evaluate: {self._first_lines(exc)}") from None
        if not isinstance(value, dict):
            raise EngineError("embedded engine: the policy set's decision is undefined")
        return normalise(value, expected, "embedded")


@dataclass(eq=False)
class _Worker:
    """A worker process and its pipes (unbuffered, so select() sees exactly what is unread)."""

    process: subprocess.Popen[bytes]

    @property
    def stdin(self) -> Any:
        return self.process.stdin

    @property
    def stdout(self) -> Any:
        return self.process.stdout

    def wait_readable(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.stdout], [], [], max(0.0, timeout))
        return bool(ready)

    def kill(self) -> None:
        for stream in (self.stdin, self.stdout):
            with contextlib.suppress(OSError):
                stream.close()
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


class ProcessEvaluator(Evaluator):
    """The embedded engine in `workers` processes; an overrunning evaluation is killed, not waited out."""

    def __init__(self, options: ScanOptions, workers: int = 0, *, start_timeout: float = 300.0):
        self.options = options
        self.size = workers or os.cpu_count() or 1
        self.start_timeout = start_timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._alive = 0
        self._started = False
        self._closed = threading.Event()
        self._all: set[_Worker] = set()

    @property
    def ready(self) -> bool:
        with self._lock:
            return self._started and self._alive > 0 and not self._closed.is_set()

    def start(self) -> None:
        workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                self._await_ready(worker, self.start_timeout)
        except BaseException:
            for worker in workers:
                self._forget(worker)
            raise
        with self._lock:
            self._alive = len(workers)
            self._started = True
        for worker in workers:
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        # a fresh interpreter: never fork a process that has threads; never re-import the caller's main
        process = subprocess.Popen(
            [sys.executable, "-m", "aipolicy.admission.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            close_fds=True,
        )
        worker = _Worker(process)
        with self._lock:
            self._all.add(worker)
        write_frame(worker.stdin, pickle.dumps(self.options))
        return worker

    def _forget(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def _await_ready(self, worker: _Worker, timeout: float) -> None:
        if not worker.wait_readable(timeout):
            raise PolicyError(f"the policy set did not compile within {timeout:.0f}s")
        message = read_frame(worker.stdout)
        if message is None:
            raise PolicyError(
                "an evaluation process exited while compiling the policy set"
                f" (exit code {worker.process.wait()}; see its errors above)"
            )
        if message[:1] == ERROR:
            raise PolicyError(message[1:].decode(errors="replace"))

    def evaluate(self, document: dict[str, Any], timeout: float) -> RawFindings:
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise EvaluationTimeout(
                f"no evaluation process became free within {timeout:g}s (all {self.size} busy)", "busy"
            ) from None
        payload = json.dumps(document, separators=(",", ":")).encode()
        try:
            write_frame(worker.stdin, payload)
            if not worker.wait_readable(deadline - time.monotonic()):
                self._replace(worker)
                raise EvaluationTimeout(f"the policy set was not evaluated within {timeout:g}s")
            answer = read_frame(worker.stdout)
        except (OSError, ValueError):
            answer = None
        if answer is None:
            self._replace(worker)
            raise EngineError("an evaluation process died; it is being replaced")
        self._idle.put(worker)
        if answer[:1] == OK:
            raw: RawFindings = orjson.loads(answer[1:])
            return raw
        raise EngineError(answer[1:].decode(errors="replace"))

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker that overran or died and start another in the background."""
        with self._lock:
            self._alive -= 1
        self._forget(worker)
        threading.Thread(target=self._respawn, name="aipolicy-respawn", daemon=True).start()

    def _respawn(self) -> None:
        delay = 0.5
        while not self._closed.is_set():
            replacement = self._spawn()
            try:
                self._await_ready(replacement, self.start_timeout)
            except (AipolicyError, OSError) as exc:
                self._forget(replacement)
                log.error("cannot replace an evaluation process: %s (retrying in %.1fs)", exc, delay)
                self._closed.wait(delay)
                delay = min(delay * 2, 30.0)
                continue
            if self._closed.is_set():
                self._forget(replacement)
                return
            with self._lock:
                self._alive += 1
            self._idle.put(replacement)
            log.info("evaluation process replaced")
            return

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._forget(worker)


class ThreadEvaluator(Evaluator):
    """An engine that evaluates elsewhere (OPA over HTTP, which releases the GIL) called from threads."""

    def __init__(self, engine_factory: Any, workers: int = 0):
        self._factory = engine_factory
        self._engine: Engine | None = None
        self._pool = ThreadPoolExecutor(max_workers=max(4, (workers or os.cpu_count() or 1) * 4))

    @property
    def ready(self) -> bool:
        return self._engine is not None

    def start(self) -> None:
        self._engine = self._factory()

    def evaluate(self, document: dict[str, Any], timeout: float) -> RawFindings:
        engine = self._engine
        if engine is None:
            raise EngineError("the policy set is not loaded yet")
        future = self._pool.submit(engine.evaluate, document)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            future.cancel()
            raise EvaluationTimeout(f"the policy set was not evaluated within {timeout:g}s") from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._engine is not None:
            self._engine.close()


def create_evaluator(options: ScanOptions, workers: int, timeout: float) -> Evaluator:
    """Worker processes for the embedded engine; threads for an OPA server."""
    if options.engine == "embedded":
        return ProcessEvaluator(options, workers)

    def factory() -> Engine:
        from aipolicy.engines.opa import OpaEngine

        if not options.opa_url:
            raise AipolicyError("--engine opa needs --opa-url (e.g. http://127.0.0.1:8181)")
        policy_set = load_policies(options)
        # the client's own timeout ends a request the webhook has already given up on
        return OpaEngine(policy_set, options.opa_url, push=options.bundle is None, timeout=timeout + 1.0)

    return ThreadEvaluator(factory, workers)
