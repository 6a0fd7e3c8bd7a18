"""What every collector provides: a resource view of one source, with what it could not read."""

from __future__ import annotations

from abc import ABC, abstractmethod

from aipolicy.view import ResourceView


class Collector(ABC):
    """Normalises one kind of source into the resource view policies read (DESIGN.md)."""

    kind: str

    @abstractmethod
    def collect(self) -> ResourceView:
        """Read the source; put what could not be read in the view's errors, never drop it silently."""
