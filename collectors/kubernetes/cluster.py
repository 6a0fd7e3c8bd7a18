"""Live-cluster collector: every kind the policies read, listed from a running API server.

Objects reach the view exactly as the API server returns them: each list is read as raw JSON
(`_preload_content=False`), never through the client's model classes, whose snake_case attribute
names and dropped unknown fields would make a live object look different from the same object in a
manifest or an AdmissionReview. List items carry no kind or apiVersion of their own; they get their
list's, as a GET of the single object would return them.

Lists are read in pages (`limit` / `continue`) so a cluster with tens of thousands of pods is never
one response in memory. The AI custom resources (KServe, Kubeflow, Ray) are found through API
discovery and listed with the dynamic client; a kind the credentials may not list (403) or an API
the server does not serve (404) becomes an entry in the view's errors, and the scan goes on.
"""

from __future__ import annotations

import importlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aipolicy.errors import AipolicyError
from aipolicy.findings import ScanError
from aipolicy.view import ResourceView

from ..interface import Collector
from .objects import ObjectError, list_items, to_resource

SOURCE_KIND = "cluster"
DEFAULT_PAGE_SIZE = 500
# (connect, read) seconds for each API request
DEFAULT_REQUEST_TIMEOUT = (10.0, 120.0)


@dataclass(frozen=True)
class BuiltinKind:
    """A built-in kind the policies read, and the typed API methods that list it."""

    api: str  # kubernetes.client class: CoreV1Api, AppsV1Api, ...
    api_version: str  # as objects carry it: "v1", "apps/v1"
    kind: str
    snake: str  # the client's method stem: pod, stateful_set, cluster_role_binding
    namespaced: bool


BUILTIN_KINDS: tuple[BuiltinKind, ...] = (
    BuiltinKind("CoreV1Api", "v1", "Namespace", "namespace", False),
    BuiltinKind("CoreV1Api", "v1", "Pod", "pod", True),
    BuiltinKind("CoreV1Api", "v1", "Service", "service", True),
    BuiltinKind("AppsV1Api", "apps/v1", "Deployment", "deployment", True),
    BuiltinKind("AppsV1Api", "apps/v1", "StatefulSet", "stateful_set", True),
    BuiltinKind("AppsV1Api", "apps/v1", "DaemonSet", "daemon_set", True),
    BuiltinKind("AppsV1Api", "apps/v1", "ReplicaSet", "replica_set", True),
    BuiltinKind("BatchV1Api", "batch/v1", "Job", "job", True),
    BuiltinKind("BatchV1Api", "batch/v1", "CronJob", "cron_job", True),
    BuiltinKind("NetworkingV1Api", "networking.k8s.io/v1", "Ingress", "ingress", True),
    BuiltinKind("NetworkingV1Api", "networking.k8s.io/v1", "NetworkPolicy", "network_policy", True),
    BuiltinKind("RbacAuthorizationV1Api", "rbac.authorization.k8s.io/v1", "Role", "role", True),
    BuiltinKind(
        "RbacAuthorizationV1Api", "rbac.authorization.k8s.io/v1", "RoleBinding", "role_binding", True
    ),
    BuiltinKind(
        "RbacAuthorizationV1Api", "rbac.authorization.k8s.io/v1", "ClusterRole", "cluster_role", False
    ),
    BuiltinKind(
        "RbacAuthorizationV1Api",
        "rbac.authorization.k8s.io/v1",
        "ClusterRoleBinding",
        "cluster_role_binding",
        False,
    ),
)

# (group, kind) of the custom resources that host models, listed when the cluster serves them.
AI_CUSTOM_KINDS: tuple[tuple[str, str], ...] = (
    ("serving.kserve.io", "InferenceService"),
    ("kubeflow.org", "Notebook"),
    ("ray.io", "RayCluster"),
    ("ray.io", "RayService"),
    ("ray.io", "RayJob"),
)


@dataclass(frozen=True)
class DiscoveredKind:
    """A custom kind the API server serves: the version it prefers and how it is scoped."""

    group: str
    version: str
    kind: str
    plural: str
    namespaced: bool

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}"


class _ListFailed(Exception):
    """A list request that failed: the HTTP status (0 when none) and a short reason."""

    def __init__(self, status: int, reason: str, message: str):
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message


Page = dict[str, Any]
Fetch = Callable[[int, str | None], Page]


