"""Generate a realistic Terraform repository (.tf files) of an AI-hosting AWS estate, for benchmarks.

The repository is one root module plus three local modules, written the way real repositories are:

* root: providers.tf (required_providers), variables.tf (typed variables with defaults, a for_each
  map among them), locals.tf (name prefix, common tags), terraform.tfvars (overriding some
  defaults, the data set map included), outputs.tf, and stack files stack_0001.tf ... each holding
  one or more stacks;
* modules/ml_bucket: a bucket with separate versioning / server-side encryption / public access
  block resources, an optional KMS key (`count = var.create_kms_key ? 1 : 0`) and a bucket policy
  from `data "aws_iam_policy_document"`; modules/registry: ECR repository and lifecycle policy;
  modules/ml_team: an IAM role (assume policy in jsonencode), a SageMaker notebook and two nested
  module calls (ml_bucket and registry).

Stacks, each self-contained (references only point within the stack, to shared variables/locals, or
to module outputs):

* sagemaker: KMS key and alias, log group, execution role with an aws_iam_policy_document inline
  policy, models and capture buckets with their companions, IAM policy in jsonencode() around a
  bucket arn, notebook, ECR repository, model, endpoint configuration (data capture with a dynamic
  capture_options block), endpoint; sometimes an EKS cluster with a GPU node group, or Bedrock
  model invocation logging;
* datasets: `for_each = var.datasets` buckets with companions `for_each = aws_s3_bucket.x`;
* registries: ECR repositories and log groups with `count`;
* module calls: `module "bucket_N"` (for_each over a set) and `module "team_N"`, plus a root IAM
  policy reading the module's `bucket_arn` output;
* filler: single log groups / KMS keys, to land exactly on --resources.

Half of the stacks (chosen by the seed) are secure; insecure ones get a random subset of
misconfigurations (unencrypted, versioning suspended, public access allowed, wildcard IAM, direct
internet access, mutable tags, public EKS endpoint, capture or logging off ...). --resources counts
resource and data source instances after count/for_each expansion, module instances included (what
`terraform plan` would show and `aipolicy scan terraform` reports as resources scanned); --files
counts every .tf file, module files included. The output depends only on --files, --resources and
--seed; a manifest (corpus.json) records what was generated.

    python bench/generate_tf.py --files 1000 --resources 10000 --seed 1 --output /tmp/tf-10k
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ACCOUNT = "123456789012"
REGION = "us-east-1"
DATASETS = {"raw": "confidential", "curated": "internal", "features": "internal"}  # terraform.tfvars
DEFAULT_DATASETS = {"raw": "confidential", "curated": "internal"}  # variables.tf default
MARKER = ".aipolicy-bench-corpus"


def i(expression: str) -> str:
    """An interpolation inside an HCL string template."""
    return "${" + expression + "}"


def hcl_bool(value: bool) -> str:
    return "true" if value else "false"


@dataclass
class Stack:
    """Text of one stack plus the number of resource/data instances it declares."""

    rng: random.Random
    secure: bool
    slug: str
    parts: list[tuple[str, int]] = field(default_factory=list)  # (block text, its instances)
    instances: int = 0
    blocks: int = 0

    def ok(self, probability_bad: float = 0.5) -> bool:
        """Whether one setting is secure: always in secure stacks, at random in insecure ones."""
        return self.secure or self.rng.random() >= probability_bad

    def add(self, text: str, instances: int = 1) -> None:
        self.parts.append((text.strip("\n") + "\n", instances))
        self.instances += instances
        self.blocks += 1

    def raw(self, text: str) -> None:
        """A block without instances (locals): kept with the block that follows it."""
        self.parts.append((text.strip("\n") + "\n", 0))

    def tags(self, purpose: str) -> str:
        team = self.rng.choice(["fraud", "search", "vision", "forecast", "nlp", "recsys"])
        extra = f'Team = "{team}", Purpose = "{purpose}", Stack = "{self.slug}"'
        return f"merge(local.common_tags, {{ {extra} }})"

    # -- KMS, logs, S3 ---------------------------------------------------------------------

    def kms_key(self, name: str) -> str:
        self.add(
            f'''
resource "aws_kms_key" "{name}" {{
  description             = "{i("local.name_prefix")} {self.slug} ML data key"
  deletion_window_in_days = var.kms_deletion_window
  enable_key_rotation     = {hcl_bool(self.ok())}
  tags                    = {self.tags("encryption")}
}}
'''
        )
        self.add(
            f'''
resource "aws_kms_alias" "{name}" {{
  name          = "alias/{i("local.name_prefix")}-{self.slug}-{name}"
  target_key_id = aws_kms_key.{name}.key_id
}}
'''
        )
        return f"aws_kms_key.{name}"

    def log_group(self, name: str, group: str, kms: str | None) -> str:
        key = f"\n  kms_key_id        = {kms}.arn" if kms and self.ok() else ""
        retention = self.rng.choice([30, 90, 365]) if self.ok() else self.rng.choice([0, 1, 3])
        self.add(
            f'''
resource "aws_cloudwatch_log_group" "{name}" {{
  name              = "{group}"
  retention_in_days = {retention}{key}
  tags              = {self.tags("logs")}
}}
'''
        )
        return f"aws_cloudwatch_log_group.{name}"

    def bucket(self, name: str, purpose: str) -> str:
        self.add(
            f'''
resource "aws_s3_bucket" "{name}" {{
  bucket        = "{i("local.name_prefix")}-{purpose}-{self.slug}"
  force_destroy = {hcl_bool(not self.ok(0.3))}
  tags          = {self.tags(purpose)}
}}
'''
        )
        return f"aws_s3_bucket.{name}"

    def companions(self, name: str, bucket: str, kms: str | None, each: bool = False, n: int = 1) -> None:
        """Separate versioning / encryption / public access block resources for a bucket."""
        head = f"  for_each = {bucket}\n\n  bucket = each.value.id" if each else f"  bucket = {bucket}.id"
        if self.ok(0.3):
            status = "Enabled" if self.ok() else "Suspended"
            self.add(
                f'''
resource "aws_s3_bucket_versioning" "{name}" {{
{head}

  versioning_configuration {{
    status = "{status}"
  }}
}}
''',
                n,
            )
        if self.ok(0.3):
            if kms and self.ok():
                default = f'      sse_algorithm     = "aws:kms"\n      kms_master_key_id = {kms}.arn'
                key_enabled = "\n    bucket_key_enabled = true"
            else:
                default = '      sse_algorithm = "AES256"'
                key_enabled = ""
            self.add(
                f'''
resource "aws_s3_bucket_server_side_encryption_configuration" "{name}" {{
{head}

  rule {{
    apply_server_side_encryption_by_default {{
{default}
    }}{key_enabled}
  }}
}}
''',
                n,
            )
        if self.ok(0.3):
            flags = "\n".join(
                f"  {flag:<23} = {hcl_bool(self.ok(0.25))}"
                for flag in ("block_public_acls", "block_public_policy", "ignore_public_acls")
            )
            restrict = "var.restrict_public_buckets" if self.ok(0.25) else "false"
            self.add(
                f'''
resource "aws_s3_bucket_public_access_block" "{name}" {{
{head}

{flags}
  restrict_public_buckets = {restrict}
}}
''',
                n,
            )

    # -- IAM -------------------------------------------------------------------------------

    def role(self, name: str, service: str) -> str:
        self.add(
            f'''
resource "aws_iam_role" "{name}" {{
  name = "{i("local.name_prefix")}-{self.slug}-{name}"
  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = {{ Service = "{service}" }}
    }}]
  }})
  tags = {self.tags("execution")}
}}
'''
        )
        if self.ok():
            statements = f"""
  statement {{
    sid       = "Endpoints"
    actions   = ["sagemaker:DescribeEndpoint", "sagemaker:InvokeEndpoint"]
    resources = ["arn:aws:sagemaker:{REGION}:{ACCOUNT}:endpoint/{i("local.name_prefix")}-*"]
  }}

  statement {{
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/sagemaker/*"]
  }}"""
        else:
            wildcard = self.rng.choice(['"*"', '"sagemaker:*"', '"s3:*", "sagemaker:*"'])
            statements = f"""
  statement {{
    sid       = "Everything"
    actions   = [{wildcard}]
    resources = ["*"]
  }}"""
        self.add(
            f'''
data "aws_iam_policy_document" "{name}" {{{statements}
}}
'''
        )
        self.add(
            f'''
resource "aws_iam_role_policy" "{name}" {{
  name   = "{self.slug}-{name}"
  role   = aws_iam_role.{name}.id
  policy = data.aws_iam_policy_document.{name}.json
}}
'''
        )
        return f"aws_iam_role.{name}"

    def iam_policy(self, name: str, bucket_arn: str) -> None:
        if self.ok():
            statement = f'''{{
        Sid      = "ModelArtefacts"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = ["{i(bucket_arn)}/*"]
      }},
      {{
        Sid      = "InvokeEndpoints"
        Effect   = "Allow"
        Action   = ["sagemaker:InvokeEndpoint"]
        Resource = "arn:aws:sagemaker:{REGION}:{ACCOUNT}:endpoint/{i("local.name_prefix")}-*"
      }}'''
        else:
            wildcard = self.rng.choice(["*", "sagemaker:*", "bedrock:*", "s3:*"])
            statement = f'''{{
        Sid      = "Everything"
        Effect   = "Allow"
        Action   = "{wildcard}"
        Resource = "*"
      }}'''
        self.add(
            f'''
resource "aws_iam_policy" "{name}" {{
  name        = "{i("local.name_prefix")}-{self.slug}-{name}"
  description = "Access for {self.slug}"
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [
      {statement}
    ]
  }})
}}
'''
        )

    # -- SageMaker ---------------------------------------------------------------------------

    def notebook(self, name: str, role: str, kms: str | None) -> None:
        key = f"\n  kms_key_id             = {kms}.key_id" if kms and self.ok() else ""
        self.add(
            f'''
resource "aws_sagemaker_notebook_instance" "{name}" {{
  name                   = "{i("local.name_prefix")}-{self.slug}-{name}"
  role_arn               = {role}.arn
  instance_type          = var.notebook_instance_type
  volume_size            = {self.rng.choice([5, 20, 50])}
  subnet_id              = var.subnet_ids[0]
  security_groups        = [var.security_group_id]
  direct_internet_access = "{"Disabled" if self.ok() else "Enabled"}"
  root_access            = "{"Disabled" if self.ok() else "Enabled"}"{key}

  instance_metadata_service_configuration {{
    minimum_instance_metadata_service_version = "{"2" if self.ok() else "1"}"
  }}

  tags = {self.tags("research")}
}}
'''
        )

    def ecr(self, name: str, kms: str | None, count: int | None = None) -> str:
        count_line = f"  count = {count}\n\n" if count is not None else ""
        suffix = f"-{i('count.index')}" if count is not None else ""
        if kms and self.ok():
            encryption = f'    encryption_type = "KMS"\n    kms_key         = {kms}.arn'
        else:
            encryption = '    encryption_type = "AES256"'
        self.add(
            f'''
resource "aws_ecr_repository" "{name}" {{
{count_line}  name                 = "{i("local.name_prefix")}/{self.slug}-{name}{suffix}"
  image_tag_mutability = "{"IMMUTABLE" if self.ok() else "MUTABLE"}"

  image_scanning_configuration {{
    scan_on_push = {hcl_bool(self.ok())}
  }}

  encryption_configuration {{
{encryption}
  }}

  tags = {self.tags("images")}
}}
''',
            count or 1,
        )
        return f"aws_ecr_repository.{name}"

    def model(self, name: str, role: str, repository: str, bucket: str) -> str:
        self.add(
            f'''
resource "aws_sagemaker_model" "{name}" {{
  name                     = "{i("local.name_prefix")}-{self.slug}-{name}"
  execution_role_arn       = {role}.arn
  enable_network_isolation = {hcl_bool(self.ok())}

  primary_container {{
    image          = "{i(repository + ".repository_url")}:latest"
    model_data_url = "s3://{i(bucket + ".bucket")}/models/{self.slug}/model.tar.gz"
    environment = {{
      SAGEMAKER_PROGRAM    = "inference.py"
      MODEL_SERVER_WORKERS = "2"
      ENVIRONMENT          = var.environment
    }}
  }}

  vpc_config {{
    subnets            = var.subnet_ids
    security_group_ids = [var.security_group_id]
  }}

  tags = {self.tags("serving")}
}}
'''
        )
        return f"aws_sagemaker_model.{name}"

    def endpoint(self, name: str, model: str, kms: str | None, capture_bucket: str) -> None:
        key = f"\n  kms_key_arn = {kms}.arn" if kms and self.ok() else ""
        capture = self.ok()
        instance_type = self.rng.choice(["ml.m5.xlarge", "ml.c5.2xlarge", "ml.g5.2xlarge", "ml.inf2.xlarge"])
        self.add(
            f'''
resource "aws_sagemaker_endpoint_configuration" "{name}" {{
  name = "{i("local.name_prefix")}-{self.slug}-{name}"{key}

  production_variants {{
    variant_name           = "AllTraffic"
    model_name             = {model}.name
    initial_instance_count = var.environment == "prod" ? {self.rng.choice([2, 4])} : 1
    instance_type          = "{instance_type}"
    initial_variant_weight = 1
  }}

  data_capture_config {{
    enable_capture              = {hcl_bool(capture)}
    initial_sampling_percentage = {self.rng.choice([10, 50, 100])}
    destination_s3_uri          = "s3://{i(capture_bucket + ".bucket")}/capture"

    dynamic "capture_options" {{
      for_each = toset(local.capture_modes)
      content {{
        capture_mode = capture_options.value
      }}
    }}
  }}

  tags = {self.tags("serving")}
}}
'''
        )
        self.add(
            f'''
resource "aws_sagemaker_endpoint" "{name}" {{
  name                 = "{i("local.name_prefix")}-{self.slug}-{name}"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.{name}.name
  tags                 = {self.tags("serving")}
}}
'''
        )

    # -- EKS, Bedrock ------------------------------------------------------------------------

    def eks(self, name: str, kms: str | None) -> None:
        role = self.role(f"{name}_cluster", "eks.amazonaws.com")
        public = not self.ok()
        cidrs = '["0.0.0.0/0"]' if public else "var.admin_cidrs"
        encryption = (
            f"""

  encryption_config {{
    resources = ["secrets"]
    provider {{
      key_arn = {kms}.arn
    }}
  }}"""
            if kms and self.ok()
            else ""
        )
        version = self.rng.choice(["1.31", "1.32", "1.33"]) if self.ok() else "1.27"
        logs = '["api", "audit", "authenticator"]' if self.ok() else '["api"]'
        self.add(
            f'''
resource "aws_eks_cluster" "{name}" {{
  name                      = "{i("local.name_prefix")}-{self.slug}-{name}"
  role_arn                  = {role}.arn
  version                   = "{version}"
  enabled_cluster_log_types = {logs}

  vpc_config {{
    subnet_ids              = var.subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = {hcl_bool(public)}
    public_access_cidrs     = {cidrs}
  }}{encryption}

  tags = {self.tags("training")}
}}
'''
        )
        self.add(
            f'''
resource "aws_eks_node_group" "{name}_gpu" {{
  cluster_name    = aws_eks_cluster.{name}.name
  node_group_name = "gpu"
  node_role_arn   = {role}.arn
  subnet_ids      = var.subnet_ids
  instance_types  = ["{self.rng.choice(["g5.xlarge", "g5.2xlarge", "p4d.24xlarge"])}"]
  ami_type        = "AL2_x86_64_GPU"

  scaling_config {{
    desired_size = 2
    max_size     = {self.rng.choice([4, 8])}
    min_size     = 1
  }}

  tags = {self.tags("training")}
}}
'''
        )

    def bedrock_logging(self, name: str, log_group: str, role: str, bucket: str) -> None:
        destinations = (
            f"""

    cloudwatch_config {{
      log_group_name = {log_group}.name
      role_arn       = {role}.arn
    }}

    s3_config {{
      bucket_name = {bucket}.id
      key_prefix  = "bedrock"
    }}"""
            if self.ok()
            else ""
        )
        self.add(
            f'''
resource "aws_bedrock_model_invocation_logging_configuration" "{name}" {{
  logging_config {{
    embedding_data_delivery_enabled = true
    image_data_delivery_enabled     = true
    text_data_delivery_enabled      = {hcl_bool(self.ok())}{destinations}
  }}
}}
'''
        )


# -- stack layouts -------------------------------------------------------------------------


def sagemaker_stack(s: Stack, n: int) -> None:
    kms = s.kms_key(f"ml_{n}") if s.rng.random() < 0.85 else None
    logs = s.log_group(f"sagemaker_{n}", f"/aws/sagemaker/{i('local.name_prefix')}/{s.slug}", kms)
    models = s.bucket(f"models_{n}", "models")
    s.companions(f"models_{n}", models, kms)
    capture = s.bucket(f"capture_{n}", "capture")
    s.companions(f"capture_{n}", capture, kms)
    role = s.role(f"sagemaker_{n}", "sagemaker.amazonaws.com")
    s.iam_policy(f"sagemaker_{n}", f"{models}.arn")
    s.notebook(f"research_{n}", role, kms)
    repo = s.ecr(f"inference_{n}", kms)
    model = s.model(f"model_{n}", role, repo, models)
    s.endpoint(f"serving_{n}", model, kms, capture)
    if s.rng.random() < 0.25:
        s.eks(f"training_{n}", kms)
    if s.rng.random() < 0.15:
        s.bedrock_logging(f"bedrock_{n}", logs, role, capture)


def datasets_stack(s: Stack, n: int) -> None:
    keys = len(DATASETS)
    s.add(
        f'''
resource "aws_s3_bucket" "datasets_{n}" {{
  for_each = var.datasets

  bucket = "{i("local.name_prefix")}-{s.slug}-{i("each.key")}"
  tags   = merge(local.common_tags, {{ Dataset = each.key, Classification = each.value }})
}}
''',
        keys,
    )
    kms = s.kms_key(f"datasets_{n}") if s.rng.random() < 0.5 else None
    s.companions(f"datasets_{n}", f"aws_s3_bucket.datasets_{n}", kms, each=True, n=keys)


def registries_stack(s: Stack, n: int) -> None:
    count = s.rng.randint(2, 4)
    kms = s.kms_key(f"registry_{n}") if s.rng.random() < 0.5 else None
    s.raw(
        f"""
locals {{
  registries_{n} = [for r in range({count}) : "{s.slug}-{i("r")}"]
}}
"""
    )
    s.ecr(f"registry_{n}", kms, count=count)
    s.add(
        f"""
resource "aws_cloudwatch_log_group" "registry_{n}" {{
  count = length(local.registries_{n})

  name              = "/ecr/{i("local.registries_" + str(n) + "[count.index]")}"
  retention_in_days = {30 if s.ok() else 1}
}}
""",
        count,
    )


def bucket_module_stack(s: Stack, n: int) -> None:
    keys = s.rng.randint(1, 3)
    names = ", ".join(f'"{k}"' for k in ["models", "checkpoints", "evaluation"][:keys])
    create_kms = s.ok(0.3)
    s.add(
        f'''
module "bucket_{n}" {{
  source   = "./modules/ml_bucket"
  for_each = toset([{names}])

  name                = "{i("local.name_prefix")}-{s.slug}-{i("each.key")}"
  create_kms_key      = {hcl_bool(create_kms)}
  sse_algorithm       = "{"aws:kms" if s.ok() else "AES256"}"
  versioning_status   = "{"Enabled" if s.ok() else "Suspended"}"
  block_public_access = {hcl_bool(s.ok())}
  tags                = local.common_tags
}}
''',
        keys * (6 + int(create_kms)),
    )
    first = ["models", "checkpoints", "evaluation"][0]
    s.iam_policy(f"bucket_{n}_access", f'module.bucket_{n}["{first}"].bucket_arn')


def team_module_stack(s: Stack, n: int) -> None:
    s.add(
        f'''
module "team_{n}" {{
  source = "./modules/ml_team"

  team                   = "{s.slug}"
  environment            = var.environment
  notebook_instance_type = var.notebook_instance_type
  subnet_id              = var.subnet_ids[0]
  security_group_id      = var.security_group_id
  direct_internet_access = {hcl_bool(not s.ok())}
  encrypt                = {hcl_bool(s.ok())}
  immutable_tags         = {hcl_bool(s.ok())}
  tags                   = local.common_tags
}}
''',
        11,
    )
    s.iam_policy(f"team_{n}_access", f"module.team_{n}.bucket_arn")


def filler(s: Stack, n: int) -> None:
    if n % 2:
        s.log_group(f"audit_{n}", f"/aipolicy/{s.slug}/audit", None)
    else:
        s.add(
            f'''
resource "aws_kms_key" "spare_{n}" {{
  description             = "{s.slug} spare key"
  deletion_window_in_days = 30
  enable_key_rotation     = {hcl_bool(s.ok())}
}}
'''
        )


STACKS: list[tuple[str, Callable[[Stack, int], None], float]] = [
    ("sagemaker", sagemaker_stack, 0.40),
    ("datasets", datasets_stack, 0.20),
    ("registries", registries_stack, 0.15),
    ("bucket_module", bucket_module_stack, 0.15),
    ("team_module", team_module_stack, 0.10),
]


# -- fixed files -----------------------------------------------------------------------------

PROVIDERS = """terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      ManagedBy = "terraform"
    }
  }
}
"""

VARIABLES = f"""variable "project" {{
  description = "Project name, the first part of every resource name."
  type        = string
  default     = "aiplatform"
}}

variable "environment" {{
  description = "Deployment environment."
  type        = string
  default     = "dev"

  validation {{
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }}
}}

variable "region" {{
  type    = string
  default = "{REGION}"
}}

variable "kms_deletion_window" {{
  type    = number
  default = 7
}}

variable "notebook_instance_type" {{
  type    = string
  default = "ml.t3.medium"
}}

variable "subnet_ids" {{
  type    = list(string)
  default = ["subnet-0f1e2d3c4b5a69788", "subnet-0a9b8c7d6e5f43210"]
}}

variable "security_group_id" {{
  type    = string
  default = "sg-0a1b2c3d4e5f60718"
}}

variable "admin_cidrs" {{
  type    = list(string)
  default = ["203.0.113.0/24"]
}}

variable "restrict_public_buckets" {{
  type    = bool
  default = false
}}

variable "datasets" {{
  description = "Training data sets: name => classification."
  type        = map(string)
  default = {{
{chr(10).join(f'    {k} = "{v}"' for k, v in DEFAULT_DATASETS.items())}
  }}
}}
"""

LOCALS = """locals {
  name_prefix   = "${var.project}-${var.environment}"
  capture_modes = ["Input", "Output"]

  common_tags = {
    Project     = var.project
    Environment = var.environment
    CostCenter  = "ml-platform"
  }
}
"""

TFVARS = f"""environment             = "prod"
kms_deletion_window     = 30
notebook_instance_type  = "ml.t3.large"
restrict_public_buckets = true

datasets = {{
{chr(10).join(f'  {k} = "{v}"' for k, v in DATASETS.items())}
}}
"""

ML_BUCKET = {
    "variables.tf": """variable "name" {
  type = string
}

variable "create_kms_key" {
  type    = bool
  default = true
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "sse_algorithm" {
  type    = string
  default = "aws:kms"
}

variable "versioning_status" {
  type    = string
  default = "Enabled"
}

variable "block_public_access" {
  type    = bool
  default = true
}

variable "force_destroy" {
  type    = bool
  default = false
}

variable "tags" {
  type    = map(string)
  default = {}
}
""",
    "main.tf": """resource "aws_kms_key" "this" {
  count = var.create_kms_key ? 1 : 0

  description             = "${var.name} bucket key"
  deletion_window_in_days = 30
  enable_key_rotation     = true
  tags                    = var.tags
}

locals {
  kms_key_arn = var.create_kms_key ? aws_kms_key.this[0].arn : var.kms_key_arn
}

resource "aws_s3_bucket" "this" {
  bucket        = var.name
  force_destroy = var.force_destroy
  tags          = merge(var.tags, { Name = var.name })
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = var.versioning_status
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.sse_algorithm
      kms_master_key_id = var.sse_algorithm == "aws:kms" ? local.kms_key_arn : null
    }
    bucket_key_enabled = var.sse_algorithm == "aws:kms"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = var.block_public_access
  block_public_policy     = var.block_public_access
  ignore_public_acls      = var.block_public_access
  restrict_public_buckets = var.block_public_access
}

data "aws_iam_policy_document" "tls_only" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.this.arn,
      "${aws_s3_bucket.this.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.tls_only.json
}
""",
    "outputs.tf": """output "bucket_id" {
  value = aws_s3_bucket.this.id
}

output "bucket_arn" {
  value = aws_s3_bucket.this.arn
}

output "kms_key_arn" {
  value = local.kms_key_arn
}
""",
}

REGISTRY = {
    "variables.tf": """variable "name" {
  type = string
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "immutable_tags" {
  type    = bool
  default = true
}
""",
    "main.tf": """resource "aws_ecr_repository" "this" {
  name                 = var.name
  image_tag_mutability = var.immutable_tags ? "IMMUTABLE" : "MUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = var.kms_key_arn == null ? "AES256" : "KMS"
    kms_key         = var.kms_key_arn
  }
}

resource "aws_ecr_lifecycle_policy" "this" {
  repository = aws_ecr_repository.this.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last 30 images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = 30
      }
      action = { type = "expire" }
    }]
  })
}
""",
    "outputs.tf": """output "repository_url" {
  value = aws_ecr_repository.this.repository_url
}
""",
}

ML_TEAM = {
    "variables.tf": """variable "team" {
  type = string
}

variable "environment" {
  type = string
}

variable "notebook_instance_type" {
  type    = string
  default = "ml.t3.medium"
}

variable "subnet_id" {
  type = string
}

variable "security_group_id" {
  type = string
}

variable "direct_internet_access" {
  type    = bool
  default = false
}

variable "encrypt" {
  type    = bool
  default = true
}

variable "immutable_tags" {
  type    = bool
  default = true
}

variable "tags" {
  type    = map(string)
  default = {}
}
""",
    "main.tf": """locals {
  prefix = "${var.team}-${var.environment}"
}

module "artifacts" {
  source = "../ml_bucket"

  name                = "${local.prefix}-artifacts"
  create_kms_key      = true
  sse_algorithm       = var.encrypt ? "aws:kms" : "AES256"
  versioning_status   = "Enabled"
  block_public_access = true
  tags                = var.tags
}

module "registry" {
  source = "../registry"

  name           = "${local.prefix}/inference"
  kms_key_arn    = var.encrypt ? module.artifacts.kms_key_arn : null
  immutable_tags = var.immutable_tags
}

resource "aws_iam_role" "execution" {
  name = "${local.prefix}-execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "sagemaker.amazonaws.com" }
    }]
  })
  tags = var.tags
}

resource "aws_sagemaker_notebook_instance" "this" {
  name                   = "${local.prefix}-notebook"
  role_arn               = aws_iam_role.execution.arn
  instance_type          = var.notebook_instance_type
  subnet_id              = var.subnet_id
  security_groups        = [var.security_group_id]
  direct_internet_access = var.direct_internet_access ? "Enabled" : "Disabled"
  root_access            = "Disabled"
  kms_key_id             = var.encrypt ? module.artifacts.kms_key_arn : null
  tags                   = var.tags
}
""",
    "outputs.tf": """output "bucket_arn" {
  value = module.artifacts.bucket_arn
}

output "repository_url" {
  value = module.registry.repository_url
}

output "notebook_name" {
  value = aws_sagemaker_notebook_instance.this.name
}
""",
}

MODULES = {"ml_bucket": ML_BUCKET, "registry": REGISTRY, "ml_team": ML_TEAM}
FIXED_ROOT = ["providers.tf", "variables.tf", "locals.tf", "outputs.tf"]
FIXED_FILES = len(FIXED_ROOT) + sum(len(files) for files in MODULES.values())


@dataclass
class Manifest:
    files: int = 0
    resources: int = 0
    blocks: int = 0
    stacks: dict[str, int] = field(default_factory=dict)
    secure_stacks: int = 0
    insecure_stacks: int = 0


def generate(output: Path, files: int, resources: int, seed: int) -> Manifest:
    """Write the repository into `output` (emptied first if it holds an earlier corpus)."""
    if files <= FIXED_FILES:
        raise ValueError(f"--files must be more than {FIXED_FILES} (the root and module files)")
    stack_files = files - FIXED_FILES
    if resources < stack_files:
        raise ValueError("--resources must be at least the number of stack files")
    if output.exists() and any(output.iterdir()):
        if not (output / MARKER).exists():
            raise ValueError(f"{output} is not empty and was not written by generate_tf.py; not touching it")
        shutil.rmtree(output)
    output.mkdir(parents=True, exist_ok=True)
    (output / MARKER).write_text(f"files={files} resources={resources} seed={seed}\n")
    rng = random.Random(seed)
    manifest = Manifest()

    # 1. stacks until exactly `resources` instances; a stack that would overshoot becomes fillers
    blocks: list[tuple[str, int]] = []
    outputs: list[str] = []
    kinds, weights = [k[1] for k in STACKS], [k[2] for k in STACKS]
    names: dict[Callable[[Stack, int], None], str] = {k[1]: k[0] for k in STACKS}
    names[filler] = "filler"
    serial = 0
    secure_flags = [True, False]
    while manifest.resources < resources:
        serial += 1
        if serial % 2:
            rng.shuffle(secure_flags)  # exactly half of every pair of stacks is secure
        secure = secure_flags[serial % 2]
        stack_rng = random.Random(rng.getrandbits(64))
        kind = rng.choices(kinds, weights)[0]
        stack = Stack(stack_rng, secure, f"s{serial}")
        kind(stack, serial)
        if stack.instances > resources - manifest.resources:
            kind = filler
            stack = Stack(stack_rng, secure, f"s{serial}")
            kind(stack, serial)
        if kind is sagemaker_stack:
            outputs.append(f"aws_sagemaker_endpoint.serving_{serial}.name")
        header = f"# stack {stack.slug}: {names[kind]}, {'secure' if secure else 'insecure'}\n"
        first, instances = stack.parts[0]
        blocks.append((header + first, instances))
        blocks.extend(stack.parts[1:])
        manifest.resources += stack.instances
        manifest.blocks += stack.blocks
        manifest.stacks[names[kind]] = manifest.stacks.get(names[kind], 0) + 1
        if secure:
            manifest.secure_stacks += 1
        else:
            manifest.insecure_stacks += 1

    # 2. consecutive blocks into the stack files, about resources / stack_files instances each (a
    #    stack spread over a few files, as repositories split kms.tf / s3.tf / sagemaker.tf)
    chunks: list[list[str]] = [[] for _ in range(stack_files)]
    done = 0
    index = 0
    for f in range(stack_files):
        target = (f + 1) * resources // stack_files
        left_for_others = stack_files - f - 1
        while index < len(blocks) and (
            not chunks[f] or (done < target and len(blocks) - index > left_for_others)
        ):
            text, instances = blocks[index]
            chunks[f].append(text)
            done += instances
            index += 1
            while index < len(blocks) and blocks[index - 1][1] == 0:  # locals travel with their user
                text, instances = blocks[index]
                chunks[f].append(text)
                done += instances
                index += 1
    chunks[-1].extend(text for text, _ in blocks[index:])
    for f, chunk in enumerate(chunks):
        body = "\n".join(chunk) if chunk else "# (nothing here)\n"
        (output / f"stack_{f + 1:04d}.tf").write_text(body)

    (output / "providers.tf").write_text(PROVIDERS)
    (output / "variables.tf").write_text(VARIABLES)
    (output / "locals.tf").write_text(LOCALS)
    (output / "terraform.tfvars").write_text(TFVARS)
    shown = ",\n    ".join(outputs[:50])
    (output / "outputs.tf").write_text(f'output "endpoint_names" {{\n  value = [\n    {shown},\n  ]\n}}\n')
    for name, module_files in MODULES.items():
        directory = output / "modules" / name
        directory.mkdir(parents=True)
        for filename, text in module_files.items():
            (directory / filename).write_text(text)
    manifest.files = FIXED_FILES + stack_files
    (output / "corpus.json").write_text(json.dumps(manifest.__dict__ | {"seed": seed}, indent=2) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help=".tf files in all (module files included)")
    parser.add_argument("--resources", type=int, default=10_000, help="resource and data instances")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, required=True, help="directory to write (created)")
    args = parser.parse_args(argv)
    try:
        manifest = generate(args.output, args.files, args.resources, args.seed)
    except ValueError as exc:
        parser.error(str(exc))
    print(
        f"{args.output}: {manifest.files} .tf files, {manifest.resources} resource instances "
        f"({manifest.blocks} blocks), stacks {manifest.stacks}, "
        f"{manifest.secure_stacks} secure / {manifest.insecure_stacks} insecure",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
