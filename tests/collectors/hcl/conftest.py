"""Helpers for the HCL collector tests: write a configuration tree, collect it, validate the view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aipolicy.collectors.terraform.hcl import HclCollector
from aipolicy.view import ResourceView, validate_document


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return root


Collect = Callable[..., tuple[ResourceView, HclCollector]]


@pytest.fixture
def collect(tmp_path: Path) -> Collect:
    """Write files under tmp_path/stack and collect them with a private cache; the view is validated."""

    def run(files: dict[str, str | bytes], **options: Any) -> tuple[ResourceView, HclCollector]:
        stack = write_tree(tmp_path / options.pop("name", "stack"), files)
        options.setdefault("environ", {})
        options.setdefault("cache_dir", tmp_path / "cache")
        options.setdefault("root", tmp_path)
        paths = options.pop("paths", [stack])
        collector = HclCollector(paths, **options)
        view = collector.collect()
        validate_document(view.to_document())
        return view, collector

    return run


def messages(view: ResourceView, severity: str | None = None) -> list[str]:
    return [f"{e.source}: {e.message}" for e in view.errors if severity is None or e.severity == severity]
