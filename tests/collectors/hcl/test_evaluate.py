"""Evaluation: variables, locals, modules, count/for_each addresses, dynamic blocks, functions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Collect, messages

VARIABLES = """
variable "name" {
  type    = string
  default = "from-default"
}
variable "size" {
  type = number
}
variable "on" {
  type    = bool
  default = false
}
variable "tags" {
  type    = map(string)
  default = {}
}
resource "aws_s3_bucket" "b" {
  bucket = var.name
  tags   = merge(var.tags, { size = var.size, on = var.on })
}
"""


def bucket(view: object, rid: str = "aws_s3_bucket.b") -> dict[str, object]:
    return view.resources[rid].attributes  # type: ignore[attr-defined, no-any-return]


def test_variable_defaults_and_unset_variables(collect: Collect) -> None:
    view, _ = collect({"main.tf": VARIABLES})
    resource = view.resources["aws_s3_bucket.b"]
    assert resource.attributes["bucket"] == "from-default"
    # tags depends on the unset var.size: only that key is unknown, never a guessed default
    assert resource.attributes["tags"] == {"on": False}
    assert resource.unresolved == ["tags.size"]


def test_variable_precedence(collect: Collect, tmp_path: Path) -> None:
    files = {
        "main.tf": VARIABLES,
        "terraform.tfvars": 'name = "tfvars"\nsize = 1\n',
        "terraform.tfvars.json": json.dumps({"name": "tfvars-json"}),
        "b.auto.tfvars": 'name = "auto-b"\n',
        "a.auto.tfvars.json": json.dumps({"name": "auto-a", "on": True}),
        "extra.tfvars": 'name = "var-file"\n',
    }
    environ = {"TF_VAR_name": "env", "TF_VAR_size": "7", "TF_VAR_on": "true"}
    view, _ = collect(files, environ=environ)
    assert bucket(view)["bucket"] == "auto-b"  # auto files in lexical order: b after a
    assert bucket(view)["tags"] == {"size": 1, "on": True}
    view, _ = collect(files, environ=environ, var_files=[tmp_path / "stack" / "extra.tfvars"])
    assert bucket(view)["bucket"] == "var-file"
    extra = [tmp_path / "stack" / "extra.tfvars"]
    view, _ = collect(files, environ=environ, var_files=extra, variables={"name": "cli"})
    assert bucket(view)["bucket"] == "cli"
    view, _ = collect({"main.tf": VARIABLES}, environ=environ, name="env-only")
    assert bucket(view)["bucket"] == "env"
    assert bucket(view)["tags"] == {"size": 7, "on": True}


def test_cli_and_environment_values_convert_to_the_declared_type(collect: Collect) -> None:
    config = """
variable "count_of" { type = number }
variable "enabled" { type = bool }
variable "names" { type = list(string) }
variable "raw" {}
resource "aws_s3_bucket" "b" {
  count  = var.enabled ? var.count_of : 0
  bucket = "${var.names[count.index]}-${var.raw}"
}
"""
    view, _ = collect(
        {"main.tf": config},
        environ={"TF_VAR_count_of": "2", "TF_VAR_names": '["a", "b"]'},
        variables={"enabled": "true", "raw": "[1]"},
    )
    assert sorted(view.resources) == ["aws_s3_bucket.b[0]", "aws_s3_bucket.b[1]"]
    assert view.resources["aws_s3_bucket.b[1]"].attributes["bucket"] == "b-[1]"


def test_object_types_fill_optional_attributes(collect: Collect) -> None:
    config = """
variable "sets" {
  type = map(object({
    retention = optional(number, 30)
    kms       = optional(bool, true)
    extra     = optional(string)
  }))
  default = { raw = {}, curated = { retention = 90, kms = false } }
}
resource "aws_s3_bucket" "b" {
  for_each = var.sets
  bucket   = each.key
  tags     = { retention = each.value.retention, kms = each.value.kms, extra = each.value.extra }
}
"""
    view, _ = collect({"main.tf": config})
    assert view.resources['aws_s3_bucket.b["raw"]'].attributes["tags"] == {
        "retention": 30,
        "kms": True,
        "extra": None,
    }
    assert view.resources['aws_s3_bucket.b["curated"]'].attributes["tags"]["retention"] == 90


def test_locals_lazily_and_cycles_unresolved(collect: Collect) -> None:
    config = """
