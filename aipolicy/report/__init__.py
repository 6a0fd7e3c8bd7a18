"""Report formats: one `Reporter` per module, looked up by name.

Formats are imported only when asked for, so `import aipolicy.report` stays cheap for commands
that never render a report (admission webhook start-up, `aipolicy --version`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aipolicy.report.interface import Reporter

# name -> "module:class"; adding a format is adding a module and one line here.
_FORMAT_PATHS: dict[str, str] = {
    "text": "aipolicy.report.text:TextReporter",
    "json": "aipolicy.report.json:JsonReporter",
    "sarif": "aipolicy.report.sarif:SarifReporter",
    "junit": "aipolicy.report.junit:JunitReporter",
    "markdown": "aipolicy.report.markdown:MarkdownReporter",
}


class _LazyFormats(Mapping[str, "type[Reporter]"]):
    """A read-only name -> reporter class mapping that imports a format on first access."""

    def __getitem__(self, name: str) -> type[Reporter]:
        module_name, _, class_name = _FORMAT_PATHS[name].partition(":")
        cls: type[Reporter] = getattr(import_module(module_name), class_name)
        return cls

    def __iter__(self) -> Iterator[str]:
        return iter(_FORMAT_PATHS)

    def __len__(self) -> int:
        return len(_FORMAT_PATHS)


FORMATS: Mapping[str, type[Reporter]] = _LazyFormats()


def get_reporter(name: str, *, color: bool = False) -> Reporter:
    """Build the reporter for format `name`; `color` matters only to terminal formats."""
    if name not in _FORMAT_PATHS:
        valid = ", ".join(sorted(_FORMAT_PATHS))
        raise ValueError(f"unknown report format {name!r}: choose one of {valid}")
    return FORMATS[name](color=color)


__all__ = ["FORMATS", "get_reporter"]
