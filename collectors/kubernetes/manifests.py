"""Kubernetes manifest collector: YAML and JSON files, directories and stdin onto the resource view.

Reads what `kubectl apply -f` reads: multi-document YAML, JSON, `List` kinds, directories (recursively:
*.yaml, *.yml, *.json) and rendered output on stdin (`helm template ... | aipolicy scan k8s -`). Each
object becomes one resource (ids, types and scope: `objects`), located at the file and lines of its
document or list item.

Manifests are untrusted input. A file that cannot be read, a document that is malformed or not an
object, and a document that would expand or nest beyond the limits becomes an error entry naming the
file and the document; the scan goes on with the rest. Each YAML document is composed first (aliases
stay shared nodes) and measured before any value is built: nesting depth, keys set twice, and the size
it expands to, so that an alias bomb ("billion laughs": a few lines whose aliases expand to 10^9
nodes) is refused instead of exhausting memory.
"""

from __future__ import annotations

import base64
import bisect
import datetime
import json
import math
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TextIO

import yaml
from yaml import nodes

from aipolicy.errors import InputError
from aipolicy.findings import ScanError
from aipolicy.inputs import display_path, max_input_bytes, parse_json, read_bytes
from aipolicy.view import Location, ResourceView

from ..interface import Collector
from . import objects

STDIN = "-"
STDIN_NAME = "<stdin>"
SUFFIXES = (".yaml", ".yml", ".json")
# Nodes a YAML file may expand to beyond one per byte of its text: room for merge keys and anchors
# reused a few times, far below what an alias bomb expands to.
DEFAULT_EXTRA_NODES = 1_000_000
# Nesting allowed in one object. The view puts objects three levels down (resources, id, attributes)
# and regorus refuses documents nested deeper than 128 levels; real manifests nest under 20.
DEFAULT_MAX_DEPTH = 100
_SKIP_DIRS = {".git"}

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE = "tag:yaml.org,2002:merge"


