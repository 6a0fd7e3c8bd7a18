"""IAM: roles with their inline and attached policies, customer managed policies (default version
document), and the inline policies of users and groups, from GetAccountAuthorizationDetails: one
paginated call instead of several per role."""

from __future__ import annotations

from typing import Any

from ..scope import Scope
from ..shape import key_value_tags, policy_text

FILTER = ["Role", "LocalManagedPolicy", "User", "Group"]


def collect(scope: Scope) -> None:
    iam = scope.client()
    roles: list[dict[str, Any]] = []
    policies: list[dict[str, Any]] = []
    users: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    try:
        for page in iam.get_paginator("get_account_authorization_details").paginate(Filter=FILTER):
            roles.extend(page.get("RoleDetailList") or [])
            policies.extend(page.get("Policies") or [])
            users.extend(page.get("UserDetailList") or [])
            groups.extend(page.get("GroupDetailList") or [])
    except Exception as exc:
        scope.failed(iam, "get_account_authorization_details", exc)
        return
    scope.account.read()
    for role in roles:
        _role(scope, role)
    for policy in policies:
        _policy(scope, policy)
    for kind, items, list_key, name_key in (
        ("user", users, "UserPolicyList", "UserName"),
        ("group", groups, "GroupPolicyList", "GroupName"),
    ):
        for holder in items:
            for inline in holder.get(list_key) or []:
                scope.add(
                    f"{holder['Arn']}#inline-policy/{inline['PolicyName']}",
                    f"aws_iam_{kind}_policy",
                    {
                        "name": inline["PolicyName"],
                        kind: holder[name_key],
                        "policy": policy_text(inline.get("PolicyDocument")),
                    },
                    (),
                    {kind: [holder["Arn"]]},
                )


def _role(scope: Scope, role: dict[str, Any]) -> None:
    arn = role["Arn"]
    attached = [p["PolicyArn"] for p in role.get("AttachedManagedPolicies") or []]
    tags = key_value_tags(role.get("Tags"))
    boundary = (role.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn")
    scope.add(
        arn,
        "aws_iam_role",
        {
            "arn": arn,
            "name": role.get("RoleName"),
            "path": role.get("Path"),
            "unique_id": role.get("RoleId"),
            "description": role.get("Description"),
            "max_session_duration": role.get("MaxSessionDuration"),
            "assume_role_policy": policy_text(role.get("AssumeRolePolicyDocument")),
            "permissions_boundary": boundary,
            "inline_policy": [
                {"name": p["PolicyName"], "policy": policy_text(p.get("PolicyDocument"))}
                for p in role.get("RolePolicyList") or []
            ],
            "managed_policy_arns": sorted(attached),
            "tags": tags,
            "tags_all": dict(tags),
        },
        (),
        {"managed_policy_arns": attached, "permissions_boundary": [boundary] if boundary else []},
    )


def _policy(scope: Scope, policy: dict[str, Any]) -> None:
    arn = policy["Arn"]
    default = policy.get("DefaultVersionId")
    document = next(
        (v.get("Document") for v in policy.get("PolicyVersionList") or [] if v.get("VersionId") == default),
        None,
    )
    tags = key_value_tags(policy.get("Tags"))
    scope.add(
        arn,
        "aws_iam_policy",
        {
            "arn": arn,
            "name": policy.get("PolicyName"),
            "path": policy.get("Path"),
            "policy_id": policy.get("PolicyId"),
            "description": policy.get("Description"),
            "policy": policy_text(document),
            "attachment_count": policy.get("AttachmentCount"),
            "tags": tags,
            "tags_all": dict(tags),
        },
        [] if document is not None else ["policy"],
    )
