"""KMS: customer managed keys with their rotation status and key policy (AWS managed keys are not
resources a configuration manages, and AWS rotates them itself)."""

from __future__ import annotations

from typing import Any

from ..scope import Scope


def collect(scope: Scope) -> None:
    kms = scope.client()
    keys = scope.pages(kms, "list_keys", "Keys")
    if keys is not None:
        scope.each(lambda key: _key(scope, kms, key["KeyId"]), keys, "DescribeKey")


def _key(scope: Scope, kms: Any, key_id: str) -> None:
    reply = scope.call(kms, "describe_key", KeyId=key_id)
    if not reply.ok:
        return
    meta = reply.data.get("KeyMetadata") or {}
    if meta.get("KeyManager") == "AWS":
        return
    arn = meta["Arn"]
    unresolved: list[str] = []
    attributes: dict[str, Any] = {
        "arn": arn,
        "key_id": meta.get("KeyId"),
        "description": meta.get("Description"),
        "key_usage": meta.get("KeyUsage"),
        "customer_master_key_spec": meta.get("KeySpec") or meta.get("CustomerMasterKeySpec"),
        "is_enabled": meta.get("Enabled"),
        "multi_region": bool(meta.get("MultiRegion", False)),
        "custom_key_store_id": meta.get("CustomKeyStoreId"),
        "origin": meta.get("Origin"),
        "key_state": meta.get("KeyState"),
        # The API keeps a deletion window only once deletion is scheduled; before that there is none.
        "deletion_window_in_days": meta.get("PendingDeletionWindowInDays"),
    }
    symmetric = attributes["customer_master_key_spec"] == "SYMMETRIC_DEFAULT"
    if symmetric and meta.get("Origin", "AWS_KMS") == "AWS_KMS" and meta.get("KeyState") != "PendingImport":
        rotation = scope.call(kms, "get_key_rotation_status", KeyId=key_id)
        if rotation.ok:
            attributes["enable_key_rotation"] = bool(rotation.data.get("KeyRotationEnabled", False))
            attributes["rotation_period_in_days"] = rotation.data.get("RotationPeriodInDays")
        else:
            unresolved.append("enable_key_rotation")
    else:
        attributes["enable_key_rotation"] = False  # rotation is not available for this kind of key
    policy = scope.call(kms, "get_key_policy", KeyId=key_id, PolicyName="default")
    if policy.ok:
        attributes["policy"] = policy.data.get("Policy")
    else:
        unresolved.append("policy")
    tags, tag_unresolved = scope.tags_not_read()
    scope.add(arn, "aws_kms_key", {**attributes, **tags}, unresolved + tag_unresolved)