class ClusterCollector(Collector):
    """Lists the kinds the policies read from a live cluster (kubeconfig or in-cluster credentials).

    `namespaces` restricts namespaced kinds to those namespaces (their Namespace objects are read
    one by one); cluster-scoped kinds (ClusterRoles and their bindings) are always listed, since
    a binding there can grant a namespace's service accounts anything. `api_client` is a ready
    `kubernetes.client.ApiClient` (tests, callers with their own configuration); without it the
    kubeconfig (or, inside a pod without one, the in-cluster service account) is used.
    """

    kind = SOURCE_KIND

    def __init__(
        self,
        kubeconfig: Path | None = None,
        context: str | None = None,
        namespaces: list[str] | None = None,
        api_client: Any = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        request_timeout: tuple[float, float] = DEFAULT_REQUEST_TIMEOUT,
        custom_kinds: tuple[tuple[str, str], ...] = AI_CUSTOM_KINDS,
    ):
        if page_size < 1:
            raise AipolicyError(f"page size must be at least 1, not {page_size}")
        self.kubeconfig = kubeconfig
        self.context = context
        self.namespaces = sorted(set(namespaces or []))
        self.page_size = page_size
        self.request_timeout = request_timeout
        self.custom_kinds = custom_kinds
        self._api_client = api_client
        # what the last collect() found: the custom kinds served, and the list requests made per kind
        self.discovered: list[DiscoveredKind] = []
        self.requests: dict[str, int] = {}
        self._dynamic_client: Any = None
        self._cache_dir: tempfile.TemporaryDirectory[str] | None = None

    # -- connection ---------------------------------------------------------------------------

    def api_client(self) -> Any:
        """The ApiClient given, or one built from the kubeconfig / in-cluster service account."""
        if self._api_client is None:
            self._api_client = load_api_client(self.kubeconfig, self.context)
        return self._api_client

    def root(self) -> str:
        host = str(getattr(self.api_client().configuration, "host", "") or "")
        return f"{self.context}@{host}" if self.context else host

    # -- collection ---------------------------------------------------------------------------

    def collect(self) -> ResourceView:
        client = self.api_client()
        view = ResourceView(SOURCE_KIND, self.root())
        self.requests = {}
        self._check_reachable(client)
        for builtin in BUILTIN_KINDS:
            if builtin.kind == "Namespace" and self.namespaces:
                self._read_namespaces(client, view)
                continue
            for namespace in self._scopes(builtin.namespaced):
                fetch = self._builtin_fetch(client, builtin, namespace)
                self._collect_kind(view, fetch, builtin.kind, builtin.namespaced, namespace)
        self.discovered = self._discover(client, view)
        for custom in self.discovered:
            for namespace in self._scopes(custom.namespaced):
                fetch = self._custom_fetch(client, custom, namespace)
                self._collect_kind(view, fetch, custom.kind, custom.namespaced, namespace)
        return view

    def _scopes(self, namespaced: bool) -> list[str | None]:
        """None lists across the cluster; a name lists one namespace."""
        if namespaced and self.namespaces:
            return list(self.namespaces)
        return [None]

    def _check_reachable(self, client: Any) -> None:
        """One cheap request first, so an unreachable or unauthenticated server is one clear error."""
        k8s = kubernetes()
        try:
            k8s.client.VersionApi(client).get_code(
                _preload_content=False, _request_timeout=self.request_timeout
            )
        except k8s.client.exceptions.ApiException as exc:
            if exc.status == 401:
                raise AipolicyError(
                    f"API server {client.configuration.host} refused the credentials (401 Unauthorized):"
                    " check the kubeconfig's user"
                ) from None
            raise AipolicyError(
                f"API server {client.configuration.host} answered {exc.status} {exc.reason} to GET /version"
            ) from None
        except Exception as exc:
            raise AipolicyError(
                f"cannot reach the API server {client.configuration.host}: {_short(exc)}"
            ) from None

    def _read_namespaces(self, client: Any, view: ResourceView) -> None:
        core = kubernetes().client.CoreV1Api(client)
        for name in self.namespaces:

            def fetch(limit: int, token: str | None, name: str = name) -> Page:
                response = core.read_namespace(
                    name, _preload_content=False, _request_timeout=self.request_timeout
                )
                obj = _json(response)
                return {"apiVersion": "v1", "kind": "NamespaceList", "metadata": {}, "items": [obj]}

            self._collect_kind(view, fetch, "Namespace", False, None)

    def _builtin_fetch(self, client: Any, builtin: BuiltinKind, namespace: str | None) -> Fetch:
        api = getattr(kubernetes().client, builtin.api)(client)
        if not builtin.namespaced:
            method = getattr(api, f"list_{builtin.snake}")
            args: tuple[str, ...] = ()
        elif namespace is None:
            method = getattr(api, f"list_{builtin.snake}_for_all_namespaces")
            args = ()
        else:
            method = getattr(api, f"list_namespaced_{builtin.snake}")
            args = (namespace,)

        def fetch(limit: int, token: str | None) -> Page:
            kwargs: dict[str, Any] = {"limit": limit, "_preload_content": False}
            if token:
                kwargs["_continue"] = token
            return _json(method(*args, _request_timeout=self.request_timeout, **kwargs))

        return fetch

    def _custom_fetch(self, client: Any, custom: DiscoveredKind, namespace: str | None) -> Fetch:
        dynamic = self._dynamic(client)
        resource = dynamic.resources.get(api_version=custom.api_version, kind=custom.kind)

        def fetch(limit: int, token: str | None) -> Page:
            response = dynamic.get(
                resource,
                namespace=namespace,
                limit=limit,
                _continue=token,
                serialize=False,
                _request_timeout=self.request_timeout,
            )
            return _json(response)

        return fetch

    def _collect_kind(
        self, view: ResourceView, fetch: Fetch, kind: str, namespaced: bool, namespace: str | None
    ) -> None:
        """Every page of one kind into the view; a failure becomes one error entry for the kind."""
        try:
            for obj in self._pages(fetch, kind, namespace, view):
                try:
                    view.add(to_resource(obj, cluster_scoped=not namespaced))
                except ObjectError as exc:
                    view.errors.append(
                        ScanError(
                            source=view.root,
                            message=f"{kind}: an object the API server returned is not usable: {exc}",
                            detail={"kind": kind, "namespace": namespace or "", "reason": "InvalidObject"},
                        )
                    )
        except _ListFailed as failed:
            where = f" in namespace {namespace}" if namespace else ""
            view.errors.append(
                ScanError(
                    source=view.root,
                    message=f"cannot list {kind}{where}: {failed.message}",
                    detail={
                        "kind": kind,
                        "namespace": namespace or "",
                        "reason": failed.reason,
                        "status": failed.status,
                    },
                )
            )

    def _pages(
        self, fetch: Fetch, kind: str, namespace: str | None, view: ResourceView
    ) -> Iterator[dict[str, Any]]:
        """The items of every page. A continue token that expired (410 Gone) restarts the list once,
        from a fresh snapshot; objects already yielded are then yielded again and replace themselves."""
        token: str | None = None
        restarted = False
        while True:
            try:
                self.requests[kind] = self.requests.get(kind, 0) + 1
                page = _call(fetch, self.page_size, token)
            except _ListFailed as failed:
                if failed.status == 410 and token is not None and not restarted:
                    restarted = True
                    token = None
                    view.errors.append(
                        ScanError(
                            source=view.root,
                            message=f"{kind}: the list expired while paging (410 Gone); listed again",
                            severity="info",
                            detail={"kind": kind, "namespace": namespace or "", "reason": "Expired"},
                        )
                    )
                    continue
                raise
            yield from list_items(page)
            metadata = page.get("metadata")
            token = metadata.get("continue") if isinstance(metadata, dict) else None
            if not token:
                return

    # -- discovery ----------------------------------------------------------------------------

    def _dynamic(self, client: Any) -> Any:
        dynamic = self._dynamic_client
        if dynamic is None:
            # the discovery cache goes to a private directory removed after the scan, not to a file
            # in the shared temporary directory that a later scan of another cluster could read
            self._cache_dir = tempfile.TemporaryDirectory(prefix="aipolicy-discovery-")
            dynamic = kubernetes().dynamic.DynamicClient(
                client, cache_file=os.path.join(self._cache_dir.name, "discovery.json")
            )
            self._dynamic_client = dynamic
        return dynamic

    def _discover(self, client: Any, view: ResourceView) -> list[DiscoveredKind]:
        """The AI custom kinds this server serves (its preferred version of each), via API discovery."""
        try:
            dynamic = self._dynamic(client)
        except Exception as exc:
            view.errors.append(
                ScanError(
                    source=view.root,
                    message=f"API discovery failed, custom resources not listed: {_short(exc)}",
                    detail={"kind": "", "namespace": "", "reason": "DiscoveryFailed"},
                )
            )
            return []
        found: list[DiscoveredKind] = []
        for group, kind in self.custom_kinds:
            try:
                candidates = [
                    r
                    for r in dynamic.resources.search(group=group, kind=kind)
                    if "/" not in str(getattr(r, "name", "/"))
                ]
            except Exception as exc:
                view.errors.append(
                    ScanError(
                        source=view.root,
                        message=f"API discovery of {group} failed: {_short(exc)}",
                        detail={"kind": kind, "namespace": "", "reason": "DiscoveryFailed"},
                    )
                )
                continue
            if not candidates:
                continue
            chosen = next((r for r in candidates if getattr(r, "preferred", False)), candidates[0])
            found.append(
                DiscoveredKind(
                    group=group,
                    version=str(chosen.api_version),
                    kind=kind,
                    plural=str(chosen.name),
                    namespaced=bool(chosen.namespaced),
                )
            )
        return found

    def close(self) -> None:
        self._dynamic_client = None
        if self._cache_dir is not None:
            self._cache_dir.cleanup()
            self._cache_dir = None


