"""`references`: which resource instances each top-level argument of a resource points at.

Reference traversals are read from the expressions, then followed the way the plan collector
follows a plan's configuration: through module inputs (`var.x` -> the call's argument in the
parent) and outputs (`module.m.out` -> the output's expression in the child), and here also through
locals, and `each.value` through the for_each expression with the referrer's key. An index that can
be evaluated (`aws_s3_bucket.training[each.key]`) names the exact instance; otherwise a single
instance, or the instance with the referrer's own key, or else every instance (a for expression or a
splat over the whole collection) is taken.
"""

from __future__ import annotations

from typing import Any

from . import expr
from .evaluate import ModuleInstance, ResourceInstance, Scope, instance_key
from .parse import Block
from .values import UNKNOWN, EvalError

_MAX_HOPS = 16
Step = tuple[str, Any]  # ("a", name) | ("i", index node) | ("s", None)


def traversals(node: expr.Node, bound: frozenset[str] = frozenset()) -> list[tuple[str, list[Step]]]:
    """Every reference traversal (root name and steps) in an expression, skipping for-loop names."""
    out: list[tuple[str, list[Step]]] = []
    stack: list[tuple[Any, frozenset[str]]] = [(node, bound)]
    while stack:
        item, names = stack.pop()
        if not isinstance(item, list) or not item:
            continue
        tag = item[0]
        if tag in ("A", "I", "S"):
            chain: list[Any] = []
            current = item
            while isinstance(current, list) and current and current[0] in ("A", "I", "S"):
                chain.append(current)
                current = current[1]
            steps: list[Step] = []
            for link in reversed(chain):
                if link[0] == "A":
                    steps.append(("a", link[2]))
                elif link[0] == "I":
                    steps.append(("i", link[2]))
                    stack.append((link[2], names))
                else:
                    steps.append(("s", None))
                    stack.extend((op[1], names) for op in link[2] if op[0] == "i")
            if current[0] == "V":
                if current[1] not in names:
                    out.append((current[1], steps))
            else:
                stack.append((current, names))
        elif tag == "V":
            if item[1] not in names:
                out.append((item[1], []))
        elif tag == "T":
            stack.extend((part, names) for part in _template_nodes(item[1], names))
        elif tag == "C":
            stack.extend((arg, names) for arg in item[2])
        elif tag == "B":
            stack.extend([(item[2], names), (item[3], names)])
        elif tag == "U":
            stack.append((item[2], names))
        elif tag == "Q":
            stack.extend((child, names) for child in item[1:4])
        elif tag == "TU":
            stack.extend((child, names) for child in item[1])
        elif tag == "O":
            for key, value in item[1]:
                stack.extend([(key, names), (value, names)])
        elif tag in ("FL", "FM"):
            inner = names | {n for n in (item[1], item[2]) if n}
            stack.append((item[3], names))
            rest = [*item[4:6], item[7]] if tag == "FM" else item[4:6]
            stack.extend((child, inner) for child in rest if child is not None)
    return out


def _template_nodes(parts: list[Any], names: frozenset[str]) -> list[Any]:
    out: list[Any] = []
    for part in parts:
        if isinstance(part, str):
            continue
        if part[0] == "IF":
            out.append(part[1])
            out.extend(_template_nodes(part[2], names))
            out.extend(_template_nodes(part[3], names))
        elif part[0] == "FOR":
            out.append(part[3])
            # names bound by the directive are few and rarely collide with resource types
            out.extend(_template_nodes(part[4], names | {n for n in (part[1], part[2]) if n}))
        else:
            out.append(part)
    return out


def block_traversals(block: Block, name: str) -> list[tuple[str, list[Step]]]:
    """Traversals of every block of one type (and of dynamic blocks producing it)."""
    out: list[tuple[str, list[Step]]] = []
    for sub in block.blocks:
        if sub.type == name:
            out.extend(_all_in_block(sub, frozenset()))
        elif sub.type == "dynamic" and sub.labels and sub.labels[0] == name:
            iterator = name
            if "iterator" in sub.attrs and sub.attrs["iterator"][0][0] == "V":
                iterator = sub.attrs["iterator"][0][1]
            if "for_each" in sub.attrs:
                out.extend(traversals(sub.attrs["for_each"][0]))
            for content in sub.blocks:
                if content.type == "content":
                    out.extend(_all_in_block(content, frozenset({iterator})))
    return out


def _all_in_block(block: Block, bound: frozenset[str]) -> list[tuple[str, list[Step]]]:
    out: list[tuple[str, list[Step]]] = []
    for node, _ in block.attrs.values():
        out.extend(traversals(node, bound))
    for sub in block.blocks:
        if sub.type == "dynamic" and sub.labels:
            out.extend(block_traversals(block, sub.labels[0]))
        else:
            out.extend(_all_in_block(sub, bound))
    return out


