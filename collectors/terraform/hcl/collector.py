"""HclCollector: Terraform configuration (.tf) onto the resource view, as its plan would show it.

Each root module is loaded with its local modules (and the registry/git modules `terraform init`
recorded in .terraform/modules/modules.json), evaluated lazily (evaluate.py) and turned into one
Resource per instance, with Terraform's own addresses. Problems with one file or module become
entries in the view's errors; the rest of the scan goes on.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aipolicy.findings import ScanError
from aipolicy.view import Location, Resource, ResourceView

from ...interface import Collector
from ..source_locations import display_path
from . import expr
from .config import ModuleConfig, build
from .evaluate import BlockBody, Evaluator, ModuleInstance, Scope
from .parse import DEFAULT_MAX_FILE_BYTES, Block, ParsedFile, Parser, ParseStats, default_cache_dir
from .references import Resolver
from .values import UNKNOWN, EvalError, Lazy, SetValue, parse_type

_LOCAL_SOURCE = ("./", "../", ".\\", "..\\")
_SKIP_DIRS = frozenset({"node_modules", "__pycache__"})


@dataclass
class _Pending:
    """A module directory waiting to be parsed, and where its config goes."""

    directory: Path
    real: Path
    chain: tuple[Path, ...]
    key: str  # the module call path from the root ("a.b"), as in modules.json
    root_dir: Path
    parent: ModuleConfig | None
    call: str | None


class HclCollector(Collector):
    """Evaluates Terraform root modules (directories of .tf files) into resource views.

    `collect()` returns one view for all roots; `collect_each()` yields one view per root module,
    which keeps addresses unique when several roots are scanned. After either call,
    `view_suppressions` maps resource ids to their `# aipolicy:ignore RULE reason` comments
    ((rule id, reason or None)), and `stats` says how many files were parsed or read from the cache.
    """

    kind = "terraform"

    def __init__(
        self,
        paths: list[Path],
        *,
        var_files: list[Path] | None = None,
        variables: Mapping[str, str] | None = None,
        environ: Mapping[str, str] | None = None,
        root: Path | None = None,
        cache_dir: Path | None = None,
        workers: int | None = None,
        max_file_bytes: int | None = None,
        use_cache: bool = True,
    ):
        self.paths = list(paths)
        self.var_files = list(var_files or [])
        self.variables = dict(variables or {})
        self.environ = dict(os.environ if environ is None else environ)
        self.root = root
        self.cache_dir = cache_dir if cache_dir is not None else default_cache_dir(self.environ)
        self.use_cache = use_cache
        self.workers = workers
        self.max_file_bytes = max_file_bytes if max_file_bytes is not None else _default_limit(self.environ)
        self.stats = ParseStats()
        self.view_suppressions: dict[str, list[tuple[str, str | None]]] = {}

    # -- public API ---------------------------------------------------------------------------------

    def collect(self) -> ResourceView:
        views = list(self.collect_each())
        if len(views) == 1:
            return views[0]
        merged = ResourceView(source_kind=self.kind, root=self._display_root())
        for view in views:
            merged.errors.extend(view.errors)
            for rid, resource in view.resources.items():
                if rid in merged.resources:
                    merged.errors.append(
                        ScanError(
                            source=view.root,
                            message=f"{rid} is also declared by another root module; scan the roots "
                            "separately to keep both",
                        )
                    )
                    continue
                merged.add(resource)
        return merged

    def collect_each(self) -> Iterator[ResourceView]:
        """One view per root module; never raises for bad input (see each view's errors)."""
        self.view_suppressions = {}
        parser = Parser(
            self.cache_dir if self.use_cache else None, self.workers, self.max_file_bytes, self.stats
        )
        errors: list[ScanError] = []
        try:
            scan_root = self._scan_root()
            roots = self._roots(scan_root, errors)
            loader = _Loader(parser, scan_root, errors)
            with _fewer_collections():
                configs = loader.load([(directory, real) for directory, real in roots])
            used_as_modules = loader.module_reals
            emitted = False
            for index, ((directory, real), config) in enumerate(zip(roots, configs, strict=True)):
                if config is None:
                    continue
                if real in used_as_modules and len(roots) > 1 and self._discovered(directory):
                    continue  # a module directory found while discovering roots: scanned through its caller
                with _fewer_collections():
                    view = self._evaluate_root(config, scan_root, parser, loader.errors_for(index))
                if not emitted:
                    view.errors[:0] = errors
                    emitted = True
                yield view
            if not emitted:
                view = ResourceView(source_kind=self.kind, root=self._display_root())
                view.errors.extend(errors)
                if not roots:
                    view.errors.append(
                        ScanError(
                            source=self._display_root(),
                            message="no Terraform configuration (.tf files) found",
                        )
                    )
                yield view
        finally:
            parser.close()

    # -- roots --------------------------------------------------------------------------------------

    def _display_root(self) -> str:
        if len(self.paths) == 1:
            return display_path(self.paths[0])
        return ", ".join(display_path(p) for p in self.paths)

    def _scan_root(self) -> Path:
        if self.root is not None:
            return _real(self.root)
        cwd = Path.cwd().resolve()
        reals = []
        for path in self.paths:
            try:
                real = path.resolve()
            except (OSError, RuntimeError):
                real = Path(os.path.abspath(path))
            reals.append(real if real.is_dir() or not real.exists() else real.parent)
        if not reals or all(r == cwd or cwd in r.parents for r in reals):
            return cwd
        return Path(os.path.commonpath([str(r) for r in reals]))

    def _discovered(self, directory: Path) -> bool:
        return all(os.path.normpath(directory) != os.path.normpath(p) for p in self.paths)

    def _roots(self, scan_root: Path, errors: list[ScanError]) -> list[tuple[Path, Path]]:
        roots: list[tuple[Path, Path]] = []
        seen: set[Path] = set()
        for path in self.paths:
            directory = path.parent if path.suffix == ".tf" or path.is_file() else path
            try:
                real = directory.resolve(strict=True)
            except FileNotFoundError:
                errors.append(ScanError(source=display_path(path), message="no such file or directory"))
                continue
            except (OSError, RuntimeError):
                errors.append(
                    ScanError(source=display_path(path), message="symlink loop; fix or remove the link")
                )
                continue
            if not _within(real, scan_root):
                errors.append(
                    ScanError(
                        source=display_path(path),
                        message=f"lies outside the scan root {scan_root}; not scanned",
                    )
                )
                continue
            if _has_tf(real):
                if real not in seen:
                    seen.add(real)
                    roots.append((Path(os.path.normpath(directory)), real))
                continue
            for found, found_real in _discover(directory, scan_root, errors):
                if found_real not in seen:
                    seen.add(found_real)
                    roots.append((found, found_real))
        return roots

    # -- evaluation ---------------------------------------------------------------------------------

    def _evaluate_root(
        self, config: ModuleConfig, scan_root: Path, parser: Parser, load_errors: list[tuple[str, str, str]]
    ) -> ResourceView:
        view = ResourceView(source_kind=self.kind, root=display_path(config.directory))
        reported: set[tuple[str, str, str]] = set()

        def report(source: str, message: str, severity: str) -> None:
            shown = display_path(Path(source)) if source else display_path(config.directory)
            key = (shown, message, severity)
            if key not in reported:
                reported.add(key)
                view.errors.append(ScanError(source=shown, message=message, severity=severity))

        for source, message, severity in load_errors:
            report(source, message, severity)
        evaluator = Evaluator(report, scan_root, config.directory, self.environ, self.max_file_bytes)
        root_values = _RootVariables(self, config, parser, evaluator, report)
        root = ModuleInstance(evaluator, config, "", root_variables=root_values.value)
        resolver = Resolver()
        stack = [root]
        while stack:
            module = stack.pop()
            for resource in module.config.resources.values():
                for instance in module.instances(resource):
                    try:
                        self._emit(view, instance, resolver, report)
                    except RecursionError:
                        report(
                            str(resource.file),
                            f"{instance.address}: configuration nested too deeply to evaluate; skipped",
                            "error",
                        )
            children: list[ModuleInstance] = []
            for name in module.config.calls:
                children.extend(module.children(name))
            stack.extend(reversed(children))
        return view

    def _emit(self, view: ResourceView, instance: Any, resolver: Resolver, report: Any) -> None:
        config = instance.config
        body = instance.body()
        attributes, unresolved = to_view(body)
        if instance.is_policy_document:
            _sort_policy_sets(attributes)
            rendered = instance.rendered()
            if rendered is None:
                unresolved.extend(["json", "minified_json"])
            else:
                attributes.update(rendered)
        module = instance.module
        if config.mode == "managed":
            self._merge_default_tags(attributes, unresolved, module, config)
        view.add(
            Resource(
                id=instance.address,
                type=config.type,
                provider=_provider(module.config, config),
                attributes=attributes,
                unresolved=sorted(set(unresolved)),
                references=resolver.references(instance),
                location=Location(display_path(config.file), config.block.line, config.block.end_line),
                module=module.address or None,
            )
        )
        entries: list[tuple[str, str | None]] = []
        for line, rule, reason in config.suppressions:
            where = f"line {line}"
            if rule is None or not rule.startswith("AIP-"):
                report(
                    str(config.file),
                    f"{where}: aipolicy:ignore in {config.key} names no rule id "
                    "(write `# aipolicy:ignore AIP-XXX-NNN reason`); ignored",
                    "error",
                )
                continue
            if reason is None:
                report(
                    str(config.file),
                    f"{where}: aipolicy:ignore {rule} in {config.key} gives no reason; "
                    "add one after the rule id",
                    "error",
                )
            entries.append((rule, reason))
        if entries:
            self.view_suppressions[instance.address] = entries

    def _merge_default_tags(
        self, attributes: dict[str, Any], unresolved: list[str], module: ModuleInstance, config: Any
    ) -> None:
        """tags_all as the plan shows it: the provider's default_tags under the resource's own tags."""
        defaults = _default_tags(module, _provider_key(config))
        if defaults is None:
            return
        tags = attributes.get("tags")
        if defaults is UNKNOWN or any(u == "tags" or u.startswith("tags.") for u in unresolved):
            unresolved.append("tags_all")
            return
        attributes["tags_all"] = {**defaults, **(tags if isinstance(tags, dict) else {})}


def _default_tags(module: ModuleInstance, key: str) -> Any:
    """The provider `default_tags` Terraform merges into a resource's tags_all: a dict of strings,
    UNKNOWN, or None when no configuration sets any.

    A resource uses its module's configuration of its provider, else its caller's, up to the root.
    A module call that passes providers explicitly (`providers = {...}`) is not followed: the
    defaults are then unknown, so tags_all is unresolved rather than guessed. Each configuration is
    evaluated once, through the evaluator's memo like locals and variables.
    """
    current = module
    while key not in current.config.providers:
        parent = current.parent
        if parent is None:
            return None
        call = parent.config.calls.get(current.call_name or "")
        if call is not None and "providers" in call.attrs:
            return UNKNOWN
        current = parent
    return current.ev.memo(
        ("default_tags", current.address, key),
        f"provider {key} default_tags",
        lambda: _evaluate_default_tags(current, key),
    )


def _evaluate_default_tags(module: ModuleInstance, key: str) -> Any:
    block, path = module.config.providers[key]
    found: Any = None
    for sub in block.blocks:
        if sub.type == "dynamic" and sub.labels[:1] == ["default_tags"]:
            return UNKNOWN
        if sub.type != "default_tags" or "tags" not in sub.attrs:
            continue
        node, line = sub.attrs["tags"]
        value = module.ev.evaluate(node, module.scope, f"line {line}: provider {key} default_tags", path)
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return UNKNOWN
        found = {str(k): v for k, v in value.items()}
    return found


def _provider_key(resource: Any) -> str:
    """`aws` or `aws.<alias>`: the provider configuration a resource names (default: its type's)."""
    node = resource.block.attrs.get("provider")
    if node is not None:
        names: list[str] = []
        current = node[0]
        while current and current[0] == "A":
            names.append(str(current[2]))
            current = current[1]
        if current and current[0] == "V":
            return ".".join([str(current[1]), *reversed(names)])
    return str(resource.type.split("_", 1)[0])


class _RootVariables:
    """Root module variable values in Terraform's precedence (later sources win)."""

    def __init__(
        self,
        collector: HclCollector,
        config: ModuleConfig,
        parser: Parser,
        evaluator: Evaluator,
        report: Any,
    ):
        self.evaluator = evaluator
        self.config = config
        self.report = report
        # name -> ("raw", text) | ("value", value) | ("expr", node)
        self.sources: dict[str, tuple[str, Any, str]] = {}
        for name, value in collector.environ.items():
            if name.startswith("TF_VAR_"):
                self.sources[name[7:]] = ("raw", value, f"environment variable {name}")
        files = []
        directory = config.directory
        for name in ("terraform.tfvars", "terraform.tfvars.json"):
            if (directory / name).is_file():
                files.append(directory / name)
        try:
            auto = sorted(
                p.name
                for p in directory.iterdir()
                if p.name.endswith((".auto.tfvars", ".auto.tfvars.json")) and p.is_file()
            )
        except OSError:
            auto = []
        files.extend(directory / name for name in auto)
        files.extend(collector.var_files)
        hcl_files = [f for f in files if not f.name.endswith(".json")]
        parsed = parser.parse(hcl_files) if hcl_files else {}
        for path in files:
            self._load_file(path, parsed.get(path))
        for name, value in collector.variables.items():
            self.sources[name] = ("raw", value, f"--var {name}")
        for name in self.sources:
            if name not in config.variables and not name.startswith("TF_VAR_"):
                pass  # Terraform warns about values for undeclared variables; so do not we

    def _load_file(self, path: Path, parsed: ParsedFile | str | None) -> None:
        shown = str(path)
        if path.name.endswith(".json"):
            try:
                if path.stat().st_size > DEFAULT_MAX_FILE_BYTES * 4:
                    raise ValueError("file too large")
                data = json.loads(path.read_bytes().decode("utf-8-sig"))
            except (OSError, ValueError) as exc:
                self.report(shown, f"variables file cannot be read ({exc}); its values are not used", "error")
                return
            if not isinstance(data, dict):
                self.report(shown, "variables file is not a JSON object; its values are not used", "error")
                return
            for name, value in data.items():
                self.sources[name] = ("value", _json_value(value), shown)
            return
        if parsed is None:
            self.report(shown, "variables file not found", "error")
            return
        if isinstance(parsed, str):
            self.report(shown, f"{parsed}; its values are not used", "error")
            return
        for name, (node, line) in parsed.attrs.items():
            self.sources[name] = ("expr", node, f"{shown} line {line}")

    def value(self, name: str, block: Block) -> Any:
        source = self.sources.get(name)
        scope = Scope(_constant_module(self.evaluator, self.config))
        if source is None:
            if "default" in block.attrs:
                return self.evaluator.evaluate(block.attrs["default"][0], scope, f"var.{name} default")
            return UNKNOWN
        kind, raw, where = source
        if kind == "value":
            return raw
        if kind == "expr":
            return self.evaluator.evaluate(raw, scope, f"{where}: {name}")
        spec = parse_type(block.attrs["type"][0]) if "type" in block.attrs else None
        if spec is None or spec in ("string", "number", "bool"):
            return raw
        try:
            node = expr.parse_expression(raw)
        except expr.ParseError as exc:
            self.report(
                str(self.config.directory), f"{where}: not a valid value for var.{name} ({exc})", "error"
            )
            return UNKNOWN
        return self.evaluator.evaluate(node, scope, f"{where}: {name}")


def _constant_module(evaluator: Evaluator, config: ModuleConfig) -> ModuleInstance:
    """A module with nothing in scope: variable values and defaults cannot reference anything."""
    empty = ModuleConfig(directory=config.directory, real=config.real)
    return ModuleInstance(evaluator, empty, "", root_variables=lambda name, block: UNKNOWN)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Loading and evaluating allocate millions of small objects and free few: with the default
    thresholds the cyclic garbage collector runs full collections over the growing heap again and
    again (a third of a 10,000-resource scan). Collect less often meanwhile; the thresholds return after.
    """
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], 50_000), max(previous[1], 20), max(previous[2], 100))
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


class _Loader:
    """Loads module trees level by level, so each level's files are parsed in one parallel batch."""

    def __init__(self, parser: Parser, scan_root: Path, errors: list[ScanError]):
        self.parser = parser
        self.scan_root = scan_root
        self.errors = errors
        self.module_reals: set[Path] = set()
        self._per_root: dict[int, list[tuple[str, str, str]]] = {}
        self._manifests: dict[Path, dict[str, str] | None] = {}

    def errors_for(self, index: int) -> list[tuple[str, str, str]]:
        """What went wrong loading root module `index` and its modules."""
        return self._per_root.get(index, [])

    def load(self, roots: list[tuple[Path, Path]]) -> list[ModuleConfig | None]:
        results: list[ModuleConfig | None] = [None] * len(roots)
        level: list[tuple[_Pending, int]] = [
            (_Pending(directory, real, (real,), "", directory, None, None), index)
            for index, (directory, real) in enumerate(roots)
        ]
        while level:
            files_by_pending: list[list[Path]] = []
            all_files: list[Path] = []
            for pending, owner in level:
                files = self._list_tf(pending.directory, owner)
                files_by_pending.append(files)
                all_files.extend(files)
            parsed = self.parser.parse(all_files)
            next_level: list[tuple[_Pending, int]] = []
            for (pending, owner), files in zip(level, files_by_pending, strict=True):
                good: list[tuple[Path, ParsedFile]] = []
                for path in files:
                    outcome = parsed.get(path)
                    if isinstance(outcome, ParsedFile):
                        good.append((path, outcome))
                        for node_path, message in _parse_errors(outcome):
                            self._add(owner, str(path), f"{node_path}: {message}", "error")
                    else:
                        self._add(owner, str(path), f"{outcome}; this file is not evaluated", "error")

                def report(path: Path, message: str, severity: str, owner: int = owner) -> None:
                    self._add(owner, str(path), message, severity)

                config = build(pending.directory, pending.real, good, report)
                if pending.parent is None:
                    results[owner] = config
                else:
                    assert pending.call is not None
                    pending.parent.children[pending.call] = config
                    self.module_reals.add(pending.real)
                for call_name, block in config.calls.items():
                    child = self._resolve_call(pending, config, call_name, block, owner)
                    if child is None:
                        config.children[call_name] = None
                    else:
                        next_level.append((child, owner))
            level = next_level
        return results

    def _add(self, owner: int, source: str, message: str, severity: str) -> None:
        self._per_root.setdefault(owner, []).append((source, message, severity))

    def _list_tf(self, directory: Path, owner: int) -> list[Path]:
        out: list[Path] = []
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            self._add(
                owner, str(directory), f"cannot list the module directory ({exc.strerror or exc})", "error"
            )
            return out
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if name.endswith(".tf.json"):
                self._add(
                    owner, str(directory / name), "JSON configuration files are not read yet; skipped", "info"
                )
                continue
            if not name.endswith(".tf"):
                continue
            path = directory / name
            if name.endswith("_override.tf") or name == "override.tf":
                self._add(owner, str(path), "override files are not merged yet; skipped", "info")
                continue
            if entry.is_symlink():
                try:
                    real = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    self._add(owner, str(path), "symlink loop or dangling symlink; fix or remove it", "error")
                    continue
                if not _within(real, self.scan_root):
                    self._add(
                        owner,
                        str(path),
                        f"symlink to {real}, outside the scan root {self.scan_root}; not followed",
                        "error",
                    )
                    continue
            try:
                if not entry.is_file():
                    continue
            except OSError:
                continue
            out.append(path)
        return out

    def _resolve_call(
        self, pending: _Pending, config: ModuleConfig, name: str, block: Block, owner: int
    ) -> _Pending | None:
        where = f"module {name!r}"
        source_node = block.attrs.get("source")
        file = config.call_files.get(name, pending.directory)
        if source_node is None or source_node[0][0] != "L" or not isinstance(source_node[0][1], str):
            self._add(owner, str(file), f"{where}: source must be a literal string; not loaded", "error")
            return None
        source = source_node[0][1]
        key = f"{pending.key}.{name}" if pending.key else name
        if source.startswith(_LOCAL_SOURCE):
            directory = Path(os.path.normpath(pending.directory / source))
        else:
            found = self._from_manifest(pending.root_dir, key)
            if found is None:
                self._add(
                    owner,
                    str(file),
                    f"{where} (source {source!r}) is not loaded: run `terraform init` so that "
                    ".terraform/modules/modules.json records it; its outputs are unresolved",
                    "info",
                )
                return None
            directory = found
        try:
            real = directory.resolve(strict=True)
        except FileNotFoundError:
            self._add(
                owner, str(file), f"{where}: source directory {source!r} does not exist; not loaded", "error"
            )
            return None
        except (OSError, RuntimeError):
            self._add(owner, str(file), f"{where}: source {source!r} is a symlink loop; not loaded", "error")
            return None
        if not _within(real, self.scan_root):
            self._add(
                owner,
                str(file),
                f"{where}: source {source!r} resolves outside the scan root {self.scan_root}; not loaded "
                "(scan from a directory that contains it, or pass --root)",
                "error",
            )
            return None
        if real in pending.chain:
            chain = " -> ".join(str(p) for p in (*pending.chain, real))
            self._add(owner, str(file), f"{where}: module cycle ({chain}); not loaded", "error")
            return None
        if not real.is_dir():
            self._add(owner, str(file), f"{where}: source {source!r} is not a directory; not loaded", "error")
            return None
        return _Pending(directory, real, (*pending.chain, real), key, pending.root_dir, config, name)

    def _from_manifest(self, root_dir: Path, key: str) -> Path | None:
        if root_dir not in self._manifests:
            manifest: dict[str, str] | None = None
            path = root_dir / ".terraform" / "modules" / "modules.json"
            try:
                data = json.loads(path.read_text("utf-8"))
                manifest = {
                    str(m["Key"]): str(m["Dir"])
                    for m in data.get("Modules", [])
                    if isinstance(m, dict) and "Key" in m and "Dir" in m
                }
            except (OSError, ValueError, AttributeError, TypeError):
                manifest = None
            self._manifests[root_dir] = manifest
        manifest = self._manifests[root_dir]
        if manifest is None or key not in manifest:
            return None
        return Path(os.path.normpath(root_dir / manifest[key]))


def _parse_errors(parsed: ParsedFile) -> Iterator[tuple[str, str]]:
    stack: list[tuple[str, Block]] = [(_block_label(b), b) for b in parsed.blocks]
    for name, (node, _) in parsed.attrs.items():
        if node and node[0] == "E":
            yield name, f"cannot parse the expression ({node[1]}); its value is unresolved"
    while stack:
        label, block = stack.pop()
        for name, (node, _) in block.attrs.items():
            if node and node[0] == "E":
                yield f"{label}.{name}", f"cannot parse the expression ({node[1]}); its value is unresolved"
        stack.extend((f"{label}.{b.type}", b) for b in block.blocks)


def _block_label(block: Block) -> str:
    return ".".join([block.type, *block.labels])


def _provider(module: ModuleConfig, resource: Any) -> str:
    local = _provider_key(resource).split(".", 1)[0]
    return module.provider_sources.get(local, local)


def to_view(body: BlockBody) -> tuple[dict[str, Any], list[str]]:
    """Evaluated arguments as view attributes plus the dotted paths of what is unknown."""
    unresolved: list[str] = []
    attributes = _clean(body, "", unresolved)
    return attributes, unresolved


def _clean(value: Any, path: str, unresolved: list[str]) -> Any:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            if item is UNKNOWN or isinstance(item, Lazy):
                unresolved.append(sub)
                continue
            if item is None and isinstance(value, BlockBody):
                continue
            out[key] = _clean(item, sub, unresolved)
        return out
    if isinstance(value, list):
        items: list[Any] = []
        for index, item in enumerate(value):
            sub = f"{path}.{index}"
            if item is UNKNOWN or isinstance(item, Lazy):
                unresolved.append(sub)
                items.append(None)
            else:
                items.append(_clean(item, sub, unresolved))
        return items if not isinstance(value, SetValue) else list(items)
    return value


_POLICY_SETS = ("actions", "not_actions", "resources", "not_resources")


def _sort_policy_sets(attributes: dict[str, Any]) -> None:
    """aws_iam_policy_document's string sets as Terraform shows sets: unique and in lexical order."""
    for statement in attributes.get("statement") or []:
        if not isinstance(statement, dict):
            continue
        for key in _POLICY_SETS:
            value = statement.get(key)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                statement[key] = sorted(set(value))
        for key in ("principals", "not_principals"):
            for principal in statement.get(key) or []:
                ids = principal.get("identifiers") if isinstance(principal, dict) else None
                if isinstance(ids, list) and all(isinstance(v, str) for v in ids):
                    principal["identifiers"] = sorted(set(ids))


def _has_tf(directory: Path) -> bool:
    try:
        return any(
            e.name.endswith(".tf") and not e.name.startswith(".") and e.is_file()
            for e in os.scandir(directory)
        )
    except OSError:
        return False


def _discover(directory: Path, scan_root: Path, errors: list[ScanError]) -> list[tuple[Path, Path]]:
    """Directories holding .tf files below a directory, following symlinks only inside the root."""
    found: list[tuple[Path, Path]] = []
    visited: set[Path] = set()
    stack = [directory]
    while stack:
        current = stack.pop()
        try:
            real = current.resolve(strict=True)
        except (OSError, RuntimeError):
            errors.append(ScanError(source=display_path(current), message="symlink loop; not followed"))
            continue
        if real in visited:
            if current.is_symlink():
                errors.append(
                    ScanError(
                        source=display_path(current),
                        message=f"symlink back to {real} (a loop); not followed",
                        severity="info",
                    )
                )
            continue
        if not _within(real, scan_root):
            errors.append(
                ScanError(
                    source=display_path(current),
                    message=f"symlink to {real}, outside the scan root {scan_root}; not followed",
                )
            )
            continue
        visited.add(real)
        if _has_tf(real):
            found.append((Path(os.path.normpath(current)), real))
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name, reverse=True)
        except OSError as exc:
            errors.append(
                ScanError(source=display_path(current), message=f"cannot list ({exc.strerror or exc})")
            )
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name in _SKIP_DIRS:
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir or (entry.is_symlink() and not entry.is_file()):
                stack.append(current / entry.name)
    found.sort(key=lambda item: str(item[0]))
    return found


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def _default_limit(environ: Mapping[str, str]) -> int:
    raw = environ.get("AIPOLICY_MAX_INPUT_MB")
    if raw:
        try:
            return int(float(raw) * 1024 * 1024)
        except ValueError:
            pass
    return DEFAULT_MAX_FILE_BYTES


__all__ = ["EvalError", "HclCollector", "ParseStats"]
