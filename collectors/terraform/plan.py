"""Plan JSON collector: `terraform show -json` output (format_version 1.x) onto the resource view.

Values come from planned_values, unknown values from resource_changes[].change.after_unknown (listed
as unresolved, never guessed), and links between resources from the configuration's references,
followed through module inputs and outputs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aipolicy.errors import InputError
from aipolicy.findings import ScanError
from aipolicy.inputs import load_json
from aipolicy.view import Resource, ResourceView

from ..interface import Collector
from . import addresses
from .source_locations import SourceIndex, display_path

_MAX_HOPS = 16
_NON_RESOURCE_ROOTS = {"local", "each", "count", "path", "terraform", "self"}


@dataclass
class ModuleConfig:
    """One module's configuration block: resource expressions, module calls and outputs."""

    resources: dict[str, dict[str, Any]] = field(default_factory=dict)
    resource_for_each: dict[str, list[str]] = field(default_factory=dict)
    calls: dict[str, dict[str, Any]] = field(default_factory=dict)
    call_for_each: dict[str, list[str]] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)


def unknown_paths(after_unknown: Any, base: str = "") -> list[str]:
    """Flatten an after_unknown tree into dotted attribute paths whose value is unknown."""
    out: list[str] = []
    stack: list[tuple[Any, str]] = [(after_unknown, base)]
    while stack:
        node, path = stack.pop()
        if node is True and path:
            out.append(path)
        elif isinstance(node, dict):  # most entries are `false`: known values, nothing to walk
            stack.extend((v, f"{path}.{k}" if path else str(k)) for k, v in node.items() if v is not False)
        elif isinstance(node, list):
            stack.extend((v, f"{path}.{i}" if path else str(i)) for i, v in enumerate(node) if v is not False)
    return sorted(out)


def configured_unknowns(paths: list[str], expressions: dict[str, Any] | None) -> list[str]:
    """Keep the unknown paths the configuration sets; the others are provider-computed defaults.

    An attribute the configuration leaves out is unknown in a plan only because the provider computes
    it (an S3 bucket's encryption, an EKS cluster's public CIDRs): that is the provider's default,
    which policies judge as "absent", exactly as the HCL collector sees it. A value the configuration
    sets from something unknown (a variable, another resource) stays unresolved. Without the
    resource's configuration every unknown stays unresolved.
    """
    if expressions is None:
        return paths
    return [p for p in paths if is_configured(expressions, p)]


def resource_unknowns(after_unknown: Any, expressions: dict[str, Any] | None) -> list[str]:
    """configured_unknowns(unknown_paths(after_unknown), expressions), without listing the paths
    under attributes the configuration does not set (ids, ARNs, tags_all: most of a plan's unknowns)."""
    if (
        expressions is None
        or not isinstance(after_unknown, dict)
        or not expressions.keys().isdisjoint(("dynamic", "constant_value", "references"))
    ):
        return configured_unknowns(unknown_paths(after_unknown), expressions)
    out: list[str] = []
    for key, value in after_unknown.items():
        if value is not False and key in expressions:
            out.extend(p for p in unknown_paths(value, str(key)) if is_configured(expressions, p))
    return sorted(out)


def is_configured(expressions: dict[str, Any], path: str) -> bool:
    """Whether the configuration sets the attribute at a dotted path (or a whole value containing it)."""
    if "dynamic" in expressions:
        return True  # dynamic blocks are not itemised in the plan's configuration
    node: Any = expressions
    for segment in path.split("."):
        if isinstance(node, dict):
            if "constant_value" in node or "references" in node:
                return True  # an expression sets the whole value this path lies in
            if segment not in node:
                return False
            node = node[segment]
        elif isinstance(node, list):
            if not segment.isdigit():
                return True
            index = int(segment)
            if index >= len(node):
                return False
            node = node[index]
        else:
            return True
    return True


