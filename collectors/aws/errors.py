"""Turning a failed AWS call into a ScanError that says what was not read, where, and what to do."""

from __future__ import annotations

from typing import Any

from aipolicy.findings import ScanError

ACCESS_DENIED = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "AuthorizationError",
        "AuthorizationErrorException",
        "Forbidden",
        "UnauthorizedOperation",
        "UnauthorizedException",
        "403",
    }
)
THROTTLED = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "RequestThrottled",
        "RequestThrottledException",
        "SlowDown",
        "ProvisionedThroughputExceededException",
    }
)
# What STS-signed calls return in a region the account has not opted in to.
REGION_DISABLED = frozenset(
    {"UnrecognizedClientException", "InvalidClientTokenId", "AuthFailure", "OptInRequired"}
)

# IAM action names that differ from the API operation name (Service Authorization Reference).
_S3_ACTIONS = {
    "ListBuckets": "s3:ListAllMyBuckets",
    "GetBucketEncryption": "s3:GetEncryptionConfiguration",
    "GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
    "GetObjectLockConfiguration": "s3:GetBucketObjectLockConfiguration",
    "GetBucketReplication": "s3:GetReplicationConfiguration",
}
_PREFIXES = {"bedrock-agent": "bedrock", "opensearch": "es", "s3control": "s3", "sts": "sts"}


def iam_action(service: str, operation: str) -> str:
    """The IAM action an API operation needs, for error messages that say what to grant."""
    if service == "s3":
        return _S3_ACTIONS.get(operation, f"s3:{operation}")
    if service == "s3control" and operation == "GetPublicAccessBlock":
        return "s3:GetAccountPublicAccessBlock"
    return f"{_PREFIXES.get(service, service)}:{operation}"


def describe_failure(exc: BaseException, service: str, operation: str) -> tuple[str, str, str]:
    """(code, sentence, severity) for a failed call; the sentence says what to do where it can."""
    from botocore.exceptions import (
        ClientError,
        ConnectTimeoutError,
        EndpointConnectionError,
        NoCredentialsError,
        ReadTimeoutError,
        UnknownEndpointError,
    )

    if isinstance(exc, ClientError):
        error: dict[str, Any] = dict(exc.response.get("Error", {}))
        code = str(error.get("Code") or exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", "?"))
        text = str(error.get("Message") or "").strip()
        if code in ACCESS_DENIED or "AccessDenied" in code:
            return (
                code,
                f"access denied; grant {iam_action(service, operation)} (iam/aipolicy-scan-policy.json)",
                "error",
            )
        if code in THROTTLED:
            return code, "throttled after every retry; scan again later or lower --max-workers", "error"
        if code in REGION_DISABLED:
            return (
                code,
                "credentials not accepted here: the region is not enabled (opt-in) for the account",
                "error",
            )
        return code, f"{code}: {text[:200]}" if text else code, "error"
    if isinstance(exc, (EndpointConnectionError, UnknownEndpointError)):
        return (
            type(exc).__name__,
            "endpoint not reachable: the service is not offered in this region (or the network is down)",
            "error",
        )
    if isinstance(exc, (ConnectTimeoutError, ReadTimeoutError)):
        return type(exc).__name__, "timed out after every retry", "error"
    if isinstance(exc, NoCredentialsError):
        return "NoCredentials", "no AWS credentials found (profile, environment or instance role)", "error"
    return type(exc).__name__, f"{type(exc).__name__}: {str(exc)[:200]}", "error"


def scan_error(
    account: str,
    region: str,
    service: str,
    operation: str,
    message: str,
    code: str,
    severity: str = "error",
    nothing_read: bool = False,
) -> ScanError:
    detail: dict[str, Any] = {
        "account": account,
        "region": region,
        "service": service,
        "call": operation,
        "code": code,
    }
    if nothing_read:
        detail["nothing_read"] = True
    where = f"account {account}" if region == "*" else f"{service} {operation} in {region}"
    return ScanError(source=f"aws:{account}", message=f"{where}: {message}", severity=severity, detail=detail)