locals {
  prefix = "ml-${local.env}"
  env    = "prod"
  a      = local.b
  b      = local.a
}
resource "aws_s3_bucket" "b" {
  bucket = "${local.prefix}-data"
  acl    = local.a
}
"""
    view, _ = collect({"main.tf": config})
    resource = view.resources["aws_s3_bucket.b"]
    assert resource.attributes == {"bucket": "ml-prod-data"}
    assert resource.unresolved == ["acl"]
    assert any("depends on itself" in m for m in messages(view))


MODULE_ROOT = """
variable "datasets" {
  default = { risk = 365, "fraud.v2" = 30 }
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
module "store" {
  source   = "./modules/store"
  for_each = var.datasets
  name     = "data-${each.key}"
  days     = each.value
  key_arn  = aws_kms_key.k.arn
}
module "single" {
  source  = "./modules/store"
  name    = "single"
  days    = 1
  key_arn = "arn:aws:kms:eu-west-2:1:key/x"
}
resource "aws_s3_bucket_policy" "p" {
  bucket = module.single.bucket_name
  policy = module.store["risk"].bucket_name
}
"""
MODULE_STORE = """
variable "name" { type = string }
variable "days" { type = number }
variable "key_arn" { type = string }
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.key_arn
    }
  }
}
module "inner" {
  source = "../inner"
  count  = var.days > 100 ? 2 : 0
}
output "bucket_name" {
  value = aws_s3_bucket.this.bucket
}
"""
MODULE_INNER = """
resource "aws_sagemaker_notebook_instance" "nb" {
  name        = "nb"
  root_access = "Disabled"
}
"""


def test_module_inputs_outputs_and_instance_addresses(collect: Collect) -> None:
    view, _ = collect(
        {"main.tf": MODULE_ROOT, "modules/store/main.tf": MODULE_STORE, "modules/inner/main.tf": MODULE_INNER}
    )
    assert view.errors == []
    assert set(view.resources) == {
        "aws_kms_key.k",
        "aws_s3_bucket_policy.p",
        'module.store["fraud.v2"].aws_s3_bucket.this',
        'module.store["fraud.v2"].aws_s3_bucket_server_side_encryption_configuration.this',
        'module.store["risk"].aws_s3_bucket.this',
        'module.store["risk"].aws_s3_bucket_server_side_encryption_configuration.this',
        'module.store["risk"].module.inner[0].aws_sagemaker_notebook_instance.nb',
        'module.store["risk"].module.inner[1].aws_sagemaker_notebook_instance.nb',
        "module.single.aws_s3_bucket.this",
        "module.single.aws_s3_bucket_server_side_encryption_configuration.this",
    }
    risk = view.resources['module.store["risk"].aws_s3_bucket.this']
    assert risk.attributes == {"bucket": "data-risk"}
    assert risk.module == 'module.store["risk"]'
    sse = view.resources['module.store["risk"].aws_s3_bucket_server_side_encryption_configuration.this']
    assert sse.unresolved == ["bucket", "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id"]
    assert sse.references == {
        "bucket": ['module.store["risk"].aws_s3_bucket.this'],
        "rule": ["aws_kms_key.k"],
    }
    single = view.resources["module.single.aws_s3_bucket_server_side_encryption_configuration.this"]
    assert single.attributes["rule"] == [
        {
            "apply_server_side_encryption_by_default": [
                {"sse_algorithm": "aws:kms", "kms_master_key_id": "arn:aws:kms:eu-west-2:1:key/x"}
            ]
        }
    ]
    policy = view.resources["aws_s3_bucket_policy.p"]
    assert policy.attributes == {"bucket": "single", "policy": "data-risk"}
    assert policy.references == {
        "bucket": ["module.single.aws_s3_bucket.this"],
        "policy": ['module.store["risk"].aws_s3_bucket.this'],
    }
    notebook = view.resources['module.store["risk"].module.inner[1].aws_sagemaker_notebook_instance.nb']
    assert notebook.module == 'module.store["risk"].module.inner[1]'


def test_count_and_for_each_addresses(collect: Collect) -> None:
    config = r"""
