"""Small Terraform-shaped plans (`terraform show -json` format 1.2) for the parity test.

Each resource is written as Terraform would plan it: values in planned_values, references in the
configuration's expressions (`bucket = aws_s3_bucket.models.id`), so the real plan collector joins
them exactly as it does for a user's plan.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class R:
    address: str
    type: str
    values: dict[str, Any]
    refs: dict[str, str | list[str]] = field(default_factory=dict)


def write_plan(path: Path, resources: list[R]) -> Path:
    planned = []
    configured = []
    changes = []
    for r in resources:
        planned.append(
            {
                "address": r.address,
                "mode": "managed",
                "type": r.type,
                "name": r.address.split(".", 1)[1],
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "schema_version": 0,
                "values": r.values,
                "sensitive_values": {},
            }
        )
        expressions: dict[str, Any] = {k: {"constant_value": v} for k, v in r.values.items()}
        for attribute, targets in r.refs.items():
            refs: list[str] = []
            for target in [targets] if isinstance(targets, str) else targets:
                refs.extend([f"{target}.id", target])
            expressions[attribute] = {"references": refs}
        configured.append(
            {
                "address": r.address,
                "mode": "managed",
                "type": r.type,
                "name": r.address.split(".", 1)[1],
                "provider_config_key": "aws",
                "expressions": expressions,
            }
        )
        changes.append(
            {
                "address": r.address,
                "mode": "managed",
                "type": r.type,
                "name": r.address.split(".", 1)[1],
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {"actions": ["create"], "before": None, "after": r.values, "after_unknown": {}},
            }
        )
    document = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"resources": planned}},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {"aws": {"name": "aws"}},
            "root_module": {"resources": configured},
        },
    }
    path.write_text(json.dumps(document, indent=1))
    return path
