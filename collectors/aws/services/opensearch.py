"""OpenSearch Service: domains (DescribeDomains reads five at a time)."""

from __future__ import annotations

from typing import Any

from ..scope import Scope
from ..shape import block, key_value_tags, policy_text

BATCH = 5


def collect(scope: Scope) -> None:
    client = scope.client()
    reply = scope.call(client, "list_domain_names")
    if not reply.ok:
        return
    names = [d["DomainName"] for d in reply.data.get("DomainNames") or []]
    batches = [names[i : i + BATCH] for i in range(0, len(names), BATCH)]

    def describe(batch: list[str]) -> None:
        found = scope.call(client, "describe_domains", DomainNames=batch)
        for status in found.data.get("DomainStatusList") or []:
            _domain(scope, client, status)

    scope.each(describe, batches, "DescribeDomains")


def _domain(scope: Scope, client: Any, d: dict[str, Any]) -> None:
    arn = d["ARN"]
    tags, unresolved = scope.tags(
        scope.call(client, "list_tags", ARN=arn), lambda r: key_value_tags(r.get("TagList"))
    )
    vpc = d.get("VPCOptions")
    security = d.get("AdvancedSecurityOptions") or {}
    endpoint = d.get("DomainEndpointOptions") or {}
    at_rest = d.get("EncryptionAtRestOptions") or {}
    scope.add(
        arn,
        "aws_opensearch_domain",
        {
            "arn": arn,
            "domain_name": d.get("DomainName"),
            "domain_id": d.get("DomainId"),
            "engine_version": d.get("EngineVersion"),
            "access_policies": policy_text(d.get("AccessPolicies")),
            "cluster_config": block(d.get("ClusterConfig")),
            "ebs_options": block(d.get("EBSOptions")),
            "encrypt_at_rest": [
                {"enabled": bool(at_rest.get("Enabled", False)), "kms_key_id": at_rest.get("KmsKeyId")}
            ],
            "node_to_node_encryption": [
                {"enabled": bool((d.get("NodeToNodeEncryptionOptions") or {}).get("Enabled", False))}
            ],
            "domain_endpoint_options": [
                {
                    "enforce_https": bool(endpoint.get("EnforceHTTPS", False)),
                    "tls_security_policy": endpoint.get("TLSSecurityPolicy"),
                    "custom_endpoint_enabled": endpoint.get("CustomEndpointEnabled"),
                }
            ],
            "vpc_options": [
                {
                    "subnet_ids": vpc.get("SubnetIds") or [],
                    "security_group_ids": vpc.get("SecurityGroupIds") or [],
                    "vpc_id": vpc.get("VPCId"),
                }
            ]
            if vpc
            else [],
            "advanced_security_options": [
                {
                    "enabled": bool(security.get("Enabled", False)),
                    "internal_user_database_enabled": security.get("InternalUserDatabaseEnabled"),
                    "anonymous_auth_enabled": security.get("AnonymousAuthEnabled"),
                }
            ],
            "log_publishing_options": [
                {
                    "log_type": kind,
                    "cloudwatch_log_group_arn": o.get("CloudWatchLogsLogGroupArn"),
                    "enabled": o.get("Enabled"),
                }
                for kind, o in (d.get("LogPublishingOptions") or {}).items()
            ],
            **tags,
        },
        unresolved,
        {"encrypt_at_rest": [at_rest["KmsKeyId"]] if at_rest.get("KmsKeyId") else []},
    )