def kubernetes() -> Any:
    """The official client, imported on first use (`aipolicy --help` must not pay for it)."""
    # imported by name: the client ships no type information, and everything read from it is Any
    for module in ("client", "config", "config.config_exception", "dynamic", "dynamic.exceptions"):
        importlib.import_module(f"kubernetes.{module}")
    return importlib.import_module("kubernetes")


def _call(fetch: Fetch, limit: int, token: str | None) -> Page:
    """One list request; an HTTP error becomes _ListFailed with the API server's own reason."""
    k8s = kubernetes()
    try:
        return fetch(limit, token)
    except k8s.client.exceptions.ApiException as exc:
        raise _failed(int(exc.status or 0), str(exc.reason or ""), exc.body) from None
    except k8s.dynamic.exceptions.DynamicApiError as exc:
        raise _failed(int(exc.status or 0), str(exc.reason or ""), exc.body) from None
    except ValueError as exc:  # a body that is not JSON
        raise _ListFailed(0, "InvalidResponse", f"the response is not JSON: {exc}") from None
    except Exception as exc:  # connection reset, timeout: this kind is lost, the others may not be
        raise _ListFailed(0, "RequestFailed", _short(exc)) from None


def _failed(status: int, http_reason: str, body: Any) -> _ListFailed:
    """The Status object's reason and message when the body has one (Forbidden, NotFound, ...)."""
    reason, message = http_reason or "Error", f"{status} {http_reason}".strip()
    try:
        data = json.loads(body) if isinstance(body, (str, bytes)) and body else None
    except ValueError:
        data = None
    if isinstance(data, dict):
        reason = str(data.get("reason") or reason)
        message = f"{status} {reason}: {data.get('message') or http_reason}"
    elif status == 404:
        reason, message = "NotFound", "404 NotFound: the API server does not serve this kind"
    return _ListFailed(status, reason, message)


