"""CloudWatch Logs: log groups with their KMS key, retention and tags."""

from __future__ import annotations

from typing import Any

from ..scope import Scope


def collect(scope: Scope) -> None:
    logs = scope.client()
    groups = scope.pages(logs, "describe_log_groups", "logGroups")
    if groups is not None:
        scope.each(lambda group: _group(scope, logs, group), groups, "DescribeLogGroups")


def _group(scope: Scope, logs: Any, g: dict[str, Any]) -> None:
    name = g["logGroupName"]
    arn = (
        g.get("logGroupArn")
        or str(g.get("arn", "")).removesuffix(":*")
        or scope.arn("logs", f"log-group:{name}")
    )
    tags, unresolved = scope.tags_not_read()
    scope.add(
        arn,
        "aws_cloudwatch_log_group",
        {
            "arn": arn,
            "name": name,
            "kms_key_id": g.get("kmsKeyId"),
            # The provider writes 0 for "never expire"; the API leaves the field out.
            "retention_in_days": g.get("retentionInDays", 0),
            "log_group_class": g.get("logGroupClass", "STANDARD"),
            **tags,
        },
        unresolved,
        {"kms_key_id": [g["kmsKeyId"]] if g.get("kmsKeyId") else []},
    )
