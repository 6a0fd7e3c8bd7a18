"""The library entry point: collect, evaluate the policy set once per view, build and waive findings.

The CLI is a thin layer over these functions; everything here is usable from Python.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aipolicy.engines import create_engine
from aipolicy.engines.interface import Engine, RawFindings
from aipolicy.errors import AipolicyError
from aipolicy.findings import Finding, ScanError, ScanResult, SourceLocation
from aipolicy.policyset import PolicySet, load_policy_set
from aipolicy.view import ResourceView
from aipolicy.waivers import apply_waivers, load_waivers


@dataclass
class ScanOptions:
    engine: str = "embedded"
    opa_url: str | None = None
    policy_dirs: list[Path] = field(default_factory=list)
    skip: list[str] = field(default_factory=list)
    waivers: Path | None = None
    fail_on: str = "HIGH"
    today: dt.date | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    # "aws" or "kubernetes": evaluate only that provider's policies (None: all)
    provider: str | None = None
    bundle: Path | None = None
    verification_key: str | None = None
    verification_alg: str = "RS256"


Progress = Callable[[str], None]


def quiet(_: str) -> None:
    """A progress sink that says nothing."""


def stderr_progress(message: str) -> None:
    print(f"aipolicy: {message}", file=sys.stderr, flush=True)


def load_parameters(path: Path) -> dict[str, Any]:
    """Policy parameters from a YAML or JSON mapping (`--parameters FILE`)."""
    from aipolicy.inputs import load_yaml_mapping

    return load_yaml_mapping(path, 4 * 1024 * 1024, "a mapping (e.g. allowed_foundation_models: [...])")


def load_policies(options: ScanOptions) -> PolicySet:
    """The built-in library plus --policy-dir, or a (verified) bundle; minus --skip."""
    if options.bundle is not None:
        if options.policy_dirs:
            raise AipolicyError("--bundle and --policy-dir cannot be combined: build the bundle with both")
        from aipolicy.bundle import load

        policy_set, _ = load(options.bundle, options.verification_key, options.verification_alg)
    else:
        if options.verification_key:
            raise AipolicyError("--verification-key needs --bundle")
        policy_set = load_policy_set(options.policy_dirs)
    policy_set = policy_set.without(options.skip)
    # a bundle is the fleet's policy set as published: OPA serves its entry point, so keep it whole
    return policy_set if options.bundle is not None else policy_set.for_provider(options.provider)


def build_findings(view: ResourceView, raw: RawFindings, policy_set: PolicySet) -> list[Finding]:
    """Join raw engine output with policy metadata and the resources' source locations."""
    policies = policy_set.by_id()
    findings: list[Finding] = []
    for rule_id, items in raw.items():
        policy = policies[rule_id]
        for item in items:
            resource = view.resources.get(item["resource"])
            location = resource.location if resource else None
            findings.append(
                Finding(
                    rule_id=policy.id,
                    title=policy.title,
                    severity=policy.severity,
                    category=policy.category,
                    guidelines=list(policy.guidelines),
                    resource_id=item["resource"],
                    resource_type=resource.type if resource else "",
                    source=SourceLocation(
                        kind=view.source_kind,
                        file=location.file if location else view.root,
                        line=location.line if location else None,
                    ),
                    message=str(item.get("message") or policy.title),
                    remediation=policy.remediation,
                    attribute=item.get("attribute") if isinstance(item.get("attribute"), str) else None,
                )
            )
    findings.sort(key=Finding.sort_key)
    return findings


def apply_suppressions(
    findings: list[Finding], suppressions: dict[str, list[tuple[str, str | None]]], policy_set: PolicySet
) -> None:
    """Waive findings an inline comment suppresses with a reason (one without a reason waives nothing:
    the collector reports it as an error instead)."""
    if not suppressions:
        return
    known = policy_set.by_id()
    for finding in findings:
        for rule_id, reason in suppressions.get(finding.resource_id, []):
            policy = known.get(rule_id)
            if reason and policy is not None and policy.id == finding.rule_id and finding.status == "fail":
                finding.status = "waived"
                finding.waiver_reason = f"inline suppression: {reason}"