def expression_references(expression: Any) -> list[str]:
    """Every reference string inside an expression tree (nested blocks are lists of dicts).

    An expression is `{"references": [...]}`, `{"constant_value": ...}` or a nested block; a
    constant is data, never descended into: a tag named "references" is not a reference, and
    walking large constants (policy documents, tags) was most of this function's cost."""
    refs: list[str] = []
    stack = [expression]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            found = node.get("references")
            if isinstance(found, list):
                refs.extend(r for r in found if isinstance(r, str))
            stack.extend(v for k, v in node.items() if k != "references" and k != "constant_value")
        elif isinstance(node, list):
            stack.extend(node)
    return refs


def without_widened(refs: list[str]) -> list[str]:
    """Drop `aws_x.y` when the same expression also names `aws_x.y["k"]`: Terraform lists the
    collection beside the indexed instance, and the collection would widen the join to every instance."""
    keyed = {ref.split("[", 1)[0] for ref in refs if "[" in ref}
    return [ref for ref in refs if "[" in ref or ref not in keyed]


def provider_of(provider_name: str | None, rtype: str) -> str:
    if provider_name:
        return provider_name.rsplit("/", 1)[-1]
    return rtype.split("_", 1)[0]


class PlanCollector(Collector):
    """Reads one plan (or `terraform show -json` state) file."""

    kind = "plan"

    def __init__(self, path: Path, source_dir: Path | None = None):
        self.path = path
        self.source_dir = source_dir if source_dir is not None else path.parent

    def collect(self) -> ResourceView:
        document = load_json(self.path)
        planned = self._planned_root(document)
        view = ResourceView(source_kind="plan", root=display_path(self.path))
        configs: dict[str, ModuleConfig] = {}
        module_dirs: dict[str, Path | None] = {}
        root_config = (document.get("configuration") or {}).get("root_module") or {}
        self._index_config(root_config, "", configs, module_dirs, self.source_dir)
        sources = SourceIndex(self.source_dir, module_dirs)

        changes = {
            c["address"]: c
            for c in document.get("resource_changes") or []
            if isinstance(c, dict) and isinstance(c.get("address"), str)
        }
        raw: dict[str, dict[str, Any]] = {}
        self._walk_planned(planned, raw)
        # Data sources read during planning are reported in prior_state, not planned_values.
        prior = ((document.get("prior_state") or {}).get("values") or {}).get("root_module")
        if isinstance(prior, dict):
            read: dict[str, dict[str, Any]] = {}
            self._walk_planned(prior, read)
            for address, entry in read.items():
                if entry.get("mode") == "data" and address not in raw:
                    raw[address] = entry
        for address, change in changes.items():
            actions = (change.get("change") or {}).get("actions") or []
            if address not in raw and actions not in (["delete"], ["forget"], ["no-op"]):
                raw[address] = {
                    "address": address,
                    "type": change.get("type"),
                    "provider_name": change.get("provider_name"),
                    "values": (change.get("change") or {}).get("after") or {},
                }

        for address in list(raw):
            try:
                addresses.steps(address)
            except ValueError:
                view.errors.append(_error(self.path, f"{address!r} is not a Terraform address; skipped"))
                del raw[address]
        instances: dict[tuple[str, str], list[str]] = {}
        for address in raw:
            module_path, local = addresses.split_module(address)
            instances.setdefault((module_path, addresses.config_address(local)), []).append(address)
        resolver = _Resolver(configs, instances, set(raw))

        for address, entry in raw.items():
            rtype = entry.get("type")
            if not isinstance(rtype, str):
                view.errors.append(_error(self.path, f"resource {address} has no type; skipped"))
                continue
            module_path, local = addresses.split_module(address)
            module_config_path = addresses.config_address(module_path) if module_path else ""
            local_config = addresses.config_address(local)
            values = entry.get("values")
            attributes = values if isinstance(values, dict) else {}
            change = (changes.get(address) or {}).get("change") or {}
            module_config = configs.get(module_config_path) or ModuleConfig()
            expressions = module_config.resources.get(local_config)
            unresolved = resource_unknowns(change.get("after_unknown"), expressions)
            references = resolver.references(
                address, module_path, expressions or {}, module_config.resource_for_each.get(local_config, [])
            )
            view.add(
                Resource(
                    id=address,
                    type=rtype,
                    provider=provider_of(entry.get("provider_name"), rtype),
                    attributes=attributes,
                    unresolved=unresolved,
                    references=references,
                    location=sources.locate(module_config_path, local_config),
                    module=module_path or None,
                )
            )
        return view

    def _planned_root(self, document: Any) -> dict[str, Any]:
        if not isinstance(document, dict) or "format_version" not in document:
            raise InputError(
                f"{self.path}: not a Terraform plan (no format_version; use `terraform show -json`)"
            )
        version = str(document.get("format_version"))
        if version.split(".", 1)[0] != "1":
            raise InputError(f"{self.path}: unsupported plan format_version {version!r} (aipolicy reads 1.x)")
        holder = document.get("planned_values") or document.get("values")
        if holder is None:
            if "resource_changes" in document or "configuration" in document:
                return {}
            raise InputError(
                f"{self.path}: not a Terraform plan (no planned_values, values or resource_changes)"
            )
        root = holder.get("root_module") if isinstance(holder, dict) else None
        if root is None:
            return {}
        if not isinstance(root, dict):
            raise InputError(f"{self.path}: planned_values.root_module is not an object")
        return root

    def _walk_planned(self, module: dict[str, Any], out: dict[str, dict[str, Any]]) -> None:
        stack = [module]
        while stack:
            current = stack.pop()
            for resource in current.get("resources") or []:
                if isinstance(resource, dict) and isinstance(resource.get("address"), str):
                    out[resource["address"]] = resource
            stack.extend(c for c in current.get("child_modules") or [] if isinstance(c, dict))

    def _index_config(
        self,
        module: dict[str, Any],
        path: str,
        configs: dict[str, ModuleConfig],
        module_dirs: dict[str, Path | None],
        directory: Path | None,
    ) -> None:
        config = ModuleConfig()
        configs[path] = config
        module_dirs[path] = directory
        for resource in module.get("resources") or []:
            if not isinstance(resource, dict):
                continue
            address = resource.get("address")
            if not isinstance(address, str):
                continue
            try:
                _, local = addresses.split_module(address)
                local_config = addresses.config_address(local)
                config.resources[local_config] = resource.get("expressions") or {}
                for_each = resource.get("for_each_expression")
                config.resource_for_each[local_config] = expression_references(for_each)
            except ValueError:
                continue
        for name, output in (module.get("outputs") or {}).items():
            if isinstance(output, dict):
                config.outputs[name] = output.get("expression") or {}
        for name, call in (module.get("module_calls") or {}).items():
            if not isinstance(call, dict):
                continue
            config.calls[name] = call.get("expressions") or {}
            config.call_for_each[name] = expression_references(call.get("for_each_expression"))
            source = call.get("source")
            child_dir: Path | None = None
            if directory is not None and isinstance(source, str) and source.startswith(("./", "../")):
                child_dir = Path(os.path.normpath(directory / source))
            child_path = f"{path}.module.{name}" if path else f"module.{name}"
            self._index_config(call.get("module") or {}, child_path, configs, module_dirs, child_dir)


