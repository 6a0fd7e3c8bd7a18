from __future__ import annotations

import time

import pytest

from aipolicy.redact import REDACTED, redact, redact_data

# Built at run time: no literal here looks like a live credential to a secret scanner.
AKIA = "AKIA" + "IOSFODNN7EXAMPLE"
ASIA = "ASIA" + "Y34FZKBOKMUTVV7A"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY"
OPENAI = "sk-" + "proj-" + "T3BlbkFJ" * 4
OPENAI_LEGACY = "sk-" + "a1B2c3D4e5" * 4 + "f6G7h8I9"
HF = "hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYz01234567"
GHP = "ghp_" + "0123456789abcdefghij" * 2
GH_PAT = "github_pat_" + "11AAAAAAA0" + "_abcdefghijklmnopqrstuvwxyz012345"
SLACK = "xox" + "b-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7V\nq3Zx==\n-----END RSA PRIVATE KEY-----"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"env AWS_ACCESS_KEY_ID={AKIA} set", AKIA),
        (f"session key {ASIA}", ASIA),
        (f"aws_secret_access_key = {AWS_SECRET}", AWS_SECRET),
        (f'"AWS_SECRET_ACCESS_KEY": "{AWS_SECRET}"', AWS_SECRET),
        (f"secret key {AWS_SECRET} found", AWS_SECRET),
        (f"OPENAI_API_KEY={OPENAI}", OPENAI),
        (f"calls the API with {OPENAI_LEGACY}", OPENAI_LEGACY),
        (f"token {HF} in env", HF),
        (f"clone with {GHP}", GHP),
        (f"clone with {GH_PAT}", GH_PAT),
        (f"notify via {SLACK}", SLACK),
        (f"user_data contains {PEM} and more", "MIIEowIBAAKCAQEA7V"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA (truncated", "b3BlbnNzaC1rZXktdjE"),
        ('db_password = "hunter 2"', "hunter 2"),
        ("MASTER_PASSWORD=correcthorse", "correcthorse"),
        ('{"api_key": "abc123xyz"}', "abc123xyz"),
        ("client_secret: s3cr3tv4lue", "s3cr3tv4lue"),
        ("HF_TOKEN=notatokenshape", "notatokenshape"),
    ],
)
def test_secrets_are_replaced(text: str, secret: str) -> None:
    out = redact(text)
    assert secret not in out
    assert REDACTED in out


def test_context_around_a_secret_is_kept() -> None:
    assert redact(f"env AWS_ACCESS_KEY_ID={AKIA} set") == f"env AWS_ACCESS_KEY_ID={REDACTED} set"
    assert (
        redact('db_password = "x y", region = eu-west-1') == f"db_password = {REDACTED}, region = eu-west-1"
    )
    assert redact(f"user_data contains {PEM} and more") == f"user_data contains {REDACTED} and more"


@pytest.mark.parametrize(
    "text",
    [
        "aws_s3_bucket.models has no server-side encryption",
        'Set root_access = "Disabled".',
        "Set manage_master_user_password = true; api_key_required = true; token_validity = 60",
        "kms_key_id = arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "image sk-learn-training-pipeline-notebook:latest",
        "ml/Deployment/model-server uses sha256:" + "a" * 64,
        "awsSageMakerNotebookInstanceProductionEncryptedKeyAbcdefgh",
        "the password is not rotated",
        "",
    ],
)
def test_ordinary_text_is_untouched(text: str) -> None:
    assert redact(text) == text


def test_redaction_is_idempotent() -> None:
    once = redact(f'password = "{AKIA}" {HF} token: {GHP}')
    assert redact(once) == once


def test_redact_data_walks_nested_values() -> None:
    data = {"reason": f"uses {HF}", "items": [f"k={AKIA}", 3, None], f"{GHP}": True}
    out = redact_data(data)
    assert out == {"reason": f"uses {REDACTED}", "items": [f"k={REDACTED}", 3, None], REDACTED: True}


def test_long_input_stays_fast() -> None:
    # An unbounded word-character prefix in a pattern made this quadratic (minutes, not ms).
    text = "a-" * 50_000 + "secret" * 10_000 + "password:" * 10_000
    start = time.perf_counter()
    redact(text)
    assert time.perf_counter() - start < 5.0