class _ManifestLoader(_Loader):  # type: ignore[misc]
    """Safe YAML without timestamps: the API server keeps `2024-01-01` as written, a string."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    }


class _Refused(Exception):
    """A document beyond the limits: reported and skipped, nothing of it built."""


@dataclass(frozen=True)
class Limits:
    """Bounds on one input: file size, nesting depth, and nodes beyond one per byte after aliases."""

    max_bytes: int | None = None
    max_depth: int = DEFAULT_MAX_DEPTH
    extra_nodes: int = DEFAULT_EXTRA_NODES


@dataclass
class Document:
    """One parsed object with where it was written (1-based lines) and its place in the file."""

    value: Any
    file: str
    index: int
    line: int | None
    end_line: int | None
    item: int | None = None
    item_lines: list[tuple[int | None, int | None]] | None = None

    @property
    def where(self) -> str:
        place = f"document {self.index}"
        if self.item is not None:
            place += f" item {self.item}"
        if self.line is not None:
            place += f" (line {self.line})"
        return place


@dataclass
class _Parsed:
    documents: list[Document] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)


class ManifestCollector(Collector):
    """Reads manifest files, directories of them, and `-` for stdin, into one view."""

    kind = "kubernetes"

    def __init__(
        self,
        paths: list[Path],
        stdin: TextIO | None = None,
        *,
        limits: Limits | None = None,
        default_namespace: str = objects.DEFAULT_NAMESPACE,
        skip_non_manifests: bool = False,
    ) -> None:
        self.paths = paths
        self.stdin = stdin
        self.limits = limits or Limits()
        self.default_namespace = default_namespace
        # pre-commit passes every changed YAML file: those that hold no Kubernetes object are
        # skipped with a note, as in a directory scan, instead of failing the commit
        self.skip_non_manifests = skip_non_manifests

    def collect(self) -> ResourceView:
        names = [STDIN_NAME if str(p) == STDIN else display_path(p) for p in self.paths]
        view = ResourceView(source_kind=self.kind, root=", ".join(names))
        parsed = _Parsed()
        try:
            for path in self.paths:
                if str(path) == STDIN:
                    self._read_stdin(parsed)
                else:
                    self._read_path(path, parsed)
            self._build(parsed, view)
        except Exception as exc:  # a bug must not lose the errors gathered so far, nor stop the scan
            parsed.errors.append(ScanError(source=view.root, message=f"internal error: {exc!r}"))
        view.errors.extend(parsed.errors)
        return view

    # -- reading -------------------------------------------------------------------------------

    def _read_path(self, path: Path, parsed: _Parsed) -> None:
        try:
            is_dir = path.is_dir()
        except OSError as exc:
            parsed.errors.append(_error(display_path(path), f"cannot read ({exc.strerror or exc})"))
            return
        if is_dir:
            for file in walk(path, parsed.errors):
                self._read_file(file, parsed, explicit=False)
        else:
            self._read_file(path, parsed, explicit=not self.skip_non_manifests)

    def _read_file(self, path: Path, parsed: _Parsed, *, explicit: bool) -> None:
        name = display_path(path)
        try:
            raw = read_bytes(path, self.limits.max_bytes)
        except InputError as exc:
            parsed.errors.append(_error(name, _strip_prefix(str(exc), str(path))))
            return
        fmt = "json" if path.suffix.lower() == ".json" else "yaml"
        self._read_text(raw, name, fmt, parsed, explicit=explicit)

    def _read_stdin(self, parsed: _Parsed) -> None:
        stream = self.stdin if self.stdin is not None else sys.stdin
        limit = self.limits.max_bytes if self.limits.max_bytes is not None else max_input_bytes()
        try:
            buffer = getattr(stream, "buffer", None)
            data: bytes | str = buffer.read(limit + 1) if buffer is not None else stream.read(limit + 1)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            parsed.errors.append(_error(STDIN_NAME, f"cannot read ({exc})"))
            return
        raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
        if len(data) > limit:
            parsed.errors.append(
                _error(
                    STDIN_NAME,
                    f"over the {limit / 1048576:.0f} MiB input limit (set AIPOLICY_MAX_INPUT_MB to raise it)",
                )
            )
            return
        head = raw.lstrip()[:1]
        self._read_text(raw, STDIN_NAME, "json" if head == b"{" else "yaml", parsed, explicit=True)

    def _read_text(self, raw: bytes, name: str, fmt: str, parsed: _Parsed, *, explicit: bool) -> None:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            parsed.errors.append(_error(name, f"not UTF-8 text (byte {exc.start})"))
            return
        found = _Parsed()
        if fmt == "json":
            try:
                found.documents.extend(json_documents(text, name, self.limits))
            except InputError as exc:
                if name != STDIN_NAME:
                    found.errors.append(_error(name, _strip_prefix(str(exc), name)))
                else:  # `{` on stdin may also start a YAML flow mapping
                    yaml_documents(text, name, self.limits, found)
        else:
            yaml_documents(text, name, self.limits, found)
        kubernetes = any(_looks_like_object(d.value) for d in found.documents)
        if not explicit and not found.errors and not kubernetes:
            if found.documents:
                parsed.errors.append(
                    ScanError(
                        source=name,
                        message="no Kubernetes objects (no apiVersion and kind); skipped",
                        severity="info",
                    )
                )
            return
        parsed.documents.extend(found.documents)
        parsed.errors.extend(found.errors)

    # -- building ------------------------------------------------------------------------------

    def _build(self, parsed: _Parsed, view: ResourceView) -> None:
        documents: list[Document] = []
        for document in parsed.documents:
            if objects.is_list(document.value):
                documents.extend(_list_documents(document))
            else:
                documents.append(document)
        scopes = objects.crd_scopes(d.value for d in documents)
        seen: dict[str, Document] = {}
        for document in documents:
            obj = document.value
            try:
                api_version, kind, _ = objects.check_object(obj)
                scope = scopes.get((objects.group_of(api_version), kind))
                resource = objects.to_resource(
                    obj,
                    Location(document.file, document.line, document.end_line),
                    cluster_scoped=scope,
                    default_namespace=self.default_namespace,
                )
            except objects.ObjectError as exc:
                parsed.errors.append(_document_error(document, f"{exc}; skipped"))
                continue
            first = seen.get(resource.id)
            if first is not None:
                parsed.errors.append(
                    _document_error(
                        document,
                        f"duplicate object {resource.id} (first at {first.file} {first.where}); skipped",
                    )
                )
                continue
            seen[resource.id] = document
            view.add(resource)


def walk(root: Path, errors: list[ScanError]) -> Iterator[Path]:
    """Manifest files under a directory, sorted. Symlinks are followed only while they stay inside the
    root; a symlink leaving it, or a directory reached twice (a loop), is reported and skipped."""
    try:
        real_root = root.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        errors.append(_error(display_path(root), f"cannot read directory ({exc})"))
        return
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            stat = directory.stat()
            key = (stat.st_dev, stat.st_ino)
            if key in seen:
                errors.append(_info(display_path(directory), "already scanned (a symlink loop); skipped"))
                continue
            seen.add(key)
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            errors.append(_error(display_path(directory), f"cannot read directory ({exc.strerror or exc})"))
            continue
        subdirs: list[Path] = []
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    target = path.resolve(strict=True)
                    if target != real_root and real_root not in target.parents:
                        errors.append(_info(display_path(path), "symlink leaves the directory; skipped"))
                        continue
                if entry.is_dir():
                    if entry.name not in _SKIP_DIRS:
                        subdirs.append(path)
                elif entry.is_file() and entry.name.lower().endswith(SUFFIXES):
                    file_stat = entry.stat()
                    file_key = (file_stat.st_dev, file_stat.st_ino)
                    if file_key in seen:
                        continue  # the same file through a symlink inside the root
                    seen.add(file_key)
                    yield path
            except (OSError, RuntimeError) as exc:  # dangling links, loops of links, permissions
                reason = getattr(exc, "strerror", None) or exc
                errors.append(_info(display_path(path), f"cannot follow ({reason}); skipped"))
        stack.extend(reversed(subdirs))


# -- JSON ------------------------------------------------------------------------------------------


def json_documents(text: str, name: str, limits: Limits) -> list[Document]:
    """The one document of a JSON text (InputError when malformed or too deep); a `List` is located
    item by item."""
    value = parse_json(text.encode("utf-8"), name, max_depth=limits.max_depth)
    lines = _LineIndex(text)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    document = Document(value, name, 1, lines.line(start), lines.line(max(end - 1, start)))
    if objects.is_list(value):
        spans = _json_item_spans(text, start)
        if spans is not None and len(spans) == len(value["items"]):
            document.item_lines = [(lines.line(s), lines.line(e - 1)) for s, e in spans]
    return [document]


def _json_item_spans(text: str, start: int) -> list[tuple[int, int]] | None:
    """Offsets of each element of the top-level object's `items` array (None when not found)."""
    decoder = json.JSONDecoder()
    pos = _skip(text, start)
    if pos >= len(text) or text[pos] != "{":
        return None
    pos = _skip(text, pos + 1)
    while pos < len(text) and text[pos] != "}":
        key, pos = decoder.raw_decode(text, pos)
        pos = _skip(text, pos)
        pos = _skip(text, pos + 1)  # the colon
        if key == "items" and text.startswith("[", pos):
            spans: list[tuple[int, int]] = []
            pos = _skip(text, pos + 1)
            while pos < len(text) and text[pos] != "]":
                _, end = decoder.raw_decode(text, pos)
                spans.append((pos, end))
                pos = _skip(text, end)
                if text.startswith(",", pos):
                    pos = _skip(text, pos + 1)
            return spans
        _, pos = decoder.raw_decode(text, pos)
        pos = _skip(text, pos)
        if text.startswith(",", pos):
            pos = _skip(text, pos + 1)
    return None


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