class Resolver:
    """Resolves traversals into instance addresses within module instances."""

    def __init__(self) -> None:
        # traversals by expression node: every instance of a resource (and every reference through a
        # local or an output) reads the same parsed nodes; the node is kept so that its id stays unique
        self._traversals: dict[int, tuple[expr.Node, list[tuple[str, list[Step]]]]] = {}

    def traversals(self, node: expr.Node) -> list[tuple[str, list[Step]]]:
        cached = self._traversals.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        found = traversals(node)
        self._traversals[id(node)] = (node, found)
        return found

    def references(self, instance: ResourceInstance) -> dict[str, list[str]]:
        block = instance.config.block
        out: dict[str, list[str]] = {}
        for name in instance.configured_names():
            found = (
                self.traversals(block.attrs[name][0])
                if name in block.attrs
                else block_traversals(block, name)
            )
            targets: set[str] = set()
            each = block.attrs["for_each"][0] if "for_each" in block.attrs else None
            for root, steps in found:
                targets |= self.resolve(root, steps, instance.scope, instance.scope.pair_key, 0, each)
            targets.discard(instance.address)
            if targets:
                out[name] = sorted(targets)
        return out

    def resolve(
        self,
        root: str,
        steps: list[Step],
        scope: Scope,
        pair_key: str | None,
        hops: int,
        each: expr.Node | None = None,
    ) -> set[str]:
        if hops > _MAX_HOPS or root in scope.names:
            return set()
        module = scope.module
        if root == "each":
            if each is None or _attr(steps, 0) != "value":
                return set()
            # each.value is the for_each collection's element with this instance's key
            return self._all(each, module.scope, pair_key, hops + 1)
        if root == "var":
            return self._through_variable(module, _attr(steps, 0), hops)
        if root == "local":
            name = _attr(steps, 0)
            entry = module.config.locals.get(name or "")
            if entry is None:
                return set()
            return self._all(entry[0], module.scope, pair_key, hops + 1)
        if root == "module":
            return self._through_output(module, steps, scope, pair_key, hops)
        if root == "data":
            rtype, name = _attr(steps, 0), _attr(steps, 1)
            if rtype is None or name is None:
                return set()
            return self._instances(module, f"data.{rtype}.{name}", steps[2:3], scope, pair_key)
        if root in module.config.resource_types:
            name = _attr(steps, 0)
            if name is None:
                return set()
            return self._instances(module, f"{root}.{name}", steps[1:2], scope, pair_key)
        return set()

    def _all(
        self, node: expr.Node, scope: Scope, pair_key: str | None, hops: int, each: expr.Node | None = None
    ) -> set[str]:
        out: set[str] = set()
        for root, steps in self.traversals(node):
            out |= self.resolve(root, steps, scope, pair_key, hops, each)
        return out

    def _key(self, steps: list[Step], scope: Scope) -> Any:
        if not steps or steps[0][0] != "i":
            return UNKNOWN
        try:
            return scope.module.ev.ev(steps[0][1], scope)
        except (EvalError, RecursionError):
            return UNKNOWN

    def _instances(
        self, module: ModuleInstance, key: str, steps: list[Step], scope: Scope, pair_key: str | None
    ) -> set[str]:
        resource = module.config.resources.get(key)
        if resource is None:
            return set()
        addresses = [i.address for i in module.instances(resource)]
        base = module.prefix(key)
        return _pick(addresses, base, self._key(steps, scope), pair_key)

    def _through_variable(self, module: ModuleInstance, name: str | None, hops: int) -> set[str]:
        parent, call_scope = module.parent, module.call_scope
        if parent is None or call_scope is None or module.call_name is None or name is None:
            return set()
        call = parent.config.calls.get(module.call_name)
        if call is None or name not in call.attrs:
            return set()
        each = call.attrs["for_each"][0] if "for_each" in call.attrs else None
        return self._all(call.attrs[name][0], call_scope, call_scope.pair_key, hops + 1, each)

    def _through_output(
        self, module: ModuleInstance, steps: list[Step], scope: Scope, pair_key: str | None, hops: int
    ) -> set[str]:
        call = _attr(steps, 0)
        if call is None or call not in module.config.calls:
            return set()
        rest = steps[1:]
        key: Any = UNKNOWN
        if rest and rest[0][0] == "i":
            key = self._key(rest, scope)
            rest = rest[1:]
        elif rest and rest[0][0] == "s":
            rest = rest[1:]
        output = _attr(rest, 0)
        if output is None:
            return set()
        children = module.children(call)
        base = module.prefix(f"module.{call}")
        chosen = _pick([c.address for c in children], base, key, pair_key)
        out: set[str] = set()
        for child in children:
            if child.address in chosen:
                block = child.config.outputs.get(output)
                if block is not None and "value" in block.attrs:
                    out |= self._all(block.attrs["value"][0], child.scope, None, hops + 1)
        return out


def _attr(steps: list[Step], index: int) -> str | None:
    if index < len(steps) and steps[index][0] == "a":
        return str(steps[index][1])
    return None


def _pick(addresses: list[str], base: str, key: Any, pair_key: str | None) -> set[str]:
    if key is not UNKNOWN and key is not None and not isinstance(key, (dict, list)):
        try:
            exact = base + instance_key(
                key if isinstance(key, (int, str)) and not isinstance(key, bool) else str(key)
            )
        except (TypeError, ValueError):
            exact = ""
        if exact in addresses:
            return {exact}
        numeric = _as_int(key)
        if numeric is not None and base + f"[{numeric}]" in addresses:
            return {base + f"[{numeric}]"}
        return set()
    if len(addresses) == 1:
        return {addresses[0]}
    if pair_key is not None and base + pair_key in addresses:
        return {base + pair_key}
    return set(addresses)  # the whole collection: a for expression or a splat


def _as_int(key: Any) -> int | None:
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, float) and key.is_integer():
        return int(key)
    if isinstance(key, str) and key.isdigit():
        return int(key)
    return None
