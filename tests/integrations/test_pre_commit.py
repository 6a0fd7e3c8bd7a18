"""The real pre-commit (from PyPI) runs this checkout's hooks in a throwaway repository.

The hook repository is a snapshot of this checkout's working tree (tracked and untracked files, not
ignored ones) committed into a temporary git repository, so the test sees uncommitted changes and
works on a clean CI clone alike. pre-commit installs the hooks' Python environment (this package and
its pinned dependencies, from the package index) into a temporary PRE_COMMIT_HOME once per session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, need
from tests.integrations.worktree import copy_worktree

EXAMPLE = REPO / "terraform-examples" / "sagemaker-inference"
INSTALL_TIMEOUT = 1200  # first hook run: pip installs aipolicy and its dependencies


def _pre_commit() -> str | None:
    beside = Path(sys.executable).parent / "pre-commit"
    if beside.is_file():
        return str(beside)
    return shutil.which("pre-commit")


def _git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def _clean_env(pre_commit_home: Path) -> dict[str, str]:
    """No GIT_* from an enclosing hook, no AIPOLICY_* settings, no user or system git config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "AIPOLICY_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(pre_commit_home),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def _init_repo(path: Path, env: dict[str, str]) -> None:
    _git(path, "init", "-q", "-b", "main", env=env)
    _git(path, "config", "user.email", "ci@aipolicy.invalid", env=env)
    _git(path, "config", "user.name", "aipolicy tests", env=env)
    _git(path, "config", "commit.gpgsign", "false", env=env)


def _snapshot(target: Path, env: dict[str, str]) -> str:
    """Commit this checkout's working tree into a new repository at `target`; the commit's sha."""
    copy_worktree(target)
    _init_repo(target, env)
    _git(target, "add", "-A", env=env)
    _git(target, "commit", "-q", "--no-verify", "-m", "aipolicy snapshot for pre-commit tests", env=env)
    return _git(target, "rev-parse", "HEAD", env=env).strip()


@dataclass
class Hooks:
    """The hook repository, its commit, and the environment every pre-commit call runs in."""

    repo: Path
    rev: str
    env: dict[str, str]
    pre_commit: str
    install_seconds: float = 0.0

    def config(self, *hook_ids: str) -> str:
        entry = {"repo": str(self.repo), "rev": self.rev, "hooks": [{"id": h} for h in hook_ids]}
        return yaml.safe_dump({"repos": [entry]}, sort_keys=False)

    def project(self, path: Path, *hook_ids: str) -> Path:
        """A new git repository using these hooks, with the git hook script installed."""
        path.mkdir()
        _init_repo(path, self.env)
        (path / ".pre-commit-config.yaml").write_text(self.config(*hook_ids))
        self.run(path, "install", "--install-hooks", timeout=INSTALL_TIMEOUT)
        return path

    def run(self, cwd: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [self.pre_commit, *args],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
        assert done.returncode == 0, f"pre-commit {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hooks]:
    pre_commit = _pre_commit()
    if pre_commit is None:
        need("pre-commit not installed: pip install -e '.[test]'")
    assert pre_commit is not None
    base = tmp_path_factory.mktemp("pre-commit")
    env = _clean_env(base / "home")
    rev = _snapshot(base / "aipolicy-hooks", env)
    found = Hooks(base / "aipolicy-hooks", rev, env, pre_commit)
    # Install the hook environment once, timed: pip installs aipolicy from the snapshot.
    started = time.monotonic()
    found.project(base / "warm-up", "aipolicy-terraform", "aipolicy-k8s")
    found.install_seconds = time.monotonic() - started
    print(f"pre-commit hook environment installed in {found.install_seconds:.0f}s")
    yield found


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    """`git commit` with the pre-commit git hook: what a developer runs."""
    _git(repo, "add", "-A", env=env)
    return subprocess.run(
        ["git", "commit", "-m", message],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def head(repo: Path, env: dict[str, str]) -> str | None:
    done = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=repo, env=env, capture_output=True, text=True
    )
    return done.stdout.strip() or None


def test_hooks_file_is_valid_for_pre_commit(hooks: Hooks) -> None:
    done = hooks.run(REPO, "validate-manifest", str(REPO / ".pre-commit-hooks.yaml"))
    assert done.returncode == 0
    manifest = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    by_id = {h["id"]: h for h in manifest}
    assert set(by_id) == {"aipolicy-terraform", "aipolicy-k8s"}
    assert by_id["aipolicy-terraform"]["pass_filenames"] is False
    assert by_id["aipolicy-k8s"]["types"] == ["yaml"]
    assert all(h["language"] == "python" for h in manifest)


def test_terraform_hook_blocks_a_commit_of_an_insecure_stack(hooks: Hooks, tmp_path: Path) -> None:
    repo = hooks.project(tmp_path / "insecure", "aipolicy-terraform")
    shutil.copytree(EXAMPLE / "insecure", repo / "infra", ignore=shutil.ignore_patterns("*.json"))
    done = commit(repo, hooks.env, "add the inference stack")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "aipolicy (Terraform)" in output and "Failed" in output, output
    assert "AIP-AWS-" in output and "infra/" in output, output  # the findings, with their files
    assert head(repo, hooks.env) is None, "the commit must not have been made"


def test_terraform_hook_lets_a_hardened_stack_through(hooks: Hooks, tmp_path: Path) -> None:
    repo = hooks.project(tmp_path / "hardened", "aipolicy-terraform")
    shutil.copytree(EXAMPLE / "hardened", repo / "infra", ignore=shutil.ignore_patterns("*.json"))
    done = commit(repo, hooks.env, "add the hardened inference stack")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "aipolicy (Terraform)" in output and "Passed" in output, output
    assert head(repo, hooks.env) is not None

    # A commit with no Terraform in it does not run the hook.
    (repo / "README.md").write_text("# infra\n")
    done = commit(repo, hooks.env, "readme")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "(no files to check)Skipped" in output, output

    # A change to a module alone re-scans the root module that calls it: an S3 bucket policy that
    # allows everyone (AIP-AWS-S3-007, HIGH) is blocked although no root module file changed.
    module = repo / "infra" / "modules" / "model_bucket" / "main.tf"
    text = module.read_text()
    opened = text.replace('Effect    = "Deny"', 'Effect    = "Allow"')
    opened = "\n".join(line for line in opened.splitlines() if "aws:SecureTransport" not in line) + "\n"
    assert opened != text, "the example's bucket policy changed: update this test"
    module.write_text(opened)
    done = commit(repo, hooks.env, "open the model bucket")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "AIP-AWS-S3-007" in output and "infra/modules/model_bucket/main.tf" in output, output


INSECURE_MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm, namespace: inference}
spec:
  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: {app: vllm}}
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:latest
          securityContext: {privileged: true}
