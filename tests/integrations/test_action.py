"""The composite GitHub Action (action.yml): its structure, actionlint, and its scripts run for real.

actionlint (scripts/build-actionlint.sh) lints the example workflow and, through a workflow that uses
the action as `./`, the action's metadata (inputs, outputs, branding, runs); it does not check the
steps of a composite action, so the tests here do: every step's shell, every expression's reference,
no `${{ }}` inside a script, shellcheck on each script. Then a small stand-in for the runner executes
the steps the way GitHub does (bash -eo pipefail, GITHUB_OUTPUT, GITHUB_PATH, `if:` conditions,
outputs) with the upload step recorded instead of called, on the insecure and hardened examples.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, need
from tests.integrations.worktree import copy_worktree

ACTION = REPO / "action.yml"
EXAMPLE_WORKFLOW = REPO / "docs" / "examples" / "github-workflow.yml"
EXAMPLES = REPO / "terraform-examples" / "sagemaker-inference"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
REFERENCE = re.compile(r"\b(inputs|steps|github|runner|env|job|matrix)\.([A-Za-z0-9_.-]+)")
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
STATUS = {"always()", "success()", "failure()", "cancelled()"}


def load_action() -> dict[str, Any]:
    action = yaml.safe_load(ACTION.read_text())
    assert isinstance(action, dict)
    return action


def steps() -> list[dict[str, Any]]:
    found = load_action()["runs"]["steps"]
    assert isinstance(found, list)
    return found


def expressions(value: Any) -> Iterator[str]:
    """Every `${{ }}` in a value, and every `if:` (an expression without the braces)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "if" and isinstance(item, str):
                yield item
            else:
                yield from expressions(item)
    elif isinstance(value, list):
        for item in value:
            yield from expressions(item)
    elif isinstance(value, str):
        yield from EXPRESSION.findall(value)


# -- structure -------------------------------------------------------------------------------------


def test_action_metadata_is_complete() -> None:
    action = load_action()
    assert {"name", "description", "inputs", "outputs", "runs"} <= set(action)
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {
        "paths",
        "plan",
        "kind",
        "fail-on",
        "format",
        "sarif-file",
        "version",
        "extra-args",
        "upload-sarif",
    }
    for name, spec in action["inputs"].items():
        assert spec.get("description"), f"input {name} has no description"
        assert "default" in spec or spec.get("required"), f"input {name}: neither default nor required"
    for name, spec in action["outputs"].items():
        assert spec.get("description") and spec.get("value"), f"output {name}"


def test_version_default_is_this_release() -> None:
    """The default installs the source the action ships with; bump it with pyproject's version."""
    pyproject = (REPO / "pyproject.toml").read_text()
    version = re.search(r'^version = "(.+)"$', pyproject, re.MULTILINE)
    assert version is not None
    assert load_action()["inputs"]["version"]["default"] == version.group(1)


def test_every_step_is_runnable_and_pinned() -> None:
    ids = [s["id"] for s in steps() if "id" in s]
    assert len(ids) == len(set(ids)), "duplicate step ids"
    for step in steps():
        assert ("run" in step) != ("uses" in step), f"{step.get('name')}: exactly one of run / uses"
        if "run" in step:
            assert step.get("shell") == "bash", f"{step.get('name')}: composite run steps need a shell"
            assert "${{" not in step["run"], f"{step.get('name')}: pass inputs through env:, not ${{{{ }}}}"
        else:
            assert SHA_PIN.match(step["uses"]), f"{step['uses']}: pin actions by full commit sha"


def test_upload_runs_always_and_the_verdict_comes_after_it() -> None:
    names = [s["name"] for s in steps()]
    upload = next(s for s in steps() if "uses" in s)
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "always()" in upload["if"]
    verdict = steps()[-1]
    assert names.index(upload["name"]) < len(names) - 1 and "always()" in verdict["if"]
    assert "exit-code" in verdict["env"]["SCAN_EXIT_CODE"]


