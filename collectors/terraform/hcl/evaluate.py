"""Evaluating a configuration the way `terraform plan` would on an empty state.

Everything is lazy and memoised: a module instance evaluates a variable, a local, an output or a
resource attribute when something asks for it, so evaluation order follows references as
Terraform's graph does, and a cycle is detected (and left unknown) instead of looping. Whatever
cannot be known before apply, or cannot be evaluated here, is UNKNOWN: never a default, never a guess.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from . import expr, iam
from .config import META_ATTRIBUTES, META_BLOCKS, ModuleConfig, ResourceConfig
from .functions import ALWAYS_UNKNOWN, FUNCTIONS, STRUCTURAL
from .parse import Block
from .values import (
    UNKNOWN,
    EvalError,
    Lazy,
    Namespace,
    SetValue,
    contains_unknown,
    convert,
    equal,
    number,
    parse_type,
    to_bool,
    to_number,
    to_string,
    type_name,
)

MAX_HOPS = 48  # nested lazy evaluations (a local using a local using ...) before giving up
Report = Callable[[str, str, str], None]  # (source file, message, severity)


class Unparsable(EvalError):
    """An expression that did not parse; reported once when the file was loaded."""


class BlockBody(dict[str, Any]):
    """A block's evaluated arguments: null arguments are absent from the view, as unset ones are."""


def instance_key(key: Any) -> str:
    """How Terraform prints an instance key: ["a"] for strings (JSON escaping), [0] for numbers."""
    if key is None:
        return ""
    if key is UNKNOWN:
        return "[*]"
    if isinstance(key, int) and not isinstance(key, bool):
        return f"[{key}]"
    return "[" + json.dumps(str(key), ensure_ascii=False) + "]"


class Scope:
    """Where an expression is evaluated: a module instance, each/count, and for-expression names."""

    __slots__ = ("count", "each", "module", "names", "pair_key")

    def __init__(
        self,
        module: ModuleInstance,
        each: tuple[Any, Any] | None = None,
        count: Any = None,
        names: dict[str, Any] | None = None,
        pair_key: str | None = None,
    ):
        self.module = module
        self.each = each
        self.count = count
        self.names = names or {}
        self.pair_key = pair_key

    def bind(self, names: dict[str, Any]) -> Scope:
        return Scope(self.module, self.each, self.count, {**self.names, **names}, self.pair_key)


class Expansion:
    """The instances of a resource or module call: keys in Terraform's order, with each/count."""

    def __init__(self, mode: str, keys: list[Any], values: list[Any]):
        self.mode = mode  # single | count | for_each | unknown
        self.keys = keys
        self.values = values


