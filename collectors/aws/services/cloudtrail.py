"""CloudTrail: trails whose home is this region, with their logging status and event selectors."""

from __future__ import annotations

from typing import Any

from ..scope import Scope
from ..shape import key_value_tags

TRAIL_ATTRIBUTES = [
    "enable_logging",
    "event_selector",
    "advanced_event_selector",
    "is_multi_region_trail",
    "enable_log_file_validation",
    "kms_key_id",
    "cloud_watch_logs_group_arn",
    "s3_bucket_name",
]


def collect(scope: Scope) -> None:
    ct = scope.client()
    reply = scope.call(ct, "describe_trails", includeShadowTrails=False)
    if not reply.ok:
        # Unknown trails: "no trail exists" must not be concluded from a denied call.
        scope.placeholder(
            scope.arn("cloudtrail", "trail/aws_cloudtrail#unreadable"), "aws_cloudtrail", TRAIL_ATTRIBUTES
        )
        return
    trails = [
        t for t in reply.data.get("trailList") or [] if t.get("HomeRegion", scope.region) == scope.region
    ]
    scope.each(lambda trail: _trail(scope, ct, trail), trails, "GetTrailStatus")


def _trail(scope: Scope, ct: Any, t: dict[str, Any]) -> None:
    arn = t["TrailARN"]
    unresolved: list[str] = []
    attributes: dict[str, Any] = {
        "arn": arn,
        "name": t.get("Name"),
        "s3_bucket_name": t.get("S3BucketName"),
        "s3_key_prefix": t.get("S3KeyPrefix"),
        "sns_topic_name": t.get("SnsTopicName"),
        "include_global_service_events": bool(t.get("IncludeGlobalServiceEvents", False)),
        "is_multi_region_trail": bool(t.get("IsMultiRegionTrail", False)),
        "is_organization_trail": bool(t.get("IsOrganizationTrail", False)),
        "enable_log_file_validation": bool(t.get("LogFileValidationEnabled", False)),
        "kms_key_id": t.get("KmsKeyId"),
        "cloud_watch_logs_group_arn": t.get("CloudWatchLogsLogGroupArn"),
        "cloud_watch_logs_role_arn": t.get("CloudWatchLogsRoleArn"),
    }
    status = scope.call(ct, "get_trail_status", Name=arn)
    if status.ok:
        attributes["enable_logging"] = bool(status.data.get("IsLogging", False))
    else:
        unresolved.append("enable_logging")
    selectors = scope.call(ct, "get_event_selectors", TrailName=arn)
    if selectors.ok:
        attributes["event_selector"] = [
            {
                "read_write_type": s.get("ReadWriteType"),
                "include_management_events": s.get("IncludeManagementEvents"),
                "exclude_management_event_sources": s.get("ExcludeManagementEventSources") or [],
                "data_resource": [
                    {"type": r.get("Type"), "values": r.get("Values") or []}
                    for r in s.get("DataResources") or []
                ],
            }
            for s in selectors.data.get("EventSelectors") or []
        ]
        attributes["advanced_event_selector"] = [
            {
                "name": s.get("Name"),
                "field_selector": [
                    {
                        "field": f.get("Field"),
                        "equals": f.get("Equals"),
                        "not_equals": f.get("NotEquals"),
                        "starts_with": f.get("StartsWith"),
                        "not_starts_with": f.get("NotStartsWith"),
                        "ends_with": f.get("EndsWith"),
                        "not_ends_with": f.get("NotEndsWith"),
                    }
                    for f in s.get("FieldSelectors") or []
                ],
            }
            for s in selectors.data.get("AdvancedEventSelectors") or []
        ]
    else:
        unresolved.extend(["event_selector", "advanced_event_selector"])
    tags_reply = scope.call(ct, "list_tags", ResourceIdList=[arn])
    tags, tag_unresolved = scope.tags(
        tags_reply,
        lambda d: key_value_tags(_first(d.get("ResourceTagList")).get("TagsList")),
    )
    bucket = t.get("S3BucketName")
    log_group = t.get("CloudWatchLogsLogGroupArn")
    scope.add(
        arn,
        "aws_cloudtrail",
        {**attributes, **tags},
        unresolved + tag_unresolved,
        {
            "s3_bucket_name": [f"arn:{scope.partition}:s3:::{bucket}"] if bucket else [],
            "kms_key_id": [t["KmsKeyId"]] if t.get("KmsKeyId") else [],
            "cloud_watch_logs_group_arn": [log_group.removesuffix(":*")] if log_group else [],
        },
    )


def _first(items: list[dict[str, Any]] | None) -> dict[str, Any]:
    return items[0] if items else {}