def test_every_reference_exists() -> None:
    action = load_action()
    inputs = set(action["inputs"])
    seen_ids: set[str] = set()
    for step in steps():
        for expression in expressions(step):
            for context, path in REFERENCE.findall(expression):
                if context == "inputs":
                    assert path in inputs, f"{step['name']}: unknown input {path}"
                elif context == "steps":
                    assert path.split(".")[0] in seen_ids, f"{step['name']}: step {path} not defined before"
                else:
                    assert context == "github" and path in {"action_path", "workspace"}, expression
        if "id" in step:
            seen_ids.add(step["id"])
    for output in action["outputs"].values():
        for expression in expressions(output["value"]):
            for context, path in REFERENCE.findall(expression):
                assert context == "steps" and path.split(".")[0] in seen_ids, expression
    used = {
        path for s in steps() for e in expressions(s) for c, path in REFERENCE.findall(e) if c == "inputs"
    }
    assert used == inputs, f"inputs never used: {inputs - used}"


def test_scripts_pass_shellcheck(tmp_path: Path) -> None:
    shellcheck = shutil.which("shellcheck")
    for step in steps():
        if "run" not in step:
            continue
        script = tmp_path / f"{step.get('id', 'step')}.sh"
        script.write_text("#!/usr/bin/env bash\n" + step["run"])
        parsed = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True, check=False)
        assert parsed.returncode == 0, f"{step['name']}: {parsed.stderr}"
        if shellcheck is None:
            continue
        checked = subprocess.run([shellcheck, "-s", "bash", str(script)], capture_output=True, text=True)
        assert checked.returncode == 0, f"{step['name']}:\n{checked.stdout}"
    if shellcheck is None:
        need("shellcheck not installed (apt-get install shellcheck)")


# -- actionlint ------------------------------------------------------------------------------------


