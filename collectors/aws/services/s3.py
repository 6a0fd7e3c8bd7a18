"""S3: buckets, each with its encryption, versioning, public access block, policy, logging, object lock,
replication and tags as the provider's separate resources, and the account-level public access block.

A bucket is `aws_s3_bucket`; each configuration is its own resource whose `references.bucket` is the
bucket's ARN, which is how the policies join them. A configuration the API says does not exist is no
resource (as in a configuration that declares none); one that could not be read is a resource whose
attributes are unresolved, so it is neither a pass nor a fail.
"""

from __future__ import annotations

from typing import Any

from ..scope import INLINE, Scope
from ..shape import key_value_tags, policy_text

FLAGS = {
    "BlockPublicAcls": "block_public_acls",
    "BlockPublicPolicy": "block_public_policy",
    "IgnorePublicAcls": "ignore_public_acls",
    "RestrictPublicBuckets": "restrict_public_buckets",
}


def collect(scope: Scope) -> None:
    _account_public_access_block(scope)
    s3 = scope.client()
    buckets = scope.pages(s3, "list_buckets", "Buckets")
    if buckets is None:
        return
    regions = set(scope.account.regions)
    located: list[tuple[dict[str, Any], str]] = []

    def locate(bucket: dict[str, Any]) -> None:
        region = bucket.get("BucketRegion")
        if not region:
            reply = scope.call(s3, "get_bucket_location", Bucket=bucket["Name"])
            if not reply.ok:
                return
            constraint = reply.data.get("LocationConstraint")
            region = {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}.get(constraint, constraint)
        if region in regions:
            located.append((bucket, str(region)))

    scope.each(locate, buckets, "GetBucketLocation")
    scope.each(lambda item: _bucket(scope, item[0], item[1]), located, "GetBucket*")


def _account_public_access_block(scope: Scope) -> None:
    control = scope.client("s3control")
    rtype = "aws_s3_account_public_access_block"
    rid = f"arn:{scope.partition}:s3::{scope.account_id}:{rtype}"
    reply = scope.call(
        control,
        "get_public_access_block",
        absent={"NoSuchPublicAccessBlockConfiguration"},
        AccountId=scope.account_id,
    )
    if reply.absent:
        return
    config = reply.data.get("PublicAccessBlockConfiguration") or {}
    scope.add(
        rid,
        rtype,
        {
            "account_id": scope.account_id,
            **{name: bool(config.get(key, False)) for key, name in FLAGS.items()},
        },
        [] if reply.ok else list(FLAGS.values()),
    )


