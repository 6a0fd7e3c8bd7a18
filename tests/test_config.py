"""`.aipolicy.yaml`: flags > environment > file > defaults, unknown keys named, `config show`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.test_cli import FAILING_PLAN, RULE


def run_in(
    directory: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("AIPOLICY_")}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "aipolicy", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=directory,
        env=environ,
    )


def test_precedence_flag_over_env_over_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the repository root bounds the search
    (tmp_path / ".aipolicy.yaml").write_text(f"format: json\nfail_on: critical\nskip: [{RULE}]\n")
    nested = tmp_path / "infra" / "ml"
    nested.mkdir(parents=True)
    from_file = run_in(nested, "scan", "plan", str(FAILING_PLAN))
    report = json.loads(from_file.stdout)  # format: json came from the file
    assert report["summary"]["fail_on"] == "CRITICAL"
    assert RULE not in {f["rule_id"] for f in report["findings"]}
    from_env = run_in(nested, "scan", "plan", str(FAILING_PLAN), env={"AIPOLICY_FAIL_ON": "MEDIUM"})
    assert json.loads(from_env.stdout)["summary"]["fail_on"] == "MEDIUM"
    assert from_env.returncode == 1
    from_flag = run_in(
        nested, "scan", "plan", str(FAILING_PLAN), "--fail-on", "LOW", env={"AIPOLICY_FAIL_ON": "MEDIUM"}
    )
    assert json.loads(from_flag.stdout)["summary"]["fail_on"] == "LOW"
    shown = run_in(nested, "config", "show", env={"AIPOLICY_ENGINE": "embedded"})
    assert shown.returncode == 0
    lines = {line.split()[0]: line for line in shown.stdout.splitlines()[1:]}
    assert lines["fail_on"].endswith("config file") and "CRITICAL" in lines["fail_on"]
    assert lines["engine"].endswith("environment AIPOLICY_ENGINE")
    assert lines["output"].endswith("default")


def test_unknown_key_and_bad_value_are_named(tmp_path: Path) -> None:
    config = tmp_path / "settings.yaml"
    config.write_text("fail_onn: LOW\n")
    proc = run_in(tmp_path, "--config", str(config), "config", "show")
    assert proc.returncode == 2 and "unknown key 'fail_onn'" in proc.stderr
    config.write_text("fail_on: SEVERE\n")
    proc = run_in(tmp_path, "--config", str(config), "scan", "plan", str(FAILING_PLAN))
    assert proc.returncode == 2 and "`fail_on` must be one of" in proc.stderr


def test_bash_completion_completes_commands_in_a_real_bash(tmp_path: Path) -> None:
    script = tmp_path / "aipolicy.bash"
    script.write_text(run_in(tmp_path, "completion", "bash").stdout)
    launcher = tmp_path / "aipolicy"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m aipolicy "$@"\n')
    launcher.chmod(0o755)
    probe = (
        f'PATH="{tmp_path}:$PATH"; source "{script}"; COMP_WORDS=(aipolicy sc); COMP_CWORD=1; '
        '_aipolicy_completion aipolicy; echo "${COMPREPLY[@]}"'
    )
    proc = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=60)
    assert "scan" in proc.stdout.split(), proc.stderr


def test_every_command_has_help_with_an_example() -> None:
    import click

    from aipolicy.cli import cli

    missing = []

    def walk(command: click.Command, path: list[str]) -> None:
        text = command.get_help(click.Context(command, info_name=path[-1]))
        if "Example" not in text:
            missing.append(" ".join(path))
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, [*path, name])

    walk(cli, ["aipolicy"])
    assert missing == []
