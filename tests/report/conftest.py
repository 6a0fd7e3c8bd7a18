"""Scan results shared by the report tests.

Secrets are assembled at run time so that this file holds no literal that a secret scanner
(or GitHub push protection) would flag.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aipolicy.findings import Finding, ScanError, ScanResult, SourceLocation
from aipolicy.policy import PolicyMetadata

AWS_KEY_ID = "AKIA" + "Z7QTESTONLY4EXMP"
HF_TOKEN = "hf_" + "aB3dE6gH9k" * 3 + "MnPq"
WAIVER_TOKEN = "waiver" + "Secret" + "9f8e7d"
ERROR_PASSWORD = "pa55" + "w0rdFromError"
SECRETS = (AWS_KEY_ID, HF_TOKEN, WAIVER_TOKEN, ERROR_PASSWORD)


def _rule(rule_id: str, package: str, **kw: object) -> PolicyMetadata:
    fields: dict[str, object] = {
        "id": rule_id,
        "title": f"Title of {rule_id}",
        "description": f"Description of {rule_id}.",
        "severity": "HIGH",
        "category": "access-control",
        "guidelines": ("deployment/infrastructure",),
        "resource_types": ("aws_sagemaker_notebook_instance",),
        "remediation": f"Remediation of {rule_id}.",
        "package": package,
        "path": Path(f"policies/{package.replace('.', '/')}/policy.rego"),
    }
    fields.update(kw)
    return PolicyMetadata(**fields)  # type: ignore[arg-type]


RULES = [
    _rule(
        "AIP-AWS-SM-002",
        "aipolicy.aws.sagemaker.notebook_root_access",
        title="SageMaker notebook instances do not grant root access",
        guidelines=("deployment/infrastructure", "design/secure-by-design"),
        remediation='Set root_access = "Disabled".',
    ),
    _rule(
        "AIP-AWS-S3-001",
        "aipolicy.aws.s3.model_bucket_encryption",
        title="Model buckets are encrypted with a customer-managed key",
        severity="CRITICAL",
        category="encryption",
        guidelines=("development/assets", "deployment/model-protection"),
        resource_types=("aws_s3_bucket",),
        remediation="Add an aws_s3_bucket_server_side_encryption_configuration with aws:kms.",
    ),
    _rule(
        "AIP-K8S-IMG-001",
        "aipolicy.kubernetes.images.no_latest_tag",
        title="Model server images are not tagged latest",
        severity="MEDIUM",
        category="updates",
        guidelines=("operation/secure-updates",),
        resource_types=("Deployment",),
        remediation="Pin the image by digest.",
    ),
    _rule(
        "AIP-AWS-BR-001",
        "aipolicy.aws.bedrock.invocation_logging",
        title="Bedrock model invocation logging is enabled",
        severity="LOW",
        category="logging",
        guidelines=("operation/monitor-inputs",),
        resource_types=("aws_bedrock_model_invocation_logging_configuration",),
    ),
]


def _finding(rule: PolicyMetadata, **kw: object) -> Finding:
    fields: dict[str, object] = {
        "rule_id": rule.id,
        "title": rule.title,
        "severity": rule.severity,
        "category": rule.category,
        "guidelines": list(rule.guidelines),
        "resource_type": rule.resource_types[0],
        "remediation": rule.remediation,
    }
    fields.update(kw)
    return Finding(**fields)  # type: ignore[arg-type]


@pytest.fixture
def secrets() -> tuple[str, ...]:
    """The secret values planted in `scan_result`; no report may contain any of them."""
    return SECRETS


@pytest.fixture
def scan_result() -> ScanResult:
    """Four findings over three rules (one waived, one without a line, one without a file),
    a fourth rule with no findings, an input error, an informational note, an expired waiver,
    and secrets in a message, a waiver and an error."""
    sm, s3, img, _ = RULES
    findings = [
        _finding(
            sm,
            resource_id="aws_sagemaker_notebook_instance.research",
            source=SourceLocation("terraform", "ml/main.tf", 12),
            message=f"Lifecycle config exports AWS_ACCESS_KEY_ID={AWS_KEY_ID} and {HF_TOKEN}; root_access on",
            attribute="root_access",
        ),
        _finding(
            sm,
            resource_id="aws_sagemaker_notebook_instance.sandbox",
            source=SourceLocation("terraform", "ml/main.tf", 40),
            message="root_access is Enabled",
            status="waived",
            waiver_reason=f"Sandbox account, isolated; token={WAIVER_TOKEN}",
        ),
        _finding(
            s3,
            resource_id="aws_s3_bucket.models",
            source=SourceLocation("terraform", "modules\\storage\\s3.tf", None),
            message="Bucket has no server-side encryption with a customer-managed key",
        ),
        _finding(
            img,
            resource_id="ml/Deployment/model-server",
            source=SourceLocation("cluster", None, None),
            message="Container server uses image vllm/vllm-openai:latest",
        ),
    ]
    errors = [
        ScanError("ml/broken.tf", f"could not parse HCL near password = {ERROR_PASSWORD}"),
        ScanError("policies", "1 custom policy skipped: no resource of its types", severity="info"),
    ]
    return ScanResult(
        findings=findings,
        errors=errors,
        source_kind="terraform",
        targets=["ml"],
        resources_scanned=12,
        policies_evaluated=15,
        engine="embedded",
        expired_waivers=[
            {
                "rule_id": "AIP-AWS-SM-002",
                "resource_id": "aws_sagemaker_notebook_instance.old",
                "expires": "2024-01-01",
            }
        ],
        rules=list(RULES),
    )


@pytest.fixture
def clean_result() -> ScanResult:
    """A scan that found nothing and had no errors."""
    return ScanResult(
        findings=[],
        errors=[],
        source_kind="kubernetes",
        targets=["k8s/"],
        resources_scanned=3,
        policies_evaluated=1,
        engine="opa",
        rules=[RULES[2]],
    )
