"""SageMaker: notebooks (and their lifecycle configurations), domains, models, endpoint configurations,
endpoints, training jobs, monitoring schedules and their job definitions, model package groups,
feature groups."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from ..scope import Scope
from ..shape import block, blocks, key_value_tags, policy_text

MAPS = frozenset({"environment", "hyper_parameters", "hyperparameters"})
TRAINING_JOB_DAYS = 90


def collect(scope: Scope) -> None:
    sm = scope.client()
    _notebooks(scope, sm)
    _lifecycle_configs(scope, sm)
    _domains(scope, sm)
    _models(scope, sm)
    _endpoint_configs(scope, sm)
    _endpoints(scope, sm)
    _monitoring(scope, sm)
    _model_package_groups(scope, sm)
    _feature_groups(scope, sm)
    _training_jobs(scope, sm)


def _tags(scope: Scope, sm: Any, arn: str) -> tuple[dict[str, Any], list[str]]:
    reply = scope.call(sm, "list_tags", ResourceArn=arn)
    return scope.tags(reply, lambda d: key_value_tags(d.get("Tags")))


def _describe_each(
    scope: Scope, sm: Any, items: list[Any], describe: str, key: str, mapper: Any, what: str
) -> None:
    def one(item: dict[str, Any]) -> None:
        reply = scope.call(sm, describe, **{key: item[key]})
        if reply.ok:
            mapper(scope, sm, reply.data)

    scope.each(one, items, what)


# -- notebooks ---------------------------------------------------------------------------------


def _notebooks(scope: Scope, sm: Any) -> None:
    items = scope.pages(sm, "list_notebook_instances", "NotebookInstances")
    if items is not None:
        _describe_each(
            scope,
            sm,
            items,
            "describe_notebook_instance",
            "NotebookInstanceName",
            _notebook,
            "DescribeNotebookInstance",
        )


def _notebook(scope: Scope, sm: Any, d: dict[str, Any]) -> None:
    arn = d["NotebookInstanceArn"]
    imds = d.get("InstanceMetadataServiceConfiguration") or {}
    tags, unresolved = _tags(scope, sm, arn)
    lifecycle = d.get("NotebookInstanceLifecycleConfigName")
    scope.add(
        arn,
        "aws_sagemaker_notebook_instance",
        {
            "arn": arn,
            "name": d.get("NotebookInstanceName"),
            "instance_type": d.get("InstanceType"),
            "role_arn": d.get("RoleArn"),
            "subnet_id": d.get("SubnetId"),
            "security_groups": d.get("SecurityGroups") or [],
            "kms_key_id": d.get("KmsKeyId"),
            "direct_internet_access": d.get("DirectInternetAccess", "Enabled"),
            "root_access": d.get("RootAccess", "Enabled"),
            "platform_identifier": d.get("PlatformIdentifier"),
            "volume_size": d.get("VolumeSizeInGB"),
            "lifecycle_config_name": lifecycle,
            "default_code_repository": d.get("DefaultCodeRepository"),
            "additional_code_repositories": d.get("AdditionalCodeRepositories") or [],
            "accelerator_types": d.get("AcceleratorTypes") or [],
            "instance_metadata_service_configuration": [
                {
                    "minimum_instance_metadata_service_version": imds.get(
                        "MinimumInstanceMetadataServiceVersion", "1"
                    )
                }
            ],
            **tags,
        },
        unresolved,
        {
            "kms_key_id": _arns(d.get("KmsKeyId")),
            "role_arn": _arns(d.get("RoleArn")),
            "lifecycle_config_name": [
                scope.arn("sagemaker", f"notebook-instance-lifecycle-config/{lifecycle.lower()}")
            ]
            if lifecycle
            else [],
        },
    )


def _lifecycle_configs(scope: Scope, sm: Any) -> None:
    items = scope.pages(sm, "list_notebook_instance_lifecycle_configs", "NotebookInstanceLifecycleConfigs")
    if items is not None:
        _describe_each(
            scope,
            sm,
            items,
            "describe_notebook_instance_lifecycle_config",
            "NotebookInstanceLifecycleConfigName",
            _lifecycle_config,
            "DescribeNotebookInstanceLifecycleConfig",
        )


def _lifecycle_config(scope: Scope, sm: Any, d: dict[str, Any]) -> None:
    arn = d["NotebookInstanceLifecycleConfigArn"]

    def script(hooks: list[dict[str, Any]] | None) -> str | None:
        # The API returns each hook's base64 content; the provider keeps the first hook's text.
        contents = [h.get("Content") for h in hooks or [] if h.get("Content")]
        if not contents:
            return None
        if len(contents) == 1:
            return str(contents[0])
        joined = b"\n".join(base64.b64decode(str(c)) for c in contents)
        return base64.b64encode(joined).decode()

    scope.add(
        arn,
        "aws_sagemaker_notebook_instance_lifecycle_configuration",
        {
            "arn": arn,
            "name": d.get("NotebookInstanceLifecycleConfigName"),
            "on_create": script(d.get("OnCreate")),
            "on_start": script(d.get("OnStart")),
        },
    )


# -- domains -----------------------------------------------------------------------------------


def _domains(scope: Scope, sm: Any) -> None:
    items = scope.pages(sm, "list_domains", "Domains")
    if items is not None:
        _describe_each(scope, sm, items, "describe_domain", "DomainId", _domain, "DescribeDomain")


def _domain(scope: Scope, sm: Any, d: dict[str, Any]) -> None:
    arn = d["DomainArn"]
    tags, unresolved = _tags(scope, sm, arn)
    scope.add(
        arn,
        "aws_sagemaker_domain",
        {
            "arn": arn,
            "id": d.get("DomainId"),
            "domain_name": d.get("DomainName"),
            "auth_mode": d.get("AuthMode"),
            "vpc_id": d.get("VpcId"),
            "subnet_ids": d.get("SubnetIds") or [],
            "kms_key_id": d.get("KmsKeyId"),
            "app_network_access_type": d.get("AppNetworkAccessType", "PublicInternetOnly"),
            "app_security_group_management": d.get("AppSecurityGroupManagement"),
            "tag_propagation": d.get("TagPropagation"),
            "default_user_settings": block(d.get("DefaultUserSettings")),
            "default_space_settings": block(d.get("DefaultSpaceSettings")),
            "domain_settings": block(d.get("DomainSettings")),
            **tags,
        },
        unresolved,
        {"kms_key_id": _arns(d.get("KmsKeyId"))},
    )


# -- models and endpoints ------------------------------------------------------------------------


def _models(scope: Scope, sm: Any) -> None:
    items = scope.pages(sm, "list_models", "Models")
    if items is not None:
        _describe_each(scope, sm, items, "describe_model", "ModelName", _model, "DescribeModel")


def _container(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "image": c.get("Image"),
        "mode": c.get("Mode"),
        "model_data_url": c.get("ModelDataUrl"),
        "model_package_name": c.get("ModelPackageName"),
        "container_hostname": c.get("ContainerHostname"),
        "environment": dict(c.get("Environment") or {}) or None,
        "inference_specification_name": c.get("InferenceSpecificationName"),
        "image_config": block(c.get("ImageConfig")),
        "model_data_source": block(c.get("ModelDataSource")),
        "multi_model_config": block(c.get("MultiModelConfig")),
    }


def _model(scope: Scope, sm: Any, d: dict[str, Any]) -> None:
    arn = d["ModelArn"]
    tags, unresolved = _tags(scope, sm, arn)
    vpc = d.get("VpcConfig")
    scope.add(
        arn,
        "aws_sagemaker_model",
        {
            "arn": arn,
            "name": d.get("ModelName"),
            "execution_role_arn": d.get("ExecutionRoleArn"),
            "enable_network_isolation": bool(d.get("EnableNetworkIsolation", False)),
            "primary_container": [_container(d["PrimaryContainer"])] if d.get("PrimaryContainer") else [],
            "container": [_container(c) for c in d.get("Containers") or []],
            "inference_execution_config": block(d.get("InferenceExecutionConfig")),
            "vpc_config": [
                {"security_group_ids": vpc.get("SecurityGroupIds") or [], "subnets": vpc.get("Subnets") or []}
            ]
            if vpc
            else [],
            **tags,
        },
        unresolved,
        {"execution_role_arn": _arns(d.get("ExecutionRoleArn"))},
    )


def _variant(v: dict[str, Any]) -> dict[str, Any]:
    return {
        "variant_name": v.get("VariantName"),
        "model_name": v.get("ModelName"),
        "initial_instance_count": v.get("InitialInstanceCount"),
        "instance_type": v.get("InstanceType"),
        "initial_variant_weight": v.get("InitialVariantWeight"),
        "accelerator_type": v.get("AcceleratorType"),
        "volume_size_in_gb": v.get("VolumeSizeInGB"),
        "model_data_download_timeout_in_seconds": v.get("ModelDataDownloadTimeoutInSeconds"),
        "container_startup_health_check_timeout_in_seconds": v.get(
            "ContainerStartupHealthCheckTimeoutInSeconds"
        ),
        "enable_ssm_access": v.get("EnableSSMAccess"),
        "inference_ami_version": v.get("InferenceAmiVersion"),
        "serverless_config": block(v.get("ServerlessConfig")),
        "managed_instance_scaling": block(v.get("ManagedInstanceScaling")),
        "routing_config": block(v.get("RoutingConfig")),
        "core_dump_config": block(v.get("CoreDumpConfig")),
    }


def _endpoint_configs(scope: Scope, sm: Any) -> None:
    items = scope.pages(sm, "list_endpoint_configs", "EndpointConfigs")
    if items is not None:
        _describe_each(
            scope,
            sm,
            items,
            "describe_endpoint_config",
            "EndpointConfigName",
            _endpoint_config,
            "DescribeEndpointConfig",
        )


def _endpoint_config(scope: Scope, sm: Any, d: dict[str, Any]) -> None:
    arn = d["EndpointConfigArn"]
    scope.remember("endpoint-config", d.get("EndpointConfigName"), arn)
    tags, unresolved = scope.tags_not_read()
    capture = d.get("DataCaptureConfig")
    capture_block: list[dict[str, Any]] = []
    if capture:
        capture_block = [
            {
                "enable_capture": capture.get("EnableCapture", True),
                "initial_sampling_percentage": capture.get("InitialSamplingPercentage"),
                "destination_s3_uri": capture.get("DestinationS3Uri"),
                "kms_key_id": capture.get("KmsKeyId"),
                "capture_options": [
                    {"capture_mode": o.get("CaptureMode")} for o in capture.get("CaptureOptions") or []
                ],
                "capture_content_type_header": block(capture.get("CaptureContentTypeHeader")),
            }
        ]
    asynchronous = d.get("AsyncInferenceConfig")
    async_block: list[dict[str, Any]] = []
    if asynchronous:
        output = asynchronous.get("OutputConfig") or {}
        async_block = [
            {
                "client_config": block(asynchronous.get("ClientConfig")),
                "output_config": [
                    {
                        "s3_output_path": output.get("S3OutputPath"),
                        "s3_failure_path": output.get("S3FailurePath"),
                        "kms_key_id": output.get("KmsKeyId"),
                        "notification_config": block(output.get("NotificationConfig")),
                    }
                ],
            }
        ]
    scope.add(
        arn,
        "aws_sagemaker_endpoint_configuration",
        {
            "arn": arn,
            "name": d.get("EndpointConfigName"),
            "kms_key_arn": d.get("KmsKeyId"),
            "execution_role_arn": d.get("ExecutionRoleArn"),
            "production_variants": [_variant(v) for v in d.get("ProductionVariants") or []],
            "shadow_production_variants": [_variant(v) for v in d.get("ShadowProductionVariants") or []],
            "data_capture_config": capture_block,
            "async_inference_config": async_block,
            **tags,
        },
        unresolved,
        {"kms_key_arn": _arns(d.get("KmsKeyId"))},
    )


def _endpoints(scope: Scope, sm: Any) -> None:
    items = scope.pages(sm, "list_endpoints", "Endpoints")
    if items is not None:
        _describe_each(scope, sm, items, "describe_endpoint", "EndpointName", _endpoint, "DescribeEndpoint")


def _endpoint(scope: Scope, sm: Any, d: dict[str, Any]) -> None:
    arn = d["EndpointArn"]
    tags, unresolved = _tags(scope, sm, arn)
    deployment = d.get("DeploymentConfig")
    deployment_block: list[dict[str, Any]] = []
    if deployment:
        rollback = deployment.get("AutoRollbackConfiguration") or {}
        deployment_block = [
            {
                "auto_rollback_configuration": [
                    {"alarms": [{"alarm_name": a.get("AlarmName")} for a in rollback.get("Alarms") or []]}
                ]
                if rollback
                else [],
                "blue_green_update_policy": block(deployment.get("BlueGreenUpdatePolicy")),
                "rolling_update_policy": block(deployment.get("RollingUpdatePolicy")),
            }
        ]
    config_name = d.get("EndpointConfigName")
    scope.remember("endpoint", d.get("EndpointName"), arn)
    scope.add(
        arn,
        "aws_sagemaker_endpoint",
        {
            "arn": arn,
            "name": d.get("EndpointName"),
            "endpoint_config_name": config_name,
            "deployment_config": deployment_block,
            **tags,
        },
        unresolved,
        {
            "endpoint_config_name": scope.named(
                "endpoint-config",
                config_name,
                scope.arn("sagemaker", f"endpoint-config/{str(config_name).lower()}"),
            )
        },
    )


# -- monitoring ----------------------------------------------------------------------------------

# Job definition kinds the policies join endpoints through: (list call, describe call, name key, arn key,
# input key, provider type, provider input attribute).
_DEFINITIONS = (
    (
        "list_data_quality_job_definitions",
        "describe_data_quality_job_definition",
        "DataQualityJobInput",
        "aws_sagemaker_data_quality_job_definition",
        "data_quality_job_input",
    ),
    (
        "list_model_quality_job_definitions",
        "describe_model_quality_job_definition",
        "ModelQualityJobInput",
        "aws_sagemaker_model_quality_job_definition",
        "model_quality_job_input",
    ),
)
_INLINE_TYPES = {
    "DataQuality": ("aws_sagemaker_data_quality_job_definition", "data_quality_job_input"),
    "ModelQuality": ("aws_sagemaker_model_quality_job_definition", "model_quality_job_input"),
}


def _endpoint_input(scope: Scope, job_input: dict[str, Any] | None) -> tuple[list[dict[str, Any]], list[str]]:
    endpoint = (job_input or {}).get("EndpointInput") or {}
    name = endpoint.get("EndpointName")
    converted = [
        {
            "endpoint_input": [{"endpoint_name": name, "local_path": endpoint.get("LocalPath")}]
            if endpoint
            else [],
            "batch_transform_input": block((job_input or {}).get("BatchTransformInput")),
        }
    ]
    return converted, scope.named("endpoint", name, scope.arn("sagemaker", f"endpoint/{str(name).lower()}"))


def _monitoring(scope: Scope, sm: Any) -> None:
    for list_call, describe_call, input_key, rtype, attribute in _DEFINITIONS:
        items = scope.pages(sm, list_call, "JobDefinitionSummaries")
        if items is None:
            scope.placeholder(scope.arn("sagemaker", f"{rtype}#unreadable"), rtype, [attribute])
            continue

        def one(
            item: dict[str, Any],
            describe_call: str = describe_call,
            input_key: str = input_key,
            rtype: str = rtype,
            attribute: str = attribute,
        ) -> None:
            name = item["MonitoringJobDefinitionName"]
            reply = scope.call(sm, describe_call, JobDefinitionName=name)
            arn = str(item.get("MonitoringJobDefinitionArn") or reply.data.get("JobDefinitionArn"))
            if not reply.ok:
                scope.placeholder(arn, rtype, [attribute])
                return
            converted, endpoints = _endpoint_input(scope, reply.data.get(input_key))
            scope.remember(rtype, name, arn)
            scope.add(
                arn, rtype, {"arn": arn, "name": name, attribute: converted}, (), {attribute: endpoints}
            )

        scope.each(one, items, describe_call)

    schedules = scope.pages(sm, "list_monitoring_schedules", "MonitoringScheduleSummaries")
    if schedules is None:
        scope.placeholder(
            scope.arn("sagemaker", "aws_sagemaker_monitoring_schedule#unreadable"),
            "aws_sagemaker_monitoring_schedule",
            ["monitoring_schedule_config"],
        )
        return

    def schedule(item: dict[str, Any]) -> None:
        arn = item["MonitoringScheduleArn"]
        reply = scope.call(
            sm, "describe_monitoring_schedule", MonitoringScheduleName=item["MonitoringScheduleName"]
        )
        if not reply.ok:
            scope.placeholder(arn, "aws_sagemaker_monitoring_schedule", ["monitoring_schedule_config"])
            return
        d = reply.data
        config = d.get("MonitoringScheduleConfig") or {}
        definition = config.get("MonitoringJobDefinitionName")
        monitoring_type = config.get("MonitoringType") or d.get("MonitoringType")
        references: list[str] = []
        if definition:
            kinds = {
                "DataQuality": "data-quality-job-definition",
                "ModelQuality": "model-quality-job-definition",
            }
            prefix = kinds.get(str(monitoring_type), "monitoring-job-definition")
            rtype = _INLINE_TYPES.get(str(monitoring_type), ("", ""))[0]
            fallback = scope.arn("sagemaker", f"{prefix}/{str(definition).lower()}")
            references.extend(scope.named(rtype, definition, fallback))
        elif config.get("MonitoringJobDefinition") and monitoring_type in _INLINE_TYPES:
            # A schedule created with an inline job definition: the provider has no such shape, so the
            # definition becomes a resource of its own that the schedule references, as in Terraform.
            rtype, attribute = _INLINE_TYPES[str(monitoring_type)]
            inline = config["MonitoringJobDefinition"]
            converted, endpoints = _endpoint_input(
                scope, {"EndpointInput": (inline.get("MonitoringInputs") or [{}])[0].get("EndpointInput")}
            )
            inline_id = f"{arn}#job-definition"
            scope.add(
                inline_id,
                rtype,
                {"name": d.get("MonitoringScheduleName"), attribute: converted},
                (),
                {attribute: endpoints},
            )
            references.append(inline_id)
        tags, unresolved = _tags(scope, sm, arn)
        scope.add(
            arn,
            "aws_sagemaker_monitoring_schedule",
            {
                "arn": arn,
                "name": d.get("MonitoringScheduleName"),
                "monitoring_schedule_config": [
                    {
                        "monitoring_job_definition_name": definition,
                        "monitoring_type": monitoring_type,
                        "schedule_config": block(config.get("ScheduleConfig")),
                    }
                ],
                **tags,
            },
            unresolved,
            {"monitoring_schedule_config": references},
        )

    scope.each(schedule, schedules, "DescribeMonitoringSchedule")


# -- model registry and feature store ---------------------------------------------------------------


def _model_package_groups(scope: Scope, sm: Any) -> None:
    items = scope.pages(sm, "list_model_package_groups", "ModelPackageGroupSummaryList")
    if items is None:
        return

    def one(item: dict[str, Any]) -> None:
        name = item["ModelPackageGroupName"]
        reply = scope.call(sm, "describe_model_package_group", ModelPackageGroupName=name)
        d = reply.data if reply.ok else item
        arn = d.get("ModelPackageGroupArn") or item["ModelPackageGroupArn"]
        tags, unresolved = _tags(scope, sm, arn)
        if not reply.ok:
            unresolved.append("model_package_group_description")
        scope.add(
            arn,
            "aws_sagemaker_model_package_group",
            {
                "arn": arn,
                "model_package_group_name": name,
                "model_package_group_description": d.get("ModelPackageGroupDescription"),
                **tags,
            },
            unresolved,
        )
        policy = scope.call(
            sm,
            "get_model_package_group_policy",
            absent={"ValidationException", "ResourceNotFound"},
            ModelPackageGroupName=name,
        )
        if policy.absent:
            return
        scope.add(
            f"{arn}#aws_sagemaker_model_package_group_policy",
            "aws_sagemaker_model_package_group_policy",
            {
                "model_package_group_name": name,
                "resource_policy": policy_text(policy.data.get("ResourcePolicy")),
            },
            [] if policy.ok else ["resource_policy"],
            {"model_package_group_name": [arn]},
        )

    scope.each(one, items, "DescribeModelPackageGroup")


def _feature_groups(scope: Scope, sm: Any) -> None:
    items = scope.pages(sm, "list_feature_groups", "FeatureGroupSummaries")
    if items is not None:
        _describe_each(
            scope,
            sm,
            items,
            "describe_feature_group",
            "FeatureGroupName",
            _feature_group,
            "DescribeFeatureGroup",
        )


def _feature_group(scope: Scope, sm: Any, d: dict[str, Any]) -> None:
    arn = d["FeatureGroupArn"]
    tags, unresolved = scope.tags_not_read()
    offline = d.get("OfflineStoreConfig")
    online = d.get("OnlineStoreConfig")
    scope.add(
        arn,
        "aws_sagemaker_feature_group",
        {
            "arn": arn,
            "feature_group_name": d.get("FeatureGroupName"),
            "record_identifier_feature_name": d.get("RecordIdentifierFeatureName"),
            "event_time_feature_name": d.get("EventTimeFeatureName"),
            "role_arn": d.get("RoleArn"),
            "description": d.get("Description"),
            "offline_store_config": block(offline),
            "online_store_config": [
                {
                    "enable_online_store": bool(online.get("EnableOnlineStore", False)),
                    "storage_type": online.get("StorageType"),
                    "security_config": block(online.get("SecurityConfig")),
                    "ttl_duration": block(online.get("TtlDuration")),
                }
            ]
            if online
            else [],
            **tags,
        },
        unresolved,
    )


def _training_jobs(scope: Scope, sm: Any) -> None:
    """Training jobs of the last TRAINING_JOB_DAYS days. The provider has no training job resource; the
    type follows its naming (aws_sagemaker_training_job) and the API's fields in snake_case."""
    since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=TRAINING_JOB_DAYS)
    items = scope.pages(sm, "list_training_jobs", "TrainingJobSummaries", CreationTimeAfter=since)
    if items is None:
        return

    def one(item: dict[str, Any]) -> None:
        reply = scope.call(sm, "describe_training_job", TrainingJobName=item["TrainingJobName"])
        if not reply.ok:
            return
        d = reply.data
        arn = d["TrainingJobArn"]
        scope.add(
            arn,
            "aws_sagemaker_training_job",
            {
                "arn": arn,
                "training_job_name": d.get("TrainingJobName"),
                "role_arn": d.get("RoleArn"),
                "training_job_status": d.get("TrainingJobStatus"),
                "enable_network_isolation": bool(d.get("EnableNetworkIsolation", False)),
                "enable_inter_container_traffic_encryption": bool(
                    d.get("EnableInterContainerTrafficEncryption", False)
                ),
                "vpc_config": blocks(d["VpcConfig"]) if d.get("VpcConfig") else [],
                "output_data_config": block(d.get("OutputDataConfig")),
                "resource_config": block(d.get("ResourceConfig")),
                "algorithm_specification": block(d.get("AlgorithmSpecification")),
            },
        )

    scope.each(one, items, "DescribeTrainingJob")


def _arns(value: Any) -> list[str]:
    return [value] if isinstance(value, str) and value.startswith("arn:") else []
