"""ECR: repositories with their repository and lifecycle policies, and the registry scanning configuration."""

from __future__ import annotations

from typing import Any

from ..scope import Scope
from ..shape import policy_text


def collect(scope: Scope) -> None:
    ecr = scope.client()
    _registry_scanning(scope, ecr)
    repositories = scope.pages(ecr, "describe_repositories", "repositories")
    if repositories is not None:
        scope.each(lambda repo: _repository(scope, ecr, repo), repositories, "DescribeRepositories")


def _registry_scanning(scope: Scope, ecr: Any) -> None:
    rtype = "aws_ecr_registry_scanning_configuration"
    rid = scope.arn("ecr", rtype)
    reply = scope.call(ecr, "get_registry_scanning_configuration")
    if not reply.ok:
        scope.placeholder(rid, rtype, ["scan_type", "rule"])
        return
    config = reply.data.get("scanningConfiguration") or {}
    scope.add(
        rid,
        rtype,
        {
            "registry_id": reply.data.get("registryId"),
            "scan_type": config.get("scanType"),
            "rule": [
                {
                    "scan_frequency": rule.get("scanFrequency"),
                    "repository_filter": [
                        {"filter": f.get("filter"), "filter_type": f.get("filterType")}
                        for f in rule.get("repositoryFilters") or []
                    ],
                }
                for rule in config.get("rules") or []
            ],
        },
    )


def _repository(scope: Scope, ecr: Any, repo: dict[str, Any]) -> None:
    arn = repo["repositoryArn"]
    name = repo["repositoryName"]
    encryption = repo.get("encryptionConfiguration") or {}
    scanning = repo.get("imageScanningConfiguration")
    tags, unresolved = scope.tags_not_read()
    scope.add(
        arn,
        "aws_ecr_repository",
        {
            "arn": arn,
            "name": name,
            "registry_id": repo.get("registryId"),
            "repository_url": repo.get("repositoryUri"),
            "image_tag_mutability": repo.get("imageTagMutability", "MUTABLE"),
            "image_tag_mutability_exclusion_filter": [
                {"filter": f.get("filter"), "filter_type": f.get("filterType")}
                for f in repo.get("imageTagMutabilityExclusionFilters") or []
            ],
            "encryption_configuration": [
                {
                    "encryption_type": encryption.get("encryptionType", "AES256"),
                    "kms_key": encryption.get("kmsKey"),
                }
            ],
            "image_scanning_configuration": [{"scan_on_push": bool(scanning.get("scanOnPush", False))}]
            if scanning is not None
            else [],
            **tags,
        },
        unresolved,
        {"encryption_configuration": [encryption["kmsKey"]] if encryption.get("kmsKey") else []},
    )
    refs = {"repository": [arn]}
    reply = scope.call(
        ecr, "get_repository_policy", absent={"RepositoryPolicyNotFoundException"}, repositoryName=name
    )
    if not reply.absent:
        scope.add(
            f"{arn}#aws_ecr_repository_policy",
            "aws_ecr_repository_policy",
            {
                "repository": name,
                "registry_id": repo.get("registryId"),
                "policy": policy_text(reply.data.get("policyText")),
            },
            [] if reply.ok else ["policy"],
            refs,
        )
    reply = scope.call(
        ecr, "get_lifecycle_policy", absent={"LifecyclePolicyNotFoundException"}, repositoryName=name
    )
    if not reply.absent:
        scope.add(
            f"{arn}#aws_ecr_lifecycle_policy",
            "aws_ecr_lifecycle_policy",
            {
                "repository": name,
                "registry_id": repo.get("registryId"),
                "policy": reply.data.get("lifecyclePolicyText"),
            },
            [] if reply.ok else ["policy"],
            refs,
        )
