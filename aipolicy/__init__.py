"""aipolicy: policy-as-code checks for infrastructure that hosts AI systems (CISA/NCSC guidelines)."""

from __future__ import annotations


def version() -> str:
    """The installed distribution's version (read lazily: importlib.metadata is slow to import)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("aipolicy")
    except PackageNotFoundError:
        return "0+unknown"
