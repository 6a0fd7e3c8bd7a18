from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aipolicy.report import FORMATS, get_reporter
from aipolicy.report.interface import Reporter


def test_every_format_is_registered_under_its_own_name() -> None:
    assert set(FORMATS) == {"text", "json", "sarif", "junit", "markdown"}
    assert len(FORMATS) == 5
    for name, cls in FORMATS.items():
        assert issubclass(cls, Reporter)
        assert cls.name == name
        assert cls.extension and not cls.extension.startswith(".")


@pytest.mark.parametrize("name", ["text", "json", "sarif", "junit", "markdown"])
def test_get_reporter_builds_the_format(name: str) -> None:
    reporter = get_reporter(name)
    assert isinstance(reporter, FORMATS[name])
    assert reporter.color is False
    assert get_reporter(name, color=True).color is True


def test_unknown_format_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="unknown report format 'xml'") as excinfo:
        get_reporter("xml")
    for name in FORMATS:
        assert name in str(excinfo.value)
    with pytest.raises(KeyError):
        FORMATS["xml"]


def test_importing_the_package_imports_no_format() -> None:
    code = (
        "import sys, aipolicy.report\n"
        "print(sorted(m for m in sys.modules if m.startswith('aipolicy.report.')))\n"
        "print('xml.etree.ElementTree' in sys.modules)\n"
    )
    repo_root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo_root
    ).stdout.split("\n")
    assert out[:2] == ["[]", "False"]
    FORMATS["junit"]  # importing a format on access is what keeps the package import cheap
    assert "aipolicy.report.junit" in sys.modules
