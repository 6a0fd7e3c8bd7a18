"""`aipolicy scan aws` as a user runs it: a real process, boto3 over HTTP to moto, history recorded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import Moto


def scan(moto: Moto, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIPOLICY_", "AWS_"))}
    env.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_ENDPOINT_URL=moto.url,  # every boto3 client of the child talks to moto's server
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    return subprocess.run(
        [sys.executable, "-m", "aipolicy", "scan", "aws", "--regions", "us-east-1", "-f", "json", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_scan_aws_finds_records_and_reports_drift(moto: Moto, tmp_path: Path) -> None:
    moto.client("sagemaker").create_notebook_instance(
        NotebookInstanceName="research",
        InstanceType="ml.t3.medium",
        RoleArn="arn:aws:iam::123456789012:role/notebook",
        RootAccess="Enabled",
        DirectInternetAccess="Enabled",
    )
    first = scan(moto, tmp_path)
    assert first.returncode == 1, first.stderr
    report = json.loads(first.stdout)
    failing = {(f["rule_id"], f["resource_type"]) for f in report["findings"] if f["status"] == "fail"}
    assert ("AIP-AWS-SM-002", "aws_sagemaker_notebook_instance") in failing
    notebook = next(f for f in report["findings"] if f["rule_id"] == "AIP-AWS-SM-002")
    assert notebook["resource_id"].startswith("arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/")
    # recorded in the default SQLite history in the user's data directory
    assert (tmp_path / "data" / "aipolicy" / "history.db").is_file()
    second = scan(moto, tmp_path, "--since-last")
    drift = json.loads(second.stdout)
    assert drift["drift"]["previous_scan"] == 1 and drift["drift"]["new"] == 0
    assert drift["findings"] == []


def test_unreachable_account_exits_2_with_an_error(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIPOLICY_", "AWS_"))}
    env.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_ENDPOINT_URL="http://127.0.0.1:9",  # nothing listens there
        AWS_MAX_ATTEMPTS="1",
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "aipolicy",
            "scan",
            "aws",
            "--regions",
            "us-east-1",
            "--no-store",
            "-f",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["errors"]
