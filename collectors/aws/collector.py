"""The AWS collector: many accounts, their regions and services in parallel, onto one view per account."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from aipolicy.findings import ScanError
from aipolicy.view import ResourceView

from .accounts import AccountTarget, account_of_role
from .errors import describe_failure, scan_error
from .scope import INLINE, Account, Scope
from .services import SERVICES, Service

ENABLED_REGION_STATES = ["opt-in-not-required", "opted-in"]
DEFAULT_MAX_ATTEMPTS = 8
DEFAULT_MAX_WORKERS = 16


@dataclass(frozen=True)
class AwsProgress:
    """One task finished: `done` of `total` (accounts x regions x services) so far."""

    done: int
    total: int
    account: str
    region: str
    service: str
    seconds: float


ProgressCallback = Callable[[AwsProgress], None]
SessionFactory = Callable[..., Any]


def _default_session_factory(**kwargs: Any) -> Any:
    import boto3

    return boto3.Session(**kwargs)


class AwsCollector:
    """Reads AWS accounts through boto3 into resource views in the Terraform AWS provider schema.

    `session` is the base boto3 Session: the standard credential chain, or a profile
    (`boto3.Session(profile_name=...)`). Each AccountTarget with a role is read through that role,
    assumed from the base session (with its external id); a target without one is the base
    credentials' own account. `session_factory(**boto3.Session kwargs)` makes the session for an
    assumed role; pass one to instrument or redirect clients. `regions=None` reads every region
    enabled for each account. `max_workers=1` runs every call one after another.
    """

    kind = "aws"

    def __init__(
        self,
        session: Any = None,
        accounts: Sequence[AccountTarget] | None = None,
        regions: Sequence[str] | None = None,
        *,
        max_workers: int = DEFAULT_MAX_WORKERS,
        progress: ProgressCallback | None = None,
        session_factory: SessionFactory | None = None,
        endpoint_url: str | None = None,
        client_config: Any = None,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        services: Sequence[str] | None = None,
    ):
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        self.session_factory = session_factory or _default_session_factory
        self.session = session if session is not None else self.session_factory()
        self.accounts = list(accounts) if accounts else [AccountTarget()]
        self.regions = list(regions) if regions else None
        self.max_workers = max_workers
        self.progress = progress
        self.endpoint_url = endpoint_url
        self.services = [s for s in SERVICES if services is None or s.name in services]
        from botocore.config import Config

        config = Config(
            retries={"mode": "adaptive", "max_attempts": max_attempts},
            max_pool_connections=max(10, max_workers * 2),
            connect_timeout=10,
            read_timeout=60,
            user_agent_extra="aipolicy-scan",
        )
        self.config = config.merge(client_config) if client_config is not None else config
        self._lock = threading.Lock()
        self._done = 0
        self._total = 0
        self._failed_views: dict[AccountTarget, ResourceView] = {}

    # -- public --------------------------------------------------------------------------------

    def collect(self) -> list[ResourceView]:
        """One view per account, in the order given; what could not be read is in each view's errors."""
        with (
            ThreadPoolExecutor(self.max_workers, thread_name_prefix="aipolicy-aws") as tasks,
            ThreadPoolExecutor(self.max_workers, thread_name_prefix="aipolicy-aws-detail") as details,
        ):
            opened = list(tasks.map(self._open, self.accounts))
            work: list[tuple[Account, str, Service]] = []
            for account, regions in opened:
                if account is None:
                    continue
                for service in self.services:
                    for region in [account.home_region] if service.is_global else regions:
                        work.append((account, region, service))
            with self._lock:
                self._total = len(work)
            futures = [
                tasks.submit(self._run, account, region, service, details)
                for account, region, service in work
            ]
            for future in futures:
                future.result()
        for account, _ in opened:
            if account is not None and account.calls_read == 0:
                account.error(
                    scan_error(
                        account.id,
                        "*",
                        "*",
                        "*",
                        "nothing could be read in this account: every call failed (see the other errors)",
                        "NothingRead",
                        nothing_read=True,
                    )
                )
        views: list[ResourceView] = []
        for target, (account, _) in zip(self.accounts, opened, strict=True):
            if account is not None:
                views.append(account.view)
            else:
                views.append(self._failed_views[target])
        return views

    # -- accounts ------------------------------------------------------------------------------

    def _open(self, target: AccountTarget) -> tuple[Account | None, list[str]]:
        """Credentials, account, partition and regions of one target; None (with an error view) on failure."""
        label = target.account_id or (account_of_role(target.role_arn) if target.role_arn else "self")
        home = self.session.region_name or "us-east-1"
        try:
            session = self.session
            if target.role_arn:
                session = self._assume(target, home)
            sts = session.client("sts", region_name=home, config=self.config, **self._endpoint())
            identity = sts.get_caller_identity()
        except Exception as exc:
            operation = "AssumeRole" if target.role_arn else "GetCallerIdentity"
            code, message, _ = describe_failure(exc, "sts", operation)
            if target.role_arn:
                message = f"cannot assume {target.role_arn}: {message}"
            self._fail_account(
                target, scan_error(label, home, "sts", operation, message, code, nothing_read=True)
            )
            return None, []
        account_id = str(identity["Account"])
        if target.account_id and target.account_id != account_id:
            message = f"credentials belong to account {account_id}, not {target.account_id}; account skipped"
            self._fail_account(
                target,
                scan_error(
                    label, home, "sts", "GetCallerIdentity", message, "WrongAccount", nothing_read=True
                ),
            )
            return None, []
        partition = str(identity["Arn"]).split(":")[1] if ":" in str(identity.get("Arn", "")) else "aws"
        account = Account(account_id, partition, session, home, self.config, self.endpoint_url)
        account.regions = self._regions(account)
        return account, account.regions

    def _fail_account(self, target: AccountTarget, error: ScanError) -> None:
        with self._lock:
            view = ResourceView(source_kind="aws", root=f"aws:{target.account_id or 'unknown'}")
            view.errors.append(error)
            self._failed_views[target] = view

    def _assume(self, target: AccountTarget, home: str) -> Any:
        assert target.role_arn is not None
        sts = self.session.client("sts", region_name=home, config=self.config, **self._endpoint())
        params: dict[str, Any] = {"RoleArn": target.role_arn, "RoleSessionName": "aipolicy-scan"}
        if target.external_id:
            params["ExternalId"] = target.external_id
        credentials = sts.assume_role(**params)["Credentials"]
        return self.session_factory(
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"],
            region_name=home,
        )

    def _endpoint(self) -> dict[str, Any]:
        return {"endpoint_url": self.endpoint_url} if self.endpoint_url else {}

    def _regions(self, account: Account) -> list[str]:
        """The regions to read: those asked for (less any not enabled), or every enabled region."""
        scope = Scope(account, account.home_region, "ec2", INLINE, counted=False)
        ec2 = account.client("ec2", account.home_region)
        reply = scope.call(
            ec2,
            "describe_regions",
            AllRegions=True,
            Filters=[{"Name": "opt-in-status", "Values": [*ENABLED_REGION_STATES, "not-opted-in"]}],
        )
        if not reply.ok:
            if self.regions:
                return list(self.regions)
            scope.note(
                "DescribeRegions",
                f"could not list enabled regions; read only the home region {account.home_region}",
                "RegionsUnknown",
            )
            return [account.home_region]
        status = {
            r["RegionName"]: r.get("OptInStatus", "opt-in-not-required")
            for r in reply.data.get("Regions", [])
        }
        if not self.regions:
            return sorted(name for name, state in status.items() if state in ENABLED_REGION_STATES)
        chosen: list[str] = []
        for region in self.regions:
            state = status.get(region)
            if state is not None and state not in ENABLED_REGION_STATES:
                Scope(account, region, "ec2", INLINE, counted=False).note(
                    "DescribeRegions",
                    f"region {region} is an opt-in region not enabled for this account; not read",
                    "RegionNotEnabled",
                )
                continue
            chosen.append(region)
        return chosen

    # -- tasks ---------------------------------------------------------------------------------

    def _run(self, account: Account, region: str, service: Service, details: ThreadPoolExecutor) -> None:
        started = time.monotonic()
        scope = Scope(account, region, service.client, details)
        try:
            service.collect(scope)
        except Exception as exc:
            scope.note(service.name, f"collector error: {type(exc).__name__}: {exc}", "CollectorError")
        finally:
            with self._lock:
                self._done += 1
                event = AwsProgress(
                    self._done, self._total, account.id, region, service.name, time.monotonic() - started
                )
            if self.progress is not None:
                self.progress(event)


def nothing_read(views: Sequence[ResourceView]) -> bool:
    """True when no account could be read at all (the CLI exits 2): no credentials, no role, every call
    denied. An account that was read and is empty, or read in part, does not count."""
    return all(any(e.detail.get("nothing_read") for e in view.errors) for view in views)