class Evaluator:
    """Shared state of one root module's evaluation: memo, cycle detection, errors."""

    def __init__(
        self,
        report: Report,
        scan_root: Path,
        root_dir: Path,
        environ: dict[str, str],
        max_file_bytes: int,
    ):
        self.report = report
        self.scan_root = scan_root
        self.root_dir = root_dir
        self.environ = environ
        self.max_file_bytes = max_file_bytes
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._active: list[tuple[Any, ...]] = []
        self._active_set: set[tuple[Any, ...]] = set()
        self._reported: set[str] = set()
        self.current_file: Path | None = None

    def once(self, source: str, message: str, severity: str = "info") -> None:
        key = f"{source}\0{message}"
        if key not in self._reported:
            self._reported.add(key)
            self.report(source, message, severity)

    def memo(self, key: tuple[Any, ...], label: str, compute: Callable[[], Any]) -> Any:
        if key in self._memo:
            return self._memo[key]
        if key in self._active_set:
            chain = " -> ".join(str(k[-1]) for k in self._active[self._active.index(key) :])
            self.once(self._source(), f"{label} depends on itself ({chain} -> {key[-1]}); left unresolved")
            return UNKNOWN
        if len(self._active) >= MAX_HOPS:
            self.once(
                self._source(), f"{label}: references nested more than {MAX_HOPS} deep; left unresolved"
            )
            return UNKNOWN
        self._active.append(key)
        self._active_set.add(key)
        try:
            value = compute()
        except RecursionError:
            self.once(self._source(), f"{label}: expression too deeply nested; left unresolved")
            value = UNKNOWN
        finally:
            self._active.pop()
            self._active_set.discard(key)
        self._memo[key] = value
        return value

    def _source(self) -> str:
        return str(self.current_file) if self.current_file is not None else str(self.root_dir)

    # -- expressions ----------------------------------------------------------------------------

    def evaluate(self, node: expr.Node, scope: Scope, where: str, file: Path | None = None) -> Any:
        """Evaluate, turning an error Terraform would raise into UNKNOWN plus an info entry."""
        try:
            return self.ev(node, scope)
        except Unparsable:
            return UNKNOWN
        except EvalError as exc:
            self.once(str(file or self._source()), f"{where}: {exc}; left unresolved")
            return UNKNOWN
        except RecursionError:
            self.once(str(file or self._source()), f"{where}: expression too deeply nested; left unresolved")
            return UNKNOWN

    def ev(self, node: expr.Node, scope: Scope) -> Any:
        tag = node[0]
        if tag == "L":
            return node[1]
        if tag == "V":
            return self.root(node[1], scope)
        if tag == "A":
            return get_attr(self.ev(node[1], scope), node[2])
        if tag == "I":
            return get_index(self.ev(node[1], scope), self.ev(node[2], scope))
        if tag == "T":
            return self.template(node[1], scope)
        if tag == "C":
            return self.call(node, scope)
        if tag == "B":
            return self.binary(node[1], node[2], node[3], scope)
        if tag == "U":
            value = self.ev(node[2], scope)
            if value is UNKNOWN:
                return UNKNOWN
            if node[1] == "-":
                return number(-to_number(value))
            return not to_bool(value)
        if tag == "Q":
            cond = self.ev(node[1], scope)
            if cond is UNKNOWN:
                return UNKNOWN
            return self.ev(node[2] if to_bool(cond) else node[3], scope)
        if tag == "TU":
            return [self.ev(item, scope) for item in node[1]]
        if tag == "O":
            out: dict[str, Any] = {}
            for key_node, value_node in node[1]:
                key = self.ev(key_node, scope)
                if key is UNKNOWN:
                    return UNKNOWN
                out[to_string(key)] = self.ev(value_node, scope)
            return out
        if tag == "S":
            return self.splat(node, scope)
        if tag in ("FL", "FM"):
            return self.for_expr(node, scope)
        if tag == "E":
            raise Unparsable(f"unparsable expression ({node[1]})")
        raise EvalError(f"unsupported expression {tag!r}")

    def root(self, name: str, scope: Scope) -> Any:
        if name in scope.names:
            return scope.names[name]
        module = scope.module
        if name == "var":
            return Namespace("var", module.variable)
        if name == "local":
            return Namespace("local", module.local)
        if name == "each":
            if scope.each is None:
                raise EvalError("each is only available in a block with for_each")
            return {"key": scope.each[0], "value": scope.each[1]}
        if name == "count":
            if scope.count is None:
                raise EvalError("count.index is only available in a block with count")
            return {"index": scope.count}
        if name == "path":
            return {
                "module": module.path_module(),
                "root": ".",
                "cwd": str(self.root_dir.resolve()),
            }
        if name == "terraform":
            return {"workspace": self.environ.get("TF_WORKSPACE", "default")}
        if name == "module":
            return Namespace("module", module.call_value)
        if name == "data":
            return Namespace("data", lambda rtype: Namespace(f"data.{rtype}", module.data_namespace(rtype)))
        if name == "self":
            return UNKNOWN
        if name in module.config.resource_types:
            return Namespace(name, module.resource_namespace(name))
        raise EvalError(f"reference to undeclared {name!r}")

    def template(self, parts: list[Any], scope: Scope) -> Any:
        out: list[str] = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
                continue
            tag = part[0]
            if tag == "IF":
                cond = self.ev(part[1], scope)
                if cond is UNKNOWN:
                    return UNKNOWN
                rendered = self.template(part[2] if to_bool(cond) else part[3], scope)
            elif tag == "FOR":
                rendered = self._template_for(part, scope)
            else:
                value = self.ev(part, scope)
                if value is UNKNOWN or isinstance(value, Lazy):
                    return UNKNOWN
                if isinstance(value, (dict, list)):
                    raise EvalError(f"a {type_name(value)} cannot be used in a string template")
                rendered = to_string(value)
            if rendered is UNKNOWN:
                return UNKNOWN
            out.append(rendered)
        return "".join(out)

    def _template_for(self, part: list[Any], scope: Scope) -> Any:
        _, key_name, value_name, coll_node, body = part
        collection = self.ev(coll_node, scope)
        if collection is UNKNOWN:
            return UNKNOWN
        out: list[str] = []
        for key, value in iterate(collection):
            names = {value_name: value}
            if key_name:
                names[key_name] = key
            rendered = self.template(body, scope.bind(names))
            if rendered is UNKNOWN:
                return UNKNOWN
            out.append(rendered)
        return "".join(out)

    def splat(self, node: expr.Node, scope: Scope) -> Any:
        source = self.ev(node[1], scope)
        if source is UNKNOWN:
            return UNKNOWN
        if source is None:
            return []
        items = list(source) if isinstance(source, list) else [source]
        out = []
        for item in items:
            for op in node[2]:
                if item is UNKNOWN:
                    break
                item = get_attr(item, op[1]) if op[0] == "a" else get_index(item, self.ev(op[1], scope))
            out.append(item)
        return out

    def for_expr(self, node: expr.Node, scope: Scope) -> Any:
        is_map = node[0] == "FM"
        key_name, value_name, coll_node = node[1], node[2], node[3]
        collection = self.ev(coll_node, scope)
        if collection is UNKNOWN:
            return UNKNOWN
        cond_node = node[7] if is_map else node[5]
        items: list[Any] = []
        mapping: dict[str, Any] = {}
        for key, value in iterate(collection):
            names = {value_name: value}
            if key_name:
                names[key_name] = key
            inner = scope.bind(names)
            if cond_node is not None:
                keep = self.ev(cond_node, inner)
                if keep is UNKNOWN:
                    return UNKNOWN
                if not to_bool(keep):
                    continue
            if is_map:
                out_key = self.ev(node[4], inner)
                if out_key is UNKNOWN:
                    return UNKNOWN
                out_key = to_string(out_key)
                out_value = self.ev(node[5], inner)
                if node[6]:
                    mapping.setdefault(out_key, []).append(out_value)
                elif out_key in mapping:
                    raise EvalError(f"duplicate key {out_key!r} in a for expression (add ... to group)")
                else:
                    mapping[out_key] = out_value
            else:
                items.append(self.ev(node[4], inner))
        return mapping if is_map else items

    def binary(self, op: str, left_node: expr.Node, right_node: expr.Node, scope: Scope) -> Any:
        left = self.ev(left_node, scope)
        if op in ("&&", "||"):
            if left is not UNKNOWN:
                left_bool = to_bool(left)
                if op == "&&" and not left_bool:
                    return False
                if op == "||" and left_bool:
                    return True
                right = self.ev(right_node, scope)
                return UNKNOWN if right is UNKNOWN else to_bool(right)
            right = self.ev(right_node, scope)
            if right is UNKNOWN:
                return UNKNOWN
            right_bool = to_bool(right)
            if op == "&&" and not right_bool:
                return False
            if op == "||" and right_bool:
                return True
            return UNKNOWN
        right = self.ev(right_node, scope)
        if op in ("==", "!="):
            if contains_unknown(left) or contains_unknown(right):
                return UNKNOWN
            same = equal(left, right)
            return same if op == "==" else not same
        if left is UNKNOWN or right is UNKNOWN:
            return UNKNOWN
        a, b = to_number(left), to_number(right)
        if op == "+":
            return number(a + b)
        if op == "-":
            return number(a - b)
        if op == "*":
            return number(a * b)
        if op == "/":
            if b == 0:
                raise EvalError("division by zero")
            return number(a / b)
        if op == "%":
            if b == 0:
                raise EvalError("modulo by zero")
            return number(math.fmod(a, b)) if isinstance(a, float) or isinstance(b, float) else _int_mod(a, b)
        if op == ">":
            return a > b
        if op == ">=":
            return a >= b
        if op == "<":
            return a < b
        if op == "<=":
            return a <= b
        raise EvalError(f"unknown operator {op}")

    def call(self, node: expr.Node, scope: Scope) -> Any:
        name, arg_nodes, expand = node[1], node[2], node[3]
        if name == "try":
            for arg in arg_nodes:
                try:
                    value = self.ev(arg, scope)
                except EvalError:
                    continue
                return value
            raise EvalError("try(): no argument could be evaluated")
        if name == "can":
            if len(arg_nodes) != 1:
                raise EvalError("can() takes one argument")
            try:
                value = self.ev(arg_nodes[0], scope)
            except EvalError:
                return False
            return UNKNOWN if value is UNKNOWN else True
        if name in ALWAYS_UNKNOWN:
            return UNKNOWN
        function = FUNCTIONS.get(name)
        if function is None:
            self.once(
                str(self.current_file or self.root_dir),
                f"function {name}() is not supported; values that use it are unresolved",
            )
            for arg in arg_nodes:  # still surface errors in the arguments, and their references
                self.ev(arg, scope)
            return UNKNOWN
        args = [self.ev(arg, scope) for arg in arg_nodes]
        if expand and args:
            last = args.pop()
            if last is UNKNOWN:
                return UNKNOWN
            if not isinstance(last, list):
                raise EvalError(f"{name}(): only a list can be expanded with ...")
            args.extend(last)
        if name not in STRUCTURAL and any(contains_unknown(a) for a in args):
            return UNKNOWN
        try:
            return function(args, _Host(self, scope))
        except EvalError:
            raise
        except (TypeError, ValueError, KeyError, IndexError, AttributeError, OverflowError) as exc:
            raise EvalError(f"{name}(): {exc}") from None

    # -- files ----------------------------------------------------------------------------------

    def read_file(self, raw: str, scope: Scope) -> str | None:
        path = Path(raw)
        candidate = path if path.is_absolute() else self.root_dir / path
        source = str(self.current_file or self.root_dir)
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            self.once(source, f"file({raw!r}): no such file (or a symlink loop); left unresolved")
            return None
        if not _within(real, self.scan_root):
            self.once(
                source,
                f"file({raw!r}) reads outside the scan root {self.scan_root}; not read, left unresolved",
                "error",
            )
            return None
        try:
            if real.stat().st_size > self.max_file_bytes:
                self.once(source, f"file({raw!r}) is over the size limit; left unresolved", "error")
                return None
            return real.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.once(source, f"file({raw!r}) cannot be read ({exc}); left unresolved", "error")
            return None


