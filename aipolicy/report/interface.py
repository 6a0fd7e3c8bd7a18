"""What every report format implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from aipolicy.findings import ScanResult


class Reporter(ABC):
    """Turns one scan's result into the text of one output format.

    The CLI, the scheduled posture scans and CI integrations all hand a `ScanResult` to a
    reporter and write what it returns; none of them knows a format's details. A format is one
    subclass in its own module, registered by name in `aipolicy.report.FORMATS`, so adding a
    format is adding a file. Reporters return text rather than writing to a stream so that the
    caller decides where it goes (stdout, a file, a PR comment) and tests can read it directly.

    Every reporter passes scanned-input strings (messages, resource ids, remediation, waiver
    reasons, errors) through `aipolicy.redact.redact` before they leave.
    """

    #: The format's name on the command line (`--format NAME`).
    name: ClassVar[str]
    #: The file extension a report of this format is saved with, without the dot.
    extension: ClassVar[str]

    def __init__(self, *, color: bool = False) -> None:
        # Only formats read on a terminal use colour; the others accept and ignore the flag so
        # that every reporter can be built the same way.
        self.color = color

    @abstractmethod
    def render(self, result: ScanResult) -> str:
        """Return the whole report for `result` as text."""
