"""Find where a resource is declared in .tf files, so plan findings annotate the source, not the plan."""

from __future__ import annotations

import re
from pathlib import Path

from aipolicy.inputs import display_path
from aipolicy.view import Location

__all__ = ["SourceIndex", "display_path", "index_directory"]

_BLOCK = re.compile(r'^\s*(resource|data)\s+"([^"]+)"\s+"([^"]+)"', re.MULTILINE)
_MAX_TF_BYTES = 4 * 1024 * 1024


def index_directory(directory: Path) -> dict[str, Location]:
    """Map `resource_type.name` / `data.type.name` to the file and line of its block in one module dir."""
    index: dict[str, Location] = {}
    try:
        files = sorted(p for p in directory.glob("*.tf") if p.is_file())
    except OSError:
        return index
    for tf in files:
        try:
            if tf.stat().st_size > _MAX_TF_BYTES:
                continue
            text = tf.read_text("utf-8", errors="replace")
        except OSError:
            continue
        for match in _BLOCK.finditer(text):
            kind, rtype, name = match.groups()
            key = f"data.{rtype}.{name}" if kind == "data" else f"{rtype}.{name}"
            line = text.count("\n", 0, match.start(2)) + 1
            index.setdefault(key, Location(display_path(tf), line))
    return index


class SourceIndex:
    """Per module directory, lazily indexed; module directories come from local module sources."""

    def __init__(self, root: Path, module_dirs: dict[str, Path | None]):
        self._root = root
        self._module_dirs = module_dirs
        self._cache: dict[Path, dict[str, Location]] = {}

    def locate(self, module_config_path: str, local_config_address: str) -> Location | None:
        directory = self._module_dirs.get(module_config_path)
        if directory is None:
            return None
        if directory not in self._cache:
            self._cache[directory] = index_directory(directory)
        return self._cache[directory].get(local_config_address)
