"""Loading the policy library: find policies, read their `# METADATA`, validate, and build the set.

Python reads the metadata itself (regorus has no `rego.metadata.*`). The set is compiled once by an
engine and evaluated in one query through a generated entry-point module (`PolicySet.entrypoint_package`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from aipolicy.errors import PolicyError
from aipolicy.policy import PolicyMetadata

ENTRYPOINT_PREFIX = "aipolicy_entrypoint"
ENTRYPOINT_RULE = "findings"

_PACKAGE = re.compile(r"^package\s+([A-Za-z_][A-Za-z0-9_.]*)\s*$", re.MULTILINE)
_SKIP_DIRS = {"fixtures", ".git", "__pycache__"}


def builtin_policy_dir() -> Path:
    """The policy library shipped inside the wheel (`policies/` in the repository)."""
    import aipolicy.policies

    return Path(aipolicy.policies.__file__).parent


@dataclass(frozen=True)
class RegoModule:
    """A Rego source file the engines load: a policy or a library helper (never a test)."""

    name: str
    source: str


@dataclass
class PolicySet:
    policies: list[PolicyMetadata]
    modules: list[RegoModule] = field(default_factory=list)

    def by_id(self) -> dict[str, PolicyMetadata]:
        out: dict[str, PolicyMetadata] = {}
        for policy in self.policies:
            out[policy.id] = policy
            for alias in policy.aliases:
                out[alias] = policy
        return out

    def without(self, skip: Iterable[str]) -> PolicySet:
        """The set minus the policies named by id or alias (`--skip`); unknown ids are an error."""
        wanted = {s.strip() for s in skip if s.strip()}
        if not wanted:
            return self
        known = self.by_id()
        unknown = sorted(wanted - known.keys())
        if unknown:
            raise PolicyError(f"--skip names unknown policy id(s): {', '.join(unknown)}")
        dropped = {known[s].id for s in wanted}
        dropped_packages = {p.package for p in self.policies if p.id in dropped}
        modules = [m for m in self.modules if package_of(m.source, Path(m.name)) not in dropped_packages]
        return PolicySet([p for p in self.policies if p.id not in dropped], modules)

    @cached_property
    def entrypoint_package(self) -> str:
        """Named after the set's content, so differently configured scanners can share one OPA server."""
        import hashlib

        digest = hashlib.sha256()
        for policy in sorted(self.policies, key=lambda p: p.id):
            digest.update(f"{policy.id}={policy.package};".encode())
        for module in sorted(self.modules, key=lambda m: m.name):
            digest.update(module.name.encode() + b"\0" + module.source.encode())
        return f"{ENTRYPOINT_PREFIX}_{digest.hexdigest()[:16]}"

    @property
    def entrypoint_query(self) -> str:
        return f"data.{self.entrypoint_package}.{ENTRYPOINT_RULE}"

    def for_provider(self, provider: str | None) -> PolicySet:
        """Only the policies about one provider's resources ("aws": Terraform types; "kubernetes":
        `<group>/<Kind>` types). A Kubernetes view never matches an AWS policy, and every policy
        evaluated costs time even when nothing in the view is of its types (the webhook's budget)."""
        if provider is None:
            return self
        kept = [p for p in self.policies if policy_provider(p) == provider]
        dropped = {p.package for p in self.policies if policy_provider(p) != provider}
        modules = [m for m in self.modules if package_of(m.source, Path(m.name)) not in dropped]
        return PolicySet(kept, modules)

    def shards(self, count: int) -> list[PolicySet]:
        """The policies dealt round-robin into `count` sets (modules shared), for parallel workers."""
        return [
            PolicySet(self.policies[i::count], self.modules) for i in range(count) if self.policies[i::count]
        ]

    def entrypoint_source(self, package: str | None = None) -> str:
        """One rule per policy, so a single query returns every policy's findings keyed by id.

        Each policy is a separate rule so that a policy whose decision is undefined is missing from
        the result (and reported as an engine error) instead of making the whole result undefined.
        """
        lines = [f"package {package or self.entrypoint_package}", "", "import rego.v1", ""]
        for policy in self.policies:
            lines.append(f'{ENTRYPOINT_RULE}["{policy.id}"] := data.{policy.package}.deny')
        return "\n".join(lines) + "\n"

    def engine_modules(self) -> list[RegoModule]:
        """Everything an engine compiles: libraries, policies and the generated entry point."""
        entry = RegoModule(f"{self.entrypoint_package}.rego", self.entrypoint_source())
        libraries = [m for m in self.modules if not m.name.endswith("/policy.rego")]
        policies = [m for m in self.modules if m.name.endswith("/policy.rego")]
        # OPA compiles each pushed module against what it already holds: libraries go first.
        return [*libraries, *policies, entry]


