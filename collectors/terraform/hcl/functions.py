"""Terraform's built-in functions that real AI stacks use; any other function is unresolved.

Each function takes evaluated arguments. Unless it is listed in STRUCTURAL (it then handles unknown
parts itself), a call with an unknown value anywhere in its arguments is unknown. `try` and `can`
need their arguments unevaluated and live in the evaluator.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from .values import (
    UNKNOWN,
    EvalError,
    Lazy,
    SetValue,
    equal,
    make_set,
    number,
    plain,
    to_bool,
    to_number,
    to_string,
    type_name,
)


class Host(Protocol):
    """What file-reading functions need from the evaluator."""

    def read_file(self, path: str) -> str | None:
        """The text of a file inside the scan root, or None (reported) when it may not be read."""

    def render_template(self, text: str, variables: dict[str, Any]) -> Any:
        """Evaluate template text with only the given variables in scope."""


Function = Callable[[list[Any], Host], Any]


def _arity(args: list[Any], low: int, high: int | None = None, name: str = "function") -> None:
    high = low if high is None else high
    if not low <= len(args) <= high:
        raise EvalError(
            f"{name}() takes {low}{'' if high == low else f' to {high}'} arguments, got {len(args)}"
        )


def _list(value: Any, name: str) -> list[Any]:
    if isinstance(value, list):
        return value
    raise EvalError(f"{name}() needs a list, got a {type_name(value)}")


def _map(value: Any, name: str) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise EvalError(f"{name}() needs a map or object, got a {type_name(value)}")


def _int(value: Any, name: str) -> int:
    num = to_number(value)
    if isinstance(num, float) and not num.is_integer():
        raise EvalError(f"{name}() needs a whole number, got {num}")
    return int(num)


def json_encode(value: Any) -> str:
    """Terraform's jsonencode: keys sorted, minified, <, > and & escaped as Go's encoder does."""
    text = json.dumps(plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return go_html_escape(text)


def go_html_escape(text: str) -> str:
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _json_decode(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="jsondecode")
    try:
        return _normalise_json(json.loads(to_string(args[0])))
    except ValueError as exc:
        raise EvalError(f"jsondecode(): invalid JSON ({exc})") from None


def _normalise_json(value: Any) -> Any:
    if isinstance(value, float):
        return number(value)
    if isinstance(value, dict):
        return {k: _normalise_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise_json(v) for v in value]
    return value


def _merge(args: list[Any], host: Host) -> Any:
    out: dict[str, Any] = {}
    for arg in args:
        if arg is UNKNOWN or isinstance(arg, Lazy):
            return UNKNOWN
        if arg is None:
            continue
        out.update(_map(arg, "merge"))
    return out


def _lookup(args: list[Any], host: Host) -> Any:
    _arity(args, 2, 3, "lookup")
    mapping, key = args[0], args[1]
    if mapping is UNKNOWN or key is UNKNOWN or isinstance(mapping, Lazy):
        return UNKNOWN
    key = to_string(key)
    mapping = _map(mapping, "lookup")
    if key in mapping:
        return mapping[key]
    if len(args) == 3:
        return args[2]
    raise EvalError(f"lookup(): no key {key!r} and no default")


def _concat(args: list[Any], host: Host) -> Any:
    out: list[Any] = []
    for arg in args:
        if arg is UNKNOWN:
            return UNKNOWN
        out.extend(_list(arg, "concat"))
    return out


_FORMAT_VERB = re.compile(r"%(?:\[(\d+)\])?([-+# 0]*)(\d+|\*)?(?:\.(\d+))?([a-zA-Z%])")


def _format(args: list[Any], host: Host) -> Any:
    if not args:
        raise EvalError("format() needs a format string")
    spec = to_string(args[0])
    values = args[1:]
    index = 0
    out: list[str] = []
    pos = 0
    for match in _FORMAT_VERB.finditer(spec):
        out.append(spec[pos : match.start()])
        pos = match.end()
        explicit, flags, width, precision, verb = match.groups()
        if verb == "%":
            out.append("%")
            continue
        if explicit:
            index = int(explicit) - 1
        if index >= len(values):
            raise EvalError("format(): not enough arguments for the format string")
        value = values[index]
        index += 1
        if verb in ("s", "v"):
            text = json_encode(value) if isinstance(value, (dict, list)) else to_string(value)
        elif verb == "q":
            text = json.dumps(to_string(value), ensure_ascii=False)
        elif verb == "d":
            text = str(_int(value, "format"))
        elif verb in "fFeEgG":
            num = float(to_number(value))
            text = f"{num:.{precision or 6}{verb}}" if verb in "fFeE" else f"{num:{verb}}"
            precision = None
        elif verb == "t":
            text = "true" if to_bool(value) else "false"
        elif verb in "xXob":
            text = format(_int(value, "format"), verb)
        else:
            raise EvalError(f"format(): unsupported verb %{verb}")
        if precision is not None and verb in ("s", "v", "q"):
            text = text[: int(precision)]
        if width and width != "*":
            text = (
                text.ljust(int(width))
                if "-" in flags
                else text.rjust(int(width), "0" if "0" in flags else " ")
            )
        out.append(text)
    out.append(spec[pos:])
    return "".join(out)


def _formatlist(args: list[Any], host: Host) -> Any:
    if not args:
        raise EvalError("formatlist() needs a format string")
    lengths = {len(a) for a in args[1:] if isinstance(a, list)}
    if len(lengths) > 1:
        raise EvalError("formatlist(): list arguments differ in length")
    count = lengths.pop() if lengths else 1
    return [
        _format([args[0], *[a[i] if isinstance(a, list) else a for a in args[1:]]], host)
        for i in range(count)
    ]


def _join(args: list[Any], host: Host) -> Any:
    if len(args) < 2:
        raise EvalError("join() needs a separator and at least one list")
    sep = to_string(args[0])
    items: list[str] = []
    for arg in args[1:]:
        items.extend(to_string(x) for x in _list(arg, "join"))
    return sep.join(items)


def _coalesce(args: list[Any], host: Host) -> Any:
    for arg in args:
        if arg is UNKNOWN or isinstance(arg, Lazy):
            return UNKNOWN
        if arg is None or arg == "":
            continue
        return arg
    raise EvalError("coalesce(): no non-null, non-empty argument")


def _coalescelist(args: list[Any], host: Host) -> Any:
    for arg in args:
        if arg is UNKNOWN:
            return UNKNOWN
        if _list(arg, "coalescelist"):
            return arg
    raise EvalError("coalescelist(): every list is empty")


def _length(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="length")
    value = args[0]
    if value is UNKNOWN or isinstance(value, Lazy):
        return UNKNOWN
    if isinstance(value, (list, dict, str)):
        return len(value)
    raise EvalError(f"length() of a {type_name(value)}")


def _keys(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="keys")
    if args[0] is UNKNOWN:
        return UNKNOWN
    return sorted(_map(args[0], "keys"))


def _values(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="values")
    if args[0] is UNKNOWN:
        return UNKNOWN
    mapping = _map(args[0], "values")
    return [mapping[k] for k in sorted(mapping)]


def _element(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="element")
    if args[0] is UNKNOWN or args[1] is UNKNOWN:
        return UNKNOWN
    items = _list(args[0], "element")
    if not items:
        raise EvalError("element() of an empty list")
    index = _int(args[1], "element")
    if index < 0:
        raise EvalError("element() index must not be negative")
    return items[index % len(items)]


def _flatten(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="flatten")
    out: list[Any] = []
    stack: list[tuple[list[Any], int]] = [(_list(args[0], "flatten") if args[0] is not UNKNOWN else [], 0)]
    if args[0] is UNKNOWN:
        return UNKNOWN
    while stack:
        items, i = stack.pop()
        if i >= len(items):
            continue
        stack.append((items, i + 1))
        item = items[i]
        if item is UNKNOWN:
            return UNKNOWN
        if isinstance(item, list):
            stack.append((item, 0))
        else:
            out.append(item)
    return out


def _zipmap(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="zipmap")
    if args[0] is UNKNOWN or args[1] is UNKNOWN:
        return UNKNOWN
    keys = _list(args[0], "zipmap")
    values = _list(args[1], "zipmap")
    if len(keys) != len(values):
        raise EvalError("zipmap(): keys and values differ in length")
    if any(k is UNKNOWN for k in keys):
        return UNKNOWN
    return {to_string(k): v for k, v in zip(keys, values, strict=True)}


def _contains(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="contains")
    return any(equal(item, args[1]) for item in _list(args[0], "contains"))


def _tostring(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="tostring")
    return None if args[0] is None else to_string(args[0])


def _tonumber(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="tonumber")
    return None if args[0] is None else to_number(args[0])


def _tobool(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="tobool")
    return None if args[0] is None else to_bool(args[0])


def _toset(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="toset")
    if args[0] is UNKNOWN:
        return UNKNOWN
    return make_set(list(_list(args[0], "toset")))


def _tolist(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="tolist")
    if args[0] is UNKNOWN:
        return UNKNOWN
    return list(_list(args[0], "tolist"))


def _tomap(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="tomap")
    if args[0] is UNKNOWN:
        return UNKNOWN
    return dict(_map(args[0], "tomap"))


def _file(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="file")
    text = host.read_file(to_string(args[0]))
    return UNKNOWN if text is None else text


def _templatefile(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="templatefile")
    text = host.read_file(to_string(args[0]))
    if text is None:
        return UNKNOWN
    return host.render_template(text, _map(args[1], "templatefile"))


def _fileexists(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="fileexists")
    return host.read_file(to_string(args[0])) is not None


def _string_fn(fn: Callable[[str], Any], name: str) -> Function:
    def call(args: list[Any], host: Host) -> Any:
        _arity(args, 1, name=name)
        return fn(to_string(args[0]))

    return call


def _replace(args: list[Any], host: Host) -> Any:
    _arity(args, 3, name="replace")
    text, old, new = (to_string(a) for a in args)
    if len(old) > 1 and old.startswith("/") and old.endswith("/"):
        pattern = _regex(old[1:-1])
        return pattern.sub(re.sub(r"\$\{?(\w+)\}?", r"\\g<\1>", new), text)
    return text.replace(old, new)


def _regex(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise EvalError(f"invalid regular expression {pattern!r}: {exc}") from None


def _regex_result(match: re.Match[str]) -> Any:
    pattern = match.re
    if pattern.groupindex:
        return {name: match.group(name) for name in pattern.groupindex}
    if pattern.groups:
        return list(match.groups())
    return match.group(0)


def _regex_fn(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="regex")
    match = _regex(to_string(args[0])).search(to_string(args[1]))
    if match is None:
        raise EvalError("regex(): pattern did not match")
    return _regex_result(match)


def _regexall(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="regexall")
    pattern = _regex(to_string(args[0]))
    return [_regex_result(m) for m in pattern.finditer(to_string(args[1]))]


def _trim(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="trim")
    return to_string(args[0]).strip(to_string(args[1]))


def _trimprefix(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="trimprefix")
    text, prefix = to_string(args[0]), to_string(args[1])
    return text[len(prefix) :] if prefix and text.startswith(prefix) else text


def _trimsuffix(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="trimsuffix")
    text, suffix = to_string(args[0]), to_string(args[1])
    return text[: -len(suffix)] if suffix and text.endswith(suffix) else text


def _startswith(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="startswith")
    return to_string(args[0]).startswith(to_string(args[1]))


def _endswith(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="endswith")
    return to_string(args[0]).endswith(to_string(args[1]))


def _split(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="split")
    sep, text = to_string(args[0]), to_string(args[1])
    if text == "":
        return [""]
    return text.split(sep) if sep else list(text)


def _numbers(args: list[Any], name: str) -> list[int | float]:
    if len(args) == 1 and isinstance(args[0], list):
        args = args[0]
    if not args:
        raise EvalError(f"{name}() needs at least one number")
    return [to_number(a) for a in args]


def _min(args: list[Any], host: Host) -> Any:
    return min(_numbers(args, "min"))


def _max(args: list[Any], host: Host) -> Any:
    return max(_numbers(args, "max"))


def _distinct(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="distinct")
    out: list[Any] = []
    for item in _list(args[0], "distinct"):
        if not any(equal(item, seen) for seen in out):
            out.append(item)
    return out


def _compact(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="compact")
    return [x for x in _list(args[0], "compact") if x is not None and x != ""]


def _range(args: list[Any], host: Host) -> Any:
    _arity(args, 1, 3, "range")
    nums = [to_number(a) for a in args]
    start, stop, step = (
        (0, nums[0], 1) if len(nums) == 1 else (nums[0], nums[1], nums[2] if len(nums) > 2 else 1)
    )
    if step == 0:
        raise EvalError("range() step must not be zero")
    if math.ceil((stop - start) / step) > 1024:
        raise EvalError("range() would produce more than 1024 elements")
    out: list[Any] = []
    value = start
    while (step > 0 and value < stop) or (step < 0 and value > stop):
        out.append(number(value) if isinstance(value, float) else value)
        value += step
    return out


def _base64decode(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="base64decode")
    try:
        return base64.b64decode(to_string(args[0]), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise EvalError("base64decode(): not valid base64 of UTF-8 text") from None


def _slice(args: list[Any], host: Host) -> Any:
    _arity(args, 3, name="slice")
    if args[0] is UNKNOWN:
        return UNKNOWN
    items = _list(args[0], "slice")
    start, end = _int(args[1], "slice"), _int(args[2], "slice")
    if not 0 <= start <= end <= len(items):
        raise EvalError("slice(): index out of range")
    return items[start:end]


def _substr(args: list[Any], host: Host) -> Any:
    _arity(args, 3, name="substr")
    text = to_string(args[0])
    offset, length = _int(args[1], "substr"), _int(args[2], "substr")
    if offset < 0:
        offset = max(0, len(text) + offset)
    return text[offset:] if length < 0 else text[offset : offset + length]


def _one(args: list[Any], host: Host) -> Any:
    _arity(args, 1, name="one")
    items = _list(args[0], "one")
    if len(items) > 1:
        raise EvalError("one(): more than one element")
    return items[0] if items else None


def _alltrue(args: list[Any], host: Host) -> Any:
    return all(to_bool(x) for x in _list(args[0], "alltrue"))


def _anytrue(args: list[Any], host: Host) -> Any:
    return any(to_bool(x) for x in _list(args[0], "anytrue"))


def _sum(args: list[Any], host: Host) -> Any:
    return number(sum(to_number(x) for x in _list(args[0], "sum")))


def _setops(kind: str) -> Function:
    def call(args: list[Any], host: Host) -> Any:
        sets = [_list(a, kind) for a in args]
        if not sets:
            raise EvalError(f"{kind}() needs at least one set")
        result = list(sets[0])
        for other in sets[1:]:
            if kind == "setunion":
                result += other
            elif kind == "setintersection":
                result = [x for x in result if any(equal(x, y) for y in other)]
            else:
                result = [x for x in result if not any(equal(x, y) for y in other)]
        return make_set(result)

    return call


def _sort(args: list[Any], host: Host) -> Any:
    return sorted(to_string(x) for x in _list(args[0], "sort"))


def _reverse(args: list[Any], host: Host) -> Any:
    return list(reversed(_list(args[0], "reverse")))


def _index(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="index")
    for i, item in enumerate(_list(args[0], "index")):
        if equal(item, args[1]):
            return i
    raise EvalError("index(): value not found")


def _chunklist(args: list[Any], host: Host) -> Any:
    items = _list(args[0], "chunklist")
    size = _int(args[1], "chunklist")
    if size <= 0:
        return [items]
    return [items[i : i + size] for i in range(0, len(items), size)]


def _cidrsubnet(args: list[Any], host: Host) -> Any:
    _arity(args, 3, name="cidrsubnet")
    try:
        net = ipaddress.ip_network(to_string(args[0]), strict=False)
        newbits, num = _int(args[1], "cidrsubnet"), _int(args[2], "cidrsubnet")
        prefix = net.prefixlen + newbits
        size = 2 ** (net.max_prefixlen - prefix)
        base = int(net.network_address) + num * size
        return str(ipaddress.ip_network((base, prefix)))
    except ValueError as exc:
        raise EvalError(f"cidrsubnet(): {exc}") from None


def _cidrhost(args: list[Any], host: Host) -> Any:
    _arity(args, 2, name="cidrhost")
    try:
        net = ipaddress.ip_network(to_string(args[0]), strict=False)
        num = _int(args[1], "cidrhost")
        address = net[num] if num >= 0 else net[net.num_addresses + num]
        return str(address)
    except (ValueError, IndexError) as exc:
        raise EvalError(f"cidrhost(): {exc}") from None


def _abs(args: list[Any], host: Host) -> Any:
    return abs(to_number(args[0]))


def _ceil(args: list[Any], host: Host) -> Any:
    return math.ceil(to_number(args[0]))


def _floor(args: list[Any], host: Host) -> Any:
    return math.floor(to_number(args[0]))


def _pow(args: list[Any], host: Host) -> Any:
    return number(float(to_number(args[0])) ** float(to_number(args[1])))


def _path_fn(fn: Callable[[str], str], name: str) -> Function:
    return _string_fn(fn, name)


FUNCTIONS: dict[str, Function] = {
    "merge": _merge,
    "lookup": _lookup,
    "concat": _concat,
    "format": _format,
    "formatlist": _formatlist,
    "join": _join,
    "split": _split,
    "coalesce": _coalesce,
    "coalescelist": _coalescelist,
    "tostring": _tostring,
    "tonumber": _tonumber,
    "tobool": _tobool,
    "toset": _toset,
    "tolist": _tolist,
    "tomap": _tomap,
    "keys": _keys,
    "values": _values,
    "length": _length,
    "contains": _contains,
    "jsonencode": lambda args, host: (
        json_encode(args[0]) if len(args) == 1 else _arity(args, 1, name="jsonencode")
    ),
    "jsondecode": _json_decode,
    "file": _file,
    "templatefile": _templatefile,
    "fileexists": _fileexists,
    "element": _element,
    "flatten": _flatten,
    "zipmap": _zipmap,
    "lower": _string_fn(str.lower, "lower"),
    "upper": _string_fn(str.upper, "upper"),
    "title": _string_fn(str.title, "title"),
    "trimspace": _string_fn(str.strip, "trimspace"),
    "chomp": _string_fn(lambda s: s.rstrip("\r\n"), "chomp"),
    "replace": _replace,
    "trim": _trim,
    "trimprefix": _trimprefix,
    "trimsuffix": _trimsuffix,
    "startswith": _startswith,
    "endswith": _endswith,
    "min": _min,
    "max": _max,
    "distinct": _distinct,
    "compact": _compact,
    "range": _range,
    "base64encode": _string_fn(lambda s: base64.b64encode(s.encode()).decode(), "base64encode"),
    "base64decode": _base64decode,
    "sha256": _string_fn(lambda s: hashlib.sha256(s.encode()).hexdigest(), "sha256"),
    "sha1": _string_fn(lambda s: hashlib.sha1(s.encode()).hexdigest(), "sha1"),
    "md5": _string_fn(lambda s: hashlib.md5(s.encode()).hexdigest(), "md5"),
    "slice": _slice,
    "substr": _substr,
    "regex": _regex_fn,
    "regexall": _regexall,
    "one": _one,
    "alltrue": _alltrue,
    "anytrue": _anytrue,
    "sum": _sum,
    "setunion": _setops("setunion"),
    "setintersection": _setops("setintersection"),
    "setsubtract": _setops("setsubtract"),
    "sort": _sort,
    "reverse": _reverse,
    "index": _index,
    "chunklist": _chunklist,
    "cidrsubnet": _cidrsubnet,
    "cidrhost": _cidrhost,
    "abs": _abs,
    "ceil": _ceil,
    "floor": _floor,
    "pow": _pow,
    "basename": _path_fn(lambda s: Path(s).name, "basename"),
    "dirname": _path_fn(lambda s: str(Path(s).parent), "dirname"),
}

# Functions that accept values with unknown parts and keep what is known.
STRUCTURAL = frozenset(
    {
        "merge",
        "lookup",
        "concat",
        "coalesce",
        "coalescelist",
        "length",
        "keys",
        "values",
        "element",
        "flatten",
        "zipmap",
        "toset",
        "tolist",
        "tomap",
        "slice",
    }
)

# Functions whose result is only known after apply (or differs on every run).
ALWAYS_UNKNOWN = frozenset({"timestamp", "uuid", "bcrypt", "plantimestamp", "abspath", "pathexpand"})

__all__ = ["ALWAYS_UNKNOWN", "FUNCTIONS", "STRUCTURAL", "Host", "SetValue", "json_encode"]
