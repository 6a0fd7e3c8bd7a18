"""AdmissionReview v1 (admission.k8s.io/v1): reading a request, writing a response.

The request is checked only as far as the webhook relies on it; anything else the API server sends is
passed through untouched (the object under review above all). A review the webhook cannot read is a
MalformedReview, which the server answers with 400.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

API_VERSION = "admission.k8s.io/v1"
KIND = "AdmissionReview"
OPERATIONS = ("CREATE", "UPDATE", "DELETE", "CONNECT")

# The API server keeps at most 4096 characters of warnings across all webhooks and may cut any
# warning longer than 256 characters; stay inside both.
MAX_WARNING_CHARS = 256
MAX_WARNINGS_TOTAL = 4000
# Keep a denial's message readable in `kubectl` output and small in the API server's events.
MAX_MESSAGE_CHARS = 3000


class MalformedReview(ValueError):
    """A body that is not an AdmissionReview v1 request the webhook can answer."""


@dataclass(frozen=True)
class AdmissionRequest:
    """The parts of `request` the webhook reads; `raw` is the request itself."""

    uid: str
    operation: str
    group: str
    version: str
    kind: str
    sub_resource: str
    namespace: str
    name: str
    dry_run: bool
    object: dict[str, Any] | None
    raw: dict[str, Any]

    @property
    def display(self) -> str:
        """`Kind namespace/name`, for logs and messages."""
        where = f"{self.namespace}/{self.name}" if self.namespace else self.name
        return f"{self.kind} {where or '(unnamed)'}"


def parse_review(body: bytes) -> AdmissionRequest:
    """The request of an AdmissionReview v1 body; MalformedReview says what is wrong."""
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedReview(f"body is not JSON: {exc}") from None
    if not isinstance(document, dict):
        raise MalformedReview("body is not a JSON object")
    if document.get("apiVersion") != API_VERSION or document.get("kind") != KIND:
        raise MalformedReview(
            f"expected apiVersion {API_VERSION} kind {KIND}, got"
            f" {document.get('apiVersion')!r} {document.get('kind')!r}"
        )
    request = document.get("request")
    if not isinstance(request, dict):
        raise MalformedReview("the review has no request object")
    uid = request.get("uid")
    if not isinstance(uid, str) or not uid:
        raise MalformedReview("request.uid is missing")
    operation = request.get("operation")
    if operation not in OPERATIONS:
        raise MalformedReview(f"request.operation {operation!r} is not one of {', '.join(OPERATIONS)}")
    kind = request.get("kind")
    if not isinstance(kind, dict) or not isinstance(kind.get("kind"), str) or not kind["kind"]:
        raise MalformedReview("request.kind is missing its kind")
    obj = request.get("object")
    if operation in ("CREATE", "UPDATE") and not isinstance(obj, dict):
        raise MalformedReview(f"request.object must be an object for {operation}")
    dry_run = request.get("dryRun", False)
    if not isinstance(dry_run, bool):
        raise MalformedReview("request.dryRun must be a boolean")
    return AdmissionRequest(
        uid=uid,
        operation=str(operation),
        group=_text(kind.get("group")),
        version=_text(kind.get("version")),
        kind=kind["kind"],
        sub_resource=_text(request.get("subResource")),
        namespace=_text(request.get("namespace")),
        name=_text(request.get("name")),
        dry_run=dry_run,
        object=obj if isinstance(obj, dict) else None,
        raw=request,
    )


def review_response(
    uid: str,
    allowed: bool,
    *,
    message: str | None = None,
    code: int | None = None,
    reason: str | None = None,
    warnings: list[str] | None = None,
) -> dict[str, Any]:
    """An AdmissionReview v1 response document for the request `uid`."""
    response: dict[str, Any] = {"uid": uid, "allowed": allowed}
    if message is not None or code is not None:
        status: dict[str, Any] = {}
        if code is not None:
            status["code"] = code
        if reason is not None:
            status["reason"] = reason
        if message is not None:
            status["message"] = truncate(message, MAX_MESSAGE_CHARS)
        response["status"] = status
    if warnings:
        response["warnings"] = bounded_warnings(warnings)
    return {"apiVersion": API_VERSION, "kind": KIND, "response": response}


def bounded_warnings(warnings: list[str]) -> list[str]:
    """Warnings within the API server's limits; what does not fit is summarised in a last warning."""
    out: list[str] = []
    total = 0
    for i, warning in enumerate(warnings):
        text = truncate(" ".join(warning.split()), MAX_WARNING_CHARS)
        rest = len(warnings) - i
        if total + len(text) > MAX_WARNINGS_TOTAL - 64:
            out.append(f"... and {rest} more (see the webhook's log)")
            break
        out.append(text)
        total += len(text)
    return out


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