class _Host:
    def __init__(self, evaluator: Evaluator, scope: Scope):
        self.evaluator = evaluator
        self.scope = scope

    def read_file(self, path: str) -> str | None:
        return self.evaluator.read_file(path, self.scope)

    def render_template(self, text: str, variables: dict[str, Any]) -> Any:
        try:
            node = expr.parse_template(text)
        except expr.ParseError as exc:
            raise EvalError(f"templatefile(): template is not valid ({exc})") from None
        isolated = Scope(cast(ModuleInstance, _Isolated(self.scope.module)), names=dict(variables))
        return self.evaluator.ev(node, isolated)


class _Isolated:
    """A module stand-in for templatefile(): only the template's own variables are in scope."""

    def __init__(self, module: ModuleInstance):
        self.config = ModuleConfig(directory=module.config.directory, real=module.config.real)

    def __getattr__(self, name: str) -> Any:
        raise EvalError("templatefile() templates can only use the variables passed to them")


def _int_mod(a: int | float, b: int | float) -> int | float:
    result = math.fmod(a, b)
    return int(result) if float(result).is_integer() else result


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def iterate(collection: Any) -> list[tuple[Any, Any]]:
    """(key, value) pairs as Terraform iterates: maps in key order, lists and sets by index."""
    if isinstance(collection, dict):
        return [(k, collection[k]) for k in sorted(collection)]
    if isinstance(collection, list):
        return list(enumerate(collection))
    if isinstance(collection, Lazy):
        raise EvalError(f"cannot iterate over {collection.describe()}")
    raise EvalError(f"cannot iterate over a {type_name(collection)}")


