"""What one task of a scan works with: an account's clients, the calls it makes, the view it fills.

A task is one (account, region, service). Every AWS call goes through `Scope.call` or `Scope.pages`,
which turn any failure into a ScanError naming the account, region, service and call, so a service
module only decides what a failure means for the resources it maps (usually: `unresolved`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aipolicy.findings import ScanError
from aipolicy.view import Resource, ResourceView

from .errors import describe_failure, scan_error
from .shape import jsonable

T = TypeVar("T")

OK, ABSENT, FAILED = "ok", "absent", "failed"


@dataclass
class Reply:
    """The outcome of one call: ok with data, absent (the API says there is no such configuration), failed."""

    status: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == OK

    @property
    def absent(self) -> bool:
        return self.status == ABSENT

    @property
    def failed(self) -> bool:
        return self.status == FAILED


class Account:
    """One account being scanned: its session, partition, home region and the view its tasks fill."""

    def __init__(
        self,
        account_id: str,
        partition: str,
        session: Any,
        home_region: str,
        config: Any,
        endpoint_url: str | None,
    ):
        self.id = account_id
        self.partition = partition
        self.session = session
        self.home_region = home_region
        self.config = config
        self.endpoint_url = endpoint_url
        self.view = ResourceView(source_kind="aws", root=f"aws:{account_id}")
        self.calls_read = 0
        self.regions: list[str] = [home_region]
        self._lock = threading.Lock()
        self._clients: dict[tuple[str, str], Any] = {}

    def client(self, service: str, region: str) -> Any:
        """A cached client; boto3 sessions are not thread-safe, so clients are made under a lock."""
        key = (service, region)
        with self._lock:
            found = self._clients.get(key)
            if found is None:
                kwargs: dict[str, Any] = {"region_name": region, "config": self.config}
                if self.endpoint_url:
                    kwargs["endpoint_url"] = self.endpoint_url
                found = self.session.client(service, **kwargs)
                self._clients[key] = found
            return found

    def read(self) -> None:
        with self._lock:
            self.calls_read += 1

    def add(self, resource: Resource) -> None:
        with self._lock:
            self.view.add(resource)

    def error(self, error: ScanError) -> None:
        with self._lock:
            self.view.errors.append(error)


class Scope:
    """One task: a service in a region of an account, with a pool for per-resource detail calls."""

    def __init__(self, account: Account, region: str, service: str, details: Executor, counted: bool = True):
        self.account = account
        self.region = region
        self.service = service
        self._details = details
        self._counted = counted
        # (kind, name) -> ARN of what this task already mapped, for references by name.
        self.names: dict[tuple[str, str], str] = {}
        self._names_lock = threading.Lock()

    def remember(self, kind: str, name: Any, arn: str) -> None:
        if isinstance(name, str):
            with self._names_lock:
                self.names[(kind, name)] = arn

    def named(self, kind: str, name: Any, fallback: str) -> list[str]:
        """The ARN of a resource this task mapped under that name, else `fallback` (its usual ARN)."""
        if not isinstance(name, str) or not name:
            return []
        return [self.names.get((kind, name), fallback)]

    @property
    def account_id(self) -> str:
        return self.account.id

    @property
    def partition(self) -> str:
        return self.account.partition

    def client(self, service: str | None = None, region: str | None = None) -> Any:
        return self.account.client(service or self.service, region or self.region)

    # -- calls ---------------------------------------------------------------------------------

    def call(self, client: Any, method: str, *, absent: Iterable[str] = (), **params: Any) -> Reply:
        """Call one operation. Error codes in `absent` mean "not configured"; anything else is recorded."""
        from botocore.exceptions import ClientError

        try:
            data = getattr(client, method)(**params)
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in set(absent):
                self._read()
                return Reply(ABSENT)
            self.failed(client, method, exc)
            return Reply(FAILED)
        except Exception as exc:
            self.failed(client, method, exc)
            return Reply(FAILED)
        data.pop("ResponseMetadata", None)
        self._read()
        return Reply(OK, data)

    def pages(self, client: Any, method: str, key: str, **params: Any) -> list[Any] | None:
        """Every item under `key` across all pages; None when any page failed (recorded)."""
        items: list[Any] = []
        try:
            if client.can_paginate(method):
                for page in client.get_paginator(method).paginate(**params):
                    items.extend(page.get(key) or [])
                self._read()
                return items
            token_name = None
            while True:
                page = getattr(client, method)(**params)
                items.extend(page.get(key) or [])
                token_name = next((n for n in ("NextToken", "nextToken", "Marker") if page.get(n)), None)
                if token_name is None:
                    self._read()
                    return items
                params[token_name] = page[token_name]
        except Exception as exc:
            self.failed(client, method, exc)
            return None

    def _read(self) -> None:
        if self._counted:
            self.account.read()

    def failed(self, client: Any, method: str, exc: BaseException, severity: str | None = None) -> None:
        operation = api_name(client, method)
        code, message, default_severity = describe_failure(exc, self.service_of(client), operation)
        self.account.error(
            scan_error(
                self.account_id,
                self.region,
                self.service_of(client),
                operation,
                message,
                code,
                severity or default_severity,
            )
        )

    def note(self, operation: str, message: str, code: str, severity: str = "error") -> None:
        """Record something that was not read for a reason other than a failed call."""
        self.account.error(
            scan_error(self.account_id, self.region, self.service, operation, message, code, severity)
        )

    @staticmethod
    def service_of(client: Any) -> str:
        return str(client.meta.service_model.service_name)

    # -- fan-out -------------------------------------------------------------------------------

    def each(self, fn: Callable[[T], None], items: Iterable[T], what: str) -> None:
        """Run fn over items on the detail pool; a mapping bug in one item is reported, not raised."""
        futures = [(item, self._details.submit(fn, item)) for item in items]
        for item, future in futures:
            try:
                future.result()
            except Exception as exc:
                self.note(what, f"could not map {item!r}: {type(exc).__name__}: {exc}", "CollectorError")

    # -- resources -----------------------------------------------------------------------------

    def arn(self, service: str, resource: str, region: str | None = None, account: str | None = None) -> str:
        region = self.region if region is None else region
        account = self.account_id if account is None else account
        return f"arn:{self.partition}:{service}:{region}:{account}:{resource}"

    def add(
        self,
        rid: str,
        rtype: str,
        attributes: Mapping[str, Any],
        unresolved: Iterable[str] = (),
        references: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        attrs = {"region": self.region, **attributes}
        refs = {k: sorted(set(v)) for k, v in (references or {}).items() if v}
        self.account.add(
            Resource(
                id=rid,
                type=rtype,
                provider="aws",
                attributes=jsonable(attrs),
                unresolved=sorted(set(unresolved)),
                references=refs,
            )
        )

    def placeholder(self, rid: str, rtype: str, unresolved: Iterable[str]) -> None:
        """A resource known to exist (or to maybe exist) whose state could not be read at all.

        Account-level policies ask "is there a trail / a logging configuration / a monitoring schedule";
        when the list call was denied the honest answer is "unknown", which this resource carries.
        """
        self.add(rid, rtype, {}, unresolved=unresolved)

    @staticmethod
    def tags_not_read() -> tuple[dict[str, Any], list[str]]:
        """Tags of a type no policy reads are not fetched (a call per resource saved): unresolved."""
        return {}, ["tags", "tags_all"]

    def tags(
        self, reply: Reply, extract: Callable[[dict[str, Any]], dict[str, str]]
    ) -> tuple[dict[str, Any], list[str]]:
        """(attributes, unresolved) for tags and tags_all from a tag-listing reply."""
        if reply.ok:
            tags = extract(reply.data)
            return {"tags": tags, "tags_all": dict(tags)}, []
        if reply.absent:
            return {"tags": {}, "tags_all": {}}, []
        return {}, ["tags", "tags_all"]


def api_name(client: Any, method: str) -> str:
    """The API operation name (GetBucketPolicy) of a client method (get_bucket_policy)."""
    mapping: dict[str, str] = client.meta.method_to_api_mapping
    return mapping.get(method, method)


class Inline:
    """An executor that runs work in the caller's thread: for work already inside a parallel task."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future


INLINE: Any = Inline()
