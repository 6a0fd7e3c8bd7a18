"""AWS accounts onto the resource view, in the Terraform AWS provider's schema (DESIGN.md).

Library API (the CLI is a thin layer over it):

    from aipolicy.collectors.aws import AccountTarget, AwsCollector, nothing_read, parse_accounts_file

    views = AwsCollector(boto3.Session(profile_name=...), accounts, regions, progress=...).collect()
"""

from __future__ import annotations

from .accounts import AccountTarget, account_of_role, parse_accounts_file
from .collector import AwsCollector, AwsProgress, nothing_read

__all__ = [
    "AccountTarget",
    "AwsCollector",
    "AwsProgress",
    "account_of_role",
    "nothing_read",
    "parse_accounts_file",
]
