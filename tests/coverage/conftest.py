"""Coverage report fixtures: JSON reports of the terraform-examples stacks, the catalogue, Chromium.

The example reports are made the way a user makes them (a plan scan rendered by the JSON
reporter). Until the JSON report carries per-rule `evaluated` counts, `with_evaluated` adds them
exactly as the proposed change to the scanner would (resources of each policy's types in the
view); once the report has them, the report's own block is used untouched.
"""

from __future__ import annotations

import collections
import copy
import functools
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from aipolicy.collectors.terraform.plan import PlanCollector
from aipolicy.coverage import evaluated_block
from aipolicy.policyset import PolicySet, load_policy_set
from aipolicy.report.json import JsonReporter
from aipolicy.scan import ScanOptions, scan_plan
from tests.conftest import REPO, need

EXAMPLES = REPO / "terraform-examples"
STACKS = sorted(p.name for p in EXAMPLES.iterdir() if (p / "insecure" / "tfplan.json").is_file())
ARTIFACTS = REPO / "test-artifacts" / "coverage"


@functools.cache
def _policies() -> PolicySet:
    return load_policy_set()


@pytest.fixture(scope="session")
def policies() -> PolicySet:
    return _policies()


@functools.cache
def _scan(stack: str, variant: str) -> dict[str, Any]:
    plan = EXAMPLES / stack / variant / "tfplan.json"
    document: dict[str, Any] = JsonReporter().document(scan_plan([plan], ScanOptions()))
    # a coverage built from a failed scan proves nothing: say why, rather than fail on counts later
    assert document["errors"] == [], f"scan of {plan} failed: {document['errors']}"
    return document


def example_report(stack: str, variant: str, *, evaluated: bool = True) -> dict[str, Any]:
    """A fresh copy of the JSON report of one example (with or without per-rule evaluated counts)."""
    document = copy.deepcopy(_scan(stack, variant))
    if evaluated:
        return with_evaluated(document, stack, variant)
    document.pop("evaluated", None)
    return document


def with_evaluated(document: dict[str, Any], stack: str, variant: str) -> dict[str, Any]:
    if "evaluated" not in document:
        view = PlanCollector(EXAMPLES / stack / variant / "tfplan.json").collect()
        counts = collections.Counter(r.type for r in view.resources.values())
        document["evaluated"] = evaluated_block(counts, _policies().policies)
    return document


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_BIN"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    found = find_chromium()
    if found is None:
        need("Chromium not found: apt-get install -y chromium (Debian), or set CHROMIUM_BIN")
    assert found is not None
    return found


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
