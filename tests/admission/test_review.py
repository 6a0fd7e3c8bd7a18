"""AdmissionReview parsing, responses and the admission collector, without a server."""

from __future__ import annotations

import json

import pytest

from aipolicy.admission.review import MalformedReview, bounded_warnings, parse_review, review_response
from aipolicy.collectors.kubernetes.admission import AdmissionCollector
from aipolicy.view import validate_document

from . import reviews as R


def test_parse_review() -> None:
    document = R.review(R.insecure_pod(), dry_run=True)
    request = parse_review(json.dumps(document).encode())
    assert request.uid == document["request"]["uid"]
    assert (request.operation, request.kind, request.namespace, request.name) == (
        "CREATE",
        "Pod",
        "models",
        "vllm-insecure",
    )
    assert request.dry_run is True


@pytest.mark.parametrize("field,value", [("dryRun", "yes"), ("operation", "PATCH"), ("uid", "")])
def test_parse_review_rejects(field: str, value: object) -> None:
    document = R.review(R.hardened_pod())
    document["request"][field] = value
    with pytest.raises(MalformedReview):
        parse_review(json.dumps(document).encode())


def test_view_is_the_object_as_sent() -> None:
    pod = R.insecure_pod()
    document = R.review(pod)
    view = AdmissionCollector(document["request"]).collect()
    assert view.source_kind == "admission"
    (resource,) = view.resources.values()
    assert resource.id == "models/Pod/vllm-insecure"
    assert resource.type == "core/Pod"
    assert resource.provider == "kubernetes"
    assert resource.attributes == pod
    validate_document(view.to_document())


def test_cluster_scoped_and_grouped_kinds() -> None:
    namespace = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "models"}}
    (resource,) = AdmissionCollector(R.review(namespace)["request"]).collect().resources.values()
    assert (resource.id, resource.type) == ("Namespace/models", "core/Namespace")
    isvc = R.inference_service(storage_uri="s3://models/llama")
    (resource,) = AdmissionCollector(R.review(isvc)["request"]).collect().resources.values()
    assert (resource.id, resource.type) == (
        "models/InferenceService/llama",
        "serving.kserve.io/InferenceService",
    )


def test_responses_stay_within_api_server_limits() -> None:
    warnings = bounded_warnings([f"[AIP-K8S-{i:03d} LOW] {'x' * 400}" for i in range(100)])
    assert all(len(w) <= 256 for w in warnings)
    assert sum(len(w) for w in warnings) <= 4096
    assert warnings[-1].startswith("... and ")
    document = review_response("u", False, message="m" * 10000, code=403)
    assert len(document["response"]["status"]["message"]) <= 3000
