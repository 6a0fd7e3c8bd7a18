"""Parsing .tf and .tfvars files: python-hcl2 for the structure, expr.py for every expression.

A parsed file is plain JSON (blocks, top-level attributes, suppression comments), so it caches by
content hash and crosses process boundaries cheaply. Files are parsed in parallel across cores; a
second scan of an unchanged repository reads only the cache.

python-hcl2 is pinned at 4.3.5: on one generated 2,000-resource corpus (201 files) its parser took
2.4 s (3.4 s through `loads(with_meta=True)`) where 8.1.4's `loads` took 16.5 s. Its string rendering
of expressions is lossy (parentheses and operator precedence are dropped, objects print as Python
reprs), so only its parse tree is used here: block structure, line numbers and the exact source span
of each attribute's expression, which expr.py parses.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import expr

FORMAT = 1
DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024
_PARALLEL_MIN_FILES = 8
_SUPPRESSION = re.compile(r"(?:#|//)\s*aipolicy:ignore\b[ \t]*([^\s]*)[ \t]*(.*)$")


@dataclass
class Block:
    """One block: `resource "aws_s3_bucket" "x" { ... }`; attrs map names to (expression, line)."""

    type: str
    labels: list[str]
    attrs: dict[str, tuple[expr.Node, int]]
    blocks: list[Block]
    line: int
    end_line: int

    @classmethod
    def from_json(cls, data: list[Any]) -> Block:
        btype, labels, attrs, blocks, line, end_line = data
        if not (isinstance(btype, str) and isinstance(labels, list) and isinstance(attrs, dict)):
            raise ValueError("malformed block")
        return cls(
            btype,
            [str(x) for x in labels],
            {str(k): (v[0], int(v[1])) for k, v in attrs.items()},
            [cls.from_json(b) for b in blocks],
            int(line),
            int(end_line),
        )


@dataclass
class ParsedFile:
    """A parsed .tf or .tfvars file; `suppressions` are (line, rule id or None, reason or None)."""

    blocks: list[Block] = field(default_factory=list)
    attrs: dict[str, tuple[expr.Node, int]] = field(default_factory=dict)
    suppressions: list[tuple[int, str | None, str | None]] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParsedFile:
        return cls(
            [Block.from_json(b) for b in data["blocks"]],
            {str(k): (v[0], int(v[1])) for k, v in data["attrs"].items()},
            [(int(s[0]), s[1], s[2]) for s in data["suppressions"]],
        )


@dataclass
class ParseStats:
    """What a scan cost: files read, parsed by python-hcl2, served from the cache."""

    files: int = 0
    parsed: int = 0
    cache_hits: int = 0
    cache_writes: int = 0


class FileError(Exception):
    """A file that cannot be read or parsed; the message names what to do."""


# -- the worker side: text -> JSON-able structure --------------------------------------------------


def parse_text(text: str) -> dict[str, Any]:
    """Parse HCL text into {"blocks", "attrs", "suppressions"}; raises FileError on malformed input.

    The common case goes through a direct scan of the block structure (_fast_body) that hands each
    attribute's expression to expr.py in place, which is several times faster than building
    python-hcl2's full parse tree and then parsing every expression a second time. It accepts only a
    strict subset of what python-hcl2 accepts and gives up on anything else (a heredoc, a template
    directive, a carriage return, a newline where python-hcl2's grammar has none, any expression
    error, ...): such files, and every malformed one, go through python-hcl2 exactly as before, so
    the result and the error messages are the same either way.
    """
    fast = _fast_parse(text)
    if fast is not None:
        return fast
    return _lark_parse(text)


def _lark_parse(text: str) -> dict[str, Any]:
    from hcl2.parser import hcl2 as lark_parser  # imported here: lark costs ~100 ms to load
    from lark.exceptions import UnexpectedInput

    source = text + "\n"
    try:
        tree = lark_parser.parse(source)
    except UnexpectedInput as exc:
        line = getattr(exc, "line", "?")
        column = getattr(exc, "column", "?")
        found = getattr(getattr(exc, "token", None), "value", None)
        detail = f" near {str(found)[:40]!r}" if found else ""
        raise FileError(f"malformed HCL at line {line} column {column}{detail}") from None
    except RecursionError:
        raise FileError("HCL nested too deeply to parse") from None
    except Exception as exc:  # lark raises a few non-UnexpectedInput errors on odd input
        raise FileError(f"malformed HCL ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})") from None
    body = tree.children[0] if tree.children else None
    blocks: list[Any] = []
    attrs: dict[str, Any] = {}
    if body is not None:
        _walk_body(body, source, blocks, attrs)
    return {"blocks": blocks, "attrs": attrs, "suppressions": _suppressions(text)}


def _walk_body(body: Any, source: str, blocks: list[Any], attrs: dict[str, Any]) -> None:
    from lark import Tree

    for child in body.children:
        if not isinstance(child, Tree):
            continue
        if child.data == "attribute":
            name = _identifier(child.children[0])
            value = child.children[1]
            attrs[name] = [_expression(value, source), child.meta.line]
        elif child.data == "block":
            ident = _identifier(child.children[0])
            labels: list[str] = []
            inner: Any = None
            for part in child.children[1:]:
                if isinstance(part, Tree) and part.data == "identifier":
                    labels.append(_identifier(part))
                elif isinstance(part, Tree) and part.data == "body":
                    inner = part
                elif not isinstance(part, Tree):
                    labels.append(_label(str(part)))
            sub_blocks: list[Any] = []
            sub_attrs: dict[str, Any] = {}
            if inner is not None:
                _walk_body(inner, source, sub_blocks, sub_attrs)
            blocks.append([ident, labels, sub_attrs, sub_blocks, child.meta.line, child.meta.end_line])


def _identifier(node: Any) -> str:
    return str(node.children[0]) if hasattr(node, "children") else str(node)


def _label(raw: str) -> str:
    if raw.startswith('"') and raw.endswith('"'):
        try:
            value = json.loads(raw)
            return str(value)
        except ValueError:
            return raw[1:-1]
    return raw


def _expression(node: Any, source: str) -> expr.Node:
    meta = getattr(node, "meta", None)
    start = getattr(meta, "start_pos", None) if meta is not None else getattr(node, "start_pos", None)
    end = getattr(meta, "end_pos", None) if meta is not None else getattr(node, "end_pos", None)
    if start is None or end is None:
        return ["E", "expression without a source position"]
    text = source[start:end]
    try:
        return expr.parse_expression(text)
    except expr.ParseError as exc:
        line = source.count("\n", 0, start + min(exc.offset, len(text))) + 1
        return ["E", f"line {line}: {exc}"]
    except RecursionError:
        return ["E", "expression nested too deeply"]


# -- the fast path: block structure scanned here, expressions parsed in place by expr.py ------------

_IDENT = re.compile(r"[a-zA-Z_][a-zA-Z0-9_-]*")
_BLANK = re.compile(r"[ \t]*")
# After these tokens python-hcl2's grammar allows a line break inside an expression; before these too.
_NL_AFTER = frozenset({"(", "[", "{", ",", "?", ":", "=>", "...", "for", "in", "if", "&&", "||"}) | frozenset(
    {"+", "-", "*", "/", "%", "<", ">", "==", "!=", "<=", ">="}
)
_NL_BEFORE = frozenset([")", "]", "}", ",", ":", "in", "if"])


class _GiveUp(Exception):
    """The fast path does not handle this input: python-hcl2 decides."""


class _InPlace(expr._Parser):
    """expr.py's parser over the whole file, refusing line breaks python-hcl2's grammar refuses."""

    def __init__(self, source: str):
        super().__init__(source)
        self.previous: str | None = None
        self.templates = 0
        self.binary_end = -1
        self.unary_end = -1

    def binary(self, min_prec: int) -> expr.Node:
        node = super().binary(min_prec)
        if node[0] == "B":
            self.binary_end = self.pos
        return node

    def unary(self) -> expr.Node:
        tok = self.peek()
        if tok.kind == "op" and tok.value in ("-", "!"):
            self.unary_end = tok.end  # no line break after a unary operator
        return super().unary()

    def postfix(self, node: expr.Node) -> expr.Node:
        result = super().postfix(node)
        if result is not node and node[0] == "L" and type(node[1]) in (int, float):
            raise _GiveUp  # python-hcl2 reads `6.x` as a malformed number
        return result

    def advance(self, tok: Any) -> None:
        if tok.kind == "nl" and self.pos == self.binary_end:
            # python-hcl2 lets a binary operation swallow the line break after it, so an object
            # element ending in one (`a = x + y` then a new line) leaves no separator: it rejects that
            raise _GiveUp
        if self.pos == self.unary_end and self.src.find("\n", self.pos, tok.start) >= 0:
            raise _GiveUp
        if (
            not self.templates
            and tok.start > self.pos
            and self.src.find("\n", self.pos, tok.start) >= 0
            and not (self.previous in _NL_AFTER or tok.value in _NL_BEFORE or self.previous == "\n")
        ):
            raise _GiveUp
        self.previous = tok.value if tok.kind in ("op", "ident", "nl") else None
        self.pos = tok.end

    def _close_interpolation(self) -> bool:
        strip = super()._close_interpolation()
        close = self.pos - 1
        start = self.src.rfind("${", 0, close)
        if start < 0 or self.src.find("}", start, close) >= 0:
            raise _GiveUp  # python-hcl2's string pattern ends an interpolation at its first }
        return strip

    def template_parts(self, heredoc: bool, stops: tuple[str, ...]) -> tuple[list[Any], str | None]:
        self.templates += 1
        try:
            return super().template_parts(heredoc, stops)
        finally:
            self.templates -= 1
            self.previous = None


def _fast_parse(text: str) -> dict[str, Any] | None:
    source = text + "\n"
    if "\r" in source or "<<" in source or "%{" in source or not _simple_interpolations(source):
        return None
    scanner = _Scanner(source)
    try:
        blocks, attrs, _ = scanner.body(0, top=True)
    except (_GiveUp, expr.ParseError, RecursionError):
        return None
    return {"blocks": blocks, "attrs": attrs, "suppressions": _suppressions(text)}


def _simple_interpolations(source: str) -> bool:
    """Each ${ closes at the first } after it: python-hcl2's string pattern reads them that way."""
    start = source.find("${")
    while start >= 0:
        end = source.find("}", start + 2)
        if end < 0 or source.find("{", start + 2, end) >= 0:
            return False
        start = source.find("${", end)
    return True