class _LineIndex:
    def __init__(self, text: str) -> None:
        self.newlines = [i for i, c in enumerate(text) if c == "\n"]

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1


# -- YAML ------------------------------------------------------------------------------------------


def yaml_documents(text: str, name: str, limits: Limits, out: _Parsed) -> None:
    """Every document of a YAML stream into `out`; a document beyond the limits, or one that cannot be
    built, becomes an error and the stream goes on. A syntax error ends the stream (the parser cannot
    resynchronise); the documents before it are kept."""
    loader = _ManifestLoader(text)
    budget = [len(text) + limits.extra_nodes]
    index = 0
    try:
        while loader.check_node():
            index += 1
            node = loader.get_node()
            if node is None:
                continue
            line = _node_line(node)
            before = budget[0]
            try:
                _measure(node, limits, budget)
            except _Refused as exc:
                budget[0] = before  # nothing of it is built
                out.errors.append(_error(name, f"document {index} (line {line}): {exc}; skipped"))
                continue
            try:
                value = _to_json(loader.construct_document(node))
            except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
                message = f"document {index} (line {line}): {_yaml_message(exc)}; skipped"
                out.errors.append(_error(name, message))
                continue
            if value is None:
                continue  # an empty document, as kubectl skips it
            document = Document(value, name, index, line, _node_end_line(node))
            if objects.is_list(value):
                _attach_item_lines(document, node)
            out.documents.append(document)
    except yaml.YAMLError as exc:
        where = f"document {index}: " if index else ""
        out.errors.append(_error(name, f"{where}malformed YAML: {_yaml_message(exc)}"))
    except RecursionError:  # PyYAML's pure-Python composer; libyaml stops at 1,000 levels itself
        out.errors.append(_error(name, f"document {index}: nested deeper than {limits.max_depth} levels"))
    finally:
        loader.dispose()


