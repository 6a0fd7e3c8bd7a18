"""`.aipolicy.yaml`: the scan flags a repository wants by default.

Precedence is flags > environment (`AIPOLICY_*`) > file > built-in defaults. Click resolves the
first three itself once the file is given to it as the scan commands' default map; `config show`
reports the effective value of each setting and where it came from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aipolicy.errors import AipolicyError
from aipolicy.guidelines import SEVERITIES
from aipolicy.inputs import load_yaml_mapping

CONFIG_NAMES = (".aipolicy.yaml", ".aipolicy.yml")
SCAN_COMMANDS = ("plan", "terraform", "k8s", "cluster", "aws")


@dataclass(frozen=True)
class Setting:
    key: str  # in the file
    param: str  # the click parameter it sets
    env: str  # the environment variable
    kind: str  # str | list | bool | path | paths | severity | choice
    default: Any = None
    choices: tuple[str, ...] = ()


SETTINGS: tuple[Setting, ...] = (
    Setting("fail_on", "fail_on", "AIPOLICY_FAIL_ON", "severity", "HIGH"),
    Setting(
        "format", "fmt", "AIPOLICY_FORMAT", "choice", "text", ("text", "json", "sarif", "junit", "markdown")
    ),
    Setting("output", "output", "AIPOLICY_OUTPUT", "path"),
    Setting("engine", "engine", "AIPOLICY_ENGINE", "choice", "embedded", ("embedded", "opa")),
    Setting("opa_url", "opa_url", "AIPOLICY_OPA_URL", "str"),
    Setting("policy_dirs", "policy_dirs", "AIPOLICY_POLICY_DIRS", "paths", ()),
    Setting("skip", "skip", "AIPOLICY_SKIP", "list", ()),
    Setting("parameters", "parameters", "AIPOLICY_PARAMETERS", "path"),
    Setting("waivers", "waivers", "AIPOLICY_WAIVERS", "path"),
    Setting("bundle", "bundle", "AIPOLICY_BUNDLE", "path"),
    Setting("verification_key", "verification_key", "AIPOLICY_VERIFICATION_KEY", "str"),
    Setting("store", "store_url", "AIPOLICY_STORE", "str"),
    Setting("quiet", "quiet", "AIPOLICY_QUIET", "bool", False),
)
BY_KEY = {s.key: s for s in SETTINGS}


def find_config(start: Path | None = None) -> Path | None:
    """`.aipolicy.yaml` in the working directory or an ancestor, up to the repository root."""
    directory = (start or Path.cwd()).resolve()
    for candidate in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        if (candidate / ".git").exists():
            return None
    return None


def _check(setting: Setting, value: Any, path: Path) -> Any:
    where = f"{path}: `{setting.key}`"
    if setting.kind == "bool":
        if not isinstance(value, bool):
            raise AipolicyError(f"{where} must be true or false")
        return value
    if setting.kind in ("list", "paths"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
            raise AipolicyError(f"{where} must be a list of strings")
        if setting.kind == "paths":
            return tuple(str((path.parent / i).resolve()) if not os.path.isabs(i) else i for i in items)
        return tuple(items)
    if not isinstance(value, str) or not value:
        raise AipolicyError(f"{where} must be a non-empty string")
    if setting.kind == "severity":
        if value.upper() not in SEVERITIES:
            raise AipolicyError(f"{where} must be one of {', '.join(SEVERITIES)}")
        return value.upper()
    if setting.kind == "choice" and value not in setting.choices:
        raise AipolicyError(f"{where} must be one of {', '.join(setting.choices)}")
    if setting.kind == "path":
        return value if os.path.isabs(value) else str((path.parent / value).resolve())
    return value


def load_config(path: Path) -> dict[str, Any]:
    """Read and validate a config file; an unknown key is an error naming it."""
    data = load_yaml_mapping(path, 1024 * 1024, f"a mapping of settings ({', '.join(BY_KEY)})")
    unknown = sorted(str(k) for k in data if k not in BY_KEY)
    if unknown:
        raise AipolicyError(f"{path}: unknown key {unknown[0]!r} (known: {', '.join(BY_KEY)})")
    return {key: _check(BY_KEY[key], value, path) for key, value in data.items()}


def default_map(config: dict[str, Any]) -> dict[str, Any]:
    """The file's settings as click's default map for every scan command."""
    per_command = {BY_KEY[key].param: value for key, value in config.items()}
    return {"scan": {command: dict(per_command) for command in SCAN_COMMANDS}}


def effective(config: dict[str, Any], environ: dict[str, str] | None = None) -> list[tuple[str, Any, str]]:
    """(setting, value, source) for every setting, in the precedence the scan commands apply."""
    env = os.environ if environ is None else environ
    rows = []
    for setting in SETTINGS:
        if setting.env in env:
            rows.append((setting.key, env[setting.env], f"environment {setting.env}"))
        elif setting.key in config:
            rows.append((setting.key, config[setting.key], "config file"))
        else:
            rows.append((setting.key, setting.default, "default"))
    return rows
