"""Terraform HCL collector: .tf configuration evaluated into the resource view its plan would give.

Importing this package is cheap; python-hcl2 and lark load only when a file must be parsed.
"""

from __future__ import annotations

from .collector import HclCollector
from .parse import ParseStats

__all__ = ["HclCollector", "ParseStats"]
