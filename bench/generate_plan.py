"""Generate a realistic `terraform show -json` plan of an AI-hosting AWS estate, for benchmarks.

The plan has format_version 1.2 and the three parts aipolicy reads: planned_values (root module
resources plus child_modules), resource_changes (change.actions / after / after_unknown) and
configuration (resource expressions with `references`, module_calls with their own modules,
variables and outputs). Values follow the Terraform AWS provider's schemas: unset optional
arguments are null, computed attributes of resources being created are unknown (omitted from
`after`, true in `after_unknown`), and so is every argument that references one of them.

Resources come in "stacks" whose dependencies always point backwards, so cutting the last stack
short to hit exactly --resources never leaves a dangling reference:

* root stacks: aws_s3_bucket.models_3 with separate aws_s3_bucket_versioning / _server_side_
  encryption_configuration / _public_access_block resources referencing it, KMS key, IAM role
  and policy, SageMaker notebook, model and endpoint configuration, ECR repository, EKS cluster,
  CloudWatch log group and a Bedrock invocation logging configuration;
* for_each stacks: aws_s3_bucket.data["k0"] ... with per-key companions (each.key references);
* module stacks: module.ml_team_N (kms key with count: aws_kms_key.this[0], a nested
  module.ml_team_N.module.registry for ECR, a variable fed from the root's shared KMS key and an
  output read by a root IAM policy).

About half of the stacks are secure and half insecure (each insecure stack gets a random subset of
misconfigurations), some resources already exist (no-op / update, every value known) and the rest
are being created. Output is deterministic for a given --seed and --resources.

    python bench/generate_plan.py --resources 10000 --seed 7 --output /tmp/plan-10k.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ACCOUNT = "123456789012"
REGION = "us-east-1"
PROVIDER = "registry.terraform.io/hashicorp/aws"
TERRAFORM_VERSION = "1.9.8"

# Single nested blocks (objects in plan JSON and in configuration expressions); every other
# object-valued attribute is a map (tags, environment) and is a constant_value in expressions.
SINGLE_BLOCKS = {"logging_config", "cloudwatch_config", "s3_config", "large_data_delivery_s3_config"}


class U:
    """An unknown value while the resource is being created; `known` is its value once it exists."""

    __slots__ = ("known",)

    def __init__(self, known: Any):
        self.known = known


@dataclass
class Res:
    """One resource instance: its (possibly unknown) values and its configuration expressions."""

    type: str
    name: str
    values: dict[str, Any]
    refs: dict[str, list[str]] = field(default_factory=dict)  # dotted expression path -> references
    index: int | str | None = None
    count: str | None = None  # count expression references, when the resource uses count
    for_each: str | None = None  # for_each expression reference, when the resource uses for_each


def arn(service: str, resource: str, region: str = REGION) -> str:
    return f"arn:aws:{service}:{region}:{ACCOUNT}:{resource}"


def ref(address: str, attribute: str) -> list[str]:
    """References as Terraform lists them for `address.attribute` (instance keys also listed bare)."""
    out = [f"{address}.{attribute}", address]
    if address.endswith("]"):
        out.append(address[: address.rindex("[")])
    return out


def tags(rng: random.Random, team: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    data = {
        "team": team,
        "environment": rng.choice(["dev", "staging", "prod"]),
        "cost-center": f"ml-{rng.randint(100, 999)}",
        "managed-by": "terraform",
    }
    data.update(extra or {})
    return data


def policy_json(statements: list[dict[str, Any]]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, separators=(",", ":"))


ASSUME_SAGEMAKER = policy_json(
    [{"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}]
)


class Stack:
    """Builds the resources of one stack, deciding per check whether it is configured securely."""

    def __init__(self, rng: random.Random, secure: bool, team: str, slug: str, prefix: str = ""):
        self.rng = rng
        self.secure = secure
        self.team = team
        self.slug = slug
        self.prefix = prefix  # "module.ml_team_3." for references written inside a module: empty
        self.out: list[Res] = []
        self.bucket_names: dict[str, str] = {}  # bucket address -> bucket name

    def ok(self, probability_bad: float = 0.5) -> bool:
        """Whether one setting is secure: always in secure stacks, at random in insecure ones."""
        return self.secure or self.rng.random() >= probability_bad

    def add(self, res: Res) -> Res:
        self.out.append(res)
        return res

    # -- KMS, logs, S3 -------------------------------------------------------------------

    def kms_key(self, name: str, index: int | None = None, count: str | None = None) -> str:
        address = f"aws_kms_key.{name}" + (f"[{index}]" if index is not None else "")
        key_id = f"{self.rng.getrandbits(128):032x}"
        key_id = f"{key_id[:8]}-{key_id[8:12]}-{key_id[12:16]}-{key_id[16:20]}-{key_id[20:]}"
        self.add(
            Res(
                "aws_kms_key",
                name,
                {
                    "arn": U(arn("kms", f"key/{key_id}")),
                    "bypass_policy_lockout_safety_check": False,
                    "custom_key_store_id": None,
                    "customer_master_key_spec": "SYMMETRIC_DEFAULT",
                    "deletion_window_in_days": 30,
                    "description": f"{self.team} {self.slug} ML data key",
                    "enable_key_rotation": self.ok(),
                    "id": U(key_id),
                    "is_enabled": True,
                    "key_id": U(key_id),
                    "key_usage": "ENCRYPT_DECRYPT",
                    "multi_region": U(False),
                    "policy": U(policy_json([{"Sid": "Root", "Effect": "Allow", "Action": "kms:*"}])),
                    "rotation_period_in_days": U(365),
                    "tags": tags(self.rng, self.team),
                    "tags_all": U({}),
                    "timeouts": None,
                    "xks_key_id": None,
                },
                index=index,
                count=count,
            )
        )
        return address

    def log_group(self, name: str, kms: list[str] | None) -> str:
        group = f"/aws/sagemaker/{self.team}/{self.slug}"
        self.add(
            Res(
                "aws_cloudwatch_log_group",
                name,
                {
                    "arn": U(arn("logs", f"log-group:{group}")),
                    "id": U(group),
                    "kms_key_id": U(arn("kms", "key/shared")) if kms else None,
                    "log_group_class": "STANDARD",
                    "name": group,
                    "name_prefix": U(""),
                    "retention_in_days": self.rng.choice([30, 90, 365]),
                    "skip_destroy": False,
                    "tags": tags(self.rng, self.team),
                    "tags_all": U({}),
                },
                refs={"kms_key_id": kms} if kms else {},
            )
        )
        return f"aws_cloudwatch_log_group.{name}"

    def bucket(self, name: str, purpose: str, key: str | None = None, for_each: str | None = None) -> str:
        bucket_name = f"{self.team}-{purpose}-{self.slug}" + (f"-{key}" if key else "")
        address = f"aws_s3_bucket.{name}" + (f'["{key}"]' if key is not None else "")
        self.bucket_names[address] = bucket_name
        self.add(
            Res(
                "aws_s3_bucket",
                name,
                {
                    "acceleration_status": U(""),
                    "acl": U(None),
                    "arn": U(f"arn:aws:s3:::{bucket_name}"),
                    "bucket": bucket_name,
                    "bucket_domain_name": U(f"{bucket_name}.s3.amazonaws.com"),
                    "bucket_prefix": U(""),
                    "bucket_regional_domain_name": U(f"{bucket_name}.s3.{REGION}.amazonaws.com"),
                    "cors_rule": U([]),
                    "force_destroy": False,
                    "grant": U([]),
                    "hosted_zone_id": U("Z3AQBSTGFYJSTF"),
                    "id": U(bucket_name),
                    "lifecycle_rule": U([]),
                    "logging": U([]),
                    "object_lock_configuration": U([]),
                    "object_lock_enabled": U(False),
                    "policy": U(""),
                    "region": U(REGION),
                    "replication_configuration": U([]),
                    "request_payer": U("BucketOwner"),
                    "server_side_encryption_configuration": U(
                        [
                            {
                                "rule": [
                                    {
                                        "apply_server_side_encryption_by_default": [
                                            {"kms_master_key_id": "", "sse_algorithm": "AES256"}
                                        ],
                                        "bucket_key_enabled": False,
                                    }
                                ]
                            }
                        ]
                    ),
                    "tags": tags(self.rng, self.team, {"data-classification": purpose}),
                    "tags_all": U({}),
                    "timeouts": None,
                    "versioning": U([{"enabled": False, "mfa_delete": False}]),
                    "website": U([]),
                    "website_domain": U(None),
                    "website_endpoint": U(None),
                },
                index=key,
                for_each=for_each,
            )
        )
        return address

    def bucket_companions(self, name: str, bucket: str, kms: list[str] | None, each: bool = False) -> None:
        """Separate versioning / encryption / public access block resources for one bucket."""
        key = bucket[bucket.index("[") + 2 : -2] if each else None
        bucket_refs = [bucket[: bucket.index("[")], "each.key"] if each else ref(bucket, "id")
        for_each = bucket[: bucket.index("[")] if each else None
        bucket_id = self.bucket_names[bucket]
        if self.ok(0.3):
            self.add(
                Res(
                    "aws_s3_bucket_versioning",
                    name,
                    {
                        "bucket": U(bucket_id),
                        "expected_bucket_owner": None,
                        "id": U(bucket_id),
                        "mfa": None,
                        "versioning_configuration": [
                            {"mfa_delete": U("Disabled"), "status": "Enabled" if self.ok() else "Suspended"}
                        ],
                    },
                    refs={"bucket": bucket_refs},
                    index=key,
                    for_each=for_each,
                )
            )
        if self.ok(0.3):
            kms_ok = self.ok() and kms is not None
            self.add(
                Res(
                    "aws_s3_bucket_server_side_encryption_configuration",
                    name,
                    {
                        "bucket": U(bucket_id),
                        "expected_bucket_owner": None,
                        "id": U(bucket_id),
                        "rule": [
                            {
                                "apply_server_side_encryption_by_default": [
                                    {
                                        "kms_master_key_id": U(arn("kms", "key/x")) if kms_ok else None,
                                        "sse_algorithm": "aws:kms" if kms_ok else "AES256",
                                    }
                                ],
                                "bucket_key_enabled": True if kms_ok else None,
                            }
                        ],
                    },
                    refs={"bucket": bucket_refs}
                    | (
                        {"rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id": kms}
                        if kms_ok and kms
                        else {}
                    ),
                    index=key,
                    for_each=for_each,
                )
            )
        if self.ok(0.3):
            flags = {
                flag: self.ok(0.25)
                for flag in (
                    "block_public_acls",
                    "block_public_policy",
                    "ignore_public_acls",
                    "restrict_public_buckets",
                )
            }
            self.add(
                Res(
                    "aws_s3_bucket_public_access_block",
                    name,
                    {"bucket": U(bucket_id), "id": U(bucket_id), **flags},
                    refs={"bucket": bucket_refs},
                    index=key,
                    for_each=for_each,
                )
            )

    # -- IAM -------------------------------------------------------------------------------

    def role(self, name: str) -> str:
        role_name = f"{self.team}-{self.slug}-{name}"
        inline: Any = U([])
        if self.rng.random() < 0.3:
            actions = ["sagemaker:*"] if not self.ok(0.5) else ["sagemaker:DescribeEndpoint"]
            inline = [
                {
                    "name": "inline",
                    "policy": policy_json([{"Effect": "Allow", "Action": actions, "Resource": "*"}]),
                }
            ]
        self.add(
            Res(
                "aws_iam_role",
                name,
                {
                    "arn": U(f"arn:aws:iam::{ACCOUNT}:role/{role_name}"),
                    "assume_role_policy": ASSUME_SAGEMAKER,
                    "create_date": U("2026-01-01T00:00:00Z"),
                    "description": f"Execution role for {self.team} {self.slug}",
                    "force_detach_policies": False,
                    "id": U(role_name),
                    "inline_policy": inline,
                    "managed_policy_arns": U([]),
                    "max_session_duration": 3600,
                    "name": role_name,
                    "name_prefix": U(""),
                    "path": "/",
                    "permissions_boundary": None,
                    "tags": tags(self.rng, self.team),
                    "tags_all": U({}),
                    "unique_id": U(f"AROA{self.rng.getrandbits(64):016X}"),
                },
            )
        )
        return f"aws_iam_role.{name}"

    def iam_policy(self, name: str, bucket: list[str] | None, bucket_arn: str) -> None:
        policy_name = f"{self.team}-{self.slug}-{name}"
        if self.ok():
            statements = [
                {
                    "Sid": "InvokeTeamEndpoints",
                    "Effect": "Allow",
                    "Action": ["sagemaker:InvokeEndpoint", "sagemaker:DescribeEndpoint"],
                    "Resource": arn("sagemaker", f"endpoint/{self.team}-*"),
                },
                {
                    "Sid": "ModelArtefacts",
                    "Effect": "Allow",
                    "Action": ["s3:GetObject", "s3:PutObject"],
                    "Resource": [f"{bucket_arn}/*"],
                },
            ]
        else:
            wildcard = self.rng.choice(["*", "sagemaker:*", "bedrock:*"])
            statements = [{"Sid": "Everything", "Effect": "Allow", "Action": wildcard, "Resource": "*"}]
        document = policy_json(statements)
        # A policy built with jsonencode() around a bucket's arn is unknown until the bucket exists.
        self.add(
            Res(
                "aws_iam_policy",
                name,
                {
                    "arn": U(f"arn:aws:iam::{ACCOUNT}:policy/{policy_name}"),
                    "attachment_count": U(1),
                    "description": f"Access for {self.team} {self.slug}",
                    "id": U(f"arn:aws:iam::{ACCOUNT}:policy/{policy_name}"),
                    "name": policy_name,
                    "name_prefix": U(""),
                    "path": "/",
                    "policy": U(document) if bucket else document,
                    "policy_id": U(f"ANPA{self.rng.getrandbits(64):016X}"),
                    "tags": tags(self.rng, self.team),
                    "tags_all": U({}),
                },
                refs={"policy": bucket} if bucket else {},
            )
        )

    # -- SageMaker ---------------------------------------------------------------------------

    def notebook(self, name: str, role: str, kms: list[str] | None) -> None:
        kms_ok = self.ok() and kms is not None
        self.add(
            Res(
                "aws_sagemaker_notebook_instance",
                name,
                {
                    "accelerator_types": None,
                    "additional_code_repositories": None,
                    "arn": U(arn("sagemaker", f"notebook-instance/{self.team}-{self.slug}-{name}")),
                    "default_code_repository": None,
                    "direct_internet_access": "Disabled" if self.ok() else "Enabled",
                    "id": U(f"{self.team}-{self.slug}-{name}"),
                    "instance_metadata_service_configuration": [
                        {"minimum_instance_metadata_service_version": "2"}
                    ],
                    "instance_type": self.rng.choice(
                        ["ml.t3.medium", "ml.t3.large", "ml.m5.xlarge", "ml.g5.xlarge"]
                    ),
                    "kms_key_id": U(arn("kms", "key/x")) if kms_ok else None,
                    "lifecycle_config_name": None,
                    "name": f"{self.team}-{self.slug}-{name}",
                    "network_interface_id": U("eni-0123456789abcdef0"),
                    "platform_identifier": "notebook-al2-v3",
                    "role_arn": U(f"arn:aws:iam::{ACCOUNT}:role/{self.team}"),
                    "root_access": "Disabled" if self.ok() else "Enabled",
                    "security_groups": ["sg-0a1b2c3d4e5f60718"],
                    "subnet_id": "subnet-0f1e2d3c4b5a69788",
                    "tags": tags(self.rng, self.team),
                    "tags_all": U({}),
                    "url": U(f"{self.team}.notebook.{REGION}.sagemaker.aws"),
                    "volume_size": self.rng.choice([5, 20, 50]),
                },
                refs={"role_arn": ref(role, "arn")} | ({"kms_key_id": kms} if kms_ok and kms else {}),
            )
        )

    def model(self, name: str, role: str, repository_url: list[str], bucket: str) -> str:
        model_name = f"{self.team}-{self.slug}-{name}"
        self.add(
            Res(
                "aws_sagemaker_model",
                name,
                {
                    "arn": U(arn("sagemaker", f"model/{model_name}")),
                    "container": [],
                    "enable_network_isolation": self.ok(),
                    "execution_role_arn": U(f"arn:aws:iam::{ACCOUNT}:role/{self.team}"),
                    "id": U(model_name),
                    "inference_execution_config": U([]),
                    "name": model_name,
                    "primary_container": [
                        {
                            "additional_model_data_source": [],
                            "container_hostname": None,
                            "environment": {"SAGEMAKER_PROGRAM": "inference.py", "MODEL_SERVER_WORKERS": "2"},
                            "image": U(f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/{self.team}:latest"),
                            "image_config": [],
                            "inference_specification_name": None,
                            "mode": "SingleModel",
                            "model_data_source": [],
                            "model_data_url": U(f"s3://{self.team}-models/{self.slug}/model.tar.gz"),
                            "model_package_name": None,
                            "multi_model_config": [],
                        }
                    ],
                    "tags": tags(self.rng, self.team),
                    "tags_all": U({}),
                    "vpc_config": [
                        {
                            "security_group_ids": ["sg-0a1b2c3d4e5f60718"],
                            "subnets": ["subnet-0f1e2d3c4b5a69788"],
                        }
                    ],
                },
                refs={
                    "execution_role_arn": ref(role, "arn"),
                    "primary_container.0.image": repository_url,
                    "primary_container.0.model_data_url": ref(bucket, "bucket"),
                },
            )
        )
        return f"aws_sagemaker_model.{name}"

    def endpoint_config(self, name: str, model: str, kms: list[str] | None, capture_bucket: str) -> None:
        kms_ok = self.ok() and kms is not None
        capture = self.ok()
        instance_type = self.rng.choice(
            ["ml.m5.xlarge", "ml.c5.2xlarge", "ml.g5.2xlarge", "ml.inf2.xlarge", "ml.m6i.large"]
        )
        data_capture: list[dict[str, Any]] = []
        if capture or self.rng.random() < 0.5:
            data_capture = [
                {
                    "capture_content_type_header": [],
                    "capture_options": [{"capture_mode": "Input"}, {"capture_mode": "Output"}],
                    "destination_s3_uri": U(f"s3://{self.team}-capture/{self.slug}"),
                    "enable_capture": capture,
                    "initial_sampling_percentage": self.rng.choice([10, 50, 100]),
                    "kms_key_id": None,
                }
            ]
        refs: dict[str, list[str]] = {"production_variants.0.model_name": ref(model, "name")}
        if data_capture:
            refs["data_capture_config.0.destination_s3_uri"] = ref(capture_bucket, "bucket")
        if kms_ok and kms:
            refs["kms_key_arn"] = kms
        self.add(
            Res(
                "aws_sagemaker_endpoint_configuration",
                name,
                {
                    "arn": U(arn("sagemaker", f"endpoint-config/{self.team}-{self.slug}-{name}")),
                    "async_inference_config": [],
                    "data_capture_config": data_capture,
                    "execution_role_arn": None,
                    "id": U(f"{self.team}-{self.slug}-{name}"),
                    "kms_key_arn": U(arn("kms", "key/x")) if kms_ok else None,
                    "name": f"{self.team}-{self.slug}-{name}",
                    "name_prefix": U(""),
                    "production_variants": [
                        {
                            "accelerator_type": None,
                            "container_startup_health_check_timeout_in_seconds": None,
                            "core_dump_config": [],
                            "enable_ssm_access": None,
                            "inference_ami_version": None,
                            "initial_instance_count": self.rng.choice([1, 2, 4]),
                            "initial_variant_weight": 1,
                            "instance_type": instance_type,
                            "managed_instance_scaling": [],
                            "model_data_download_timeout_in_seconds": None,
                            "model_name": U(f"{self.team}-{self.slug}-model"),
                            "routing_config": U([]),
                            "serverless_config": [],
                            "variant_name": "AllTraffic",
                            "volume_size_in_gb": U(30),
                        }
                    ],
                    "shadow_production_variants": [],
                    "tags": tags(self.rng, self.team),
                    "tags_all": U({}),
                },
                refs=refs,
            )
        )

    # -- containers, Kubernetes, Bedrock -------------------------------------------------------

    def ecr(self, name: str, kms: list[str] | None) -> list[str]:
        repo = f"{self.team}/{self.slug}-{name}"
        kms_used = kms is not None and self.ok()
        self.add(
            Res(
                "aws_ecr_repository",
                name,
                {
                    "arn": U(arn("ecr", f"repository/{repo}")),
                    "encryption_configuration": [
                        {"encryption_type": "KMS", "kms_key": U(arn("kms", "key/x"))}
                        if kms_used
                        else {"encryption_type": "AES256", "kms_key": U("")}
                    ],
                    "force_delete": None,
                    "id": U(repo),
                    "image_scanning_configuration": [{"scan_on_push": self.ok()}],
                    "image_tag_mutability": "IMMUTABLE" if self.ok() else "MUTABLE",
                    "image_tag_mutability_exclusion_filter": [],
                    "name": repo,
                    "registry_id": U(ACCOUNT),
                    "repository_url": U(f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/{repo}"),
                    "tags": tags(self.rng, self.team),
                    "tags_all": U({}),
                    "timeouts": None,
                },
                refs={"encryption_configuration.0.kms_key": kms} if kms_used and kms else {},
            )
        )
        return ref(f"aws_ecr_repository.{name}", "repository_url")

    def eks(self, name: str, role: str, kms: list[str] | None) -> None:
        cluster = f"{self.team}-{self.slug}-{name}"
        public = not self.ok()
        encrypt = self.ok() and kms is not None
        cidrs: Any = ["0.0.0.0/0"] if public else (["203.0.113.0/24"] if self.rng.random() < 0.5 else U([]))
        refs: dict[str, list[str]] = {"role_arn": ref(role, "arn")}
        if encrypt and kms:
            refs["encryption_config.0.provider.0.key_arn"] = kms
        self.add(
            Res(
                "aws_eks_cluster",
                name,
                {
                    "access_config": [
                        {"authentication_mode": "API", "bootstrap_cluster_creator_admin_permissions": False}
                    ],
                    "arn": U(arn("eks", f"cluster/{cluster}")),
                    "bootstrap_self_managed_addons": True,
                    "certificate_authority": U([{"data": "LS0tLS1CRUdJTi..."}]),
                    "cluster_id": U(None),
                    "compute_config": [],
                    "created_at": U("2026-01-01T00:00:00Z"),
                    "enabled_cluster_log_types": ["api", "audit", "authenticator"],
                    "encryption_config": (
                        [{"provider": [{"key_arn": U(arn("kms", "key/x"))}], "resources": ["secrets"]}]
                        if encrypt
                        else []
                    ),
                    "endpoint": U(f"https://{cluster}.gr7.{REGION}.eks.amazonaws.com"),
                    "id": U(cluster),
                    "identity": U([{"oidc": [{"issuer": f"https://oidc.eks.{REGION}.amazonaws.com/id/X"}]}]),
                    "kubernetes_network_config": U(
                        [{"ip_family": "ipv4", "service_ipv4_cidr": "172.20.0.0/16"}]
                    ),
                    "name": cluster,
                    "outpost_config": [],
                    "platform_version": U("eks.5"),
                    "remote_network_config": [],
                    "role_arn": U(f"arn:aws:iam::{ACCOUNT}:role/{cluster}"),
                    "status": U("ACTIVE"),
                    "storage_config": [],
                    "tags": tags(self.rng, self.team),
                    "tags_all": U({}),
                    "timeouts": None,
                    "upgrade_policy": U([{"support_type": "STANDARD"}]),
                    "version": self.rng.choice(["1.33", "1.34", "1.35"]) if self.ok() else "1.29",
                    "vpc_config": [
                        {
                            "cluster_security_group_id": U("sg-0cluster"),
                            "endpoint_private_access": True,
                            "endpoint_public_access": public or self.rng.random() < 0.3,
                            "public_access_cidrs": cidrs,
                            "security_group_ids": ["sg-0a1b2c3d4e5f60718"],
                            "subnet_ids": ["subnet-0f1e2d3c4b5a69788", "subnet-0a9b8c7d6e5f43210"],
                            "vpc_id": U("vpc-0123456789abcdef0"),
                        }
                    ],
                    "zonal_shift_config": [],
                },
                refs=refs,
            )
        )

    def bedrock_logging(self, name: str, log_group: str, role: str, bucket: str) -> None:
        destination = self.ok()
        config: dict[str, Any] = {
            "embedding_data_delivery_enabled": True,
            "image_data_delivery_enabled": True,
            "text_data_delivery_enabled": self.ok(),
            "video_data_delivery_enabled": True,
            "cloudwatch_config": None,
            "s3_config": None,
        }
        refs: dict[str, list[str]] = {}
        if destination:
            config["cloudwatch_config"] = {
                "large_data_delivery_s3_config": None,
                "log_group_name": f"/aws/sagemaker/{self.team}/{self.slug}",
                "role_arn": U(f"arn:aws:iam::{ACCOUNT}:role/bedrock-logging"),
            }
            config["s3_config"] = {"bucket_name": U(f"{self.team}-logs"), "key_prefix": "bedrock"}
            refs = {
                "logging_config.cloudwatch_config.log_group_name": ref(log_group, "name"),
                "logging_config.cloudwatch_config.role_arn": ref(role, "arn"),
                "logging_config.s3_config.bucket_name": ref(bucket, "id"),
            }
        self.add(
            Res(
                "aws_bedrock_model_invocation_logging_configuration",
                name,
                {"id": U(REGION), "logging_config": config},
                refs=refs,
            )
        )


# -- stack layouts -------------------------------------------------------------------------


def root_stack(rng: random.Random, i: int, secure: bool) -> list[Res]:
    s = Stack(rng, secure, team=f"team-{i % 40}", slug=f"s{i}")
    kms = ref(s.kms_key(f"ml_{i}"), "arn") if rng.random() < 0.8 else None
    logs = s.log_group(f"sagemaker_{i}", kms)
    models = s.bucket(f"models_{i}", "models")
    s.bucket_companions(f"models_{i}", models, kms)
    capture = s.bucket(f"capture_{i}", "capture")
    s.bucket_companions(f"capture_{i}", capture, kms)
    role = s.role(f"sagemaker_{i}")
    s.iam_policy(
        f"sagemaker_{i}",
        ref(models, "arn") if rng.random() < 0.4 else None,
        f"arn:aws:s3:::{s.bucket_names[models]}",
    )
    s.notebook(f"research_{i}", role, kms)
    repo = s.ecr(f"inference_{i}", kms)
    model = s.model(f"model_{i}", role, repo, models)
    s.endpoint_config(f"serving_{i}", model, kms, capture)
    if rng.random() < 0.3:
        s.eks(f"training_{i}", role, kms)
    if rng.random() < 0.2:
        s.bedrock_logging(f"bedrock_{i}", logs, role, capture)
    return s.out


def for_each_stack(rng: random.Random, i: int, secure: bool) -> list[Res]:
    s = Stack(rng, secure, team=f"team-{i % 40}", slug=f"d{i}")
    name = "data" if i == 0 else f"data_{i}"
    for k in range(rng.randint(2, 6)):
        bucket = s.bucket(name, "datasets", key=f"k{k}", for_each=f"var.{name}_buckets")
        s.bucket_companions(name, bucket, None, each=True)
    return s.out


@dataclass
class ModuleStack:
    call: str
    resources: list[Res]
    nested: dict[str, list[Res]]
    root_after: list[Res]


def module_stack(rng: random.Random, n: int, secure: bool) -> ModuleStack:
    team = f"team-{n}"
    s = Stack(rng, secure, team=team, slug="platform")
    use_kms = rng.random() < 0.85
    kms_address = s.kms_key("this", index=0, count="var.create_kms_key") if use_kms else None
    kms = ref(kms_address, "arn") if kms_address else None
    # The log group's key comes from the root module's shared key, through var.log_kms_key_arn.
    s.log_group("this", ["var.log_kms_key_arn"])
    models = s.bucket("models", "models")
    s.bucket_companions("models", models, kms)
    artifacts = s.bucket("artifacts", "artifacts")
    s.bucket_companions("artifacts", artifacts, kms)
    role = s.role("execution")
    s.notebook("this", role, kms)
    nested = Stack(rng, secure, team=team, slug="registry")
    nested.ecr("this", ["var.kms_key_arn"] if kms else None)
    repo = ["module.registry.repository_url", "module.registry"]
    model = s.model("this", role, repo, models)
    s.endpoint_config("this", model, kms, artifacts)
    if rng.random() < 0.5:
        s.eks("this", role, kms)
    # A root policy granting access to the team's bucket, read through the module's output.
    root = Stack(rng, secure, team=team, slug=f"access{n}")
    root.iam_policy(
        f"ml_team_{n}_access",
        [f"module.ml_team_{n}.bucket_arn", f"module.ml_team_{n}"],
        f"arn:aws:s3:::{s.bucket_names[models]}",
    )
    return ModuleStack(f"ml_team_{n}", s.out, {"registry": nested.out}, root.out)


# -- plan assembly ---------------------------------------------------------------------------


def instance_address(res: Res) -> str:
    if res.index is None:
        return f"{res.type}.{res.name}"
    key = f"[{res.index}]" if isinstance(res.index, int) else f'["{res.index}"]'
    return f"{res.type}.{res.name}{key}"


def known_value(value: Any) -> Any:
    if isinstance(value, U):
        return known_value(value.known)
    if isinstance(value, dict):
        return {k: known_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [known_value(v) for v in value]
    return value


def omit_unknowns(value: Any) -> Any:
    """Terraform's omitUnknowns: unknown attributes dropped, unknown list elements null."""
    if isinstance(value, dict):
        return {k: omit_unknowns(v) for k, v in value.items() if not isinstance(v, U)}
    if isinstance(value, list):
        return [None if isinstance(v, U) else omit_unknowns(v) for v in value]
    return value


