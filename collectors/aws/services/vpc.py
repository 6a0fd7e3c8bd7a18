"""VPC endpoints (interface and gateway) with their policies."""

from __future__ import annotations

from typing import Any

from ..scope import Scope
from ..shape import key_value_tags, policy_text


def collect(scope: Scope) -> None:
    ec2 = scope.client()
    endpoints = scope.pages(ec2, "describe_vpc_endpoints", "VpcEndpoints")
    if endpoints is None:
        # An unknown endpoint list must not read as "no bedrock-runtime endpoint".
        scope.placeholder(
            scope.arn("ec2", "vpc-endpoint/aws_vpc_endpoint#unreadable"), "aws_vpc_endpoint", ["service_name"]
        )
        return
    for e in endpoints:
        _endpoint(scope, e)


def _endpoint(scope: Scope, e: dict[str, Any]) -> None:
    owner = e.get("OwnerId") or scope.account_id
    arn = scope.arn("ec2", f"vpc-endpoint/{e['VpcEndpointId']}", account=owner)
    tags = key_value_tags(e.get("Tags"))
    scope.add(
        arn,
        "aws_vpc_endpoint",
        {
            "arn": arn,
            "id": e.get("VpcEndpointId"),
            "vpc_id": e.get("VpcId"),
            "service_name": e.get("ServiceName"),
            "vpc_endpoint_type": e.get("VpcEndpointType"),
            "private_dns_enabled": bool(e.get("PrivateDnsEnabled", False)),
            "policy": policy_text(e.get("PolicyDocument")),
            "state": e.get("State"),
            "subnet_ids": e.get("SubnetIds") or [],
            "security_group_ids": [g.get("GroupId") for g in e.get("Groups") or []],
            "route_table_ids": e.get("RouteTableIds") or [],
            "tags": tags,
            "tags_all": dict(tags),
        },
    )
