"""One module's configuration, assembled from its parsed files: variables, locals, resources, calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import expr
from .parse import Block, ParsedFile

# Meta-arguments and meta-blocks: they shape a resource, they are not its attributes.
META_ATTRIBUTES = frozenset({"count", "for_each", "provider", "depends_on"})
META_BLOCKS = frozenset({"lifecycle", "provisioner", "connection"})


@dataclass
class ResourceConfig:
    """A `resource` or `data` block and where it is written."""

    mode: str  # managed | data
    type: str
    name: str
    block: Block
    file: Path
    suppressions: list[tuple[int, str | None, str | None]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"data.{self.type}.{self.name}" if self.mode == "data" else f"{self.type}.{self.name}"


@dataclass
class ModuleConfig:
    """A module directory's configuration; `children` holds each call's config (None: not loaded)."""

    directory: Path  # as displayed: the path given, joined with module sources
    real: Path  # resolved, for containment and cycle checks
    variables: dict[str, Block] = field(default_factory=dict)
    locals: dict[str, tuple[expr.Node, Path, int]] = field(default_factory=dict)
    outputs: dict[str, Block] = field(default_factory=dict)
    resources: dict[str, ResourceConfig] = field(default_factory=dict)
    calls: dict[str, Block] = field(default_factory=dict)
    call_files: dict[str, Path] = field(default_factory=dict)
    children: dict[str, ModuleConfig | None] = field(default_factory=dict)
    provider_sources: dict[str, str] = field(default_factory=dict)
    resource_types: set[str] = field(default_factory=set)
    # provider configurations by `name` or `name.alias` (an alias given as a literal string)
    providers: dict[str, tuple[Block, Path]] = field(default_factory=dict)


def build(
    directory: Path,
    real: Path,
    files: list[tuple[Path, ParsedFile]],
    report: Callable[[Path, str, str], None],
) -> ModuleConfig:
    """Assemble a module from its parsed files; duplicates are reported and the first one kept."""
    config = ModuleConfig(directory=directory, real=real)
    for path, parsed in files:
        for block in parsed.blocks:
            _add_block(config, path, block, parsed, report)
    return config


def _add_block(
    config: ModuleConfig,
    path: Path,
    block: Block,
    parsed: ParsedFile,
    report: Callable[[Path, str, str], None],
) -> None:
    kind, labels = block.type, block.labels
    if kind in ("resource", "data") and len(labels) == 2:
        resource = ResourceConfig(
            "managed" if kind == "resource" else "data",
            labels[0],
            labels[1],
            block,
            path,
            [s for s in parsed.suppressions if block.line <= s[0] <= block.end_line],
        )
        if resource.key in config.resources:
            other = config.resources[resource.key]
            report(
                path,
                f"line {block.line}: {resource.key} is declared twice (also {other.file.name} line "
                f"{other.block.line}); only the first is evaluated",
                "error",
            )
            return
        config.resources[resource.key] = resource
        if resource.mode == "managed":
            config.resource_types.add(resource.type)
    elif kind == "variable" and len(labels) == 1:
        config.variables.setdefault(labels[0], block)
    elif kind == "provider" and len(labels) == 1:
        alias = block.attrs.get("alias", (None, 0))[0]
        key = labels[0] if alias is None else f"{labels[0]}.{alias[1]}" if alias[0] == "L" else None
        if key is not None:
            config.providers.setdefault(key, (block, path))
    elif kind == "locals":
        for name, (node, line) in block.attrs.items():
            if name in config.locals:
                report(path, f"line {line}: local.{name} is defined twice; only the first is used", "error")
                continue
            config.locals[name] = (node, path, line)
    elif kind == "output" and len(labels) == 1:
        config.outputs.setdefault(labels[0], block)
    elif kind == "module" and len(labels) == 1:
        if labels[0] in config.calls:
            report(path, f"line {block.line}: module {labels[0]!r} is declared twice", "error")
            return
        config.calls[labels[0]] = block
        config.call_files[labels[0]] = path
    elif kind == "terraform":
        for sub in block.blocks:
            if sub.type != "required_providers":
                continue
            for local_name, (node, _) in sub.attrs.items():
                source = _provider_source(node)
                if source:
                    config.provider_sources[local_name] = source.rsplit("/", 1)[-1]


def _provider_source(node: Any) -> str | None:
    if isinstance(node, list) and node and node[0] == "O":
        for key, value in node[1]:
            if key == ["L", "source"] and value[0] == "L" and isinstance(value[1], str):
                return str(value[1])
    return None
