"""The mapping held honest: a resource created in moto (over HTTP) and the same resource written as a
Terraform plan give the same findings through the real engine with the whole policy library.

Findings are compared as (rule, resource, attribute, message), with plan addresses mapped to the ARNs
the collector uses as ids. Scenarios whose API moto lacks are served by botocore's Stubber.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from aipolicy.scan import Scanner, ScanOptions
from aipolicy.view import ResourceView, validate_document

from .conftest import ACCOUNT, Moto
from .planshape import R, write_plan

REGION = "us-east-1"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/ml-exec"
KEY_ARN = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/6f1c2a9e-4b1d-4c55-9a43-1f2e3d4c5b6a"
TAGS = {"team": "ml-platform"}
LOGS = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:"
EC2 = f"arn:aws:ec2:{REGION}:{ACCOUNT}:"
TM_TAGS = {"team": "ml-platform", "threat-model": "https://wiki.example/tm/llm"}
Scenario = Callable[[Moto], tuple[list[R], dict[str, str], dict[str, Any]]]
SCENARIOS: dict[str, Scenario] = {}


def scenario(fn: Scenario) -> Scenario:
    SCENARIOS[fn.__name__] = fn
    return fn


def tagged(tags: dict[str, str]) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def sm_arn(kind: str, name: str) -> str:
    return f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:{kind}/{name}"


@pytest.fixture(scope="module")
def scanner() -> Iterator[Scanner]:
    s = Scanner(ScanOptions())
    try:
        yield s
    finally:
        s.close()


# -- SageMaker ----------------------------------------------------------------------------------


@scenario
def notebook_insecure(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    moto.client("sagemaker").create_notebook_instance(
        NotebookInstanceName="research",
        InstanceType="ml.t3.medium",
        RoleArn=ROLE,
        DirectInternetAccess="Enabled",
        RootAccess="Enabled",
        PlatformIdentifier="notebook-al2-v3",
        Tags=tagged(TAGS),
    )
    values = {
        "name": "research",
        "instance_type": "ml.t3.medium",
        "role_arn": ROLE,
        "direct_internet_access": "Enabled",
        "root_access": "Enabled",
        # moto keeps neither PlatformIdentifier nor the IMDS setting: see notebook_platform_stubbed.
        "kms_key_id": None,
        "subnet_id": None,
        "instance_metadata_service_configuration": [{"minimum_instance_metadata_service_version": "1"}],
        "tags": TAGS,
        "tags_all": TAGS,
    }
    return (
        [R("aws_sagemaker_notebook_instance.research", "aws_sagemaker_notebook_instance", values)],
        {"aws_sagemaker_notebook_instance.research": sm_arn("notebook-instance", "research")},
        {},
    )


@scenario
def notebook_hardened(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    moto.client("sagemaker").create_notebook_instance(
        NotebookInstanceName="secure",
        InstanceType="ml.t3.medium",
        RoleArn=ROLE,
        SubnetId="subnet-0a1b2c3d4e5f60718",
        SecurityGroupIds=["sg-0123456789abcdef0"],
        KmsKeyId=KEY_ARN,
        DirectInternetAccess="Disabled",
        RootAccess="Disabled",
        PlatformIdentifier="notebook-al2023-v1",
        InstanceMetadataServiceConfiguration={"MinimumInstanceMetadataServiceVersion": "2"},
        Tags=tagged(TM_TAGS),
    )
    values = {
        "name": "secure",
        "instance_type": "ml.t3.medium",
        "role_arn": ROLE,
        "subnet_id": "subnet-0a1b2c3d4e5f60718",
        "security_groups": ["sg-0123456789abcdef0"],
        "kms_key_id": KEY_ARN,
        "direct_internet_access": "Disabled",
        "root_access": "Disabled",
        "instance_metadata_service_configuration": [{"minimum_instance_metadata_service_version": "1"}],
        "tags": TM_TAGS,
        "tags_all": TM_TAGS,
    }
    return (
        [R("aws_sagemaker_notebook_instance.secure", "aws_sagemaker_notebook_instance", values)],
        {"aws_sagemaker_notebook_instance.secure": sm_arn("notebook-instance", "secure")},
        {},
    )


@scenario
def notebook_platform_stubbed(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    """moto drops PlatformIdentifier and the IMDS setting, so the notebook calls are served by Stubber."""
    arn = sm_arn("notebook-instance", "legacy")
    stubs = {
        ("sagemaker", "list_notebook_instances"): [
            {"NotebookInstances": [{"NotebookInstanceName": "legacy", "NotebookInstanceArn": arn}]}
        ],
        ("sagemaker", "describe_notebook_instance"): [
            {
                "NotebookInstanceArn": arn,
                "NotebookInstanceName": "legacy",
                "NotebookInstanceStatus": "InService",
                "InstanceType": "ml.t3.medium",
                "SubnetId": "subnet-0a1b2c3d4e5f60718",
                "SecurityGroups": ["sg-0123456789abcdef0"],
                "RoleArn": ROLE,
                "KmsKeyId": KEY_ARN,
                "DirectInternetAccess": "Disabled",
                "RootAccess": "Disabled",
                "PlatformIdentifier": "notebook-al2-v2",
                "InstanceMetadataServiceConfiguration": {"MinimumInstanceMetadataServiceVersion": "2"},
            }
        ],
        ("sagemaker", "list_tags"): [{"Tags": tagged(TM_TAGS)}],
    }
    values = {
        "name": "legacy",
        "instance_type": "ml.t3.medium",
        "role_arn": ROLE,
        "subnet_id": "subnet-0a1b2c3d4e5f60718",
        "kms_key_id": KEY_ARN,
        "direct_internet_access": "Disabled",
        "root_access": "Disabled",
        "platform_identifier": "notebook-al2-v2",
        "instance_metadata_service_configuration": [{"minimum_instance_metadata_service_version": "2"}],
        "tags": TM_TAGS,
        "tags_all": TM_TAGS,
    }
    return (
        [R("aws_sagemaker_notebook_instance.legacy", "aws_sagemaker_notebook_instance", values)],
        {"aws_sagemaker_notebook_instance.legacy": arn},
        {"stubs": stubs, "max_workers": 1},
    )


@scenario
def domain(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    created = moto.client("sagemaker").create_domain(
        DomainName="studio",
        AuthMode="IAM",
        DefaultUserSettings={"ExecutionRole": ROLE},
        SubnetIds=["subnet-0a1b2c3d4e5f60718"],
        VpcId="vpc-0a1b2c3d4e5f60718",
        AppNetworkAccessType="PublicInternetOnly",
        Tags=tagged(TAGS),
    )
    values = {
        "domain_name": "studio",
        "auth_mode": "IAM",
        "vpc_id": "vpc-0a1b2c3d4e5f60718",
        "subnet_ids": ["subnet-0a1b2c3d4e5f60718"],
        "app_network_access_type": "PublicInternetOnly",
        "kms_key_id": None,
        "default_user_settings": [{"execution_role": ROLE}],
        "tags": TAGS,
        "tags_all": TAGS,
    }
    return (
        [R("aws_sagemaker_domain.studio", "aws_sagemaker_domain", values)],
        {"aws_sagemaker_domain.studio": created["DomainArn"]},
        {},
    )


@scenario
def model(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    image = "docker.io/acme/llm-serving:2.3.1"
    moto.client("sagemaker").create_model(
        ModelName="llm",
        ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": image, "ModelDataUrl": "s3://acme-ml-models/llm/model.tar.gz"},
        Tags=tagged(TAGS),
    )
    values = {
        "name": "llm",
        "execution_role_arn": ROLE,
        "enable_network_isolation": False,
        "primary_container": [
            {
                "image": image,
                "model_data_url": "s3://acme-ml-models/llm/model.tar.gz",
                "model_package_name": None,
            }
        ],
        "container": [],
        "vpc_config": [],
        "tags": TAGS,
        "tags_all": TAGS,
    }
    return (
        [R("aws_sagemaker_model.llm", "aws_sagemaker_model", values)],
        {"aws_sagemaker_model.llm": sm_arn("model", "llm")},
        {},
    )


@scenario
def endpoint(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    sm = moto.client("sagemaker")
    sm.create_model(
        ModelName="llm",
        ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/llm@sha256:{'a' * 64}"},
        Tags=tagged(TM_TAGS),
    )
    sm.create_endpoint_config(
        EndpointConfigName="llm",
        ProductionVariants=[
            {
                "VariantName": "primary",
                "ModelName": "llm",
                "InitialInstanceCount": 1,
                "InstanceType": "ml.m5.large",
            }
        ],
        Tags=tagged(TAGS),
    )
    sm.create_endpoint(EndpointName="llm", EndpointConfigName="llm", Tags=tagged(TAGS))
    model_values = {
        "name": "llm",
        "execution_role_arn": ROLE,
        "enable_network_isolation": False,
        "primary_container": [{"image": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/llm@sha256:{'a' * 64}"}],
        "container": [],
        "vpc_config": [],
        "tags": TM_TAGS,
        "tags_all": TM_TAGS,
    }
    config_values = {
        "name": "llm",
        "kms_key_arn": None,
        "production_variants": [
            {
                "variant_name": "primary",
                "model_name": "llm",
                "initial_instance_count": 1,
                "instance_type": "ml.m5.large",
                "serverless_config": [],
                "managed_instance_scaling": [],
                "enable_ssm_access": None,
            }
        ],
        "shadow_production_variants": [],
        "data_capture_config": [],
        "async_inference_config": [],
        "tags": TAGS,
        "tags_all": TAGS,
    }
    endpoint_values = {"name": "llm", "deployment_config": [], "tags": TAGS, "tags_all": TAGS}
    return (
        [
            R("aws_sagemaker_model.llm", "aws_sagemaker_model", model_values),
            R(
                "aws_sagemaker_endpoint_configuration.llm",
                "aws_sagemaker_endpoint_configuration",
                config_values,
            ),
            R(
                "aws_sagemaker_endpoint.llm",
                "aws_sagemaker_endpoint",
                {**endpoint_values, "endpoint_config_name": "llm"},
                {"endpoint_config_name": "aws_sagemaker_endpoint_configuration.llm"},
            ),
        ],
        {
            "aws_sagemaker_model.llm": sm_arn("model", "llm"),
            "aws_sagemaker_endpoint_configuration.llm": sm_arn("endpoint-config", "llm"),
            "aws_sagemaker_endpoint.llm": sm_arn("endpoint", "llm"),
        },
        {},
    )


@scenario
def model_package_group(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    moto.client("sagemaker").create_model_package_group(ModelPackageGroupName="llm", Tags=tagged(TAGS))
    values = {
        "model_package_group_name": "llm",
        "model_package_group_description": None,
        "tags": TAGS,
        "tags_all": TAGS,
    }
    return (
        [R("aws_sagemaker_model_package_group.llm", "aws_sagemaker_model_package_group", values)],
        {"aws_sagemaker_model_package_group.llm": sm_arn("model-package-group", "llm")},
        {},
    )


@scenario
def monitored_endpoint_stubbed(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    """Monitoring schedules: moto lacks them, so ListMonitoringSchedules/DescribeMonitoringSchedule are
    served by Stubber; the endpoint and the data quality job definition come from moto."""
    sm = moto.client("sagemaker")
    sm.create_model(
        ModelName="llm", ExecutionRoleArn=ROLE, PrimaryContainer={"Image": "x"}, Tags=tagged(TAGS)
    )
    sm.create_endpoint_config(
        EndpointConfigName="llm",
        ProductionVariants=[
            {"VariantName": "p", "ModelName": "llm", "InitialInstanceCount": 2, "InstanceType": "ml.m5.large"}
        ],
        Tags=tagged(TAGS),
    )
    sm.create_endpoint(EndpointName="llm", EndpointConfigName="llm", Tags=tagged(TAGS))
    definition = sm.create_data_quality_job_definition(
        JobDefinitionName="llm-dq",
        DataQualityAppSpecification={
            "ImageUri": "468650794304.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer"
        },
        DataQualityJobInput={
            "EndpointInput": {"EndpointName": "llm", "LocalPath": "/opt/ml/processing/input"}
        },
        DataQualityJobOutputConfig={
            "MonitoringOutputs": [
                {"S3Output": {"S3Uri": "s3://acme/dq", "LocalPath": "/opt/ml/processing/output"}}
            ]
        },
        JobResources={
            "ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 20}
        },
        RoleArn=ROLE,
    )
    schedule_arn = sm_arn("monitoring-schedule", "llm")
    stubs = {
        ("sagemaker", "list_monitoring_schedules"): [
            {
                "MonitoringScheduleSummaries": [
                    {
                        "MonitoringScheduleName": "llm",
                        "MonitoringScheduleArn": schedule_arn,
                        "CreationTime": "2026-11-01T00:00:00Z",
                        "LastModifiedTime": "2026-11-01T00:00:00Z",
                        "MonitoringScheduleStatus": "Scheduled",
                        "EndpointName": "llm",
                        "MonitoringJobDefinitionName": "llm-dq",
                        "MonitoringType": "DataQuality",
                    }
                ]
            }
        ],
        ("sagemaker", "describe_monitoring_schedule"): [
            {
                "MonitoringScheduleArn": schedule_arn,
                "MonitoringScheduleName": "llm",
                "MonitoringScheduleStatus": "Scheduled",
                "MonitoringType": "DataQuality",
                "CreationTime": "2026-11-01T00:00:00Z",
                "LastModifiedTime": "2026-11-01T00:00:00Z",
                "MonitoringScheduleConfig": {
                    "ScheduleConfig": {"ScheduleExpression": "cron(0 * ? * * *)"},
                    "MonitoringJobDefinitionName": "llm-dq",
                    "MonitoringType": "DataQuality",
                },
                "EndpointName": "llm",
            }
        ],
        # model, endpoint configuration, endpoint, schedule (in that order with one worker)
        ("sagemaker", "list_tags"): [{"Tags": tagged(TAGS)}] * 4,
    }
    resources = [
        R(
            "aws_sagemaker_model.llm",
            "aws_sagemaker_model",
            {
                "name": "llm",
                "execution_role_arn": ROLE,
                "enable_network_isolation": False,
                "primary_container": [{"image": "x"}],
                "vpc_config": [],
                "tags": TAGS,
                "tags_all": TAGS,
            },
        ),
        R(
            "aws_sagemaker_endpoint_configuration.llm",
            "aws_sagemaker_endpoint_configuration",
            {
                "name": "llm",
                "kms_key_arn": None,
                "production_variants": [
                    {
                        "variant_name": "p",
                        "model_name": "llm",
                        "initial_instance_count": 2,
                        "instance_type": "ml.m5.large",
                    }
                ],
                "data_capture_config": [],
                "tags": TAGS,
                "tags_all": TAGS,
            },
        ),
        R(
            "aws_sagemaker_endpoint.llm",
            "aws_sagemaker_endpoint",
            {"name": "llm", "deployment_config": [], "tags": TAGS, "tags_all": TAGS},
            {"endpoint_config_name": "aws_sagemaker_endpoint_configuration.llm"},
        ),
        R(
            "aws_sagemaker_data_quality_job_definition.llm",
            "aws_sagemaker_data_quality_job_definition",
            {"name": "llm-dq", "data_quality_job_input": [{"endpoint_input": [{"endpoint_name": "llm"}]}]},
            {"data_quality_job_input": "aws_sagemaker_endpoint.llm"},
        ),
        R(
            "aws_sagemaker_monitoring_schedule.llm",
            "aws_sagemaker_monitoring_schedule",
            {
                "name": "llm",
                "monitoring_schedule_config": [
                    {"monitoring_job_definition_name": "llm-dq", "monitoring_type": "DataQuality"}
                ],
                "tags": TAGS,
                "tags_all": TAGS,
            },
            {"monitoring_schedule_config": "aws_sagemaker_data_quality_job_definition.llm"},
        ),
    ]
    ids = {
        "aws_sagemaker_model.llm": sm_arn("model", "llm"),
        "aws_sagemaker_endpoint_configuration.llm": sm_arn("endpoint-config", "llm"),
        "aws_sagemaker_endpoint.llm": sm_arn("endpoint", "llm"),
        "aws_sagemaker_data_quality_job_definition.llm": definition["JobDefinitionArn"],
        "aws_sagemaker_monitoring_schedule.llm": schedule_arn,
    }
    return resources, ids, {"stubs": stubs, "max_workers": 1}


# -- S3 -----------------------------------------------------------------------------------------


@scenario
def bucket_insecure(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    s3 = moto.client("s3")
    s3.create_bucket(Bucket="acme-training-data")
    s3.put_bucket_tagging(
        Bucket="acme-training-data", Tagging={"TagSet": tagged({"purpose": "training-data"})}
    )
    s3.put_bucket_policy(
        Bucket="acme-training-data",
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::acme-training-data/*",
                    }
                ],
            }
        ),
    )
    policy = s3.get_bucket_policy(Bucket="acme-training-data")["Policy"]
    tags = {"purpose": "training-data"}
    b = "aws_s3_bucket.data"
    return (
        [
            R(
                b,
                "aws_s3_bucket",
                {
                    "bucket": "acme-training-data",
                    "object_lock_enabled": False,
                    "tags": tags,
                    "tags_all": tags,
                },
            ),
            R(
                "aws_s3_bucket_versioning.data",
                "aws_s3_bucket_versioning",
                {"versioning_configuration": [{"status": "Disabled"}]},
                {"bucket": b},
            ),
            R("aws_s3_bucket_policy.data", "aws_s3_bucket_policy", {"policy": policy}, {"bucket": b}),
        ],
        {
            b: "arn:aws:s3:::acme-training-data",
            "aws_s3_bucket_versioning.data": "arn:aws:s3:::acme-training-data#aws_s3_bucket_versioning",
            "aws_s3_bucket_policy.data": "arn:aws:s3:::acme-training-data#aws_s3_bucket_policy",
        },
        {},
    )


@scenario
def bucket_hardened(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    s3 = moto.client("s3")
    for name in ("acme-models", "acme-access-logs"):
        s3.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)
    log_delivery = "uri=http://acs.amazonaws.com/groups/s3/LogDelivery"
    s3.put_bucket_acl(Bucket="acme-access-logs", GrantWrite=log_delivery, GrantReadACP=log_delivery)
    s3.put_bucket_logging(
        Bucket="acme-models",
        BucketLoggingStatus={
            "LoggingEnabled": {"TargetBucket": "acme-access-logs", "TargetPrefix": "models/"}
        },
    )
    for name in ("acme-models", "acme-access-logs"):
        s3.put_bucket_encryption(
            Bucket=name,
            ServerSideEncryptionConfiguration={
                "Rules": [
                    {
                        "ApplyServerSideEncryptionByDefault": {
                            "SSEAlgorithm": "aws:kms",
                            "KMSMasterKeyID": KEY_ARN,
                        }
                    }
                ]
            },
        )
        s3.put_public_access_block(
            Bucket=name,
            PublicAccessBlockConfiguration={
                k: True
                for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
            },
        )
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        s3.put_bucket_policy(
            Bucket=name,
            Policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": "s3:*",
                            "Resource": [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"],
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        }
                    ],
                }
            ),
        )
    s3.put_bucket_tagging(Bucket="acme-models", Tagging={"TagSet": tagged({"purpose": "models"})})
    moto.client("s3control").put_public_access_block(
        AccountId=ACCOUNT,
        PublicAccessBlockConfiguration={
            k: True
            for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
        },
    )
    resources: list[R] = [
        R(
            "aws_s3_account_public_access_block.this",
            "aws_s3_account_public_access_block",
            {
                f: True
                for f in (
                    "block_public_acls",
                    "block_public_policy",
                    "ignore_public_acls",
                    "restrict_public_buckets",
                )
            },
        )
    ]
    ids = {
        "aws_s3_account_public_access_block.this": f"arn:aws:s3::{ACCOUNT}:aws_s3_account_public_access_block"
    }
    for key, name in (("models", "acme-models"), ("logs", "acme-access-logs")):
        b = f"aws_s3_bucket.{key}"
        tags = {"purpose": "models"} if key == "models" else {}
        policy = s3.get_bucket_policy(Bucket=name)["Policy"]
        resources += [
            R(
                b,
                "aws_s3_bucket",
                {"bucket": name, "object_lock_enabled": True, "tags": tags, "tags_all": tags},
            ),
            R(
                f"aws_s3_bucket_server_side_encryption_configuration.{key}",
                "aws_s3_bucket_server_side_encryption_configuration",
                {
                    "rule": [
                        {
                            "apply_server_side_encryption_by_default": [
                                {"sse_algorithm": "aws:kms", "kms_master_key_id": KEY_ARN}
                            ]
                        }
                    ]
                },
                {"bucket": b},
            ),
            R(
                f"aws_s3_bucket_public_access_block.{key}",
                "aws_s3_bucket_public_access_block",
                {
                    f: True
                    for f in (
                        "block_public_acls",
                        "block_public_policy",
                        "ignore_public_acls",
                        "restrict_public_buckets",
                    )
                },
                {"bucket": b},
            ),
            R(
                f"aws_s3_bucket_versioning.{key}",
                "aws_s3_bucket_versioning",
                {"versioning_configuration": [{"status": "Enabled"}]},
                {"bucket": b},
            ),
            R(f"aws_s3_bucket_policy.{key}", "aws_s3_bucket_policy", {"policy": policy}, {"bucket": b}),
        ]
        arn = f"arn:aws:s3:::{name}"
        ids[b] = arn
        for t in ("server_side_encryption_configuration", "public_access_block", "versioning", "policy"):
            ids[f"aws_s3_bucket_{t}.{key}"] = f"{arn}#aws_s3_bucket_{t}"
    resources.append(
        R(
            "aws_s3_bucket_logging.models",
            "aws_s3_bucket_logging",
            {"target_bucket": "acme-access-logs", "target_prefix": "models/"},
            {"bucket": "aws_s3_bucket.models", "target_bucket": "aws_s3_bucket.logs"},
        )
    )
    ids["aws_s3_bucket_logging.models"] = "arn:aws:s3:::acme-models#aws_s3_bucket_logging"
    return resources, ids, {}


# -- ECR, EKS, KMS, CloudTrail, Logs ---------------------------------------------------------------


@scenario
def ecr_repository(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    ecr = moto.client("ecr")
    created = ecr.create_repository(
        repositoryName="ml/serving", imageTagMutability="MUTABLE", tags=tagged(TAGS)
    )
    text = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "ecr:*"}],
        }
    )
    ecr.set_repository_policy(repositoryName="ml/serving", policyText=text)
    arn = created["repository"]["repositoryArn"]
    r = "aws_ecr_repository.serving"
    return (
        [
            R(
                r,
                "aws_ecr_repository",
                {
                    "name": "ml/serving",
                    "image_tag_mutability": "MUTABLE",
                    "encryption_configuration": [{"encryption_type": "AES256", "kms_key": None}],
                    "image_scanning_configuration": [{"scan_on_push": False}],
                    "tags": TAGS,
                    "tags_all": TAGS,
                },
            ),
            R(
                "aws_ecr_repository_policy.serving",
                "aws_ecr_repository_policy",
                {
                    "repository": "ml/serving",
                    "policy": ecr.get_repository_policy(repositoryName="ml/serving")["policyText"],
                },
                {"repository": r},
            ),
        ],
        {r: arn, "aws_ecr_repository_policy.serving": f"{arn}#aws_ecr_repository_policy"},
        {},
    )


@scenario
def eks_cluster(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    eks = moto.client("eks")
    cluster = eks.create_cluster(
        name="inference",
        version="1.27",
        roleArn=ROLE,
        resourcesVpcConfig={
            "subnetIds": ["subnet-0a1b2c3d4e5f60718"],
            "endpointPublicAccess": True,
            "endpointPrivateAccess": False,
        },
    )["cluster"]
    group = eks.create_nodegroup(
        clusterName="inference",
        nodegroupName="gpu",
        nodeRole=ROLE,
        subnets=["subnet-0a1b2c3d4e5f60718"],
        amiType="AL2_x86_64_GPU",
        remoteAccess={"ec2SshKey": "ops"},
        scalingConfig={"minSize": 1, "maxSize": 2, "desiredSize": 1},
    )["nodegroup"]
    c = "aws_eks_cluster.inference"
    vpc = cluster.get("resourcesVpcConfig", {})
    return (
        [
            R(
                c,
                "aws_eks_cluster",
                {
                    "name": "inference",
                    "version": "1.27",
                    "role_arn": ROLE,
                    "enabled_cluster_log_types": [],
                    "vpc_config": [
                        {
                            "subnet_ids": ["subnet-0a1b2c3d4e5f60718"],
                            "endpoint_public_access": vpc.get("endpointPublicAccess", True),
                            "endpoint_private_access": vpc.get("endpointPrivateAccess", False),
                            "public_access_cidrs": vpc.get("publicAccessCidrs", []),
                        }
                    ],
                    "encryption_config": [],
                },
            ),
            R(
                "aws_eks_node_group.gpu",
                "aws_eks_node_group",
                {
                    "cluster_name": "inference",
                    "node_group_name": "gpu",
                    "ami_type": "AL2_x86_64_GPU",
                    "remote_access": [{"ec2_ssh_key": "ops", "source_security_group_ids": []}],
                },
                {"cluster_name": c},
            ),
        ],
        {c: cluster["arn"], "aws_eks_node_group.gpu": group["nodegroupArn"]},
        {},
    )


@scenario
def kms_key(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    kms = moto.client("kms")
    meta = kms.create_key(Description="ml data key", Tags=[{"TagKey": "team", "TagValue": "ml-platform"}])[
        "KeyMetadata"
    ]
    policy = kms.get_key_policy(KeyId=meta["KeyId"], PolicyName="default")["Policy"]
    values = {
        "description": "ml data key",
        "customer_master_key_spec": "SYMMETRIC_DEFAULT",
        "enable_key_rotation": False,
        "deletion_window_in_days": 30,
        "policy": policy,
        "tags": TAGS,
        "tags_all": TAGS,
    }
    return [R("aws_kms_key.data", "aws_kms_key", values)], {"aws_kms_key.data": meta["Arn"]}, {}


@scenario
def cloudtrail_trail(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    moto.client("s3").create_bucket(Bucket="acme-trail-logs")
    ct = moto.client("cloudtrail")
    trail = ct.create_trail(Name="main", S3BucketName="acme-trail-logs")
    moto.client("s3").put_bucket_versioning(
        Bucket="acme-trail-logs", VersioningConfiguration={"Status": "Enabled"}
    )
    b = "aws_s3_bucket.trail"
    return (
        [
            R(
                b,
                "aws_s3_bucket",
                {"bucket": "acme-trail-logs", "object_lock_enabled": False, "tags": {}, "tags_all": {}},
            ),
            R(
                "aws_s3_bucket_versioning.trail",
                "aws_s3_bucket_versioning",
                {"versioning_configuration": [{"status": "Enabled"}]},
                {"bucket": b},
            ),
            R(
                "aws_cloudtrail.main",
                "aws_cloudtrail",
                {
                    "name": "main",
                    "s3_bucket_name": "acme-trail-logs",
                    "enable_logging": False,
                    "is_multi_region_trail": False,
                    "enable_log_file_validation": False,
                    "kms_key_id": None,
                    "cloud_watch_logs_group_arn": None,
                    "event_selector": [
                        {"read_write_type": "All", "include_management_events": True, "data_resource": []}
                    ],
                    "advanced_event_selector": [],
                },
                {"s3_bucket_name": b},
            ),
        ],
        {
            b: "arn:aws:s3:::acme-trail-logs",
            "aws_s3_bucket_versioning.trail": "arn:aws:s3:::acme-trail-logs#aws_s3_bucket_versioning",
            "aws_cloudtrail.main": trail["TrailARN"],
        },
        {},
    )


@scenario
def log_group(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    logs = moto.client("logs")
    logs.create_log_group(logGroupName="/aws/sagemaker/Endpoints/llm", tags=TAGS)
    logs.put_retention_policy(logGroupName="/aws/sagemaker/Endpoints/llm", retentionInDays=30)
    values = {
        "name": "/aws/sagemaker/Endpoints/llm",
        "kms_key_id": None,
        "retention_in_days": 30,
        "tags": TAGS,
        "tags_all": TAGS,
    }
    return (
        [R("aws_cloudwatch_log_group.llm", "aws_cloudwatch_log_group", values)],
        {"aws_cloudwatch_log_group.llm": f"{LOGS}/aws/sagemaker/Endpoints/llm"},
        {},
    )


# -- IAM, OpenSearch, VPC endpoints -----------------------------------------------------------------


@scenario
def iam_role_and_policy(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    iam = moto.client("iam")
    trust = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
    }
    wildcard = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sagemaker:*", "Resource": "*"}],
    }
    passrole = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}],
    }
    role = iam.create_role(RoleName="ml-exec", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
    iam.put_role_policy(RoleName="ml-exec", PolicyName="sm", PolicyDocument=json.dumps(wildcard))
    policy = iam.create_policy(PolicyName="pass", PolicyDocument=json.dumps(passrole))["Policy"]
    iam.attach_role_policy(RoleName="ml-exec", PolicyArn=policy["Arn"])
    return (
        [
            R(
                "aws_iam_role.exec",
                "aws_iam_role",
                {
                    "name": "ml-exec",
                    "assume_role_policy": json.dumps(trust),
                    "inline_policy": [{"name": "sm", "policy": json.dumps(wildcard)}],
                    "managed_policy_arns": [policy["Arn"]],
                    "tags": {},
                    "tags_all": {},
                },
                {"managed_policy_arns": "aws_iam_policy.pass"},
            ),
            R(
                "aws_iam_policy.pass",
                "aws_iam_policy",
                {"name": "pass", "policy": json.dumps(passrole), "tags": {}, "tags_all": {}},
            ),
        ],
        {"aws_iam_role.exec": role["Arn"], "aws_iam_policy.pass": policy["Arn"]},
        {},
    )


@scenario
def opensearch_domain(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    access = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "*"}],
        }
    )
    domain = moto.client("opensearch").create_domain(
        DomainName="rag-vectors",
        EngineVersion="OpenSearch_2.13",
        AccessPolicies=access,
        DomainEndpointOptions={"EnforceHTTPS": False, "TLSSecurityPolicy": "Policy-Min-TLS-1-0-2019-07"},
    )["DomainStatus"]
    values = {
        "domain_name": "rag-vectors",
        "access_policies": domain.get("AccessPolicies"),
        "encrypt_at_rest": [{"enabled": False}],
        "node_to_node_encryption": [{"enabled": False}],
        "domain_endpoint_options": [
            {"enforce_https": False, "tls_security_policy": "Policy-Min-TLS-1-0-2019-07"}
        ],
        "vpc_options": [],
        "advanced_security_options": [{"enabled": False}],
    }
    return (
        [R("aws_opensearch_domain.rag", "aws_opensearch_domain", values)],
        {"aws_opensearch_domain.rag": domain["ARN"]},
        {},
    )


@scenario
def bedrock_runtime_endpoint(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    ec2 = moto.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    endpoint = ec2.create_vpc_endpoint(
        VpcId=vpc,
        ServiceName=f"com.amazonaws.{REGION}.bedrock-runtime",
        VpcEndpointType="Interface",
        PrivateDnsEnabled=False,
    )["VpcEndpoint"]
    values = {
        "vpc_id": vpc,
        "service_name": f"com.amazonaws.{REGION}.bedrock-runtime",
        "vpc_endpoint_type": "Interface",
        "private_dns_enabled": False,
        "tags": {},
        "tags_all": {},
    }
    return (
        [R("aws_vpc_endpoint.bedrock", "aws_vpc_endpoint", values)],
        {"aws_vpc_endpoint.bedrock": f"{EC2}vpc-endpoint/{endpoint['VpcEndpointId']}"},
        {},
    )


# -- Bedrock -------------------------------------------------------------------------------------


@scenario
def bedrock_logging_and_agent(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    logs = moto.client("logs")
    logs.create_log_group(logGroupName="/aws/bedrock/invocations")
    logs.put_retention_policy(logGroupName="/aws/bedrock/invocations", retentionInDays=400)
    moto.client("bedrock").put_model_invocation_logging_configuration(
        loggingConfig={
            "cloudWatchConfig": {"logGroupName": "/aws/bedrock/invocations", "roleArn": ROLE},
            "textDataDeliveryEnabled": True,
        }
    )
    agent = moto.client("bedrock-agent").create_agent(
        agentName="support",
        agentResourceRoleArn=ROLE,
        foundationModel="anthropic.claude-3-5-sonnet-20240620-v1:0",
        tags=TAGS,
    )["agent"]
    g = "aws_cloudwatch_log_group.bedrock"
    logging_id = f"arn:aws:bedrock:{REGION}:{ACCOUNT}:aws_bedrock_model_invocation_logging_configuration"
    return (
        [
            R(
                g,
                "aws_cloudwatch_log_group",
                {
                    "name": "/aws/bedrock/invocations",
                    "kms_key_id": None,
                    "retention_in_days": 400,
                    "tags": {},
                    "tags_all": {},
                },
            ),
            R(
                "aws_bedrock_model_invocation_logging_configuration.this",
                "aws_bedrock_model_invocation_logging_configuration",
                {
                    "logging_config": {
                        "text_data_delivery_enabled": True,
                        "image_data_delivery_enabled": False,
                        "embedding_data_delivery_enabled": False,
                        "video_data_delivery_enabled": False,
                        "cloudwatch_config": {"log_group_name": "/aws/bedrock/invocations", "role_arn": ROLE},
                        "s3_config": None,
                    }
                },
                {"logging_config": g},
            ),
            R(
                "aws_bedrockagent_agent.support",
                "aws_bedrockagent_agent",
                {
                    "agent_name": "support",
                    "agent_resource_role_arn": ROLE,
                    "foundation_model": "anthropic.claude-3-5-sonnet-20240620-v1:0",
                    "customer_encryption_key_arn": None,
                    "guardrail_configuration": [],
                    "tags": TAGS,
                    "tags_all": TAGS,
                },
            ),
        ],
        {
            g: f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/bedrock/invocations",
            "aws_bedrock_model_invocation_logging_configuration.this": logging_id,
            "aws_bedrockagent_agent.support": agent["agentArn"],
        },
        {},
    )


@scenario
def bedrock_guardrail_stubbed(moto: Moto) -> tuple[list[R], dict[str, str], dict[str, Any]]:
    """Guardrails: moto has no ListGuardrails/GetGuardrail; Stubber serves them (and their tags)."""
    arn = f"arn:aws:bedrock:{REGION}:{ACCOUNT}:guardrail/gr4ilz0abcde"
    stubs = {
        ("bedrock", "list_guardrails"): [
            {
                "guardrails": [
                    {
                        "id": "gr4ilz0abcde",
                        "arn": arn,
                        "status": "READY",
                        "name": "support",
                        "version": "DRAFT",
                        "createdAt": "2026-11-01T00:00:00Z",
                        "updatedAt": "2026-11-01T00:00:00Z",
                    }
                ]
            }
        ],
        ("bedrock", "get_guardrail"): [
            {
                "name": "support",
                "guardrailId": "gr4ilz0abcde",
                "guardrailArn": arn,
                "version": "DRAFT",
                "status": "READY",
                "contentPolicy": {
                    "filters": [{"type": "HATE", "inputStrength": "HIGH", "outputStrength": "HIGH"}]
                },
                "sensitiveInformationPolicy": {
                    "piiEntities": [{"type": "EMAIL", "action": "ANONYMIZE"}],
                    "regexes": [],
                },
                "createdAt": "2026-11-01T00:00:00Z",
                "updatedAt": "2026-11-01T00:00:00Z",
                "blockedInputMessaging": "Sorry.",
                "blockedOutputsMessaging": "Sorry.",
            }
        ],
        ("bedrock", "list_tags_for_resource"): [{"tags": [{"key": "team", "value": "ml-platform"}]}],
    }
    values = {
        "name": "support",
        "kms_key_arn": None,
        "content_policy_config": [
            {"filters_config": [{"type": "HATE", "input_strength": "HIGH", "output_strength": "HIGH"}]}
        ],
        "contextual_grounding_policy_config": [],
        "sensitive_information_policy_config": [
            {"pii_entities_config": [{"type": "EMAIL", "action": "ANONYMIZE"}], "regexes_config": []}
        ],
        "tags": TAGS,
        "tags_all": TAGS,
    }
    return (
        [R("aws_bedrock_guardrail.support", "aws_bedrock_guardrail", values)],
        {"aws_bedrock_guardrail.support": arn},
        {"stubs": stubs, "max_workers": 1},
    )


# -- the test ------------------------------------------------------------------------------------


def findings(scanner: Scanner, view: ResourceView, ids: dict[str, str]) -> set[tuple[str, str, str, str]]:
    result = scanner.evaluate([view], [view.root], view.source_kind)
    assert not [e for e in result.errors if e.severity == "error"], result.errors
    return {
        (f.rule_id, ids.get(f.resource_id, f.resource_id), f.attribute or "", f.message)
        for f in result.findings
    }


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_live_and_plan_give_the_same_findings(
    name: str, moto: Moto, scanner: Scanner, tmp_path: Path
) -> None:
    resources, ids, options = SCENARIOS[name](moto)
    live_views = moto.collector(regions=[REGION], **options).collect()
    assert len(live_views) == 1
    live = live_views[0]
    assert not live.errors, [e.message for e in live.errors]
    validate_document(live.to_document())
    for rid in ids.values():
        assert rid in live.resources, f"{rid} not collected; have {sorted(live.resources)}"
    from aipolicy.collectors.terraform.plan import PlanCollector

    plan = PlanCollector(write_plan(tmp_path / f"{name}.plan.json", resources)).collect()
    expected = findings(scanner, plan, ids)
    got = findings(scanner, live, {})
    assert got == expected, {"only_live": sorted(got - expected), "only_plan": sorted(expected - got)}
    if "insecure" in name or name in {
        "model",
        "domain",
        "ecr_repository",
        "eks_cluster",
        "kms_key",
        "iam_role_and_policy",
    }:
        assert expected, "an insecure scenario must produce findings, or the comparison proves nothing"
