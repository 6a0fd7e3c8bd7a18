"""One module per AWS service; each maps its API output onto Terraform AWS provider resource types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..scope import Scope
from . import bedrock, bedrock_agent, cloudtrail, ecr, eks, iam, kms, logs, opensearch, s3, sagemaker, vpc


@dataclass(frozen=True)
class Service:
    """A unit of work per region (or once per account when global) and the botocore client it uses."""

    name: str
    client: str
    collect: Callable[[Scope], None]
    is_global: bool = False


SERVICES: tuple[Service, ...] = (
    Service("iam", "iam", iam.collect, is_global=True),
    Service("s3", "s3", s3.collect, is_global=True),
    Service("sagemaker", "sagemaker", sagemaker.collect),
    Service("bedrock", "bedrock", bedrock.collect),
    Service("bedrock-agent", "bedrock-agent", bedrock_agent.collect),
    Service("ecr", "ecr", ecr.collect),
    Service("eks", "eks", eks.collect),
    Service("kms", "kms", kms.collect),
    Service("cloudtrail", "cloudtrail", cloudtrail.collect),
    Service("logs", "logs", logs.collect),
    Service("opensearch", "opensearch", opensearch.collect),
    Service("vpc", "ec2", vpc.collect),
)
