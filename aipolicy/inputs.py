"""Reading untrusted input files: size and nesting limits, one clear error naming the file."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import orjson

from aipolicy.errors import InputError

DEFAULT_MAX_BYTES = 128 * 1024 * 1024
DEFAULT_MAX_DEPTH = 128


def max_input_bytes() -> int:
    """The size limit for one input file; AIPOLICY_MAX_INPUT_MB raises it for very large plans."""
    raw = os.environ.get("AIPOLICY_MAX_INPUT_MB")
    if raw is None:
        return DEFAULT_MAX_BYTES
    try:
        return int(float(raw) * 1024 * 1024)
    except ValueError:
        raise InputError(f"AIPOLICY_MAX_INPUT_MB={raw!r} is not a number") from None


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """Read a regular file no larger than the limit."""
    limit = max_input_bytes() if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(f"{path}: not a regular file")
        if size > limit:
            raise InputError(
                f"{path}: {size / 1048576:.0f} MiB is over the {limit / 1048576:.0f} MiB input limit "
                "(set AIPOLICY_MAX_INPUT_MB to raise it)"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def display_path(path: Path) -> str:
    """A path relative to the working directory when it lies below it (what SARIF consumers expect)."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def load_yaml_mapping(path: Path, max_bytes: int, what: str) -> dict[str, Any]:
    """A small YAML (or JSON) file that must hold a mapping; empty is {}. One error naming the file."""
    import yaml

    raw = read_bytes(path, max_bytes)
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected {what}")
    return data


def depth_exceeds(value: Any, max_depth: int) -> bool:
    """Whether a parsed document nests deeper than max_depth (iterative: no recursion limit)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > max_depth:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item if isinstance(v, (dict, list)))
    return False


def load_json(path: Path, *, max_bytes: int | None = None, max_depth: int | None = None) -> Any:
    """Parse a JSON file, refusing oversized, non-UTF-8, malformed or too deeply nested input.

    Without max_depth only Python's own recursion guard applies (about 1,000 levels): walking a
    large plan to measure its depth costs more than parsing it, and the engines refuse deeper
    values themselves (regorus at 128 levels, reported as an error for that file).
    """
    raw = read_bytes(path, max_bytes)
    return parse_json(raw, str(path), max_depth=max_depth)


def parse_json(raw: bytes, name: str, *, max_depth: int | None = None) -> Any:
    """Parse JSON bytes: orjson first (twice as fast on a large plan), the standard library for
    whatever orjson refuses (NaN, lone surrogates, a BOM, malformed input), so acceptance and error
    messages stay the standard library's. One difference: orjson reads an integer beyond 64 bits as
    a float; no attribute a policy judges is such a number."""
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _parse_json_stdlib(raw, name, max_depth=max_depth)
    if max_depth is not None and depth_exceeds(value, max_depth):
        raise InputError(f"{name}: JSON nested deeper than {max_depth} levels")
    return value


def _parse_json_stdlib(raw: bytes, name: str, *, max_depth: int | None = None) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise InputError(f"{name}: empty file, expected JSON")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name}: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise InputError(f"{name}: JSON nested deeper than the parser allows") from None
    if max_depth is not None and depth_exceeds(value, max_depth):
        raise InputError(f"{name}: JSON nested deeper than {max_depth} levels")
    return value