def _json(response: Any) -> Page:
    """The raw JSON body of an unparsed (`_preload_content=False`) response."""
    data = response.data if hasattr(response, "data") else response
    page = json.loads(data)
    if not isinstance(page, dict):
        raise ValueError(f"expected a JSON object, got {type(page).__name__}")
    return page


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:300] + "…") if len(text) > 300 else text or type(exc).__name__


def load_api_client(kubeconfig: Path | None, context: str | None) -> Any:
    """An ApiClient from the kubeconfig (the given file, else $KUBECONFIG or ~/.kube/config), or from
    the pod's service account when running inside a cluster without a kubeconfig."""
    k8s = kubernetes()
    client, config, ConfigException = k8s.client, k8s.config, k8s.config.config_exception.ConfigException
    first = os.environ.get("KUBECONFIG", "").split(os.pathsep)[0]
    default_file = Path(first or "~/.kube/config").expanduser()
    in_cluster = kubeconfig is None and not default_file.exists() and "KUBERNETES_SERVICE_HOST" in os.environ
    if in_cluster:
        if context:
            raise AipolicyError("--context needs a kubeconfig: none was found (running in-cluster)")
        configuration = client.Configuration()
        try:
            config.load_incluster_config(client_configuration=configuration)
        except ConfigException as exc:
            raise AipolicyError(f"in-cluster configuration failed: {exc}") from None
        return client.ApiClient(configuration)
    path = kubeconfig or default_file
    if not path.exists():
        raise AipolicyError(
            f"{path}: no kubeconfig; pass --kubeconfig, set KUBECONFIG, or run inside a cluster"
        )
    try:
        return config.new_client_from_config(config_file=str(path), context=context)
    except ConfigException as exc:
        raise AipolicyError(f"{path}: {exc}") from None
    except (OSError, ValueError) as exc:
        raise AipolicyError(f"{path}: cannot read the kubeconfig: {_short(exc)}") from None


def scan_cluster_view(
    kubeconfig: Path | None = None,
    context: str | None = None,
    namespaces: list[str] | None = None,
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> ResourceView:
    """Collect a live cluster's view (for `aipolicy scan cluster`)."""
    collector = ClusterCollector(kubeconfig, context, namespaces or [], page_size=page_size)
    try:
        return collector.collect()
    finally:
        collector.close()