class _Scanner:
    def __init__(self, source: str):
        self.src = source
        self.parser = _InPlace(source)
        self._line_pos = 0
        self._line = 1

    def line(self, pos: int) -> int:
        if pos >= self._line_pos:
            self._line += self.src.count("\n", self._line_pos, pos)
        else:
            self._line -= self.src.count("\n", pos, self._line_pos)
        self._line_pos = pos
        return self._line

    def skip(self, pos: int) -> int:
        """Spaces, line breaks and comments between body items."""
        src, n = self.src, len(self.src)
        while pos < n:
            c = src[pos]
            if c in " \t\n":
                pos += 1
            elif c == "#" or (c == "/" and src.startswith("//", pos)):
                end = src.find("\n", pos)
                pos = n if end < 0 else end
            elif c == "/" and src.startswith("/*", pos):
                end = src.find("*/", pos + 2)
                if end < 0:
                    raise _GiveUp
                pos = end + 2
            else:
                break
        return pos

    def end_of_item(self, pos: int, top: bool) -> None:
        """What follows an attribute or a block: a line break, a comment, or the enclosing }."""
        src = self.src
        pos = _BLANK.match(src, pos).end()  # type: ignore[union-attr]
        if pos >= len(src) or src[pos] in "\n#" or src.startswith("//", pos):
            return
        if src[pos] == "}" and not top:
            return
        raise _GiveUp

    def body(self, pos: int, top: bool) -> tuple[list[Any], dict[str, Any], int]:
        src = self.src
        blocks: list[Any] = []
        attrs: dict[str, Any] = {}
        while True:
            pos = self.skip(pos)
            if pos >= len(src):
                if top:
                    return blocks, attrs, pos
                raise _GiveUp
            if src[pos] == "}":
                if top:
                    raise _GiveUp
                return blocks, attrs, pos
            match = _IDENT.match(src, pos)
            if match is None:
                raise _GiveUp
            name = match.group()
            line = self.line(pos)
            pos = _BLANK.match(src, match.end()).end()  # type: ignore[union-attr]
            if src.startswith("=", pos) and not src.startswith("==", pos):
                pos = _BLANK.match(src, pos + 1).end()  # type: ignore[union-attr]
                if pos >= len(src) or src[pos] in "\n#" or src.startswith(("//", "/*"), pos):
                    raise _GiveUp
                parser = self.parser
                parser.pos = pos
                parser.previous = "="
                parser.depth = 0
                node = parser.expression()
                pos = parser.pos
                self.end_of_item(pos, top)
                attrs[name] = [node, line]
                continue
            labels: list[str] = []
            while True:
                if src.startswith('"', pos):
                    end = pos + 1
                    while True:
                        end = src.find('"', end)
                        if end < 0:
                            raise _GiveUp
                        backslashes = 0
                        while src[end - 1 - backslashes] == "\\":
                            backslashes += 1
                        if backslashes % 2 == 0:
                            break
                        end += 1
                    raw = src[pos : end + 1]
                    if "\n" in raw or "${" in raw:
                        raise _GiveUp
                    labels.append(_label(raw))
                    pos = end + 1
                else:
                    label = _IDENT.match(src, pos)
                    if label is None:
                        break
                    labels.append(label.group())
                    pos = label.end()
                pos = _BLANK.match(src, pos).end()  # type: ignore[union-attr]
            if not src.startswith("{", pos):
                raise _GiveUp
            sub_blocks, sub_attrs, pos = self.body(pos + 1, top=False)
            blocks.append([name, labels, sub_attrs, sub_blocks, line, self.line(pos)])
            pos += 1
            self.end_of_item(pos, top)


