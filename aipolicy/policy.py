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
    # "object": judges each object on its own; "view": judges how objects relate across the
    # whole view (a namespace's NetworkPolicies next to its model servers), so it cannot judge
    # the single object of an admission request and the webhook does not run it.
    scope: str = "object"

    @property
    def directory(self) -> Path:
        return self.path.parent