def get_attr(value: Any, name: str) -> Any:
    if value is UNKNOWN:
        return UNKNOWN
    if isinstance(value, Lazy):
        return value.get(name)
    if isinstance(value, dict):
        if name in value:
            return value[name]
        raise EvalError(f"no attribute {name!r}")
    if value is None:
        raise EvalError(f"attribute {name!r} of a null value")
    raise EvalError(f"a {type_name(value)} has no attribute {name!r}")


def get_index(value: Any, key: Any) -> Any:
    if value is UNKNOWN or key is UNKNOWN:
        return UNKNOWN
    if isinstance(value, Lazy):
        return value.get(to_string(key))
    if isinstance(value, dict):
        text = to_string(key)
        if text in value:
            return value[text]
        raise EvalError(f"no key {text!r}")
    if isinstance(value, SetValue):
        raise EvalError("a set cannot be indexed (use tolist())")
    if isinstance(value, list):
        index = to_number(key)
        if isinstance(index, float) and not index.is_integer():
            raise EvalError(f"index {index} is not a whole number")
        i = int(index)
        if 0 <= i < len(value):
            return value[i]
        raise EvalError(f"index {i} out of range for a list of {len(value)}")
    if value is None:
        raise EvalError("index into a null value")
    raise EvalError(f"a {type_name(value)} cannot be indexed")


