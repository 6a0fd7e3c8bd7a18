"""Agents for Bedrock: agents, knowledge bases and their data sources."""

from __future__ import annotations

from typing import Any

from ..scope import Scope
from ..shape import blocks


def collect(scope: Scope) -> None:
    client = scope.client()
    _agents(scope, client)
    _knowledge_bases(scope, client)


def _tags(scope: Scope, client: Any, arn: str) -> tuple[dict[str, Any], list[str]]:
    reply = scope.call(client, "list_tags_for_resource", resourceArn=arn)
    return scope.tags(reply, lambda d: {str(k): str(v) for k, v in (d.get("tags") or {}).items()})


def _agents(scope: Scope, client: Any) -> None:
    items = scope.pages(client, "list_agents", "agentSummaries")
    if items is None:
        return

    def one(item: dict[str, Any]) -> None:
        reply = scope.call(client, "get_agent", agentId=item["agentId"])
        if not reply.ok:
            return
        d = reply.data.get("agent") or {}
        arn = d["agentArn"]
        guardrail = d.get("guardrailConfiguration") or {}
        role = d.get("agentResourceRoleArn")
        tags, unresolved = _tags(scope, client, arn)
        scope.add(
            arn,
            "aws_bedrockagent_agent",
            {
                "arn": arn,
                "agent_arn": arn,
                "agent_id": d.get("agentId"),
                "agent_name": d.get("agentName"),
                "agent_resource_role_arn": role,
                "customer_encryption_key_arn": d.get("customerEncryptionKeyArn"),
                "foundation_model": d.get("foundationModel"),
                "idle_session_ttl_in_seconds": d.get("idleSessionTTLInSeconds"),
                "instruction": d.get("instruction"),
                "description": d.get("description"),
                "agent_collaboration": d.get("agentCollaboration"),
                "guardrail_configuration": [
                    {
                        "guardrail_identifier": guardrail.get("guardrailIdentifier"),
                        "guardrail_version": guardrail.get("guardrailVersion"),
                    }
                ]
                if guardrail
                else [],
                **tags,
            },
            unresolved,
            {
                "agent_resource_role_arn": [role] if role else [],
                "customer_encryption_key_arn": [d["customerEncryptionKeyArn"]]
                if d.get("customerEncryptionKeyArn")
                else [],
            },
        )

    scope.each(one, items, "GetAgent")


def _knowledge_bases(scope: Scope, client: Any) -> None:
    items = scope.pages(client, "list_knowledge_bases", "knowledgeBaseSummaries")
    if items is None:
        return

    def one(item: dict[str, Any]) -> None:
        reply = scope.call(client, "get_knowledge_base", knowledgeBaseId=item["knowledgeBaseId"])
        if not reply.ok:
            return
        d = reply.data.get("knowledgeBase") or {}
        arn = d["knowledgeBaseArn"]
        tags, unresolved = _tags(scope, client, arn)
        scope.add(
            arn,
            "aws_bedrockagent_knowledge_base",
            {
                "arn": arn,
                "id": d.get("knowledgeBaseId"),
                "name": d.get("name"),
                "description": d.get("description"),
                "role_arn": d.get("roleArn"),
                "knowledge_base_configuration": blocks(d.get("knowledgeBaseConfiguration") or []),
                "storage_configuration": blocks(d.get("storageConfiguration") or []),
                **tags,
            },
            unresolved,
            {"role_arn": [d["roleArn"]] if d.get("roleArn") else []},
        )
        _data_sources(scope, client, d.get("knowledgeBaseId"), arn)

    scope.each(one, items, "GetKnowledgeBase")


def _data_sources(scope: Scope, client: Any, kb_id: Any, kb_arn: str) -> None:
    items = scope.pages(client, "list_data_sources", "dataSourceSummaries", knowledgeBaseId=kb_id)
    for item in items or []:
        reply = scope.call(
            client, "get_data_source", knowledgeBaseId=kb_id, dataSourceId=item["dataSourceId"]
        )
        if not reply.ok:
            continue
        d = reply.data.get("dataSource") or {}
        rid = f"{kb_arn}/data-source/{d.get('dataSourceId')}"
        encryption = d.get("serverSideEncryptionConfiguration") or {}
        scope.add(
            rid,
            "aws_bedrockagent_data_source",
            {
                "data_source_id": d.get("dataSourceId"),
                "knowledge_base_id": kb_id,
                "name": d.get("name"),
                "description": d.get("description"),
                "data_deletion_policy": d.get("dataDeletionPolicy"),
                "data_source_configuration": blocks(d.get("dataSourceConfiguration") or []),
                "server_side_encryption_configuration": [{"kms_key_arn": encryption.get("kmsKeyArn")}]
                if encryption
                else [],
                "vector_ingestion_configuration": blocks(d.get("vectorIngestionConfiguration") or []),
            },
            (),
            {"knowledge_base_id": [kb_arn]},
        )