def policy_provider(policy: PolicyMetadata) -> str:
    """ "kubernetes" when every resource type is a `<group>/<Kind>`, else "aws"."""
    return "kubernetes" if all("/" in t for t in policy.resource_types) else "aws"


def parse_metadata_block(source: str, path: Path) -> dict[str, Any] | None:
    """The YAML of the first `# METADATA` comment block, or None when the file has none."""
    lines = source.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == "# METADATA":
            body: list[str] = []
            for comment in lines[i + 1 :]:
                stripped = comment.strip()
                if not stripped.startswith("#"):
                    break
                body.append(stripped[2:] if stripped.startswith("# ") else stripped[1:])
            try:
                # libyaml's loader when present: 120 policies' metadata is read on every scan
                data = yaml.load("\n".join(body), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            except yaml.YAMLError as exc:
                raise PolicyError(f"{path}: METADATA is not valid YAML: {exc}") from None
            if not isinstance(data, dict):
                raise PolicyError(f"{path}: METADATA must be a mapping")
            return data
    return None


def package_of(source: str, path: Path) -> str:
    match = _PACKAGE.search(source)
    if match is None:
        raise PolicyError(f"{path}: no `package` declaration")
    return match.group(1)


def validate_metadata(raw: dict[str, Any], path: Path) -> None:
    """Validate against policy-metadata.schema.json; one error naming the file and the field."""
    import jsonschema

    from aipolicy.view import load_schema

    validator = jsonschema.Draft202012Validator(load_schema("policy-metadata"))
    problems = sorted(validator.iter_errors(raw), key=lambda e: list(e.absolute_path))
    if problems:
        first = problems[0]
        where = ".".join(str(p) for p in first.absolute_path) or "metadata"
        raise PolicyError(f"{path}: invalid METADATA at {where}: {first.message}")


def metadata_from(raw: dict[str, Any], package: str, path: Path, builtin: bool) -> PolicyMetadata:
    custom = raw["custom"]
    return PolicyMetadata(
        id=custom["id"],
        title=str(raw["title"]).strip(),
        description=" ".join(str(raw["description"]).split()),
        severity=custom["severity"],
        category=custom["category"],
        guidelines=tuple(custom["guidelines"]),
        resource_types=tuple(custom["resource_types"]),
        remediation=" ".join(str(custom["remediation"]).split()),
        package=package,
        path=path,
        aliases=tuple(custom.get("aliases") or ()),
        builtin=builtin,
        scope=str(custom.get("scope") or "object"),
    )


def check_policy_layout(policy_file: Path) -> list[str]:
    """What a policy directory lacks: unit tests, a fail fixture, a pass fixture (gatekeeper-library rule)."""
    directory = policy_file.parent
    missing = []
    if not (directory / "policy_test.rego").is_file():
        missing.append("policy_test.rego")
    for kind in ("fail", "pass"):
        folder = directory / "fixtures" / kind
        if not folder.is_dir() or not any(p.is_file() for p in folder.iterdir()):
            missing.append(f"fixtures/{kind}/")
    return missing


def _rego_files(root: Path) -> list[Path]:
    out: list[Path] = []
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            entries = sorted(directory.iterdir())
        except OSError as exc:
            raise PolicyError(f"{directory}: cannot read policy directory ({exc.strerror})") from None
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir():
                if entry.name not in _SKIP_DIRS:
                    stack.append(entry)
            elif entry.suffix == ".rego" and not entry.name.endswith("_test.rego"):
                out.append(entry)
    return sorted(out)


def load_directory(
    root: Path, *, builtin: bool, validate: bool
) -> tuple[list[PolicyMetadata], list[RegoModule]]:
    """Policies (`policy.rego`) and helper modules (any other non-test .rego) below one directory."""
    if not root.is_dir():
        raise PolicyError(f"{root}: policy directory not found")
    policies: list[PolicyMetadata] = []
    modules: list[RegoModule] = []
    for path in _rego_files(root):
        try:
            source = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyError(f"{path}: cannot read policy ({exc})") from None
        relative = path.relative_to(root).as_posix()
        prefix = "builtin" if builtin else f"custom/{root.resolve().as_posix().strip('/')}"
        modules.append(RegoModule(f"{prefix}/{relative}", source))
        if path.name != "policy.rego":
            continue
        if validate:
            missing = check_policy_layout(path)
            if missing:
                raise PolicyError(f"{path}: policy directory lacks {', '.join(missing)}")
        policies.append(policy_from_source(source, path, builtin=builtin, validate=validate))
    return policies, modules


def policy_from_source(source: str, path: Path, *, builtin: bool, validate: bool) -> PolicyMetadata:
    """A policy's metadata from its source: METADATA present (validated on request) and a deny rule."""
    package = package_of(source, path)
    raw = parse_metadata_block(source, path)
    if raw is None:
        raise PolicyError(f"{path}: policy has no # METADATA block (title, description, custom.id, ...)")
    if validate:
        validate_metadata(raw, path)
    elif not isinstance(raw.get("custom"), dict) or "id" not in raw["custom"]:
        raise PolicyError(f"{path}: METADATA lacks custom.id")
    if not re.search(r"^deny\s+contains\b", source, re.MULTILINE):
        raise PolicyError(f"{path}: policy defines no `deny contains ...` rule")
    return metadata_from(raw, package, path, builtin)


def policies_from_modules(modules: list[RegoModule], *, origin: str) -> PolicySet:
    """A policy set from modules that arrived together (a bundle): metadata validated, ids unique."""
    policies = [
        policy_from_source(m.source, Path(m.name), builtin=m.name.startswith("builtin/"), validate=True)
        for m in modules
        if m.name.endswith("/policy.rego") or m.name == "policy.rego"
    ]
    if not policies:
        raise PolicyError(f"{origin}: holds no policies (no policy.rego modules)")
    return checked_set(policies, modules)


def load_policy_set(
    extra_dirs: Iterable[Path] = (),
    *,
    include_builtin: bool = True,
    validate_builtin: bool = False,
) -> PolicySet:
    """The built-in library plus `--policy-dir` directories (always validated: same format, same rules).

    Built-in metadata is validated by the test suite and at bundle build, not on every scan, to keep
    start-up light.
    """
    policies: list[PolicyMetadata] = []
    modules: list[RegoModule] = []
    if include_builtin:
        found, mods = load_directory(builtin_policy_dir(), builtin=True, validate=validate_builtin)
        policies += found
        modules += mods
    for directory in extra_dirs:
        found, mods = load_directory(Path(directory), builtin=False, validate=True)
        policies += found
        modules += mods
    return checked_set(policies, modules)


def checked_set(policies: list[PolicyMetadata], modules: list[RegoModule]) -> PolicySet:
    """Refuse duplicate ids (aliases included) and packages; sort by id."""
    seen: dict[str, Path] = {}
    packages: dict[str, Path] = {}
    for policy in policies:
        for pid in (policy.id, *policy.aliases):
            if pid in seen:
                raise PolicyError(f"{policy.path}: policy id {pid} is already used by {seen[pid]}")
            seen[pid] = policy.path
        if policy.package in packages:
            raise PolicyError(
                f"{policy.path}: package {policy.package} is already used by {packages[policy.package]}"
            )
        packages[policy.package] = policy.path
    policies.sort(key=lambda p: p.id)
    return PolicySet(policies, modules)
