"""The GitLab CI job documented in docs/ci.md: its YAML, and its script run as the runner runs it.

GitLab itself is not available here; the job's `script:` lines are run in one bash with errexit (as
GitLab's shell executor does) in a workspace holding the examples, with this environment's aipolicy
standing in for the `before_script` install. The reports its artifacts name must exist, and the job
must fail on the insecure stack and pass on the hardened one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

DOC = REPO / "docs" / "ci.md"
EXAMPLES = REPO / "terraform-examples" / "sagemaker-inference"


def gitlab_job() -> dict[str, Any]:
    text = DOC.read_text()
    section = text.split("## GitLab CI", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None, "docs/ci.md: no yaml block under ## GitLab CI"
    config = yaml.safe_load(block.group(1))
    assert list(config) == ["aipolicy"]
    job = config["aipolicy"]
    assert isinstance(job, dict)
    return job


def test_job_publishes_junit_and_keeps_sarif() -> None:
    job = gitlab_job()
    artifacts = job["artifacts"]
    assert artifacts["when"] == "always"
    assert artifacts["reports"]["junit"] == "aipolicy-junit.xml"
    assert "aipolicy.sarif" in artifacts["paths"]
    assert "sast" not in artifacts["reports"]  # GitLab's SAST schema is not SARIF
    assert any('"aipolicy==' in line for line in job["before_script"])
    version = re.search(r'^version = "(.+)"$', (REPO / "pyproject.toml").read_text(), re.MULTILINE)
    assert version is not None and f'"aipolicy=={version.group(1)}"' in " ".join(job["before_script"])


def run_job(workspace: Path) -> subprocess.CompletedProcess[str]:
    script = "\n".join(gitlab_job()["script"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIPOLICY_")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env["PATH"]])
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.mark.parametrize(("stack", "code"), [("insecure", 1), ("hardened", 0)])
def test_job_script(tmp_path: Path, stack: str, code: int) -> None:
    shutil.copytree(EXAMPLES / stack, tmp_path / "infra", ignore=shutil.ignore_patterns("*.json"))
    done = run_job(tmp_path)
    assert done.returncode == code, done.stdout + done.stderr
    junit = ET.parse(tmp_path / "aipolicy-junit.xml").getroot()
    assert junit.tag == "testsuites" and int(junit.get("tests", "0")) > 0
    failures = int(junit.get("failures", "0"))
    sarif = json.loads((tmp_path / "aipolicy.sarif").read_text())
    results = [r for run in sarif["runs"] for r in run["results"]]
    if stack == "insecure":
        assert failures > 0 and results
        assert "AIP-AWS-" in done.stdout  # the deciding scan's text report is in the job log
    else:
        assert not [r for r in results if r["level"] == "error"]