def _suppressions(text: str) -> list[list[Any]]:
    if "aipolicy:ignore" not in text:
        return []
    out: list[list[Any]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if "aipolicy:ignore" not in line:
            continue
        match = _SUPPRESSION.search(line)
        if match is None:
            continue
        rule = match.group(1) or None
        reason = match.group(2).strip() or None
        out.append([number, rule, reason])
    return out


def _worker(job: tuple[str, str]) -> tuple[str, dict[str, Any] | None, str | None]:
    """Process-pool entry point: (path, text) -> (path, parsed, error)."""
    path, text = job
    try:
        return path, parse_text(text), None
    except FileError as exc:
        return path, None, str(exc)
    except RecursionError:
        return path, None, "HCL nested too deeply to parse"


# -- the collector side: limits, cache, pool -------------------------------------------------------

_PARSER_ID: str | None = None


def parser_id() -> str:
    """Identifies what produced a cache entry: the python-hcl2 version and this module's format."""
    global _PARSER_ID
    if _PARSER_ID is None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            hcl2_version = version("python-hcl2")
        except PackageNotFoundError:
            hcl2_version = "unknown"
        _PARSER_ID = f"aipolicy-hcl/{FORMAT} python-hcl2/{hcl2_version}"
    return _PARSER_ID


def default_cache_dir(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "aipolicy" / "hcl"


class Parser:
    """Reads, parses and caches files; every failure becomes a FileError message, never an exception."""

    def __init__(self, cache_dir: Path | None, workers: int | None, max_bytes: int, stats: ParseStats):
        self.cache_dir = cache_dir
        self.workers = workers
        self.max_bytes = max_bytes
        self.stats = stats
        self._pool: Any = None
        self._cache_ok = cache_dir is not None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def parse(self, paths: Iterable[Path]) -> dict[Path, ParsedFile | str]:
        """Parse files; the value is the ParsedFile or an error message naming what to do."""
        results: dict[Path, ParsedFile | str] = {}
        misses: list[tuple[Path, str, str]] = []
        missed: set[Path] = set()
        for path in paths:
            if path in results or path in missed:
                continue  # the same module directory called several times: read and parsed once
            self.stats.files += 1
            try:
                text, key = self._read(path)
            except FileError as exc:
                results[path] = str(exc)
                continue
            cached = self._cache_get(key)
            if cached is not None:
                self.stats.cache_hits += 1
                results[path] = cached
            else:
                misses.append((path, text, key))
                missed.add(path)
        if misses:
            for path, outcome in self._parse_all(misses):
                results[path] = outcome
        return results

    def _read(self, path: Path) -> tuple[str, str]:
        try:
            size = path.stat().st_size
            if not path.is_file():
                raise FileError("not a regular file")
            if size > self.max_bytes:
                raise FileError(
                    f"{size / 1048576:.1f} MiB is over the {self.max_bytes / 1048576:.0f} MiB limit for a "
                    "Terraform file; skipped (raise the limit with AIPOLICY_MAX_INPUT_MB if it is genuine)"
                )
            raw = path.read_bytes()
        except FileNotFoundError:
            raise FileError("no such file") from None
        except PermissionError:
            raise FileError("permission denied") from None
        except OSError as exc:
            raise FileError(f"cannot read ({exc.strerror or exc})") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FileError(
                f"not UTF-8 text (invalid byte at offset {exc.start}); Terraform reads UTF-8 only: "
                "re-encode the file"
            ) from None
        digest = hashlib.sha256(parser_id().encode() + b"\0" + raw).hexdigest()
        return text, digest

    def _entry(self, key: str) -> Path:
        assert self.cache_dir is not None
        return self.cache_dir / key[:2] / f"{key}.json"

    def _cache_get(self, key: str) -> ParsedFile | None:
        if not self._cache_ok:
            return None
        try:
            raw = self._entry(key).read_bytes()
            header, _, payload = raw.partition(b"\n")
            meta = json.loads(header)
            if meta.get("parser") != parser_id() or meta.get("key") != key:
                return None
            if hashlib.sha256(payload).hexdigest() != meta.get("digest"):
                return None
            return ParsedFile.from_json(json.loads(payload))
        except Exception:  # a missing, truncated or tampered entry is ignored: the source decides
            return None

    def _cache_put(self, key: str, data: dict[str, Any]) -> None:
        """Write `header\npayload`: the header names the parser and the payload's sha256."""
        if not self._cache_ok:
            return
        try:
            payload = json.dumps(data, separators=(",", ":")).encode()
            header = {"parser": parser_id(), "key": key, "digest": hashlib.sha256(payload).hexdigest()}
            entry = self._entry(key)
            entry.parent.mkdir(parents=True, exist_ok=True)
            tmp = entry.with_name(f"{entry.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_bytes(json.dumps(header).encode() + b"\n" + payload)
            os.replace(tmp, entry)
            self.stats.cache_writes += 1
        except (OSError, ValueError):
            self._cache_ok = False  # an unwritable cache slows scans down, it never fails them

    def _parse_all(self, misses: list[tuple[Path, str, str]]) -> Iterable[tuple[Path, ParsedFile | str]]:
        by_name = {str(path): (path, key) for path, _, key in misses}
        jobs = [(str(path), text) for path, text, _ in misses]
        workers = self.workers if self.workers is not None else (os.cpu_count() or 1)
        outcomes: Iterable[tuple[str, dict[str, Any] | None, str | None]]
        if workers > 1 and len(jobs) >= _PARALLEL_MIN_FILES:
            outcomes = self._in_pool(jobs, workers)
        else:
            outcomes = (_worker(job) for job in jobs)
        for name, data, error in outcomes:
            path, key = by_name[name]
            if data is None:
                yield path, error or "could not be parsed"
                continue
            self.stats.parsed += 1
            try:
                parsed = ParsedFile.from_json(data)
            except (ValueError, KeyError, TypeError, IndexError) as exc:
                yield path, f"internal error reading the parse tree ({exc})"
                continue
            self._cache_put(key, data)
            yield path, parsed

    def _in_pool(
        self, jobs: list[tuple[str, str]], workers: int
    ) -> list[tuple[str, dict[str, Any] | None, str | None]]:
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        if self._pool is None:
            import multiprocessing

            # fork is cheap and safe while this process runs a single thread; otherwise forkserver
            method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
            if method != "fork" and "forkserver" in multiprocessing.get_all_start_methods():
                method = "forkserver"
            size = max(1, min(workers, os.cpu_count() or 1, len(jobs)))
            self._pool = ProcessPoolExecutor(size, mp_context=multiprocessing.get_context(method))
        chunk = max(1, len(jobs) // (workers * 4))
        out: list[tuple[str, dict[str, Any] | None, str | None]] = []
        done: set[str] = set()
        try:
            for outcome in self._pool.map(_worker, jobs, chunksize=chunk):
                out.append(outcome)
                done.add(outcome[0])
        except BrokenProcessPool:
            self._pool = None
            for name, _ in jobs:
                if name not in done:
                    out.append((name, None, "the parser process crashed on this file (too deeply nested?)"))
                    done.add(name)
        return out