# -- module instances, resource instances -------------------------------------------------------


class ModuleInstance:
    """One instance of a module (the root, or `module.a["k"]`), evaluating its parts on demand."""

    def __init__(
        self,
        evaluator: Evaluator,
        config: ModuleConfig,
        address: str,
        parent: ModuleInstance | None = None,
        call_name: str | None = None,
        call_scope: Scope | None = None,
        root_variables: Callable[[str, Block], Any] | None = None,
    ):
        self.ev = evaluator
        self.config = config
        self.address = address
        self.parent = parent
        self.call_name = call_name
        self.call_scope = call_scope
        self.root_variables = root_variables
        self.scope = Scope(self)

    def prefix(self, local: str) -> str:
        return f"{self.address}.{local}" if self.address else local

    def path_module(self) -> str:
        try:
            rel = os.path.relpath(self.config.directory, self.ev.root_dir)
        except ValueError:
            return str(self.config.directory)
        return Path(rel).as_posix()

    # variables, locals, outputs

    def variable(self, name: str) -> Any:
        block = self.config.variables.get(name)
        if block is None:
            raise EvalError(f"no variable {name!r} is declared")
        return self.ev.memo(("var", self.address, name), f"var.{name}", lambda: self._variable(name, block))

    def _variable(self, name: str, block: Block) -> Any:
        spec = parse_type(block.attrs["type"][0]) if "type" in block.attrs else "any"
        where = f"var.{name}" + (f" of {self.address}" if self.address else "")
        if self.root_variables is not None:
            value = self.root_variables(name, block)
        else:
            value = self._module_input(name, block)
        if value is None and "nullable" in block.attrs:
            nullable = self.ev.evaluate(block.attrs["nullable"][0], Scope(self), where)
            if nullable is False:
                value = self._default(block)
        if value is UNKNOWN:
            return UNKNOWN
        try:
            return convert(value, spec, lambda node: self.ev.ev(node, Scope(self)))
        except EvalError as exc:
            self.ev.once(
                str(self.config.directory), f"{where}: value does not match its type ({exc}); left unresolved"
            )
            return UNKNOWN

    def _module_input(self, name: str, block: Block) -> Any:
        assert self.parent is not None and self.call_name is not None and self.call_scope is not None
        call = self.parent.config.calls[self.call_name]
        if name in call.attrs:
            node, line = call.attrs[name]
            file = self.parent.config.call_files.get(self.call_name)
            previous = self.ev.current_file
            self.ev.current_file = file
            try:
                return self.ev.evaluate(
                    node, self.call_scope, f"line {line}: module {self.call_name} input {name}", file
                )
            finally:
                self.ev.current_file = previous
        if "default" in block.attrs:
            return self._default(block)
        self.ev.once(
            str(self.parent.config.call_files.get(self.call_name, self.parent.config.directory)),
            f"module {self.call_name} does not set its required variable {name!r}; left unresolved",
        )
        return UNKNOWN

    def _default(self, block: Block) -> Any:
        if "default" not in block.attrs:
            return UNKNOWN
        return self.ev.evaluate(block.attrs["default"][0], Scope(self), "variable default")

    def local(self, name: str) -> Any:
        entry = self.config.locals.get(name)
        if entry is None:
            raise EvalError(f"no local value {name!r} is defined")
        node, file, line = entry

        def compute() -> Any:
            previous = self.ev.current_file
            self.ev.current_file = file
            try:
                return self.ev.evaluate(node, self.scope, f"line {line}: local.{name}", file)
            finally:
                self.ev.current_file = previous

        return self.ev.memo(("local", self.address, name), f"local.{name}", compute)

    def output(self, name: str) -> Any:
        block = self.config.outputs.get(name)
        if block is None:
            raise EvalError(f"module {self.address} has no output {name!r}")
        if "value" not in block.attrs:
            return None
        node, line = block.attrs["value"]
        return self.ev.memo(
            ("output", self.address, name),
            f"output {name}",
            lambda: self.ev.evaluate(node, self.scope, f"line {line}: output {name}"),
        )

    # expansion of resources and module calls

    def expansion(self, block: Block, label: str) -> Expansion:
        return self.ev.memo(("expand", self.address, label), label, lambda: self._expand(block, label))  # type: ignore[no-any-return]

    def _expand(self, block: Block, label: str) -> Expansion:
        if "count" in block.attrs and "for_each" in block.attrs:
            self.ev.once(str(self.config.directory), f"{label}: count and for_each cannot both be set")
            return Expansion("unknown", [UNKNOWN], [None])
        if "count" in block.attrs:
            value = self.ev.evaluate(block.attrs["count"][0], self.scope, f"{label} count")
            if value is UNKNOWN or value is None:
                self._unknown_expansion(label, "count")
                return Expansion("unknown", [UNKNOWN], [None])
            try:
                n = to_number(value)
            except EvalError as exc:
                self.ev.once(str(self.config.directory), f"{label}: count is not a number ({exc})")
                return Expansion("unknown", [UNKNOWN], [None])
            if n < 0 or (isinstance(n, float) and not n.is_integer()):
                self.ev.once(str(self.config.directory), f"{label}: count must be a whole number >= 0")
                return Expansion("unknown", [UNKNOWN], [None])
            return Expansion("count", list(range(int(n))), [None] * int(n))
        if "for_each" in block.attrs:
            value = self.ev.evaluate(block.attrs["for_each"][0], self.scope, f"{label} for_each")
            if value is UNKNOWN:
                self._unknown_expansion(label, "for_each")
                return Expansion("unknown", [UNKNOWN], [UNKNOWN])
            if isinstance(value, SetValue):
                if contains_unknown(value) or not all(isinstance(v, str) for v in value):
                    if not contains_unknown(value):
                        self.ev.once(str(self.config.directory), f"{label}: for_each set must hold strings")
                    self._unknown_expansion(label, "for_each")
                    return Expansion("unknown", [UNKNOWN], [UNKNOWN])
                return Expansion("for_each", list(value), list(value))
            if isinstance(value, dict):
                keys = sorted(value)
                return Expansion("for_each", keys, [value[k] for k in keys])
            if value is None or isinstance(value, list):
                self.ev.once(
                    str(self.config.directory),
                    f"{label}: for_each needs a map or a set of strings, got a "
                    f"{type_name(value)} (wrap a list in toset()); its instances are not evaluated",
                    "error",
                )
                return Expansion("for_each", [], [])
            self._unknown_expansion(label, "for_each")
            return Expansion("unknown", [UNKNOWN], [UNKNOWN])
        return Expansion("single", [None], [None])

    def _unknown_expansion(self, label: str, argument: str) -> None:
        self.ev.once(
            str(self.config.directory),
            f"{self.prefix(label)}: {argument} is not known before apply (set the variables it uses with "
            f"--var/--var-file); evaluated once as {self.prefix(label)}[*] with its key unknown",
        )

    def instances(self, resource: ResourceConfig) -> list[ResourceInstance]:
        def compute() -> list[ResourceInstance]:
            expansion = self.expansion(resource.block, resource.key)
            out = []
            for key, value in zip(expansion.keys, expansion.values, strict=True):
                each = (
                    (key, value)
                    if expansion.mode == "for_each"
                    or (expansion.mode == "unknown" and "for_each" in resource.block.attrs)
                    else None
                )
                count = (
                    key
                    if expansion.mode == "count"
                    or (expansion.mode == "unknown" and "count" in resource.block.attrs)
                    else None
                )
                address = self.prefix(resource.key) + instance_key(key)
                scope = Scope(self, each, count, pair_key=instance_key(key) or None)
                out.append(ResourceInstance(self, resource, address, key, scope))
            return out

        return self.ev.memo(("instances", self.address, resource.key), resource.key, compute)  # type: ignore[no-any-return]

    def resource_namespace(self, rtype: str) -> Callable[[str], Any]:
        def get(name: str) -> Any:
            resource = self.config.resources.get(f"{rtype}.{name}")
            if resource is None:
                raise EvalError(f"reference to undeclared resource {rtype}.{name}")
            return self._collection(resource)

        return get

    def data_namespace(self, rtype: str) -> Callable[[str], Any]:
        def get(name: str) -> Any:
            resource = self.config.resources.get(f"data.{rtype}.{name}")
            if resource is None:
                raise EvalError(f"reference to undeclared data source data.{rtype}.{name}")
            return self._collection(resource)

        return get

    def _collection(self, resource: ResourceConfig) -> Any:
        expansion = self.expansion(resource.block, resource.key)
        if expansion.mode == "unknown":
            return UNKNOWN
        objects = [ResourceObject(i) for i in self.instances(resource)]
        if expansion.mode == "single":
            return objects[0]
        if expansion.mode == "count":
            return objects
        return dict(zip(expansion.keys, objects, strict=True))

    def children(self, name: str) -> list[ModuleInstance]:
        def compute() -> list[ModuleInstance]:
            call = self.config.calls[name]
            child_config = self.config.children.get(name)
            expansion = self.expansion(call, f"module.{name}")
            if child_config is None:
                return []
            out = []
            for key, value in zip(expansion.keys, expansion.values, strict=True):
                each = (key, value) if "for_each" in call.attrs else None
                count = key if "count" in call.attrs else None
                scope = Scope(self, each, count, pair_key=instance_key(key) or None)
                address = self.prefix(f"module.{name}") + instance_key(key)
                out.append(ModuleInstance(self.ev, child_config, address, self, name, scope))
            return out

        return self.ev.memo(("children", self.address, name), f"module.{name}", compute)  # type: ignore[no-any-return]

    def call_value(self, name: str) -> Any:
        if name not in self.config.calls:
            raise EvalError(f"reference to undeclared module {name!r}")
        if self.config.children.get(name) is None:
            return UNKNOWN
        call = self.config.calls[name]
        expansion = self.expansion(call, f"module.{name}")
        if expansion.mode == "unknown":
            return UNKNOWN
        objects = [ModuleObject(child) for child in self.children(name)]
        if expansion.mode == "single":
            return objects[0]
        if expansion.mode == "count":
            return objects
        return dict(zip(expansion.keys, objects, strict=True))


