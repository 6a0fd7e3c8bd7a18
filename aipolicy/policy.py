"""A policy's metadata: what Python knows of a Rego policy without evaluating it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PolicyMetadata:
    """Read from the policy's `# METADATA` block; validated against policy-metadata.schema.json."""

    id: str
    title: str
    description: str
    severity: str
    category: str
    guidelines: tuple[str, ...]
    resource_types: tuple[str, ...]
    remediation: str
    package: str
    path: Path
    aliases: tuple[str, ...] = ()
    builtin: bool = True

    @property
    def directory(self) -> Path:
        return self.path.parent