class _Resolver:
    """Resolves configuration reference strings into instance addresses, within module instances."""

    def __init__(
        self,
        configs: dict[str, ModuleConfig],
        instances: dict[tuple[str, str], list[str]],
        known: set[str],
    ):
        self.configs = configs
        self.instances = instances
        self.known = known
        module_instances: set[str] = set()
        for module_path, _ in instances:
            parts = addresses.steps(module_path) if module_path else []
            for i in range(2, len(parts) + 1, 2):
                module_instances.add(addresses.join(parts[:i]))
        # module instances by configuration address: a module output is looked up per reference
        self.module_instances: dict[str, list[str]] = {}
        for instance in sorted(module_instances):
            self.module_instances.setdefault(addresses.config_address(instance), []).append(instance)

    def references(
        self, address: str, module_path: str, expressions: dict[str, Any], each: list[str]
    ) -> dict[str, list[str]]:
        """Per top-level attribute, the instances its expression references (`each` = for_each refs)."""
        key = addresses.instance_key(address)
        out: dict[str, list[str]] = {}
        for attribute, expression in expressions.items():
            if type(expression) is dict and len(expression) == 1 and "constant_value" in expression:
                continue  # most attributes are constants: nothing to walk
            targets: set[str] = set()
            for ref in without_widened(expression_references(expression)):
                targets.update(self.resolve(ref, module_path, key, 0, each))
            targets.discard(address)
            if targets:
                out[attribute] = sorted(targets)
        return out

    def resolve(
        self, ref: str, module_path: str, key: str | None, hops: int, each: list[str] | tuple[()] = ()
    ) -> set[str]:
        if hops > _MAX_HOPS:
            return set()
        try:
            parts = addresses.steps(ref)
        except ValueError:
            return set()
        head = parts[0][0]
        if head == "each" and len(parts) >= 2 and parts[1][0] == "value":
            # each.value is the element of the for_each collection with this instance's key
            targets: set[str] = set()
            for each_ref in each:
                targets.update(self.resolve(each_ref, module_path, key, hops + 1))
            return targets
        if head in _NON_RESOURCE_ROOTS or len(parts) < 2:
            return set()
        if head == "var":
            return self._through_variable(parts[1][0], module_path, hops)
        if head == "module":
            if len(parts) < 3:
                return set()
            return self._through_output(parts[1], parts[2][0], module_path, key, hops)
        if head == "data":
            if len(parts) < 3:
                return set()
            return self._instances(module_path, f"data.{parts[1][0]}.{parts[2][0]}", parts[2][1], key)
        return self._instances(module_path, f"{parts[0][0]}.{parts[1][0]}", parts[1][1], key)

    def _instances(self, module_path: str, local: str, ref_key: str | None, key: str | None) -> set[str]:
        candidates = self.instances.get((module_path, local), [])
        base = addresses.prefix(module_path, local)
        if ref_key is not None:
            exact = base + ref_key
            return {exact} if exact in self.known else set()
        if len(candidates) == 1:
            return {candidates[0]}
        if key is not None and base + key in self.known:
            return {base + key}
        # a reference to the whole collection (a for expression, a splat): every instance
        return set(candidates)

    def _through_variable(self, name: str, module_path: str, hops: int) -> set[str]:
        if not module_path:
            return set()
        parts = addresses.steps(module_path)
        parent = addresses.join(parts[:-2])
        call_name, call_key = parts[-1]
        parent_config = self.configs.get(addresses.config_address(parent) if parent else "")
        if parent_config is None:
            return set()
        expression = parent_config.calls.get(call_name, {}).get(name)
        each = parent_config.call_for_each.get(call_name, [])
        targets: set[str] = set()
        for ref in expression_references(expression):
            targets.update(self.resolve(ref, parent, call_key, hops + 1, each))
        return targets

    def _output_targets(self, child: str, output: str, key: str | None, hops: int) -> set[str]:
        config = self.configs.get(addresses.config_address(child))
        if config is None:
            return set()
        targets: set[str] = set()
        for ref in expression_references(config.outputs.get(output)):
            targets.update(self.resolve(ref, child, key, hops + 1))
        return targets

    def _through_output(
        self, call: tuple[str, str | None], output: str, module_path: str, key: str | None, hops: int
    ) -> set[str]:
        base = addresses.prefix(module_path, f"module.{call[0]}")
        if call[1] is not None:
            return self._output_targets(base + call[1], output, None, hops)
        same_call = self.module_instances.get(addresses.config_address(base), [])
        children = [m for m in same_call if m == base or m.startswith(base + "[")]
        if len(children) == 1:
            return self._output_targets(children[0], output, None, hops)
        if key is not None and base + key in children:
            return self._output_targets(base + key, output, None, hops)
        targets: set[str] = set()
        for child in children:
            targets.update(self._output_targets(child, output, None, hops))
        return targets


def _error(path: Path, message: str) -> ScanError:
    return ScanError(source=display_path(path), message=message)
