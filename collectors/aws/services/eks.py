"""EKS: clusters and their managed node groups."""

from __future__ import annotations

from typing import Any

from ..scope import Scope


def collect(scope: Scope) -> None:
    eks = scope.client()
    names = scope.pages(eks, "list_clusters", "clusters")
    if names is not None:
        scope.each(lambda name: _cluster(scope, eks, name), names, "DescribeCluster")


def _cluster(scope: Scope, eks: Any, name: str) -> None:
    reply = scope.call(eks, "describe_cluster", name=name)
    if not reply.ok:
        return
    c = reply.data.get("cluster") or {}
    arn = c["arn"]
    vpc = c.get("resourcesVpcConfig") or {}
    logging = (c.get("logging") or {}).get("clusterLogging") or []
    enabled = sorted({t for entry in logging if entry.get("enabled") for t in entry.get("types") or []})
    tags = dict(c.get("tags") or {})
    scope.add(
        arn,
        "aws_eks_cluster",
        {
            "arn": arn,
            "name": c.get("name"),
            "version": c.get("version"),
            "role_arn": c.get("roleArn"),
            "platform_version": c.get("platformVersion"),
            "enabled_cluster_log_types": enabled,
            "vpc_config": [
                {
                    "subnet_ids": vpc.get("subnetIds") or [],
                    "security_group_ids": vpc.get("securityGroupIds") or [],
                    "cluster_security_group_id": vpc.get("clusterSecurityGroupId"),
                    "vpc_id": vpc.get("vpcId"),
                    "endpoint_public_access": bool(vpc.get("endpointPublicAccess", True)),
                    "endpoint_private_access": bool(vpc.get("endpointPrivateAccess", False)),
                    "public_access_cidrs": vpc.get("publicAccessCidrs") or [],
                }
            ],
            "encryption_config": [
                {
                    "resources": e.get("resources") or [],
                    "provider": [{"key_arn": (e.get("provider") or {}).get("keyArn")}],
                }
                for e in c.get("encryptionConfig") or []
            ],
            "access_config": [
                {
                    "authentication_mode": (c.get("accessConfig") or {}).get("authenticationMode"),
                    "bootstrap_cluster_creator_admin_permissions": (c.get("accessConfig") or {}).get(
                        "bootstrapClusterCreatorAdminPermissions"
                    ),
                }
            ]
            if c.get("accessConfig")
            else [],
            "tags": tags,
            "tags_all": dict(tags),
        },
        (),
        {"role_arn": [c["roleArn"]] if c.get("roleArn") else []},
    )
    groups = scope.pages(eks, "list_nodegroups", "nodegroups", clusterName=name)
    for group in groups or []:
        _node_group(scope, eks, name, arn, group)


def _node_group(scope: Scope, eks: Any, cluster: str, cluster_arn: str, name: str) -> None:
    reply = scope.call(eks, "describe_nodegroup", clusterName=cluster, nodegroupName=name)
    if not reply.ok:
        return
    g = reply.data.get("nodegroup") or {}
    arn = g["nodegroupArn"]
    remote = g.get("remoteAccess")
    scaling = g.get("scalingConfig") or {}
    tags = dict(g.get("tags") or {})
    scope.add(
        arn,
        "aws_eks_node_group",
        {
            "arn": arn,
            "cluster_name": cluster,
            "node_group_name": g.get("nodegroupName"),
            "node_role_arn": g.get("nodeRole"),
            "subnet_ids": g.get("subnets") or [],
            "instance_types": g.get("instanceTypes") or [],
            "ami_type": g.get("amiType"),
            "capacity_type": g.get("capacityType"),
            "disk_size": g.get("diskSize"),
            "version": g.get("version"),
            "release_version": g.get("releaseVersion"),
            "labels": dict(g.get("labels") or {}),
            "scaling_config": [
                {
                    "desired_size": scaling.get("desiredSize"),
                    "max_size": scaling.get("maxSize"),
                    "min_size": scaling.get("minSize"),
                }
            ],
            "remote_access": [
                {
                    "ec2_ssh_key": remote.get("ec2SshKey"),
                    "source_security_group_ids": remote.get("sourceSecurityGroups") or [],
                }
            ]
            if remote
            else [],
            "tags": tags,
            "tags_all": dict(tags),
        },
        (),
        {"cluster_name": [cluster_arn]},
    )
