"""Terraform resource addresses: split them, strip instance keys, and resolve expression references."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_STEP = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_-]*)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?')


def steps(address: str) -> list[tuple[str, str | None]]:
    """Split `module.a["k"].aws_s3_bucket.b[0]` into [(module, None), (a, '["k"]'), ...]."""
    return list(_steps(address))


@lru_cache(maxsize=1 << 16)
def _steps(address: str) -> tuple[tuple[str, str | None], ...]:
    """Cached: a plan asks about the same addresses many times (resolving, keys, modules)."""
    out: list[tuple[str, str | None]] = []
    pos = 0
    while pos < len(address):
        match = _STEP.match(address, pos)
        if match is None or match.end() == pos:
            raise ValueError(f"not a Terraform address: {address!r}")
        out.append((match.group(1), match.group(2)))
        pos = match.end()
    return tuple(out)


def join(parts: Sequence[tuple[str, str | None]]) -> str:
    return ".".join(name + (key or "") for name, key in parts)


@lru_cache(maxsize=1 << 16)
def split_module(address: str) -> tuple[str, str]:
    """Split an instance address into its module instance path and the local resource address."""
    parts = _steps(address)
    i = 0
    while i + 1 < len(parts) and parts[i][0] == "module" and parts[i][1] is None:
        i += 2
    return join(parts[:i]), join(parts[i:])


@lru_cache(maxsize=1 << 16)
def config_address(address: str) -> str:
    """The configuration address of an instance: every instance key removed."""
    return ".".join(name for name, _ in _steps(address))


def instance_key(address: str) -> str | None:
    """The instance key of the last step (`["k"]`, `[0]`), or None."""
    return _steps(address)[-1][1]


def prefix(module_path: str, local: str) -> str:
    return f"{module_path}.{local}" if module_path else local