resource "aws_s3_bucket" "c" {
  count  = 2
  bucket = "c-${count.index}"
}
resource "aws_s3_bucket" "s" {
  for_each = toset(["b", "a", "a"])
  bucket   = each.value
}
resource "aws_s3_bucket" "odd" {
  for_each = { "we\"ird key" = 1 }
  bucket   = "x"
}
resource "aws_s3_bucket_versioning" "s" {
  for_each = aws_s3_bucket.s
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_bucket_public_access_block" "s" {
  for_each = toset(["a", "b"])
  bucket   = aws_s3_bucket.s[each.key].id
}
resource "aws_s3_bucket_policy" "c" {
  count  = 2
  bucket = aws_s3_bucket.c[count.index].id
}
resource "aws_s3_bucket_policy" "zero" {
  count  = 0
  bucket = "nothing"
}
"""
    view, _ = collect({"main.tf": config})
    assert set(view.resources) == {
        "aws_s3_bucket.c[0]",
        "aws_s3_bucket.c[1]",
        'aws_s3_bucket.s["a"]',
        'aws_s3_bucket.s["b"]',
        'aws_s3_bucket.odd["we\\"ird key"]',
        'aws_s3_bucket_versioning.s["a"]',
        'aws_s3_bucket_versioning.s["b"]',
        'aws_s3_bucket_public_access_block.s["a"]',
        'aws_s3_bucket_public_access_block.s["b"]',
        "aws_s3_bucket_policy.c[0]",
        "aws_s3_bucket_policy.c[1]",
    }
    assert view.resources["aws_s3_bucket.c[1]"].attributes == {"bucket": "c-1"}
    assert view.resources['aws_s3_bucket_versioning.s["b"]'].references["bucket"] == ['aws_s3_bucket.s["b"]']
    assert view.resources['aws_s3_bucket_public_access_block.s["a"]'].references == {
        "bucket": ['aws_s3_bucket.s["a"]']
    }
    assert view.resources["aws_s3_bucket_policy.c[1]"].references == {"bucket": ["aws_s3_bucket.c[1]"]}
    assert view.resources['aws_s3_bucket_versioning.s["a"]'].unresolved == ["bucket"]


def test_unknown_count_is_one_instance_with_an_unknown_key(collect: Collect) -> None:
    config = """
variable "enabled" { type = bool }
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_public_access_block" "b" {
  count             = var.enabled ? 1 : 0
  bucket            = aws_s3_bucket.b.id
  block_public_acls = true
}
"""
    view, _ = collect({"main.tf": config})
    block = view.resources["aws_s3_bucket_public_access_block.b[*]"]
    assert block.attributes == {"block_public_acls": True}
    assert block.references == {"bucket": ["aws_s3_bucket.b"]}
    assert any("count is not known before apply" in m for m in messages(view, "info"))


def test_dynamic_blocks_conditionals_and_templates(collect: Collect) -> None:
    config = """
variable "rules" {
  default = [{ id = "a", days = 1 }, { id = "b", days = 2 }]
}
variable "capture" { default = true }
resource "aws_s3_bucket_lifecycle_configuration" "l" {
  bucket = "x"
  rule {
    id     = "static"
    status = "Enabled"
  }
  dynamic "rule" {
    for_each = var.rules
    iterator = r
    content {
      id     = "dyn-${r.key}-${r.value.id}"
      status = r.value.days > 1 ? "Enabled" : "Disabled"
      dynamic "expiration" {
        for_each = r.value.days > 1 ? [r.value.days] : []
        content {
          days = expiration.value
        }
      }
    }
  }
}
resource "aws_sagemaker_endpoint_configuration" "e" {
  name = "%{ if var.capture }with%{ else }without%{ endif }-capture"
  dynamic "data_capture_config" {
    for_each = var.capture ? [1] : []
    content {
      enable_capture = true
    }
  }
}
"""
    view, _ = collect({"main.tf": config})
    rules = view.resources["aws_s3_bucket_lifecycle_configuration.l"].attributes["rule"]
    assert rules == [
        {"id": "static", "status": "Enabled"},
        {"id": "dyn-0-a", "status": "Disabled", "expiration": []},
        {"id": "dyn-1-b", "status": "Enabled", "expiration": [{"days": 2}]},
    ]
    endpoint = view.resources["aws_sagemaker_endpoint_configuration.e"].attributes
    assert endpoint == {"name": "with-capture", "data_capture_config": [{"enable_capture": True}]}


def test_dynamic_block_over_an_unknown_collection_is_unresolved(collect: Collect) -> None:
    config = """
