"""Honest partial results, accounts, regions, progress and parallelism, over HTTP to moto."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aipolicy.collectors.aws import AccountTarget, AwsProgress, nothing_read, parse_accounts_file
from aipolicy.errors import InputError
from aipolicy.scan import Scanner, ScanOptions
from tests.conftest import free_port

from .conftest import ACCOUNT, Moto
from .motohelp import MotoSession, moto_config

REGION = "us-east-1"


def test_access_denied_is_unresolved_reported_and_judged_neither_way(moto: Moto) -> None:
    s3 = moto.client("s3")
    s3.create_bucket(Bucket="acme-models")
    moto.client("sagemaker").create_model(
        ModelName="m", ExecutionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/r", PrimaryContainer={"Image": "x"}
    )
    stubs = {
        ("s3", "get_bucket_policy"): ["AccessDenied"],
        ("s3", "get_bucket_tagging"): ["AccessDenied"],
        ("cloudtrail", "describe_trails"): ["AccessDeniedException"],
        ("eks", "list_clusters"): ["ThrottlingException"],
    }
    view = moto.collector(regions=[REGION], stubs=stubs).collect()[0]
    bucket = view.resources["arn:aws:s3:::acme-models"]
    assert {"policy", "tags", "tags_all"} <= set(bucket.unresolved)
    calls = {(e.detail["service"], e.detail["call"]): e for e in view.errors}
    denied = calls[("s3", "GetBucketPolicy")]
    assert denied.source == f"aws:{ACCOUNT}" and denied.severity == "error"
    assert denied.detail["account"] == ACCOUNT and denied.detail["region"] == REGION
    assert "s3:GetBucketPolicy" in denied.message and "access denied" in denied.message
    assert "throttled" in calls[("eks", "ListClusters")].message
    trails = [r for r in view.resources.values() if r.type == "aws_cloudtrail"]
    assert len(trails) == 1 and "enable_logging" in trails[0].unresolved
    assert not nothing_read([view])
    scanner = Scanner(ScanOptions())
    try:
        result = scanner.evaluate([view], [view.root], "aws")
    finally:
        scanner.close()
    judged = {(f.rule_id, f.resource_id) for f in result.findings}
    rules = {f.rule_id for f in result.findings}
    # the bucket's policy could not be read: TLS-only is neither pass nor fail; trails are unknown.
    tls = [f for f in result.findings if f.resource_id == "arn:aws:s3:::acme-models" and "TLS" in f.message]
    assert not tls, tls
    assert not [f for f in result.findings if "defines no CloudTrail trail" in f.message]
    assert judged and rules  # everything that could be read is still judged
    assert len(result.errors) == len(view.errors)


def test_unreachable_endpoint_is_nothing_read_without_a_crash(moto: Moto) -> None:
    from aipolicy.collectors.aws import AwsCollector

    dead = f"http://127.0.0.1:{free_port()}"
    collector = AwsCollector(MotoSession(dead), regions=[REGION], endpoint_url=dead, max_attempts=1)
    views = collector.collect()
    assert len(views) == 1 and not views[0].resources
    assert views[0].errors[0].detail["code"] == "EndpointConnectionError"
    assert nothing_read(views)


def test_every_call_denied_is_nothing_read(moto: Moto) -> None:
    """Credentials work (STS) but every service call is refused: the account counts as not read."""
    from aipolicy.collectors.aws.services import SERVICES

    ops = {
        ("iam", "get_account_authorization_details"),
        ("s3", "list_buckets"),
        ("s3control", "get_public_access_block"),
    }
    stubs = {op: ["AccessDenied"] for op in ops}
    view = moto.collector(regions=[REGION], stubs=stubs, services=["iam", "s3"]).collect()[0]
    assert SERVICES
    assert nothing_read([view]), [e.message for e in view.errors]
    assert any(e.detail.get("code") == "NothingRead" for e in view.errors)


def test_opt_in_region_not_enabled_is_reported_and_not_read(moto: Moto) -> None:
    events: list[AwsProgress] = []
    view = moto.collector(regions=[REGION, "ap-east-1"], progress=events.append, services=["kms"]).collect()[
        0
    ]
    skipped = [e for e in view.errors if e.detail.get("code") == "RegionNotEnabled"]
    assert skipped and skipped[0].detail["region"] == "ap-east-1"
    assert {e.region for e in events} == {REGION}


def test_default_regions_are_the_enabled_ones(moto: Moto) -> None:
    events: list[AwsProgress] = []
    moto.collector(regions=None, progress=events.append, services=["kms"]).collect()
    regions = {e.region for e in events}
    assert REGION in regions and "eu-west-1" in regions and "ap-east-1" not in regions


def test_progress_counts_accounts_by_regions_by_services(moto: Moto) -> None:
    events: list[AwsProgress] = []
    moto.collector(
        regions=[REGION, "eu-west-1"], progress=events.append, services=["iam", "kms", "logs"]
    ).collect()
    # iam is global (once), kms and logs run per region: 1 + 2 + 2 tasks
    assert [e.done for e in events] == [1, 2, 3, 4, 5] and {e.total for e in events} == {5}


def test_parallel_and_sequential_read_the_same(moto: Moto) -> None:
    for i in range(6):
        moto.client("kms", "eu-west-1").create_key(Description=f"k{i}")
        moto.client("logs").create_log_group(logGroupName=f"/g/{i}")
        moto.client("s3").create_bucket(Bucket=f"acme-bucket-{i}")
    parallel = moto.collector(max_workers=8).collect()[0]
    sequential = moto.collector(max_workers=1).collect()[0]
    a, b = parallel.to_document(), sequential.to_document()
    assert a["resources"] == b["resources"] and len(a["resources"]) >= 18
    assert {k: sorted(v) for k, v in a["by_type"].items()} == {k: sorted(v) for k, v in b["by_type"].items()}
    assert not parallel.errors


def test_assumed_role_with_external_id(moto: Moto) -> None:
    role = f"arn:aws:iam::{ACCOUNT}:role/aipolicy-scan"
    moto.client("kms").create_key(Description="k")
    expected = {"RoleArn": role, "RoleSessionName": "aipolicy-scan", "ExternalId": "s3cr3t"}
    reply = {
        "Credentials": {
            "AccessKeyId": "ASIAEXAMPLEEXAMPLE1",
            "SecretAccessKey": "x" * 40,
            "SessionToken": "t",
            "Expiration": "2030-01-01T00:00:00Z",
        },
        "AssumedRoleUser": {
            "AssumedRoleId": "AROAEXAMPLE:aipolicy-scan",
            "Arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/aipolicy-scan/aipolicy-scan",
        },
    }
    import boto3
    from botocore.stub import Stubber

    from aipolicy.collectors.aws import AwsCollector

    sts = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing").client(
        "sts", region_name=REGION
    )
    stubber = Stubber(sts)  # checks the call's parameters, external id included
    stubber.add_response("assume_role", reply, expected)
    stubber.activate()

    class Base(MotoSession):
        def client(self, service_name: str, *args: object, **kwargs: object) -> object:  # type: ignore[override]
            return sts if service_name == "sts" else super().client(service_name, *args, **kwargs)

    made: list[dict[str, object]] = []

    def factory(**kwargs: object) -> MotoSession:
        made.append(kwargs)
        return MotoSession(moto.url, **kwargs)  # type: ignore[arg-type]

    views = AwsCollector(
        Base(moto.url),
        [AccountTarget(ACCOUNT, role, "s3cr3t")],
        [REGION],
        session_factory=factory,
        endpoint_url=moto.url,
        client_config=moto_config(moto.url),
        services=["kms"],
    ).collect()
    stubber.assert_no_pending_responses()
    assert (
        made and made[0]["aws_access_key_id"] == "ASIAEXAMPLEEXAMPLE1" and made[0]["aws_session_token"] == "t"
    )
    assert views[0].root == f"aws:{ACCOUNT}" and any(
        r.type == "aws_kms_key" for r in views[0].resources.values()
    )


def test_wrong_account_is_refused(moto: Moto) -> None:
    views = moto.collector(accounts=[AccountTarget("210987654321")], services=["kms"]).collect()
    assert nothing_read(views) and "not 210987654321" in views[0].errors[0].message


def test_accounts_file(tmp_path: Path) -> None:
    path = tmp_path / "accounts.txt"
    path.write_text(
        "# account  role  [external id]\n"
        f"{ACCOUNT} arn:aws:iam::{ACCOUNT}:role/aipolicy-scan\n"
        "\n"
        "210987654321 arn:aws:iam::210987654321:role/scan ext-2  # prod\n"
    )
    targets = parse_accounts_file(path, external_id="default-ext")
    assert targets == [
        AccountTarget(ACCOUNT, f"arn:aws:iam::{ACCOUNT}:role/aipolicy-scan", "default-ext"),
        AccountTarget("210987654321", "arn:aws:iam::210987654321:role/scan", "ext-2"),
    ]
    for bad, says in (
        ("12345 arn:aws:iam::12345:role/x", "12-digit"),
        (f"{ACCOUNT} arn:aws:iam::210987654321:role/x", "belongs to account"),
        (f"{ACCOUNT}", "expected"),
        (f"{ACCOUNT} arn:aws:s3:::bucket", "not an IAM role ARN"),
        ("# nothing\n", "no accounts"),
    ):
        path.write_text(bad + "\n")
        with pytest.raises(InputError, match=says) as info:
            parse_accounts_file(path)
        assert str(path) in str(info.value)


def test_view_documents_are_valid_json(moto: Moto) -> None:
    from aipolicy.view import validate_document

    moto.client("kms").create_key(Description="k")
    view = moto.collector(regions=[REGION]).collect()[0]
    validate_document(json.loads(json.dumps(view.to_document())))