"""

HARDENED_MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm, namespace: inference}
spec:
  replicas: 2
  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: {app: vllm}}
    spec:
      automountServiceAccountToken: false
      securityContext: {runAsNonRoot: true, runAsUser: 10001, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: vllm
          image: registry.example.com/vllm/vllm-openai@sha256:DIGEST
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          resources:
            requests: {cpu: "4", memory: 16Gi, nvidia.com/gpu: "1"}
            limits: {cpu: "4", memory: 16Gi, nvidia.com/gpu: "1"}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress, namespace: inference}
spec:
  podSelector: {}
  policyTypes: [Ingress]
""".replace("DIGEST", "5f0c0a1b9e6d3c2a4b8f7e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b")

WORKFLOW = "on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n"


def test_k8s_hook_blocks_an_insecure_manifest(hooks: Hooks, tmp_path: Path) -> None:
    repo = hooks.project(tmp_path / "k8s-insecure", "aipolicy-k8s")
    (repo / "deploy").mkdir()
    (repo / "deploy" / "vllm.yaml").write_text(INSECURE_MANIFEST)
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW)
    done = commit(repo, hooks.env, "deploy vllm")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "aipolicy (Kubernetes)" in output and "Failed" in output, output
    assert "AIP-K8S-" in output and "deploy/vllm.yaml" in output, output
    # Excluded by default: the workflow and .pre-commit-config.yaml are not handed to the scanner.
    assert "ci.yml" not in output and ".pre-commit-config.yaml" not in output, output
    assert head(repo, hooks.env) is None


def test_k8s_hook_lets_a_hardened_manifest_through(hooks: Hooks, tmp_path: Path) -> None:
    repo = hooks.project(tmp_path / "k8s-hardened", "aipolicy-k8s")
    (repo / "deploy").mkdir()
    (repo / "deploy" / "vllm.yaml").write_text(HARDENED_MANIFEST)
    done = commit(repo, hooks.env, "deploy vllm")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "aipolicy (Kubernetes)" in output and "Passed" in output, output

    # A commit of excluded YAML only (CI and Helm files) does not run the hook.
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW)
    (repo / "charts" / "vllm" / "templates").mkdir(parents=True)
    (repo / "charts" / "vllm" / "Chart.yaml").write_text("apiVersion: v2\nname: vllm\nversion: 0.1.0\n")
    (repo / "charts" / "vllm" / "templates" / "deployment.yaml").write_text("{{- if .Values.enabled }}\n")
    done = commit(repo, hooks.env, "ci and chart")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "(no files to check)Skipped" in output, output


def test_k8s_hook_passes_a_commit_of_other_yaml(hooks: Hooks, tmp_path: Path) -> None:
    repo = hooks.project(tmp_path / "k8s-other-yaml", "aipolicy-k8s")
    (repo / "config").mkdir()
    (repo / "config" / "app.yaml").write_text("log_level: info\nreplicas: 3\n")
    done = commit(repo, hooks.env, "app settings")
    assert done.returncode == 0, done.stdout + done.stderr
