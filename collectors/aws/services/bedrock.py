"""Bedrock: the model invocation logging configuration, guardrails, custom models, provisioned throughput."""

from __future__ import annotations

from typing import Any

from ..scope import Scope
from ..shape import block, key_value_tags

LOGGING_TYPE = "aws_bedrock_model_invocation_logging_configuration"


def collect(scope: Scope) -> None:
    client = scope.client()
    _invocation_logging(scope, client)
    _guardrails(scope, client)
    _custom_models(scope, client)
    _provisioned_throughput(scope, client)


def _tags(scope: Scope, client: Any, arn: str) -> tuple[dict[str, Any], list[str]]:
    reply = scope.call(client, "list_tags_for_resource", resourceARN=arn)
    return scope.tags(reply, lambda d: key_value_tags(d.get("tags"), "key", "value"))


def _invocation_logging(scope: Scope, client: Any) -> None:
    rid = scope.arn("bedrock", LOGGING_TYPE)
    reply = scope.call(client, "get_model_invocation_logging_configuration")
    if reply.failed:
        scope.placeholder(rid, LOGGING_TYPE, ["logging_config"])
        return
    config = reply.data.get("loggingConfig") or {}
    if not config:
        return  # logging is not configured in this region: no resource, as in a configuration without one
    cloudwatch = config.get("cloudWatchConfig") or {}
    s3 = config.get("s3Config") or {}
    large = cloudwatch.get("largeDataDeliveryS3Config") or {}
    references: list[str] = []
    if cloudwatch.get("logGroupName"):
        references.append(scope.arn("logs", f"log-group:{cloudwatch['logGroupName']}"))
    for bucket in (s3.get("bucketName"), large.get("bucketName")):
        if bucket:
            references.append(f"arn:{scope.partition}:s3:::{bucket}")
    # logging_config and its destinations are single nested blocks: objects in plan JSON.
    scope.add(
        rid,
        LOGGING_TYPE,
        {
            "logging_config": {
                "text_data_delivery_enabled": bool(config.get("textDataDeliveryEnabled", False)),
                "image_data_delivery_enabled": bool(config.get("imageDataDeliveryEnabled", False)),
                "embedding_data_delivery_enabled": bool(config.get("embeddingDataDeliveryEnabled", False)),
                "video_data_delivery_enabled": bool(config.get("videoDataDeliveryEnabled", False)),
                "cloudwatch_config": {
                    "log_group_name": cloudwatch.get("logGroupName"),
                    "role_arn": cloudwatch.get("roleArn"),
                    "large_data_delivery_s3_config": {
                        "bucket_name": large.get("bucketName"),
                        "key_prefix": large.get("keyPrefix"),
                    }
                    if large
                    else None,
                }
                if cloudwatch
                else None,
                "s3_config": {"bucket_name": s3.get("bucketName"), "key_prefix": s3.get("keyPrefix")}
                if s3
                else None,
            }
        },
        (),
        {"logging_config": references},
    )


def _guardrails(scope: Scope, client: Any) -> None:
    items = scope.pages(client, "list_guardrails", "guardrails")
    if items is None:
        return

    def one(item: dict[str, Any]) -> None:
        reply = scope.call(client, "get_guardrail", guardrailIdentifier=item["id"])
        if reply.ok:
            _guardrail(scope, client, reply.data)

    scope.each(one, items, "GetGuardrail")


