"""The plan collector: addresses, unknown values, references through modules, and hostile input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aipolicy.collectors.terraform.addresses import config_address, split_module, steps
from aipolicy.collectors.terraform.plan import (
    PlanCollector,
    configured_unknowns,
    resource_unknowns,
    unknown_paths,
)
from aipolicy.errors import InputError
from aipolicy.view import validate_document

AWS = "registry.terraform.io/hashicorp/aws"


def planned(address: str, rtype: str, values: dict[str, Any]) -> dict[str, Any]:
    name = address.rsplit(".", 1)[-1].split("[", 1)[0]
    entry: dict[str, Any] = {
        "address": address,
        "mode": "managed",
        "type": rtype,
        "name": name,
        "provider_name": AWS,
        "values": values,
        "sensitive_values": {},
    }
    if "[" in address.rsplit(".", 1)[-1]:
        key = address.rsplit("[", 1)[1].rstrip("]")
        entry["index"] = json.loads(key)
    return entry


def change(address: str, after_unknown: dict[str, Any]) -> dict[str, Any]:
    return {"address": address, "change": {"actions": ["create"], "after_unknown": after_unknown}}


MODULE_PLAN: dict[str, Any] = {
    "format_version": "1.2",
    "terraform_version": "1.9.8",
    "planned_values": {
        "root_module": {
            "resources": [
                planned('aws_s3_bucket.training["risk"]', "aws_s3_bucket", {"bucket": "training-risk"}),
                planned('aws_s3_bucket.training["fraud"]', "aws_s3_bucket", {"bucket": "training-fraud"}),
                planned('aws_s3_bucket_versioning.training["risk"]', "aws_s3_bucket_versioning", {}),
                planned('aws_s3_bucket_versioning.training["fraud"]', "aws_s3_bucket_versioning", {}),
                planned("aws_kms_key.models", "aws_kms_key", {"enable_key_rotation": True}),
            ],
            "child_modules": [
                {
                    "address": "module.ml",
                    "resources": [
                        planned("module.ml.aws_s3_bucket.models", "aws_s3_bucket", {"bucket": "models"}),
                        planned(
                            "module.ml.aws_s3_bucket_server_side_encryption_configuration.models",
                            "aws_s3_bucket_server_side_encryption_configuration",
                            {
                                "rule": [
                                    {
                                        "apply_server_side_encryption_by_default": [
                                            {"sse_algorithm": "aws:kms"}
                                        ]
                                    }
                                ]
                            },
                        ),
                    ],
                    "child_modules": [
                        {
                            "address": "module.ml.module.notebook[0]",
                            "resources": [
                                planned(
                                    "module.ml.module.notebook[0].aws_sagemaker_notebook_instance.this",
                                    "aws_sagemaker_notebook_instance",
                                    {"root_access": "Disabled"},
                                )
                            ],
                        }
                    ],
                }
            ],
        }
    },
    "resource_changes": [
        change('aws_s3_bucket_versioning.training["risk"]', {"bucket": True}),
        change(
            "module.ml.aws_s3_bucket_server_side_encryption_configuration.models",
            {
                "bucket": True,
                "rule": [{"apply_server_side_encryption_by_default": [{"kms_master_key_id": True}]}],
            },
        ),
        change("module.ml.module.notebook[0].aws_sagemaker_notebook_instance.this", {"kms_key_id": True}),
    ],
    "configuration": {
        "root_module": {
            "resources": [
                {"address": "aws_s3_bucket.training", "expressions": {"bucket": {}}},
                {
                    "address": "aws_s3_bucket_versioning.training",
                    "expressions": {"bucket": {"references": ["aws_s3_bucket.training", "each.key"]}},
                },
                {"address": "aws_kms_key.models", "expressions": {}},
            ],
            "module_calls": {
                "ml": {
                    "source": "./modules/ml",
                    "expressions": {
                        "kms_key_arn": {"references": ["aws_kms_key.models.arn", "aws_kms_key.models"]}
                    },
                    "module": {
                        "outputs": {"bucket_id": {"expression": {"references": ["aws_s3_bucket.models.id"]}}},
                        "resources": [
                            {"address": "aws_s3_bucket.models", "expressions": {}},
                            {
                                "address": "aws_s3_bucket_server_side_encryption_configuration.models",
                                "expressions": {
                                    "bucket": {
                                        "references": ["aws_s3_bucket.models.id", "aws_s3_bucket.models"]
                                    },
                                    "rule": [
                                        {
                                            "apply_server_side_encryption_by_default": [
                                                {"kms_master_key_id": {"references": ["var.kms_key_arn"]}}
                                            ]
                                        }
                                    ],
                                },
                            },
                        ],
                        "module_calls": {
                            "notebook": {
                                "source": "./notebook",
                                "count_expression": {"constant_value": 1},
                                "expressions": {"kms_key_id": {"references": ["var.kms_key_arn"]}},
                                "module": {
                                    "resources": [
                                        {
                                            "address": "aws_sagemaker_notebook_instance.this",
                                            "expressions": {"kms_key_id": {"references": ["var.kms_key_id"]}},
                                        }
                                    ]
                                },
                            }
                        },
                    },
                }
            },
        }
    },
}


def write(tmp_path: Path, document: Any, name: str = "tfplan.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document))
    return path


def test_address_steps_handle_quoted_keys() -> None:
    assert steps('module.a["x.y"].aws_s3_bucket.b[0]') == [
        ("module", None),
        ("a", '["x.y"]'),
        ("aws_s3_bucket", None),
        ("b", "[0]"),
    ]
    assert split_module('module.a["k"].module.b.aws_s3_bucket.c["z"]') == (
        'module.a["k"].module.b',
        'aws_s3_bucket.c["z"]',
    )
    assert config_address('module.a["k"].aws_s3_bucket.c[2]') == "module.a.aws_s3_bucket.c"


def test_unknown_paths_flatten_nested_blocks() -> None:
    assert unknown_paths({"a": True, "b": [{"c": True, "d": False}], "e": {}}) == ["a", "b.0.c"]
    assert unknown_paths(None) == []


def test_only_configured_unknowns_are_unresolved() -> None:
    expressions = {
        "bucket": {"references": ["var.name"]},
        "vpc_config": [{"subnet_ids": {"constant_value": ["s-1"]}}],
        "tags": {"constant_value": {"a": "b"}},
    }
    paths = [
        "arn",
        "bucket",
        "server_side_encryption_configuration",
        "vpc_config.0.public_access_cidrs",
        "vpc_config.0.subnet_ids",
        "tags.owner",
    ]
    assert configured_unknowns(paths, expressions) == ["bucket", "vpc_config.0.subnet_ids", "tags.owner"]
    assert configured_unknowns(paths, None) == paths
    assert configured_unknowns(paths, {"dynamic": {}}) == paths


@pytest.mark.parametrize(
    "expressions",
    [
        None,
        {},
        {"bucket": {"references": ["var.name"]}, "tags": {"constant_value": {"a": "b"}}},
        {"vpc_config": [{"subnet_ids": {"constant_value": ["s-1"]}}], "dynamic": {}},
        {"references": {"constant_value": 1}},  # an attribute named like an expression key
        {"vpc_config": [{"subnet_ids": {"references": ["aws_subnet.a.id"]}}]},
    ],
)
def test_resource_unknowns_walks_only_configured_attributes(expressions: dict[str, Any] | None) -> None:
    after_unknown: Any = {
        "arn": True,
        "bucket": True,
        "tags": {"owner": True, "team": False},
        "tags_all": True,
        "vpc_config": [{"subnet_ids": True, "public_access_cidrs": True}],
        "id": False,
    }
    for value in (after_unknown, True, None, [True]):
        expected = configured_unknowns(unknown_paths(value), expressions)
        assert resource_unknowns(value, expressions) == expected


def test_module_plan_resolves_addresses_unknowns_and_references(tmp_path: Path) -> None:
    view = PlanCollector(write(tmp_path, MODULE_PLAN)).collect()
    assert view.errors == []
    validate_document(view.to_document())
    assert set(view.resources) == {
        'aws_s3_bucket.training["risk"]',
        'aws_s3_bucket.training["fraud"]',
        'aws_s3_bucket_versioning.training["risk"]',
        'aws_s3_bucket_versioning.training["fraud"]',
        "aws_kms_key.models",
        "module.ml.aws_s3_bucket.models",
        "module.ml.aws_s3_bucket_server_side_encryption_configuration.models",
        "module.ml.module.notebook[0].aws_sagemaker_notebook_instance.this",
    }
    versioning = view.resources['aws_s3_bucket_versioning.training["risk"]']
    assert versioning.references == {"bucket": ['aws_s3_bucket.training["risk"]']}
    assert versioning.unresolved == ["bucket"]
    sse = view.resources["module.ml.aws_s3_bucket_server_side_encryption_configuration.models"]
    assert sse.module == "module.ml"
    assert sse.references["bucket"] == ["module.ml.aws_s3_bucket.models"]
    # a module input followed back to the root module's key
    assert sse.references["rule"] == ["aws_kms_key.models"]
    assert "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id" in sse.unresolved
    notebook = view.resources["module.ml.module.notebook[0].aws_sagemaker_notebook_instance.this"]
    assert notebook.references == {"kms_key_id": ["aws_kms_key.models"]}
    assert notebook.provider == "aws"
    assert sorted(view.by_type()["aws_s3_bucket"]) == [
        'aws_s3_bucket.training["fraud"]',
        'aws_s3_bucket.training["risk"]',
        "module.ml.aws_s3_bucket.models",
    ]


def test_collection_reference_covers_every_instance(tmp_path: Path) -> None:
    plan = json.loads(json.dumps(MODULE_PLAN))
    resources = plan["configuration"]["root_module"]["resources"]
    resources.append(
        {
            "address": "aws_s3_bucket_policy.all",
            "expressions": {"bucket": {"references": ["aws_s3_bucket.training"]}},
        }
    )
    plan["planned_values"]["root_module"]["resources"].append(
        planned("aws_s3_bucket_policy.all", "aws_s3_bucket_policy", {})
    )
    view = PlanCollector(write(tmp_path, plan)).collect()
    assert view.resources["aws_s3_bucket_policy.all"].references == {
        "bucket": ['aws_s3_bucket.training["fraud"]', 'aws_s3_bucket.training["risk"]']
    }


def test_each_value_follows_the_for_each_collection(tmp_path: Path) -> None:
    plan = json.loads(json.dumps(MODULE_PLAN))
    for entry in plan["configuration"]["root_module"]["resources"]:
        if entry["address"] == "aws_s3_bucket_versioning.training":
            entry["for_each_expression"] = {"references": ["aws_s3_bucket.training"]}
            entry["expressions"]["bucket"] = {"references": ["each.value.id", "each.value"]}
    view = PlanCollector(write(tmp_path, plan)).collect()
    assert view.resources['aws_s3_bucket_versioning.training["fraud"]'].references == {
        "bucket": ['aws_s3_bucket.training["fraud"]']
    }


def test_source_locations_point_at_tf_files(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        '\n\nresource "aws_kms_key" "models" {\n  enable_key_rotation = true\n}\n'
    )
    module_dir = tmp_path / "modules" / "ml"
    module_dir.mkdir(parents=True)
    (module_dir / "s3.tf").write_text('resource "aws_s3_bucket" "models" {\n}\n')
    view = PlanCollector(write(tmp_path, MODULE_PLAN)).collect()
    kms = view.resources["aws_kms_key.models"].location
    assert kms is not None and kms.file.endswith("main.tf") and kms.line == 3
    bucket = view.resources["module.ml.aws_s3_bucket.models"].location
    assert bucket is not None and bucket.file.endswith("modules/ml/s3.tf") and bucket.line == 1
    assert view.resources['aws_s3_bucket.training["risk"]'].location is None


def test_state_json_is_read_like_a_plan(tmp_path: Path) -> None:
    state = {"format_version": "1.0", "values": MODULE_PLAN["planned_values"]}
    view = PlanCollector(write(tmp_path, state)).collect()
    assert len(view.resources) == 8


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format_version": "1.2", "planned_values": {', "malformed JSON"),
        (b"", "empty file"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"resources": []}', "not a Terraform plan"),
        (b"[1, 2, 3]", "not a Terraform plan"),
        (b'{"format_version": "2.0", "planned_values": {}}', "unsupported plan format_version"),
        (b'{"format_version": "1.2"}', "not a Terraform plan"),
        (b"[" * 5000 + b"]" * 5000, "nested deeper"),
        (b'{"format_version": "1.2", "x": ' + b'{"a":' * 5000 + b"1" + b"}" * 5000 + b"}", "nested deeper"),
    ],
    ids=[
        "truncated",
        "empty",
        "binary",
        "not-a-plan",
        "array",
        "format-2",
        "no-values",
        "deep-array",
        "deep-object",
    ],
)
def test_bad_input_is_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        PlanCollector(path).collect()
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_oversized_plan_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIPOLICY_MAX_INPUT_MB", "1")
    path = tmp_path / "huge.json"
    with path.open("wb") as sink:
        sink.write(b'{"format_version": "1.2", "pad": "')
        sink.write(b"x" * (2 * 1024 * 1024))
        sink.write(b'"}')
    with pytest.raises(InputError, match="over the 1 MiB input limit"):
        PlanCollector(path).collect()


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        PlanCollector(tmp_path / "nope.json").collect()


def test_view_carries_join_indexes(tmp_path: Path) -> None:
    view = PlanCollector(write(tmp_path, MODULE_PLAN)).collect()
    document = view.to_document()
    assert document["referenced_by"]['aws_s3_bucket.training["risk"]'] == {
        "aws_s3_bucket_versioning": {"bucket": ['aws_s3_bucket_versioning.training["risk"]']}
    }
    # the notebook's kms_key_id resolved to a key, so it is not a dangling join
    assert "kms_key_id" not in document["dangling"].get("aws_sagemaker_notebook_instance", [])
    plan = json.loads(json.dumps(MODULE_PLAN))
    plan["resource_changes"].append(change('aws_s3_bucket_versioning.training["fraud"]', {"bucket": True}))
    for entry in plan["configuration"]["root_module"]["resources"]:
        if entry["address"] == "aws_s3_bucket_versioning.training":
            entry["expressions"]["bucket"] = {"references": ["var.bucket_name"]}
    unjoined = PlanCollector(write(tmp_path, plan, "unjoined.json")).collect().to_document()
    assert unjoined["dangling"]["aws_s3_bucket_versioning"] == ["bucket"]


def test_indexed_reference_is_not_widened_to_the_collection(tmp_path: Path) -> None:
    plan = json.loads(json.dumps(MODULE_PLAN))
    plan["configuration"]["root_module"]["resources"].append(
        {
            "address": "aws_s3_bucket_policy.risk",
            "expressions": {
                "bucket": {
                    "references": [
                        'aws_s3_bucket.training["risk"].id',
                        'aws_s3_bucket.training["risk"]',
                        "aws_s3_bucket.training",
                    ]
                }
            },
        }
    )
    plan["planned_values"]["root_module"]["resources"].append(
        planned("aws_s3_bucket_policy.risk", "aws_s3_bucket_policy", {})
    )
    view = PlanCollector(write(tmp_path, plan)).collect()
    assert view.resources["aws_s3_bucket_policy.risk"].references == {
        "bucket": ['aws_s3_bucket.training["risk"]']
    }
