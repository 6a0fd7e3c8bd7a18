"""Least privilege, tested: every API call the collector makes (recorded with botocore 'before-call'
hooks on its clients) is allowed by iam/aipolicy-scan-policy.json, none is a write, and the document
grants nothing the collector does not call."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.conftest import REPO

from .conftest import Moto
from .motohelp import Recorder
from .seed import ACCOUNT, seed_everything, seed_iam

POLICY = REPO / "iam" / "aipolicy-scan-policy.json"
REGION = "us-east-1"
LIFECYCLE = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:notebook-instance-lifecycle-config/lc"

# IAM action names that differ from the operation name (AWS Service Authorization Reference).
S3_ACTIONS = {
    "ListBuckets": "s3:ListAllMyBuckets",
    "GetBucketEncryption": "s3:GetEncryptionConfiguration",
    "GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
    "GetObjectLockConfiguration": "s3:GetBucketObjectLockConfiguration",
    "GetBucketReplication": "s3:GetReplicationConfiguration",
}
PREFIX = {"bedrock-agent": "bedrock", "opensearch": "es"}
# Calls no scan-role permission governs: the caller's own identity, and the role assumption, which
# the target role's trust policy grants (not this permissions policy).
NOT_GOVERNED = {("sts", "GetCallerIdentity"), ("sts", "AssumeRole")}
WRITE = re.compile(
    r"^(Create|Put|Update|Delete|Tag|Untag|Start|Stop|Attach|Detach|Set|Modify|Add|Remove|Associate|"
    r"Disassociate|Enable|Disable|Invoke|Run|Send|Upload|Import|Restore|Register|Deregister|Reset)"
)
DATA_PLANE = re.compile(
    r"^(s3:GetObject|s3:ListBucket$|bedrock:Invoke|sagemaker:InvokeEndpoint|.*:Retrieve)", re.I
)


def iam_action(service: str, operation: str) -> str:
    if service == "s3":
        return S3_ACTIONS.get(operation, f"s3:{operation}")
    if service == "s3control" and operation == "GetPublicAccessBlock":
        return "s3:GetAccountPublicAccessBlock"
    return f"{PREFIX.get(service, service)}:{operation}"


def matches(pattern: str, action: str) -> bool:
    """IAM action matching: case-insensitive, '*' any run of characters, '?' one character."""
    expression = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(expression, action, flags=re.IGNORECASE) is not None


def allowed(document: dict[str, Any], action: str) -> bool:
    statements = document["Statement"]
    statements = statements if isinstance(statements, list) else [statements]

    def listed(value: Any) -> list[str]:
        return [value] if isinstance(value, str) else list(value or [])

    if any(
        s.get("Effect") == "Deny" and any(matches(p, action) for p in listed(s.get("Action")))
        for s in statements
    ):
        return False
    return any(
        s.get("Effect") == "Allow" and any(matches(p, action) for p in listed(s.get("Action")))
        for s in statements
    )


def granted(document: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for s in document["Statement"]:
        out.extend([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    return out


def test_matcher() -> None:
    doc = {"Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "ec2:Describe?pcEndpoints"]}]}
    assert allowed(doc, "s3:GetBucketPolicy") and allowed(doc, "S3:getbucketpolicy")
    assert allowed(doc, "ec2:DescribeVpcEndpoints")
    assert not allowed(doc, "s3:PutBucketPolicy") and not allowed(doc, "ec2:DescribeRegions")
    deny = {"Statement": [*doc["Statement"], {"Effect": "Deny", "Action": "s3:GetObject*"}]}
    assert not allowed(deny, "s3:GetObject") and allowed(deny, "s3:GetBucketTagging")


def test_the_document_is_read_only_configuration() -> None:
    document = json.loads(POLICY.read_text())
    for statement in document["Statement"]:
        assert statement["Effect"] == "Allow" and statement["Resource"] == "*"
        assert "Condition" not in statement and "NotAction" not in statement
    for action in granted(document):
        _, name = action.split(":", 1)
        assert "*" not in action, f"{action}: name each action; a wildcard grows with the service"
        assert re.match(r"^(List|Describe|Get)", name), f"{action} is not a configuration read"
        assert not DATA_PLANE.match(action), f"{action} reads data, not configuration"


def stubs() -> dict[tuple[str, str], list[Any]]:
    """Answers for what moto lacks, so those calls are made (and recorded) too."""
    guardrail = f"arn:aws:bedrock:{REGION}:{ACCOUNT}:guardrail/gr1"
    schedule = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:monitoring-schedule/s"
    time = "2026-11-01T00:00:00Z"
    return {
        ("bedrock", "list_guardrails"): [
            {
                "guardrails": [
                    {
                        "id": "gr1",
                        "arn": guardrail,
                        "status": "READY",
                        "name": "g",
                        "version": "DRAFT",
                        "createdAt": time,
                        "updatedAt": time,
                    }
                ]
            }
        ],
        ("bedrock", "get_guardrail"): [
            {
                "name": "g",
                "guardrailId": "gr1",
                "guardrailArn": guardrail,
                "version": "DRAFT",
                "status": "READY",
                "createdAt": time,
                "updatedAt": time,
                "blockedInputMessaging": "x",
                "blockedOutputsMessaging": "x",
            }
        ],
        ("bedrock", "list_provisioned_model_throughputs"): [{"provisionedModelSummaries": []}],
        ("bedrock-agent", "list_data_sources"): [
            {
                "dataSourceSummaries": [
                    {
                        "knowledgeBaseId": "kb",
                        "dataSourceId": "ds",
                        "name": "d",
                        "status": "AVAILABLE",
                        "updatedAt": time,
                    }
                ]
            }
        ],
        ("bedrock-agent", "get_data_source"): [
            {
                "dataSource": {
                    "knowledgeBaseId": "kb",
                    "dataSourceId": "ds",
                    "name": "d",
                    "status": "AVAILABLE",
                    "dataSourceConfiguration": {
                        "type": "S3",
                        "s3Configuration": {"bucketArn": "arn:aws:s3:::b"},
                    },
                    "createdAt": time,
                    "updatedAt": time,
                }
            }
        ],
        ("sagemaker", "list_monitoring_schedules"): [
            {
                "MonitoringScheduleSummaries": [
                    {
                        "MonitoringScheduleName": "s",
                        "MonitoringScheduleArn": schedule,
                        "CreationTime": time,
                        "LastModifiedTime": time,
                        "MonitoringScheduleStatus": "Scheduled",
                    }
                ]
            }
        ],
        ("sagemaker", "describe_monitoring_schedule"): [
            {
                "MonitoringScheduleArn": schedule,
                "MonitoringScheduleName": "s",
                "MonitoringScheduleStatus": "Scheduled",
                "CreationTime": time,
                "LastModifiedTime": time,
                "MonitoringScheduleConfig": {
                    "MonitoringJobDefinitionName": "dq",
                    "MonitoringType": "DataQuality",
                },
            }
        ],
        ("sagemaker", "list_feature_groups"): [
            {
                "FeatureGroupSummaries": [
                    {
                        "FeatureGroupName": "fg",
                        "FeatureGroupArn": f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:feature-group/fg",
                        "CreationTime": time,
                    }
                ]
            }
        ],
        ("sagemaker", "describe_feature_group"): [
            {
                "FeatureGroupArn": f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:feature-group/fg",
                "FeatureGroupName": "fg",
                "RecordIdentifierFeatureName": "id",
                "EventTimeFeatureName": "t",
                "FeatureDefinitions": [{"FeatureName": "id", "FeatureType": "String"}],
                "CreationTime": time,
                "NextToken": "",
                "OnlineStoreConfig": {"EnableOnlineStore": True},
            }
        ],
        ("sagemaker", "list_notebook_instance_lifecycle_configs"): [
            {
                "NotebookInstanceLifecycleConfigs": [
                    {
                        "NotebookInstanceLifecycleConfigName": "lc",
                        "NotebookInstanceLifecycleConfigArn": LIFECYCLE,
                    }
                ]
            }
        ],
        ("sagemaker", "get_model_package_group_policy"): [
            {"ResourcePolicy": json.dumps({"Version": "2012-10-17", "Statement": []})}
        ],
    }


def test_every_call_is_allowed_and_nothing_more_is_granted(moto: Moto, tmp_path: Path) -> None:
    seed_everything(moto.client, REGION)
    seed_iam(moto.client)
    recorder = Recorder()
    views = moto.collector(recorder, regions=[REGION], stubs=stubs()).collect()
    assert views[0].resources
    collector_bugs = [e.message for e in views[0].errors if e.detail.get("code") == "CollectorError"]
    assert not collector_bugs, collector_bugs
    document = json.loads(POLICY.read_text())
    calls = sorted(set(recorder.calls))
    assert calls, "the recorder saw no call"
    writes = [c for c in calls if WRITE.match(c[1])]
    assert not writes, f"the collector made write calls: {writes}"
    governed = [(s, o) for s, o in calls if (s, o) not in NOT_GOVERNED]
    denied = [
        f"{s} {o} -> {iam_action(s, o)}" for s, o in governed if not allowed(document, iam_action(s, o))
    ]
    assert not denied, f"calls the scan policy does not allow: {denied}"
    used = {iam_action(s, o).lower() for s, o in governed}
    unused = [a for a in granted(document) if a.lower() not in used]
    assert not unused, f"the scan policy grants actions the collector never calls: {unused}"