variable "rules" {}
resource "aws_s3_bucket_lifecycle_configuration" "l" {
  bucket = "x"
  dynamic "rule" {
    for_each = var.rules
    content { id = rule.value }
  }
}
"""
    view, _ = collect({"main.tf": config})
    resource = view.resources["aws_s3_bucket_lifecycle_configuration.l"]
    assert resource.attributes == {"bucket": "x"}
    assert resource.unresolved == ["rule"]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("merge({ a = 1 }, { b = 2 }, null)", {"a": 1, "b": 2}),
        ('lookup({ a = "x" }, "b", "dflt")', "dflt"),
        ("concat([1], [2, 3])", [1, 2, 3]),
        ('format("%s-%03d-%v", "a", 7, true)', "a-007-true"),
        ('join(",", split("-", "a-b-c"))', "a,b,c"),
        ('coalesce(null, "", "x")', "x"),
        ('try(local.missing.attr, "fallback")', "fallback"),
        ('can(regex("^ml-", "ml-x"))', True),
        ('can(regex("^ml-", "other"))', False),
        ("tostring(5)", "5"),
        ('tonumber("1.5") * 2', 3),
        ('tobool("true")', True),
        ('toset(["b", "a", "b"])', ["a", "b"]),
        ('tolist(toset(["b", "a"]))', ["a", "b"]),
        ("keys({ b = 1, a = 2 })", ["a", "b"]),
        ("values({ b = 1, a = 2 })", [2, 1]),
        ('length("abc") + length([1]) + length({ a = 1 })', 5),
        ('contains(["a", "b"], "b")', True),
        ('jsonencode({ b = [1, "<x>"], a = true })', '{"a":true,"b":[1,"\\u003cx\\u003e"]}'),
        ('jsondecode("{\\"a\\": [1, 2.5]}")', {"a": [1, 2.5]}),
        ('element(["a", "b"], 3)', "b"),
        ("flatten([[1, [2]], [], 3])", [1, 2, 3]),
        ('zipmap(["a", "b"], [1, 2])', {"a": 1, "b": 2}),
        ('upper(lower("MiX"))', "MIX"),
        ('replace("a-b-c", "-", "_")', "a_b_c"),
        ('replace("ml-123", "/[0-9]+/", "N")', "ml-N"),
        ('trimspace("  x ")', "x"),
        ('startswith("arn:aws", "arn:") && endswith("x.json", ".json")', True),
        ("min(3, 1, 2) + max([4, 5])", 6),
        ('distinct(["a", "a", "b"])', ["a", "b"]),
        ('compact(["a", "", null, "b"])', ["a", "b"]),
        ("range(3)", [0, 1, 2]),
        ('base64decode(base64encode("hi"))', "hi"),
        ('sha256("abc")', "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ('slice(["a", "b", "c"], 1, 3)', ["b", "c"]),
        ('substr("hello", 1, 3)', "ell"),
        ('regex("(?P<env>[a-z]+)-(?P<n>[0-9]+)", "prod-12")', {"env": "prod", "n": "12"}),
        ('[for s in ["a", "b"] : upper(s) if s != "a"]', ["B"]),
        ("{ for k, v in { a = 1, b = 2 } : v => k }", {"1": "a", "2": "b"}),
        ('{ for s in ["a", "b", "a"] : s => s... }', {"a": ["a", "a"], "b": ["b"]}),
        ("10 % 3 + 7 / 2", 4.5),
        ('"${1 == 1.0}-${"1" == 1}"', "true-false"),
        ('cidrsubnet("10.0.0.0/16", 8, 2)', "10.0.2.0/24"),
        ("[{ a = 1 }, { a = 2 }][*].a", [1, 2]),
    ],
)
def test_functions_and_operators(collect: Collect, expression: str, expected: object) -> None:
    view, _ = collect({"main.tf": f'resource "aws_s3_bucket" "b" {{\n  tags = {{ v = {expression} }}\n}}\n'})
    resource = view.resources["aws_s3_bucket.b"]
    assert resource.unresolved == []
    assert resource.attributes["tags"] == {"v": expected}


def test_unknown_function_and_always_unknown_functions_are_unresolved(collect: Collect) -> None:
    config = """