class ModuleObject(Lazy):
    def __init__(self, instance: ModuleInstance):
        self.instance = instance

    def get(self, name: str) -> Any:
        return self.instance.output(name)

    def describe(self) -> str:
        return self.instance.address


class ResourceObject(Lazy):
    """Another resource as an expression sees it: configured values known, computed ones unknown."""

    def __init__(self, instance: ResourceInstance):
        self.instance = instance

    def get(self, name: str) -> Any:
        return self.instance.known(name)

    def describe(self) -> str:
        return self.instance.address


class ResourceInstance:
    """One instance of a resource or data source, evaluated in its each/count scope."""

    def __init__(self, module: ModuleInstance, config: ResourceConfig, address: str, key: Any, scope: Scope):
        self.module = module
        self.config = config
        self.address = address
        self.key = key
        self.scope = scope
        self._names: list[str] | None = None

    @property
    def is_policy_document(self) -> bool:
        return self.config.mode == "data" and self.config.type == "aws_iam_policy_document"

    def configured_names(self) -> list[str]:
        if self._names is not None:
            return self._names
        block = self.config.block
        names = [n for n in block.attrs if n not in META_ATTRIBUTES]
        for sub in block.blocks:
            name = sub.labels[0] if sub.type == "dynamic" and sub.labels else sub.type
            if sub.type in META_BLOCKS or name in names:
                continue
            names.append(name)
        self._names = names
        return names

    def value(self, name: str) -> Any:
        """The configured value of a top-level argument or block type (evaluated once)."""

        def compute() -> Any:
            ev = self.module.ev
            previous = ev.current_file
            ev.current_file = self.config.file
            try:
                block = self.config.block
                if name in block.attrs:
                    node, line = block.attrs[name]
                    return ev.evaluate(
                        node, self.scope, f"line {line}: {self.address}.{name}", self.config.file
                    )
                return block_list(ev, block, name, self.scope, self.address, self.config.file)
            finally:
                ev.current_file = previous

        return self.module.ev.memo(("value", self.address, name), f"{self.address}.{name}", compute)

    def body(self) -> BlockBody:
        return BlockBody({name: self.value(name) for name in self.configured_names()})

    def rendered(self) -> dict[str, str] | None:
        """The policy document's json, minified_json and id, when every input is known."""

        def compute() -> Any:
            try:
                return iam.render(self.body())
            except iam.PolicyError as exc:
                self.module.ev.once(str(self.config.file), f"{self.address}: {exc}; json left unresolved")
                return None
            except EvalError as exc:
                self.module.ev.once(str(self.config.file), f"{self.address}: {exc}; json left unresolved")
                return None

        return self.module.ev.memo(("rendered", self.address), f"{self.address}.json", compute)  # type: ignore[no-any-return]

    def known(self, name: str) -> Any:
        if self.is_policy_document and name in ("json", "minified_json", "id"):
            rendered = self.rendered()
            return UNKNOWN if rendered is None else rendered[name]
        if self.config.mode == "data" and not self.is_policy_document:
            return UNKNOWN  # read from the provider
        if name in self.configured_names():
            value = self.value(name)
            return UNKNOWN if value is None else value  # null config: the provider may compute it
        return UNKNOWN  # computed by the provider (id, arn, ...)