def unknown_as_bool(value: Any) -> Any:
    """Terraform's unknownAsBool: true for unknown leaves, known leaves omitted from objects."""
    if isinstance(value, U):
        return True
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            marked = unknown_as_bool(v)
            if marked is not False:
                out[k] = marked
        return out
    if isinstance(value, list):
        return [unknown_as_bool(v) for v in value]
    return False


def sensitive_as_bool(value: Any) -> Any:
    """The shape of sensitive_values when nothing is sensitive."""
    if isinstance(value, dict):
        return {k: m for k, v in value.items() if (m := sensitive_as_bool(v)) is not False}
    if isinstance(value, list):
        return [sensitive_as_bool(v) for v in value]
    return False


def expressions(values: dict[str, Any], refs: dict[str, list[str]]) -> dict[str, Any]:
    """Configuration expressions: constants for set arguments, references where refs say so."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if _configured(value):
            out[name] = _expression(name, value)
    for path, references in refs.items():
        parts = path.split(".")
        node: Any = out
        for i, part in enumerate(parts[:-1]):
            nxt_is_index = parts[i + 1].isdigit()
            if isinstance(node, list):
                node = node[int(part)]
            else:
                node = node.setdefault(part, [] if nxt_is_index else {})
            if isinstance(node, list) and nxt_is_index:
                while len(node) <= int(parts[i + 1]):
                    node.append({})
        leaf = parts[-1]
        if isinstance(node, list):
            node[int(leaf)] = {"references": references}
        else:
            node[leaf] = {"references": references}
    return out


def _expression(name: str, value: Any) -> Any:
    if isinstance(value, dict) and name in SINGLE_BLOCKS:
        return {k: _expression(k, v) for k, v in value.items() if _configured(v)}
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [{k: _expression(k, v) for k, v in b.items() if _configured(v)} for b in value]
    return {"constant_value": known_value(value)}


def _configured(value: Any) -> bool:
    """Whether an argument appears in configuration: set, known and not an absent block."""
    return value is not None and not isinstance(value, U) and value != []


class PlanBuilder:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.planned: dict[str, Any] = {"resources": []}
        self.changes: list[dict[str, Any]] = []
        self.config: dict[str, Any] = {"resources": [], "module_calls": {}, "variables": {}}
        self._config_seen: set[tuple[int, str]] = set()
        self.total = 0

    def emit(self, res: Res, module: str, planned: dict[str, Any], config: dict[str, Any]) -> None:
        local = instance_address(res)
        address = f"{module}.{local}" if module else local
        draw = self.rng.random()
        actions = ["create"] if draw < 0.8 else (["no-op"] if draw < 0.95 else ["update"])
        full = res.values if actions == ["create"] else known_value(res.values)
        after = omit_unknowns(full)
        after_unknown = unknown_as_bool(full)
        sensitive = sensitive_as_bool(after)
        common: dict[str, Any] = {"address": address}
        if module:
            common["module_address"] = module
        common |= {"mode": "managed", "type": res.type, "name": res.name}
        if res.index is not None:
            common["index"] = res.index
        common["provider_name"] = PROVIDER
        planned.setdefault("resources", []).append(
            common | {"schema_version": 0, "values": after, "sensitive_values": sensitive}
        )
        before: Any = None
        if actions == ["no-op"]:
            before = after
        elif actions == ["update"]:
            before = after | {"tags": (after.get("tags") or {}) | {"owner": "previous-team"}}
        change = {
            "actions": actions,
            "before": before,
            "after": after,
            "after_unknown": after_unknown,
            "before_sensitive": False if before is None else sensitive,
            "after_sensitive": sensitive,
        }
        self.changes.append(common | {"change": change})
        key = (id(config), f"{res.type}.{res.name}")
        if key not in self._config_seen:
            self._config_seen.add(key)
            entry: dict[str, Any] = {
                "address": f"{res.type}.{res.name}",
                "mode": "managed",
                "type": res.type,
                "name": res.name,
                "provider_config_key": "aws",
                "expressions": expressions(res.values, res.refs),
                "schema_version": 0,
            }
            if res.count:
                entry["count_expression"] = {"references": [res.count]}
            if res.for_each:
                entry["for_each_expression"] = {"references": [res.for_each]}
            config["resources"].append(entry)
        self.total += 1


def build_plan(resources: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    builder = PlanBuilder(rng)
    budget = resources

    def take(items: list[Res]) -> list[Res]:
        nonlocal budget
        kept = items[: max(budget, 0)]
        budget -= len(kept)
        return kept

    # The shared key every team module's log group is encrypted with (var.log_kms_key_arn).
    shared = Stack(rng, True, team="platform", slug="shared")
    shared.kms_key("shared")
    for res in take(shared.out):
        builder.emit(res, "", builder.planned, builder.config)
    child_modules: list[dict[str, Any]] = []
    i = 0
    while budget > 0:
        secure = rng.random() < 0.5
        draw = rng.random()
        if draw < 0.5:
            for res in take(root_stack(rng, i, secure)):
                builder.emit(res, "", builder.planned, builder.config)
        elif draw < 0.65:
            stack = for_each_stack(rng, i, secure)
            variable = f"{stack[0].name}_buckets"
            builder.config["variables"][variable] = {"description": "Dataset buckets by key"}
            for res in take(stack):
                builder.emit(res, "", builder.planned, builder.config)
        else:
            ms = module_stack(rng, i, secure)
            emit_module(builder, ms, child_modules, take)
        i += 1
    if child_modules:
        builder.planned["child_modules"] = child_modules
    return {
        "format_version": "1.2",
        "terraform_version": TERRAFORM_VERSION,
        "variables": {
            name: {"value": {f"k{k}": {} for k in range(6)}} for name in builder.config["variables"]
        },
        "planned_values": {"root_module": builder.planned},
        "resource_changes": builder.changes,
        "configuration": {
            "provider_config": {
                "aws": {
                    "name": "aws",
                    "full_name": PROVIDER,
                    "expressions": {"region": {"constant_value": REGION}},
                }
            },
            "root_module": builder.config,
        },
        "timestamp": "2026-11-26T06:00:00Z",
        "applyable": True,
        "complete": True,
        "errored": False,
    }


def emit_module(
    builder: PlanBuilder, ms: ModuleStack, child_modules: list[dict[str, Any]], take: Any
) -> None:
    address = f"module.{ms.call}"
    resources = take(ms.resources)
    if not resources:
        return
    module_config: dict[str, Any] = {
        "resources": [],
        "module_calls": {},
        "variables": {
            "team": {"description": "Team name"},
            "create_kms_key": {"default": True},
            "log_kms_key_arn": {"default": None},
        },
        "outputs": {
            "bucket_arn": {
                "expression": {"references": ["aws_s3_bucket.models.arn", "aws_s3_bucket.models"]}
            },
        },
    }
    planned: dict[str, Any] = {"resources": [], "address": address}
    for res in resources:
        builder.emit(res, address, planned, module_config)
    nested_children = []
    for call, nested in ms.nested.items():
        kept = take(nested)
        if not kept:
            continue
        nested_address = f"{address}.module.{call}"
        nested_config: dict[str, Any] = {
            "resources": [],
            "variables": {"kms_key_arn": {"default": None}},
            "outputs": {
                "repository_url": {
                    "expression": {
                        "references": ["aws_ecr_repository.this.repository_url", "aws_ecr_repository.this"]
                    }
                }
            },
        }
        nested_planned: dict[str, Any] = {"resources": [], "address": nested_address}
        for res in kept:
            builder.emit(res, nested_address, nested_planned, nested_config)
        nested_children.append(nested_planned)
        module_config["module_calls"][call] = {
            "source": f"./modules/{call}",
            "expressions": {
                "kms_key_arn": {
                    "references": ["aws_kms_key.this[0].arn", "aws_kms_key.this[0]", "aws_kms_key.this"]
                }
            },
            "module": nested_config,
        }
    if nested_children:
        planned["child_modules"] = nested_children
    child_modules.append(planned)
    builder.config["module_calls"][ms.call] = {
        "source": "./modules/ml-team",
        "expressions": {
            "team": {"constant_value": ms.call.replace("ml_", "").replace("_", "-")},
            "log_kms_key_arn": {"references": ["aws_kms_key.shared.arn", "aws_kms_key.shared"]},
        },
        "module": module_config,
    }
    for res in take(ms.root_after):
        builder.emit(res, "", builder.planned, builder.config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--resources", type=int, default=1000, help="number of resource instances (default 1000)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--output", "-o", type=Path, help="write here (default: stdout)")
    args = parser.parse_args(argv)
    if args.resources < 1:
        parser.error("--resources must be at least 1")
    plan = build_plan(args.resources, args.seed)
    text = json.dumps(plan, separators=(",", ":"))
    if args.output:
        args.output.write_text(text + "\n")
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