resource "aws_s3_bucket" "b" {
  bucket = frobnicate("x")
  acl    = timestamp()
  tags   = { ok = upper("a") }
}
"""
    view, _ = collect({"main.tf": config})
    resource = view.resources["aws_s3_bucket.b"]
    assert resource.attributes == {"tags": {"ok": "A"}}
    assert resource.unresolved == ["acl", "bucket"]
    assert any("frobnicate() is not supported" in m for m in messages(view, "info"))


def test_file_and_templatefile_within_the_root_only(collect: Collect, tmp_path: Path) -> None:
    (tmp_path.parent / "outside.json").write_text('{"secret": 1}')
    config = """
resource "aws_iam_policy" "a" {
  policy = file("${path.module}/policy.json")
}
resource "aws_iam_policy" "b" {
  policy = templatefile("policy.tpl", { bucket = "models", actions = ["s3:GetObject"] })
}
resource "aws_iam_policy" "c" {
  policy = file("../../outside.json")
}
"""
    files = {
        "main.tf": config,
        "policy.json": '{"Statement": []}\n',
        "policy.tpl": '{"Resource": "arn:aws:s3:::${bucket}/*", "Action": ${jsonencode(actions)}}',
    }
    view, _ = collect(files)
    assert view.resources["aws_iam_policy.a"].attributes == {"policy": '{"Statement": []}\n'}
    assert json.loads(view.resources["aws_iam_policy.b"].attributes["policy"]) == {
        "Resource": "arn:aws:s3:::models/*",
        "Action": ["s3:GetObject"],
    }
    assert view.resources["aws_iam_policy.c"].unresolved == ["policy"]
    assert any("outside the scan root" in m for m in messages(view, "error"))


def test_known_and_computed_attributes_of_other_resources(collect: Collect) -> None:
    config = """
data "aws_caller_identity" "me" {}
resource "aws_s3_bucket" "src" {
  bucket = "models"
  tags   = { team = "ml" }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.src.bucket
  policy = jsonencode({ Resource = aws_s3_bucket.src.arn })
}
resource "aws_s3_bucket" "copy" {
  bucket = "${aws_s3_bucket.src.tags.team}-${data.aws_caller_identity.me.account_id}"
  tags   = aws_s3_bucket.src.tags
}
"""
    view, _ = collect({"main.tf": config})
    policy = view.resources["aws_s3_bucket_policy.p"]
    assert policy.attributes == {"bucket": "models"}
    assert policy.unresolved == ["policy"]
    assert policy.references == {"bucket": ["aws_s3_bucket.src"], "policy": ["aws_s3_bucket.src"]}
    copy = view.resources["aws_s3_bucket.copy"]
    assert copy.attributes == {"tags": {"team": "ml"}}
    assert copy.unresolved == ["bucket"]
    assert copy.references == {
        "bucket": ["aws_s3_bucket.src", "data.aws_caller_identity.me"],
        "tags": ["aws_s3_bucket.src"],
    }
    assert "data.aws_caller_identity.me" in view.resources


def test_registry_module_without_init_is_an_info_entry(collect: Collect) -> None:
    config = """
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
resource "aws_sagemaker_domain" "d" {
  domain_name = "d"
  subnet_ids  = module.vpc.private_subnets
}
"""
    view, _ = collect({"main.tf": config})
    domain = view.resources["aws_sagemaker_domain.d"]
    assert domain.unresolved == ["subnet_ids"]
    info = messages(view, "info")
    assert any("module 'vpc'" in m and "terraform init" in m for m in info)


def test_registry_module_from_modules_json(collect: Collect) -> None:
    manifest = {
        "Modules": [
            {"Key": "", "Source": "", "Dir": "."},
            {"Key": "kms", "Source": "registry.terraform.io/x/kms/aws", "Dir": ".terraform/modules/kms"},
        ]
    }
    files = {
        "main.tf": 'module "kms" {\n  source = "x/kms/aws"\n  rotate = true\n}\n',
        ".terraform/modules/modules.json": json.dumps(manifest),
        ".terraform/modules/kms/main.tf": (
            'variable "rotate" {}\nresource "aws_kms_key" "this" {\n  enable_key_rotation = var.rotate\n}\n'
        ),
    }
    view, _ = collect(files)
    assert view.resources["module.kms.aws_kms_key.this"].attributes == {"enable_key_rotation": True}
    assert view.errors == []


def test_provider_and_data_sources(collect: Collect) -> None:
    config = """