def _filters(items: list[dict[str, Any]] | None, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    from ..shape import snake

    return [{snake(f): item.get(f) for f in fields if f in item} for item in items or []]


def _guardrail(scope: Scope, client: Any, d: dict[str, Any]) -> None:
    arn = d["guardrailArn"]
    tags, unresolved = _tags(scope, client, arn)
    content = d.get("contentPolicy")
    grounding = d.get("contextualGroundingPolicy")
    sensitive = d.get("sensitiveInformationPolicy")
    topics = d.get("topicPolicy")
    words = d.get("wordPolicy")
    switches = ("inputAction", "outputAction", "inputEnabled", "outputEnabled")
    scope.add(
        arn,
        "aws_bedrock_guardrail",
        {
            "arn": arn,
            "guardrail_id": d.get("guardrailId"),
            "guardrail_arn": arn,
            "name": d.get("name"),
            "description": d.get("description"),
            "version": d.get("version"),
            "status": d.get("status"),
            "kms_key_arn": d.get("kmsKeyArn"),
            "blocked_input_messaging": d.get("blockedInputMessaging"),
            "blocked_outputs_messaging": d.get("blockedOutputsMessaging"),
            "content_policy_config": [
                {
                    "filters_config": _filters(
                        content.get("filters"),
                        (
                            "type",
                            "inputStrength",
                            "outputStrength",
                            "inputModalities",
                            "outputModalities",
                            *switches,
                        ),
                    ),
                    "tier_config": block(content.get("tier")),
                }
            ]
            if content
            else [],
            "contextual_grounding_policy_config": [
                {
                    "filters_config": _filters(
                        grounding.get("filters"), ("type", "threshold", "action", "enabled")
                    )
                }
            ]
            if grounding
            else [],
            "sensitive_information_policy_config": [
                {
                    "pii_entities_config": _filters(
                        sensitive.get("piiEntities"), ("type", "action", *switches)
                    ),
                    "regexes_config": _filters(
                        sensitive.get("regexes"), ("name", "description", "pattern", "action", *switches)
                    ),
                }
            ]
            if sensitive
            else [],
            "topic_policy_config": [
                {
                    "topics_config": _filters(
                        topics.get("topics"), ("name", "definition", "examples", "type")
                    ),
                    "tier_config": block(topics.get("tier")),
                }
            ]
            if topics
            else [],
            "word_policy_config": [
                {
                    "words_config": _filters(words.get("words"), ("text", *switches)),
                    "managed_word_lists_config": _filters(words.get("managedWordLists"), ("type", *switches)),
                }
            ]
            if words
            else [],
            **tags,
        },
        unresolved,
        {"kms_key_arn": [d["kmsKeyArn"]] if d.get("kmsKeyArn") else []},
    )


def _custom_models(scope: Scope, client: Any) -> None:
    items = scope.pages(client, "list_custom_models", "modelSummaries")
    if items is None:
        return

    def one(item: dict[str, Any]) -> None:
        reply = scope.call(client, "get_custom_model", modelIdentifier=item["modelArn"])
        if not reply.ok:
            return
        d = reply.data
        arn = d["modelArn"]
        unresolved: list[str] = []
        vpc: list[dict[str, Any]] = []
        role = None
        job_arn = d.get("jobArn")
        if job_arn:
            # The VPC a model was customised in is the customisation job's, which the provider keeps here.
            job = scope.call(client, "get_model_customization_job", jobIdentifier=job_arn)
            if job.ok:
                config = job.data.get("vpcConfig") or {}
                role = job.data.get("roleArn")
                if config:
                    vpc = [
                        {
                            "security_group_ids": config.get("securityGroupIds") or [],
                            "subnet_ids": config.get("subnetIds") or [],
                        }
                    ]
            else:
                unresolved.extend(["vpc_config", "role_arn"])
        else:
            unresolved.extend(["vpc_config", "role_arn"])
        tags, tag_unresolved = _tags(scope, client, arn)
        scope.add(
            arn,
            "aws_bedrock_custom_model",
            {
                "arn": arn,
                "custom_model_arn": arn,
                "custom_model_name": d.get("modelName"),
                "job_name": d.get("jobName"),
                "job_arn": job_arn,
                "base_model_identifier": d.get("baseModelArn"),
                "customization_type": d.get("customizationType"),
                "custom_model_kms_key_id": d.get("modelKmsKeyArn"),
                "role_arn": role,
                "hyperparameters": dict(d.get("hyperParameters") or {}),
                "output_data_config": [{"s3_uri": (d.get("outputDataConfig") or {}).get("s3Uri")}],
                "training_data_config": [{"s3_uri": (d.get("trainingDataConfig") or {}).get("s3Uri")}],
                "vpc_config": vpc,
                **tags,
            },
            unresolved + tag_unresolved,
            {"custom_model_kms_key_id": [d["modelKmsKeyArn"]] if d.get("modelKmsKeyArn") else []},
        )

    scope.each(one, items, "GetCustomModel")


def _provisioned_throughput(scope: Scope, client: Any) -> None:
    items = scope.pages(client, "list_provisioned_model_throughputs", "provisionedModelSummaries")
    for item in items or []:
        arn = item["provisionedModelArn"]
        scope.add(
            arn,
            "aws_bedrock_provisioned_model_throughput",
            {
                "arn": arn,
                "provisioned_model_name": item.get("provisionedModelName"),
                "model_arn": item.get("modelArn"),
                "model_units": item.get("modelUnits"),
                "commitment_duration": item.get("commitmentDuration"),
            },
            ["tags", "tags_all"],
        )