def _measure(root: nodes.Node, limits: Limits, budget: list[int]) -> None:
    """Refuse a composed document that nests deeper than max_depth, sets a key twice, or whose expanded
    size (an alias counting as everything it names, every time it is used) would exhaust the node budget
    shared by the file. Composition itself is cheap: aliases are shared nodes until they are built, and
    libyaml refuses nesting beyond 1,000 levels; the expansion happens when values are built, so it is
    measured here first. Iterative, so a recursive alias only exhausts the depth limit."""
    stack: list[tuple[nodes.Node, int]] = [(root, 1)]
    left = budget[0]
    try:
        while stack:
            node, depth = stack.pop()
            left -= 1
            if left < 0:
                raise _Refused("expands beyond the size limit (YAML aliases that multiply: an alias bomb?)")
            if isinstance(node, nodes.MappingNode):
                if depth > limits.max_depth:
                    raise _Refused(f"nested deeper than {limits.max_depth} levels")
                seen: set[tuple[str, Any]] = set()
                for key, value in node.value:
                    if isinstance(key, nodes.ScalarNode) and key.tag != _MERGE:
                        # kubectl refuses a key set twice; PyYAML would keep the last one silently.
                        if (key.tag, key.value) in seen:
                            raise _Refused(
                                f"key {key.value!r} set twice in one mapping (line {_node_line(key)})"
                            )
                        seen.add((key.tag, key.value))
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
            elif isinstance(node, nodes.SequenceNode):
                if depth > limits.max_depth:
                    raise _Refused(f"nested deeper than {limits.max_depth} levels")
                stack.extend((item, depth + 1) for item in node.value)
    finally:
        budget[0] = left


def _node_line(node: nodes.Node) -> int | None:
    return node.start_mark.line + 1 if node.start_mark is not None else None


def _node_end_line(node: nodes.Node) -> int | None:
    """The last line holding the node (libyaml's end mark sits at column 0 of the next line)."""
    end = node.end_mark
    if end is None:
        return _node_line(node)
    line = end.line + 1
    if end.column == 0 and end.line > node.start_mark.line:
        line -= 1
    return line


def _attach_item_lines(document: Document, node: nodes.Node) -> None:
    if not isinstance(node, nodes.MappingNode):
        return
    for key, value in node.value:
        if not isinstance(key, nodes.ScalarNode) or key.value != "items":
            continue
        if isinstance(value, nodes.SequenceNode) and len(value.value) == len(document.value["items"]):
            document.item_lines = [(_node_line(item), _node_end_line(item)) for item in value.value]
        return


def _list_documents(document: Document) -> Iterator[Document]:
    lines = document.item_lines
    for i, item in enumerate(objects.list_items(document.value), start=1):
        line, end_line = lines[i - 1] if lines else (document.line, document.end_line)
        yield Document(item, document.file, document.index, line, end_line, item=i)


def _to_json(value: Any) -> Any:
    """The constructed YAML value as JSON values: what the API server would hold. Copies shared (aliased)
    parts, whose expanded size the composer has bounded."""
    if isinstance(value, dict):
        return {_json_key(k): _to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_json(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a JSON number")
        return value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise ValueError(f"a {type(value).__name__} value has no JSON form")


def _json_key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, (int, float)):
        return str(key)
    raise ValueError(f"a {type(key).__name__} mapping key has no JSON form")


def _looks_like_object(value: Any) -> bool:
    return isinstance(value, dict) and "apiVersion" in value and "kind" in value


def _yaml_message(exc: BaseException) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        problem = exc.problem or exc.context or "invalid YAML"
        mark = exc.problem_mark or exc.context_mark
        if mark is not None:
            return f"{problem} at line {mark.line + 1} column {mark.column + 1}"
        return str(problem)
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _strip_prefix(message: str, name: str) -> str:
    prefix = f"{name}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _error(source: str, message: str) -> ScanError:
    return ScanError(source=source, message=message)


def _info(source: str, message: str) -> ScanError:
    return ScanError(source=source, message=message, severity="info")


def _document_error(document: Document, message: str) -> ScanError:
    detail: dict[str, Any] = {"document": document.index}
    if document.item is not None:
        detail["item"] = document.item
    if document.line is not None:
        detail["line"] = document.line
    return ScanError(source=document.file, message=f"{document.where}: {message}", detail=detail)
