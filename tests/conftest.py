"""Shared fixtures: the real OPA binary and server, the policy library, fixture files."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() == "true"


def need(reason: str) -> None:
    """Skip with a clear reason on a developer machine; fail in CI, where every real component must run."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: real-component tests must not be skipped)")
    pytest.skip(reason)


def find_opa() -> str | None:
    for candidate in (os.environ.get("OPA_BIN"), str(REPO / ".tools/bin/opa"), shutil.which("opa")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def opa_bin() -> str:
    found = find_opa()
    if found is None:
        need("OPA binary not found: run scripts/build-tools.sh or set OPA_BIN")
    assert found is not None
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"OPA exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"OPA at {url} did not become healthy in {timeout}s")


@pytest.fixture(scope="session")
def opa_server(opa_bin: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real OPA server on loopback (policies are pushed by the engine under test)."""
    port = free_port()
    log = tmp_path_factory.mktemp("opa") / "opa.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [opa_bin, "run", "--server", "--addr", f"127.0.0.1:{port}", "--log-level", "error"],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