class Scanner:
    """A policy set compiled into an engine once, then used for any number of resource views."""

    def __init__(self, options: ScanOptions, progress: Progress = quiet):
        self.options = options
        self.progress = progress
        self.policy_set = load_policies(options)
        self.waivers = load_waivers(options.waivers) if options.waivers else []
        # an OPA server given the bundle serves these policies itself; nothing is pushed to it
        self.engine: Engine = create_engine(
            options.engine, self.policy_set, opa_url=options.opa_url, push=options.bundle is None
        )

    def close(self) -> None:
        self.engine.close()

    def evaluate(self, views: Iterable[ResourceView], targets: list[str], kind: str) -> ScanResult:
        findings: list[Finding] = []
        errors: list[ScanError] = []
        resources = 0
        evaluated = {p.id: 0 for p in self.policy_set.policies}
        for view in views:
            errors.extend(view.errors)
            if not view.resources:
                continue
            self.progress(f"evaluating {len(view.resources)} resources from {view.root}")
            document = view.to_document(self.options.parameters)
            try:
                raw = self.engine.evaluate(document)
            except AipolicyError as exc:
                errors.append(ScanError(source=view.root, message=str(exc)))
                continue
            resources += len(view.resources)
            built = build_findings(view, raw, self.policy_set)
            apply_suppressions(built, view.suppressions, self.policy_set)
            findings.extend(built)
            counts = {rtype: len(ids) for rtype, ids in document["by_type"].items()}
            for policy in self.policy_set.policies:
                evaluated[policy.id] += sum(counts.get(t, 0) for t in policy.resource_types)
        aliases = {p.id: {p.id, *p.aliases} for p in self.policy_set.policies}
        expired = apply_waivers(findings, self.waivers, aliases, self.options.today)
        findings.sort(key=Finding.sort_key)
        return ScanResult(
            findings=findings,
            errors=errors,
            source_kind=kind,
            targets=targets,
            resources_scanned=resources,
            policies_evaluated=len(self.policy_set.policies),
            engine=self.engine.name,
            fail_on=self.options.fail_on,
            expired_waivers=[w.to_dict() for w in expired],
            rules=list(self.policy_set.policies),
            evaluated=evaluated,
        )


def collect_plans(paths: list[Path], progress: Progress = quiet) -> Iterable[ResourceView]:
    """Plan views one at a time; a file that cannot be read becomes an error view, the rest go on."""
    from aipolicy.collectors.terraform.plan import PlanCollector

    for path in paths:
        progress(f"reading plan {path}")
        try:
            yield PlanCollector(path).collect()
        except AipolicyError as exc:
            if len(paths) == 1:
                raise
            yield ResourceView("plan", str(path), errors=[ScanError(source=str(path), message=str(exc))])


def collect_terraform(
    paths: list[Path],
    var_files: list[Path],
    variables: dict[str, str],
    progress: Progress = quiet,
) -> Iterable[ResourceView]:
    """HCL views, one per root module, with their inline suppressions attached."""
    from aipolicy.collectors.terraform.hcl import HclCollector

    progress(f"reading Terraform in {', '.join(str(p) for p in paths)}")
    collector = HclCollector(paths, var_files=var_files, variables=variables)
    for view in collector.collect_each():
        view.suppressions = {
            rid: s for rid, s in collector.view_suppressions.items() if rid in view.resources
        }
        yield view


def scan_terraform(
    paths: list[Path],
    options: ScanOptions,
    *,
    var_files: list[Path] | None = None,
    variables: dict[str, str] | None = None,
    progress: Progress = quiet,
) -> ScanResult:
    """Scan Terraform configuration (HCL) before a plan exists: same view, same findings as the plan."""
    for path in paths:
        if not path.exists():
            raise AipolicyError(f"{path}: no such file or directory")
    scanner = Scanner(for_provider(options, "aws"), progress)
    try:
        views = collect_terraform(paths, var_files or [], variables or {}, progress)
        return scanner.evaluate(views, [str(p) for p in paths], "terraform")
    finally:
        scanner.close()


def nothing_scanned(result: ScanResult) -> bool:
    """True when errors kept every resource from being read: exit 2, never a clean pass."""
    if any(e.detail.get("scan_unreadable") for e in result.errors):
        return True
    return result.resources_scanned == 0 and any(e.severity == "error" for e in result.errors)


def scan_plan(paths: list[Path], options: ScanOptions, progress: Progress = quiet) -> ScanResult:
    """Scan `terraform show -json` plans against the policy set."""
    scanner = Scanner(for_provider(options, "aws"), progress)
    try:
        return scanner.evaluate(collect_plans(paths, progress), [str(p) for p in paths], "plan")
    finally:
        scanner.close()