def find_actionlint() -> str:
    for candidate in (
        os.environ.get("ACTIONLINT_BIN"),
        str(REPO / ".tools/bin/actionlint"),
        shutil.which("actionlint"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    need("actionlint not found: run scripts/build-actionlint.sh or set ACTIONLINT_BIN")
    raise AssertionError("unreachable")


def actionlint(cwd: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [find_actionlint(), "-no-color", *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_example_workflow_passes_actionlint() -> None:
    done = actionlint(REPO, EXAMPLE_WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr
    workflow = yaml.safe_load(EXAMPLE_WORKFLOW.read_text())
    inputs = set(load_action()["inputs"])
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("aipolicy/aipolicy@"):
                assert set(step.get("with", {})) <= inputs, step
            elif "uses" in step:
                assert SHA_PIN.match(step["uses"]), step["uses"]


SELF_WORKFLOW = """\
on: push
jobs:
  scan:
    runs-on: ubuntu-24.04
    permissions: {contents: read, security-events: write}
    steps:
      - id: aipolicy
        uses: ./
        with: WITH
      - run: echo "exit $CODE, report $SARIF"
        env:
          CODE: ${{ steps.aipolicy.outputs.exit-code }}
          SARIF: ${{ steps.aipolicy.outputs.sarif-file }}
"""


def test_action_metadata_passes_actionlint(tmp_path: Path) -> None:
    """actionlint checks a local action's metadata, and each `with:` against its inputs, when used."""
    project = tmp_path / "project"
    (project / ".github" / "workflows").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    shutil.copy(ACTION, project / "action.yml")
    workflow = project / ".github" / "workflows" / "self.yml"
    every_input = {name: "x" for name in load_action()["inputs"]}
    workflow.write_text(SELF_WORKFLOW.replace("WITH", json.dumps(every_input)))
    done = actionlint(project, workflow)
    assert done.returncode == 0, done.stdout + done.stderr

    # Control: actionlint does read action.yml (an input it does not declare is an error).
    workflow.write_text(SELF_WORKFLOW.replace("WITH", json.dumps({"fail_on": "HIGH"})))
    done = actionlint(project, workflow)
    assert done.returncode == 1 and 'input "fail_on" is not defined' in done.stdout, done.stdout


# -- the steps, run as the runner runs them --------------------------------------------------------


@dataclass
class StepResult:
    name: str
    outcome: str  # success | failure | skipped
    exit_code: int | None = None
    outputs: dict[str, str] = field(default_factory=dict)


@dataclass
class ActionRun:
    steps: list[StepResult]
    uploads: list[dict[str, str]]
    outputs: dict[str, str]
    log: str

    @property
    def failed(self) -> bool:
        return any(s.outcome == "failure" for s in self.steps)

    def step(self, step_id_or_name: str) -> StepResult:
        return next(s for s in self.steps if s.name == step_id_or_name)


class Runner:
    """Runs action.yml's steps as GitHub's runner does, for the parts this action uses."""

    def __init__(self, action_path: Path, temp: Path, env: dict[str, str]):
        self.action = yaml.safe_load((action_path / "action.yml").read_text())
        self.action_path = action_path
        self.temp = temp
        self.env = env

    def run(
        self, workspace: Path, inputs: dict[str, str], preset: dict[str, dict[str, str]] | None = None
    ) -> ActionRun:
        values = {name: str(spec.get("default", "")) for name, spec in self.action["inputs"].items()}
        unknown = set(inputs) - set(values)
        assert not unknown, f"not inputs of the action: {unknown}"
        values.update(inputs)
        results: list[StepResult] = []
        outputs: dict[str, dict[str, str]] = {}
        uploads: list[dict[str, str]] = []
        path_file = self.temp / "github_path"
        path_file.touch()
        log: list[str] = []
        for index, step in enumerate(self.action["runs"]["steps"]):
            key = step.get("id", f"step{index}")

            def lookup(reference: str, outputs: dict[str, dict[str, str]] = outputs) -> str:
                context, _, path = reference.partition(".")
                if context == "inputs":
                    return values[path]
                if context == "steps":
                    step_id, _, name = path.partition(".outputs.")
                    return outputs.get(step_id, {}).get(name, "")
                return {"action_path": str(self.action_path), "workspace": str(workspace)}[path]

            def render(text: str, lookup: Any = lookup) -> str:
                return EXPRESSION.sub(lambda m: lookup(m.group(1)), text)

            if not self.condition(step.get("if", "success()"), results, lookup):
                results.append(StepResult(step.get("name", key), "skipped"))
                continue
            if preset and key in preset:
                outputs[key] = preset[key]
                results.append(StepResult(step.get("name", key), "success", 0, preset[key]))
                continue
            if "uses" in step:
                uploads.append({k: render(str(v)) for k, v in step.get("with", {}).items()})
                results.append(StepResult(step.get("name", key), "success"))
                continue
            output_file = self.temp / f"output-{key}"
            output_file.write_text("")
            script = self.temp / f"{key}.sh"
            script.write_text(step["run"])
            extra_path = [line for line in path_file.read_text().splitlines() if line]
            env = dict(self.env)
            env.update({k: render(str(v)) for k, v in step.get("env", {}).items()})
            env.update(
                GITHUB_OUTPUT=str(output_file),
                GITHUB_PATH=str(path_file),
                GITHUB_ACTION_PATH=str(self.action_path),
                GITHUB_WORKSPACE=str(workspace),
                RUNNER_TEMP=str(self.temp),
                PATH=os.pathsep.join([*reversed(extra_path), self.env["PATH"]]),
            )
            cwd = workspace / render(step.get("working-directory", "."))
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=cwd,
                env=env,
                capture_output=True,
                text=True,
                check=False,
                timeout=900,
            )
            log.append(f"== {step.get('name')}\n{done.stdout}{done.stderr}")
            outputs[key] = dict(
                line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line
            )
            outcome = "success" if done.returncode == 0 else "failure"
            results.append(StepResult(step.get("name", key), outcome, done.returncode, outputs[key]))
        action_outputs = {}
        for name, spec in self.action["outputs"].items():
            reference = EXPRESSION.fullmatch(spec["value"])
            assert reference is not None
            step_id, _, output = reference.group(1).removeprefix("steps.").partition(".outputs.")
            action_outputs[name] = outputs.get(step_id, {}).get(output, "")
        return ActionRun(results, uploads, action_outputs, "\n".join(log))

    @staticmethod
    def condition(expression: str, results: list[StepResult], lookup: Any) -> bool:
        """The `if:` grammar this action uses: status functions, ==, !=, &&, ||, string literals."""
        failed = any(r.outcome == "failure" for r in results)
        if not any(status in expression for status in STATUS):
            expression = f"success() && ({expression})"
        python = expression
        for status, value in (
            ("always()", True),
            ("success()", not failed),
            ("failure()", failed),
            ("cancelled()", False),
        ):
            python = python.replace(status, repr(value))
        python = REFERENCE.sub(lambda m: repr(lookup(m.group(0))), python)
        python = python.replace("&&", " and ").replace("||", " or ")
        leftover = re.sub(r"'[^']*'|True|False|and|or|not|==|!=|[()\s]", "", python)
        assert not leftover, f"unsupported expression {expression!r}: {leftover!r}"
        return bool(eval(python, {"__builtins__": {}}, {}))  # only literals and operators remain


@dataclass
class Installed:
    runner: Runner
    install: StepResult
    log: str


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The install step, run for real once: a venv in RUNNER_TEMP with aipolicy from the action's source."""
    base = tmp_path_factory.mktemp("action")
    action_path = copy_worktree(base / "action")  # what `uses: aipolicy/aipolicy@sha` downloads
    temp = base / "runner-temp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIPOLICY_", "GITHUB_", "RUNNER_"))}
    runner = Runner(action_path, temp, env)
    workspace = base / "workspace"
    workspace.mkdir()
    # Stop after the install step: an unknown kind fails the scan step before any scan.
    run = runner.run(workspace, {"kind": "install-only"})
    install = run.step("Install aipolicy")
    assert install.outcome == "success", run.log
    assert "from the action's source" in run.log, run.log
    bin_dir = Path(install.outputs["bin"])
    assert (bin_dir / "aipolicy").is_file()
    assert str(bin_dir) in (temp / "github_path").read_text()
    return Installed(runner, install, run.log)


def scan(installed: Installed, workspace: Path, **inputs: str) -> ActionRun:
    return installed.runner.run(
        workspace, {k.replace("_", "-"): v for k, v in inputs.items()}, {"install": installed.install.outputs}
    )


def sarif_results(path: str) -> list[dict[str, Any]]:
    document = json.loads(Path(path).read_text())
    assert document["version"] == "2.1.0"
    return [r for run in document["runs"] for r in run["results"]]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A checked-out repository with both examples under infra/."""
    root = tmp_path / "workspace"
    shutil.copytree(EXAMPLES / "insecure", root / "infra" / "insecure")
    shutil.copytree(EXAMPLES / "hardened", root / "infra" / "hardened")
    return root


def test_install_step_reports_the_version(installed: Installed) -> None:
    assert re.search(r"aipolicy \d+\.\d+\.\d+ \(regorus", installed.log), installed.log


def test_insecure_stack_uploads_sarif_then_fails(installed: Installed, workspace: Path) -> None:
    run = scan(installed, workspace, paths="infra/insecure")
    assert run.outputs["exit-code"] == "1", run.log
    assert run.step("Scan").outcome == "success"  # the scan step records; the verdict fails
    assert run.step("Verdict").outcome == "failure" and run.step("Verdict").exit_code == 1
    assert run.failed
    assert len(run.uploads) == 1, run.log
    upload = run.uploads[0]
    assert upload["sarif_file"] == run.outputs["sarif-file"] == str(workspace / "aipolicy.sarif")
    assert upload["category"] == "aipolicy-terraform"
    results = sarif_results(upload["sarif_file"])
    assert any(r["ruleId"].startswith("AIP-AWS-") and r["level"] == "error" for r in results)
    assert "AIP-AWS-" in run.log and "failing" in run.log  # the text report in the job log


def test_hardened_stack_passes(installed: Installed, workspace: Path) -> None:
    run = scan(installed, workspace, paths="infra/hardened", format="markdown")
    assert run.outputs["exit-code"] == "0", run.log
    assert not run.failed
    assert run.step("Verdict").outcome == "success"
    assert len(run.uploads) == 1
    failing = [r for r in sarif_results(run.uploads[0]["sarif_file"]) if r.get("kind", "fail") == "fail"]
    assert [r for r in failing if r["level"] == "error"] == [], failing


def test_plan_threshold_and_no_upload(installed: Installed, workspace: Path) -> None:
    """`plan` set: kind plan. The insecure plan has HIGH findings and no CRITICAL one."""
    plan = "infra/insecure/tfplan.json"
    run = scan(installed, workspace, plan=plan, fail_on="CRITICAL", upload_sarif="false", format="none")
    assert run.outputs["exit-code"] == "0", run.log
    assert not run.failed and run.uploads == []
    assert run.step("Upload SARIF to code scanning").outcome == "skipped"
    assert sarif_results(run.outputs["sarif-file"])  # written all the same
    assert "AIP-AWS-" not in run.log  # format none: no report in the log

    run = scan(installed, workspace, plan=plan, upload_sarif="false")
    assert run.outputs["exit-code"] == "1" and run.failed and run.uploads == []


def test_quoted_paths_and_extra_args(installed: Installed, workspace: Path) -> None:
    (workspace / "infra" / "insecure").rename(workspace / "my infra")
    run = scan(
        installed,
        workspace,
        paths='"my infra"',
        extra_args="--skip AIP-AWS-SH-001 --var 'name_prefix=risk ml' ; rm -rf /",
        sarif_file="reports/aipolicy.sarif",
        category="terraform-prod",
    )
    # `; rm -rf /` are arguments, not shell: aipolicy rejects them as paths it cannot find.
    assert run.outputs["exit-code"] == "2", run.log
    (workspace / "reports").mkdir()
    run = scan(
        installed,
        workspace,
        paths='"my infra"',
        extra_args="--skip AIP-AWS-SH-001 --var 'name_prefix=risk ml'",
        sarif_file="reports/aipolicy.sarif",
        category="terraform-prod",
    )
    assert run.outputs["exit-code"] == "1", run.log
    assert run.uploads[0]["category"] == "terraform-prod"
    results = sarif_results(run.uploads[0]["sarif_file"])
    assert results and not any(r["ruleId"] == "AIP-AWS-SH-001" for r in results)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in results for loc in r["locations"]}
    assert "my%20infra/iam.tf" in uris, uris  # SARIF URIs are percent-encoded


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"kind": "helm"}, "kind must be terraform, plan or k8s"),
        ({"kind": "plan"}, "kind plan needs the plan input"),
        ({"extra_args": "--skip 'unbalanced"}, "unbalanced quote"),
    ],
)
def test_usage_errors_fail_before_scanning(
    installed: Installed, workspace: Path, inputs: dict[str, str], message: str
) -> None:
    run = scan(installed, workspace, **inputs)
    assert run.step("Scan").outcome == "failure" and message in run.log, run.log
    assert run.step("Upload SARIF to code scanning").outcome == "skipped"
    assert run.step("Verdict").outcome == "skipped"
    assert run.outputs["exit-code"] == ""


def test_k8s_manifests(installed: Installed, workspace: Path) -> None:
    deploy = workspace / "deploy"
    deploy.mkdir()
    (deploy / "vllm.yaml").write_text(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: vllm, namespace: inference}\n"
        "spec:\n  containers:\n    - name: vllm\n      image: vllm/vllm-openai:latest\n"
        "      securityContext: {privileged: true}\n"
    )
    run = scan(installed, workspace, kind="k8s", paths="deploy/")
    assert run.outputs["exit-code"] == "1", run.log
    assert run.uploads[0]["category"] == "aipolicy-k8s"
    assert any(r["ruleId"].startswith("AIP-K8S-") for r in sarif_results(run.uploads[0]["sarif_file"]))
    assert run.step("Verdict").outcome == "failure"
