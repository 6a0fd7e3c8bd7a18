"""Test-side plumbing for the AWS collector: sessions whose clients talk HTTP to a moto server, with
operations moto lacks answered by botocore's Stubber (responses validated against botocore's models),
and a recorder of every API call the collector makes (botocore 'before-call' hooks on the clients).

Nothing here touches the collector: it is handed a session, as a user's profile would be.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import boto3
from botocore.config import Config
from botocore.stub import Stubber

# Operations moto (server mode) does not implement: (service, method) -> a response per call.
# An Exception instance means "answer with this error code", as the real service does.
MOTO_GAPS: dict[tuple[str, str], dict[str, Any] | str] = {
    ("sagemaker", "list_monitoring_schedules"): {"MonitoringScheduleSummaries": []},
    ("sagemaker", "list_feature_groups"): {"FeatureGroupSummaries": []},
    ("sagemaker", "list_notebook_instance_lifecycle_configs"): {"NotebookInstanceLifecycleConfigs": []},
    ("sagemaker", "get_model_package_group_policy"): "ValidationException",
    ("bedrock", "list_guardrails"): {"guardrails": []},
    ("bedrock", "list_provisioned_model_throughputs"): {"provisionedModelSummaries": []},
    ("bedrock-agent", "list_data_sources"): {"dataSourceSummaries": []},
}
STUB_DEPTH = 500


class Recorder:
    """Every (service, operation) the collector calls, from 'before-call' hooks on its clients."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def hook(self, model: Any, **_: Any) -> None:
        with self._lock:
            self.calls.append((model.service_model.service_name, model.name))

    def attach(self, client: Any) -> None:
        client.meta.events.register_first(
            "before-call.*.*", self.hook, unique_id=f"aipolicy-recorder-{id(self)}"
        )


class Routed:
    """A client whose listed operations are answered by their own Stubber-backed client of the same
    service; every other operation goes to the real client (HTTP to moto)."""

    def __init__(self, real: Any, companions: dict[str, Any]):
        self._real = real
        self._companions = companions

    @property
    def meta(self) -> Any:
        return self._real.meta

    def can_paginate(self, method: str) -> bool:
        return bool(self._real.can_paginate(method))

    def get_paginator(self, method: str) -> Any:
        return self._companions.get(method, self._real).get_paginator(method)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._companions.get(name, self._real), name)


StubPlan = dict[tuple[str, str], list[dict[str, Any] | str]]


class MotoSession(boto3.Session):
    """A boto3 Session whose clients go to moto over HTTP and whose moto gaps are stubbed."""

    def __init__(
        self,
        url: str,
        recorder: Recorder | None = None,
        stubs: StubPlan | None = None,
        gaps: bool = True,
        **kwargs: Any,
    ):
        kwargs.setdefault("region_name", "us-east-1")
        kwargs.setdefault("aws_access_key_id", "testing")
        kwargs.setdefault("aws_secret_access_key", "testing")
        super().__init__(**kwargs)
        self.url = url
        self.recorder = recorder
        self.stubs = stubs or {}
        self.gaps = gaps
        self.stubbers: list[Stubber] = []

    def client(self, service_name: str, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs.setdefault("endpoint_url", self.url)
        real = super().client(service_name, *args, **kwargs)
        if self.recorder:
            self.recorder.attach(real)
        companions: dict[str, Any] = {}
        plans: dict[str, list[dict[str, Any] | str]] = {}
        if self.gaps:
            for (service, method), response in MOTO_GAPS.items():
                if service == service_name:
                    plans[method] = [response] * STUB_DEPTH
        for (service, method), responses in self.stubs.items():
            if service == service_name:
                plans[method] = list(responses)
        for method, responses in plans.items():
            stubbed = super().client(service_name, *args, **kwargs)
            if self.recorder:
                self.recorder.attach(stubbed)
            stubber = Stubber(stubbed)
            for response in responses:
                if isinstance(response, str):
                    stubber.add_client_error(method, service_error_code=response, http_status_code=400)
                else:
                    stubber.add_response(method, response)
            stubber.activate()
            self.stubbers.append(stubber)
            companions[method] = stubbed
        return Routed(real, companions) if companions else real


def moto_config(url: str) -> Config:
    """s3control puts the account id in the host name; moto answers it when sent through as a proxy."""
    return Config(proxies={"http": url})


def factory(url: str, recorder: Recorder | None = None, **options: Any) -> Callable[..., MotoSession]:
    """A session factory for assumed roles that keeps the moto routing and the recorder."""

    def make(**kwargs: Any) -> MotoSession:
        return MotoSession(url, recorder, **options, **kwargs)

    return make