def _bucket(scope: Scope, bucket: dict[str, Any], region: str) -> None:
    name = bucket["Name"]
    arn = f"arn:{scope.partition}:s3:::{name}"
    s3 = scope.client("s3", region)
    here = Scope(scope.account, region, "s3", INLINE)
    refs = {"bucket": [arn]}
    attributes: dict[str, Any] = {"bucket": name, "arn": arn, "region": region}
    unresolved: list[str] = []

    def sub(
        rtype: str, attrs: dict[str, Any], unknown: list[str] | tuple[str, ...] = (), more: Any = None
    ) -> None:
        here.add(f"{arn}#{rtype}", rtype, {"bucket": name, **attrs}, unknown, {**refs, **(more or {})})

    # Encryption: every bucket has a default encryption configuration since January 2023.
    reply = here.call(
        s3, "get_bucket_encryption", absent={"ServerSideEncryptionConfigurationNotFoundError"}, Bucket=name
    )
    if reply.ok:
        rules = (reply.data.get("ServerSideEncryptionConfiguration") or {}).get("Rules") or []
        sub(
            "aws_s3_bucket_server_side_encryption_configuration",
            {
                "rule": [
                    {
                        "apply_server_side_encryption_by_default": [
                            {
                                "sse_algorithm": (r.get("ApplyServerSideEncryptionByDefault") or {}).get(
                                    "SSEAlgorithm"
                                ),
                                "kms_master_key_id": (r.get("ApplyServerSideEncryptionByDefault") or {}).get(
                                    "KMSMasterKeyID"
                                ),
                            }
                        ]
                        if r.get("ApplyServerSideEncryptionByDefault")
                        else [],
                        "bucket_key_enabled": r.get("BucketKeyEnabled"),
                    }
                    for r in rules
                ]
            },
        )
    elif reply.failed:
        sub("aws_s3_bucket_server_side_encryption_configuration", {}, ["rule"])

    reply = here.call(s3, "get_bucket_versioning", Bucket=name)
    if reply.ok:
        sub(
            "aws_s3_bucket_versioning",
            {
                "versioning_configuration": [
                    {
                        "status": reply.data.get("Status") or "Disabled",
                        "mfa_delete": reply.data.get("MFADelete") or "Disabled",
                    }
                ]
            },
        )
    else:
        sub("aws_s3_bucket_versioning", {}, ["versioning_configuration"])

    reply = here.call(
        s3, "get_public_access_block", absent={"NoSuchPublicAccessBlockConfiguration"}, Bucket=name
    )
    if reply.ok:
        config = reply.data.get("PublicAccessBlockConfiguration") or {}
        sub(
            "aws_s3_bucket_public_access_block",
            {name_: bool(config.get(key, False)) for key, name_ in FLAGS.items()},
        )
    elif reply.failed:
        sub("aws_s3_bucket_public_access_block", {}, list(FLAGS.values()))

    reply = here.call(s3, "get_bucket_policy", absent={"NoSuchBucketPolicy"}, Bucket=name)
    if reply.ok:
        sub("aws_s3_bucket_policy", {"policy": policy_text(reply.data.get("Policy"))})
    elif reply.failed:
        unresolved.append("policy")
        sub("aws_s3_bucket_policy", {}, ["policy"])

    reply = here.call(s3, "get_bucket_logging", Bucket=name)
    if reply.ok:
        enabled = reply.data.get("LoggingEnabled")
        if enabled:
            target = enabled.get("TargetBucket")
            sub(
                "aws_s3_bucket_logging",
                {"target_bucket": target, "target_prefix": enabled.get("TargetPrefix")},
                (),
                {"target_bucket": [f"arn:{scope.partition}:s3:::{target}"] if target else []},
            )
    else:
        unresolved.append("logging")

    reply = here.call(
        s3, "get_object_lock_configuration", absent={"ObjectLockConfigurationNotFoundError"}, Bucket=name
    )
    if reply.failed:
        unresolved.append("object_lock_enabled")
    else:
        config = reply.data.get("ObjectLockConfiguration") or {}
        attributes["object_lock_enabled"] = config.get("ObjectLockEnabled") == "Enabled"
        retention = (config.get("Rule") or {}).get("DefaultRetention")
        if retention:
            sub(
                "aws_s3_bucket_object_lock_configuration",
                {
                    "object_lock_enabled": "Enabled",
                    "rule": [
                        {
                            "default_retention": [
                                {
                                    "mode": retention.get("Mode"),
                                    "days": retention.get("Days"),
                                    "years": retention.get("Years"),
                                }
                            ]
                        }
                    ],
                },
            )

    reply = here.call(
        s3, "get_bucket_replication", absent={"ReplicationConfigurationNotFoundError"}, Bucket=name
    )
    if reply.ok:
        config = reply.data.get("ReplicationConfiguration") or {}
        sub(
            "aws_s3_bucket_replication_configuration",
            {
                "role": config.get("Role"),
                "rule": [
                    {
                        "id": r.get("ID"),
                        "status": r.get("Status"),
                        "priority": r.get("Priority"),
                        "destination": [
                            {
                                "bucket": (r.get("Destination") or {}).get("Bucket"),
                                "storage_class": (r.get("Destination") or {}).get("StorageClass"),
                            }
                        ],
                    }
                    for r in config.get("Rules") or []
                ],
            },
        )
    elif reply.failed:
        unresolved.append("replication_configuration")

    reply = here.call(s3, "get_bucket_tagging", absent={"NoSuchTagSet"}, Bucket=name)
    tags, tag_unresolved = here.tags(reply, lambda d: key_value_tags(d.get("TagSet")))
    here.add(arn, "aws_s3_bucket", {**attributes, **tags}, unresolved + tag_unresolved)
