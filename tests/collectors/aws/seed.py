"""One of everything the collector reads, created in moto (used by the least-privilege test and the bench)."""

from __future__ import annotations

import json
from typing import Any

ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/ml-exec"
EMBEDDING = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "sagemaker.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


def seed_everything(client: Any, region: str = "us-east-1", suffix: str = "") -> None:
    """`client(service, region)` makes a seeding client."""
    n = suffix
    sm = client("sagemaker", region)
    sm.create_notebook_instance(
        NotebookInstanceName=f"nb{n}",
        InstanceType="ml.t3.medium",
        RoleArn=ROLE,
        Tags=[{"Key": "a", "Value": "b"}],
    )
    sm.create_notebook_instance_lifecycle_config(
        NotebookInstanceLifecycleConfigName=f"lc{n}", OnStart=[{"Content": "ZWNobyBoaQ=="}]
    )
    sm.create_domain(
        DomainName=f"studio{n}",
        AuthMode="IAM",
        DefaultUserSettings={"ExecutionRole": ROLE},
        SubnetIds=["subnet-1"],
        VpcId="vpc-1",
    )
    sm.create_model(
        ModelName=f"m{n}",
        ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": "x"},
        Tags=[{"Key": "a", "Value": "b"}],
    )
    sm.create_endpoint_config(
        EndpointConfigName=f"c{n}",
        ProductionVariants=[
            {
                "VariantName": "p",
                "ModelName": f"m{n}",
                "InitialInstanceCount": 1,
                "InstanceType": "ml.m5.large",
            }
        ],
        Tags=[{"Key": "a", "Value": "b"}],
    )
    sm.create_endpoint(EndpointName=f"e{n}", EndpointConfigName=f"c{n}", Tags=[{"Key": "a", "Value": "b"}])
    job_input = {"EndpointInput": {"EndpointName": f"e{n}", "LocalPath": "/opt/ml/processing/input"}}
    output = {
        "MonitoringOutputs": [
            {"S3Output": {"S3Uri": "s3://acme/out", "LocalPath": "/opt/ml/processing/output"}}
        ]
    }
    resources = {"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 20}}
    sm.create_data_quality_job_definition(
        JobDefinitionName=f"dq{n}",
        DataQualityAppSpecification={"ImageUri": "img"},
        DataQualityJobInput=job_input,
        DataQualityJobOutputConfig=output,
        JobResources=resources,
        RoleArn=ROLE,
    )
    sm.create_model_quality_job_definition(
        JobDefinitionName=f"mq{n}",
        ModelQualityAppSpecification={"ImageUri": "img"},
        ModelQualityJobInput={**job_input, "GroundTruthS3Input": {"S3Uri": "s3://acme/gt"}},
        ModelQualityJobOutputConfig=output,
        JobResources=resources,
        RoleArn=ROLE,
    )
    sm.create_model_package_group(
        ModelPackageGroupName=f"g{n}", ModelPackageGroupDescription="docs", Tags=[{"Key": "a", "Value": "b"}]
    )
    sm.create_training_job(
        TrainingJobName=f"tj{n}",
        AlgorithmSpecification={"TrainingImage": "img", "TrainingInputMode": "File"},
        RoleArn=ROLE,
        OutputDataConfig={"S3OutputPath": "s3://acme/out"},
        ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
        StoppingCondition={"MaxRuntimeInSeconds": 60},
    )
    s3 = client("s3", region)
    bucket = f"acme-bucket{n}-{region}"
    s3.create_bucket(
        Bucket=bucket,
        **({} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}),
    )
    s3.put_bucket_policy(
        Bucket=bucket,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:*",
                        "Resource": f"arn:aws:s3:::{bucket}/*",
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    }
                ],
            }
        ),
    )
    s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": "purpose", "Value": "models"}]})
    ecr = client("ecr", region)
    ecr.create_repository(repositoryName=f"repo{n}")
    ecr.set_repository_policy(
        repositoryName=f"repo{n}",
        policyText=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"AWS": ROLE}, "Action": "ecr:BatchGetImage"}],
            }
        ),
    )
    ecr.put_lifecycle_policy(
        repositoryName=f"repo{n}",
        lifecyclePolicyText=json.dumps(
            {
                "rules": [
                    {
                        "rulePriority": 1,
                        "selection": {
                            "tagStatus": "untagged",
                            "countType": "sinceImagePushed",
                            "countUnit": "days",
                            "countNumber": 14,
                        },
                        "action": {"type": "expire"},
                    }
                ]
            }
        ),
    )
    eks = client("eks", region)
    eks.create_cluster(name=f"k{n}", roleArn=ROLE, resourcesVpcConfig={"subnetIds": ["subnet-1"]})
    eks.create_nodegroup(clusterName=f"k{n}", nodegroupName="ng", nodeRole=ROLE, subnets=["subnet-1"])
    client("kms", region).create_key(Description=f"k{n}")
    client("logs", region).create_log_group(logGroupName=f"/aipolicy/{n}")
    client("cloudtrail", region).create_trail(Name=f"trail{n}", S3BucketName=bucket)
    client("opensearch", region).create_domain(DomainName=f"search{n}")
    ec2 = client("ec2", region)
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    ec2.create_vpc_endpoint(
        VpcId=vpc, ServiceName=f"com.amazonaws.{region}.bedrock-runtime", VpcEndpointType="Interface"
    )
    bedrock = client("bedrock", region)
    bedrock.put_model_invocation_logging_configuration(
        loggingConfig={"s3Config": {"bucketName": bucket}, "textDataDeliveryEnabled": True}
    )
    bedrock.create_model_customization_job(
        jobName=f"job{n}",
        customModelName=f"cm{n}",
        roleArn=ROLE,
        baseModelIdentifier="amazon.titan-text-express-v1",
        trainingDataConfig={"s3Uri": f"s3://{bucket}/train.jsonl"},
        outputDataConfig={"s3Uri": f"s3://{bucket}/out/"},
        hyperParameters={"epochCount": "1"},
    )
    agent = client("bedrock-agent", region)
    agent.create_agent(agentName=f"a{n}", agentResourceRoleArn=ROLE)
    agent.create_knowledge_base(
        name=f"kb{n}",
        roleArn=ROLE,
        knowledgeBaseConfiguration={
            "type": "VECTOR",
            "vectorKnowledgeBaseConfiguration": {"embeddingModelArn": EMBEDDING},
        },
        storageConfiguration={
            "type": "OPENSEARCH_SERVERLESS",
            "opensearchServerlessConfiguration": {
                "collectionArn": f"arn:aws:aoss:{region}:{ACCOUNT}:collection/x",
                "vectorIndexName": "i",
                "fieldMapping": {"vectorField": "v", "textField": "t", "metadataField": "m"},
            },
        },
    )


def seed_iam(client: Any) -> None:
    iam = client("iam", "us-east-1")
    iam.create_role(RoleName="ml-exec", AssumeRolePolicyDocument=TRUST)
    iam.put_role_policy(
        RoleName="ml-exec",
        PolicyName="inline",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
            }
        ),
    )
    policy = iam.create_policy(
        PolicyName="p",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "sagemaker:Describe*", "Resource": "*"}],
            }
        ),
    )
    iam.attach_role_policy(RoleName="ml-exec", PolicyArn=policy["Policy"]["Arn"])
    iam.create_user(UserName="u")
    iam.put_user_policy(
        UserName="u",
        PolicyName="up",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"}],
            }
        ),
    )
