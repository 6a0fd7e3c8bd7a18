"""A real moto server (HTTP on loopback) for the AWS collector tests; reset before every test."""

from __future__ import annotations

import logging
import os
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import free_port, need

from .motohelp import MotoSession, Recorder, factory, moto_config

ACCOUNT = "123456789012"
REGIONS = ["us-east-1", "eu-west-1"]


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:
        need("moto[server] is not installed (pip install 'moto[server]')")
    for name in ("werkzeug", "moto"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    saved = {
        k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION")
    }
    os.environ.update(
        AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1"
    )
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class Moto:
    """The server of one test: seeding clients and collectors pointed at it."""

    def __init__(self, url: str):
        self.url = url
        self.seed = MotoSession(url, gaps=False)

    def client(self, service: str, region: str = "us-east-1") -> Any:
        return self.seed.client(service, region_name=region, config=moto_config(self.url))

    def collector(self, recorder: Recorder | None = None, **options: Any) -> Any:
        from aipolicy.collectors.aws import AwsCollector

        session_options = {k: options.pop(k) for k in ("stubs", "gaps") if k in options}
        options.setdefault("regions", REGIONS)
        options.setdefault("max_attempts", 2)
        return AwsCollector(
            MotoSession(self.url, recorder, **session_options),
            endpoint_url=self.url,
            client_config=moto_config(self.url),
            session_factory=factory(self.url, recorder, **session_options),
            **options,
        )


@pytest.fixture
def moto(moto_url: str) -> Moto:
    request = urllib.request.Request(f"{moto_url}/moto-api/reset", method="POST")
    with urllib.request.urlopen(request, timeout=10):
        pass
    return Moto(moto_url)