def block_list(ev: Evaluator, block: Block, name: str, scope: Scope, address: str, file: Path) -> Any:
    """Nested blocks of one type (static and dynamic, in source order) as a list of objects."""
    out: list[Any] = []
    for sub in block.blocks:
        if sub.type == name:
            out.append(block_body(ev, sub, scope, address, file))
        elif sub.type == "dynamic" and sub.labels and sub.labels[0] == name:
            expanded = dynamic_blocks(ev, sub, scope, address, file)
            if expanded is UNKNOWN:
                return UNKNOWN
            out.extend(expanded)
    return out


def block_body(ev: Evaluator, block: Block, scope: Scope, address: str, file: Path) -> BlockBody:
    body = BlockBody()
    for attr, (node, line) in block.attrs.items():
        body[attr] = ev.evaluate(node, scope, f"line {line}: {address}.{attr}", file)
    seen: set[str] = set()
    for sub in block.blocks:
        name = sub.labels[0] if sub.type == "dynamic" and sub.labels else sub.type
        if name in seen or name in body:
            continue
        seen.add(name)
        body[name] = block_list(ev, block, name, scope, address, file)
    return body


def dynamic_blocks(ev: Evaluator, block: Block, scope: Scope, address: str, file: Path) -> Any:
    label = block.labels[0]
    if "for_each" not in block.attrs:
        ev.once(str(file), f"line {block.line}: dynamic {label!r} in {address} has no for_each")
        return UNKNOWN
    iterator = label
    if "iterator" in block.attrs:
        node = block.attrs["iterator"][0]
        if node[0] != "V":
            ev.once(str(file), f"line {block.line}: dynamic {label!r} iterator must be a name")
            return UNKNOWN
        iterator = node[1]
    collection = ev.evaluate(block.attrs["for_each"][0], scope, f"line {block.line}: dynamic {label}", file)
    if collection is UNKNOWN:
        return UNKNOWN
    content = next((b for b in block.blocks if b.type == "content"), None)
    if content is None:
        return []
    try:
        pairs = iterate(collection)
    except EvalError as exc:
        ev.once(str(file), f"line {block.line}: dynamic {label}: {exc}; left unresolved")
        return UNKNOWN
    return [
        block_body(ev, content, scope.bind({iterator: {"key": key, "value": value}}), address, file)
        for key, value in pairs
    ]