terraform {
  required_providers {
    amazon = { source = "hashicorp/aws" }
  }
}
resource "aws_s3_bucket" "b" {
  provider = amazon.east
  bucket   = "b"
}
"""
    view, _ = collect({"main.tf": config})
    assert view.resources["aws_s3_bucket.b"].provider == "aws"
    assert view.resources["aws_s3_bucket.b"].attributes == {"bucket": "b"}


DEFAULT_TAGS_ROOT = """
variable "env" { default = "prod" }
variable "owner" {}
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { Environment = var.env, threat-model = "https://wiki/tm/42" }
  }
}
provider "aws" {
  alias = "west"
  default_tags { tags = { Owner = var.owner } }
}
provider "aws" {
  alias = "plain"
}
resource "aws_sagemaker_notebook_instance" "nb" {
  name = "nb"
  tags = { Environment = "dev", Team = "ml" }
}
resource "aws_sagemaker_model" "m" { name = "m" }
resource "aws_s3_bucket" "west" {
  provider = aws.west
  bucket   = "w"
}
resource "aws_s3_bucket" "plain" {
  provider = aws.plain
  bucket   = "p"
}
module "inherits" { source = "./modules/store" }
module "passed" {
  source    = "./modules/store"
  providers = { aws = aws.plain }
}
"""


def test_provider_default_tags_are_merged_into_tags_all(collect: Collect) -> None:
    view, _ = collect(
        {
            "main.tf": DEFAULT_TAGS_ROOT,
            "modules/store/main.tf": 'resource "aws_s3_bucket" "this" {\n  bucket = "s"\n}\n',
        }
    )
    defaults = {"Environment": "prod", "threat-model": "https://wiki/tm/42"}
    notebook = view.resources["aws_sagemaker_notebook_instance.nb"]
    # the resource's own tags win over the provider's, as Terraform merges them
    assert notebook.attributes["tags_all"] == {**defaults, "Environment": "dev", "Team": "ml"}
    assert view.resources["aws_sagemaker_model.m"].attributes["tags_all"] == defaults
    assert view.resources["module.inherits.aws_s3_bucket.this"].attributes["tags_all"] == defaults
    # an aliased provider with unknown defaults, a module given providers explicitly: unresolved
    assert "tags_all" in view.resources["aws_s3_bucket.west"].unresolved
    assert "tags_all" in view.resources["module.passed.aws_s3_bucket.this"].unresolved
    # a provider configuration without default_tags adds nothing
    plain = view.resources["aws_s3_bucket.plain"]
    assert "tags_all" not in plain.attributes and "tags_all" not in plain.unresolved


def test_a_tag_given_by_default_tags_satisfies_tag_policies(tmp_path: Path) -> None:
    from aipolicy.scan import ScanOptions, scan_terraform

    from .conftest import write_tree

    stack = write_tree(
        tmp_path / "stack",
        {
            "main.tf": """
provider "aws" {
  default_tags { tags = { threat-model = "https://wiki/tm/42" } }
}
resource "aws_sagemaker_model" "tagged" { name = "m" }
""",
        },
    )
    result = scan_terraform([stack], ScanOptions())
    assert result.resources_scanned == 1
    assert [f for f in result.findings if f.rule_id == "AIP-AWS-SM-026"] == []
    (stack / "main.tf").write_text('resource "aws_sagemaker_model" "untagged" { name = "m" }\n')
    result = scan_terraform([stack], ScanOptions())
    assert [f.resource_id for f in result.findings if f.rule_id == "AIP-AWS-SM-026"] == [
        "aws_sagemaker_model.untagged"
    ]
