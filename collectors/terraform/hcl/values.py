"""Terraform values in Python: unknown values, sets, lazy objects, conversions and type constraints.

Values are plain Python (str, int/float, bool, None, list, dict) plus three markers: UNKNOWN (a value
only known after apply, or one aipolicy cannot evaluate), SetValue (a set: ordered as Terraform
orders it, usable as for_each) and Lazy (a namespace, resource or module object whose attributes are
evaluated on demand).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any


class EvalError(Exception):
    """An expression Terraform would reject (wrong type, missing attribute, bad index)."""


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


class SetValue(list[Any]):
    """A Terraform set; elements are unique and ordered (strings lexically, as Terraform shows them)."""


class Lazy:
    """An object whose attributes are computed on demand (var, local, a resource, a module call)."""

    whole_is_unknown = True  # used as a whole value (jsonencode(aws_s3_bucket.x)) it is unknown

    def get(self, name: str) -> Any:
        raise NotImplementedError

    def describe(self) -> str:
        return type(self).__name__


class Namespace(Lazy):
    def __init__(self, label: str, getter: Callable[[str], Any]):
        self.label = label
        self.getter = getter

    def get(self, name: str) -> Any:
        return self.getter(name)

    def describe(self) -> str:
        return self.label


def is_unknown(value: Any) -> bool:
    return value is UNKNOWN


def contains_unknown(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if item is UNKNOWN or isinstance(item, Lazy):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def make_set(items: list[Any]) -> Any:
    """A SetValue of the items, or UNKNOWN when an element is unknown (the set's size is then unknown)."""
    if any(contains_unknown(x) for x in items):
        return UNKNOWN
    unique: list[Any] = []
    seen: set[str] = set()
    for item in items:
        key = json.dumps(plain(item), sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    if all(isinstance(x, str) for x in unique) or all(type(x) in (int, float) for x in unique):
        unique.sort()
    return SetValue(unique)


def plain(value: Any) -> Any:
    """Sets become lists, lazy objects UNKNOWN: the JSON shape of a value."""
    if isinstance(value, Lazy):
        return UNKNOWN
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, SetValue):
        return "set"
    if isinstance(value, list):
        return "tuple"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, Lazy):
        return value.describe()
    return "unknown"


def number(value: float) -> int | float:
    """Terraform numbers: integral values print without a fraction (5, not 5.0)."""
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise EvalError("arithmetic produced an infinite or undefined number")
        if value.is_integer() and abs(value) < 2**63:
            return int(value)
    return value


def to_number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise EvalError("a bool cannot be used as a number")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            pass
        try:
            return number(float(text))
        except ValueError:
            raise EvalError(f"{value!r} is not a number") from None
    raise EvalError(f"a {type_name(value)} cannot be used as a number")


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value == "true":
        return True
    if value == "false":
        return False
    raise EvalError(f"a {type_name(value)} ({value!r}) cannot be used as a bool")


def to_string(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_number(value)
    if value is None:
        raise EvalError("a null value cannot be used as a string")
    raise EvalError(f"a {type_name(value)} cannot be used as a string")


def format_number(value: float) -> str:
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    return text


def equal(a: Any, b: Any) -> bool:
    """Terraform equality: types must match (1 != "1", true != 1)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and bool(a == b)


# -- type constraints ---------------------------------------------------------------------------

TypeSpec = (
    Any  # "string" | "number" | "bool" | "any" | ("list", T) | ("object", {name: (T, optional, default)})
)


def parse_type(node: Any) -> TypeSpec:
    """A variable's `type` expression as a type spec; unknown forms become "any"."""
    if not isinstance(node, list) or not node:
        return "any"
    tag = node[0]
    if tag == "V" and node[1] in ("string", "number", "bool", "any"):
        return node[1]
    if tag == "L" and isinstance(node[1], str):  # legacy quoted types
        return {"string": "string", "list": ("list", "any"), "map": ("map", "any")}.get(node[1], "any")
    if tag == "C":
        name, args = node[1], node[2]
        if name in ("list", "set", "map") and len(args) == 1:
            return (name, parse_type(args[0]))
        if name == "tuple" and len(args) == 1 and args[0][0] == "TU":
            return ("tuple", [parse_type(x) for x in args[0][1]])
        if name == "object" and len(args) == 1 and args[0][0] == "O":
            attrs: dict[str, tuple[TypeSpec, bool, Any]] = {}
            for key, value in args[0][1]:
                if key[0] != "L" or not isinstance(key[1], str):
                    return "any"
                if value[0] == "C" and value[1] == "optional" and value[2]:
                    default = value[2][1] if len(value[2]) > 1 else ["L", None]
                    attrs[key[1]] = (parse_type(value[2][0]), True, default)
                else:
                    attrs[key[1]] = (parse_type(value), False, None)
            return ("object", attrs)
    return "any"


def convert(value: Any, spec: TypeSpec, evaluate_default: Callable[[Any], Any] | None = None) -> Any:
    """Convert a value to a type constraint as Terraform does for variables; raises EvalError."""
    if value is UNKNOWN or value is None or spec == "any":
        return value
    if isinstance(value, Lazy):
        return UNKNOWN
    if spec == "string":
        if isinstance(value, (dict, list)):
            raise EvalError(f"a {type_name(value)} is not a string")
        return to_string(value)
    if spec == "number":
        return to_number(value)
    if spec == "bool":
        return to_bool(value)
    kind = spec[0]
    if kind in ("list", "set"):
        if not isinstance(value, list):
            raise EvalError(f"a {type_name(value)} is not a {kind}")
        items = [convert(v, spec[1], evaluate_default) for v in value]
        return make_set(items) if kind == "set" else items
    if kind == "map":
        if not isinstance(value, dict):
            raise EvalError(f"a {type_name(value)} is not a map")
        return {k: convert(v, spec[1], evaluate_default) for k, v in value.items()}
    if kind == "tuple":
        if not isinstance(value, list) or len(value) != len(spec[1]):
            raise EvalError(f"a {type_name(value)} does not match the tuple type")
        return [convert(v, t, evaluate_default) for v, t in zip(value, spec[1], strict=True)]
    if kind == "object":
        if not isinstance(value, dict):
            raise EvalError(f"a {type_name(value)} is not an object")
        out: dict[str, Any] = {}
        for name, (attr_spec, optional, default) in spec[1].items():
            if name in value and value[name] is not None:
                out[name] = convert(value[name], attr_spec, evaluate_default)
            elif optional:
                fallback = evaluate_default(default) if evaluate_default is not None else None
                out[name] = convert(fallback, attr_spec, evaluate_default)
            elif name in value:
                out[name] = None
            else:
                raise EvalError(f"attribute {name!r} is required")
        return out
    return value