def for_provider(options: ScanOptions, provider: str) -> ScanOptions:
    """The options with the provider whose policies a source needs (unless the caller chose)."""
    from dataclasses import replace

    return options if options.provider else replace(options, provider=provider)


def scan_k8s(
    paths: list[Path],
    options: ScanOptions,
    *,
    stdin: Any = None,
    progress: Progress = quiet,
    skip_non_manifests: bool = False,
) -> ScanResult:
    """Scan Kubernetes manifests (YAML/JSON files, directories, or `-` for rendered output on stdin)."""
    from aipolicy.collectors.kubernetes.manifests import ManifestCollector

    for path in paths:
        if str(path) != "-" and not path.exists():
            raise AipolicyError(f"{path}: no such file or directory")
    scanner = Scanner(for_provider(options, "kubernetes"), progress)
    try:
        progress(f"reading manifests from {', '.join(map(str, paths))}")
        view = ManifestCollector(paths, stdin=stdin, skip_non_manifests=skip_non_manifests).collect()
        return scanner.evaluate([view], [str(p) for p in paths], "kubernetes")
    finally:
        scanner.close()


@dataclass
class AwsTargets:
    """What `scan aws` reads: credentials, accounts (optionally one shard of them), regions."""

    profile: str | None = None
    role_arn: str | None = None
    external_id: str | None = None
    accounts_file: Path | None = None
    regions: list[str] = field(default_factory=list)
    workers: int = 16
    shard_index: int = 0
    shard_count: int = 1


def scan_aws(targets: AwsTargets, options: ScanOptions, progress: Progress = quiet) -> ScanResult:
    """Scan live AWS accounts through boto3 onto the same view, so the same policies apply."""
    import boto3

    from aipolicy.collectors.aws import AccountTarget, AwsCollector, nothing_read, parse_accounts_file

    if not 0 <= targets.shard_index < targets.shard_count:
        raise AipolicyError(
            f"--shard-index {targets.shard_index} is not below --shard-count {targets.shard_count}"
        )
    accounts: list[AccountTarget] | None = None
    if targets.accounts_file is not None:
        accounts = parse_accounts_file(targets.accounts_file, external_id=targets.external_id)
        accounts = accounts[targets.shard_index :: targets.shard_count]
        if not accounts:
            raise AipolicyError(f"shard {targets.shard_index} of {targets.shard_count} has no accounts")
    elif targets.role_arn:
        accounts = [AccountTarget(None, targets.role_arn, targets.external_id)]
    try:
        session = boto3.Session(profile_name=targets.profile) if targets.profile else boto3.Session()
    except Exception as exc:  # botocore's ProfileNotFound and friends
        raise AipolicyError(f"AWS credentials: {exc}") from None
    scanner = Scanner(for_provider(options, "aws"), progress)
    try:

        def report(event: Any) -> None:
            progress(f"aws {event.done}/{event.total} {event.account} {event.region} {event.service}")

        views = AwsCollector(
            session, accounts, targets.regions or None, max_workers=targets.workers, progress=report
        ).collect()
        result = scanner.evaluate(views, [v.root for v in views], "aws")
        if nothing_read(views):
            result.errors.append(
                ScanError("aws", "nothing could be read from any account", detail={"scan_unreadable": True})
            )
        return result
    finally:
        scanner.close()


def scan_cluster(
    kubeconfig: Path | None,
    context: str | None,
    namespaces: list[str],
    options: ScanOptions,
    progress: Progress = quiet,
) -> ScanResult:
    """Audit what runs in a live cluster, with the official kubernetes client (kubeconfig or in-cluster)."""
    from aipolicy.collectors.kubernetes.cluster import ClusterCollector

    scanner = Scanner(for_provider(options, "kubernetes"), progress)
    try:
        progress("listing cluster resources")
        collector = ClusterCollector(kubeconfig, context, namespaces or None)
        try:
            view = collector.collect()
        finally:
            collector.close()
        return scanner.evaluate([view], [view.root], "cluster")
    finally:
        scanner.close()


def exit_code(result: ScanResult, *, partial_ok: bool = False) -> int:
    """0: nothing blocking. 1: failing findings at or above the threshold. 2: something not evaluated.

    With partial_ok (repository and account scans, where one unreadable file or denied call is
    expected) errors make the exit 2 only when nothing at all could be scanned; they are always
    in the report's `errors`.
    """
    if nothing_scanned(result):
        return 2
    if result.failing_at_or_above(result.fail_on):
        return 1
    if not partial_ok and any(e.severity == "error" for e in result.errors):
        return 2
    return 0
