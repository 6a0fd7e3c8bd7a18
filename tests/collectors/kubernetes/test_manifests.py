"""The manifest collector: YAML, JSON, lists, stdin, directories, ids, types, locations and hostile input."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from aipolicy.collectors.kubernetes import manifests
from aipolicy.collectors.kubernetes.manifests import Limits, ManifestCollector
from aipolicy.view import ResourceView, validate_document

DEPLOYMENT = """\
# vLLM serving llama
apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm
  namespace: llm
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.6.3
"""

SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: vllm
  namespace: llm
spec:
  selector: {app: vllm}
"""

NAMESPACE = """\
apiVersion: v1
kind: Namespace
metadata:
  name: llm
"""


def collect(*paths: Path, stdin: Any = None, limits: Limits | None = None) -> ResourceView:
    view = ManifestCollector(list(paths), stdin=stdin, limits=limits).collect()
    validate_document(view.to_document())
    return view


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


def errors(view: ResourceView, severity: str = "error") -> list[str]:
    return [e.message for e in view.errors if e.severity == severity]


# -- documents, ids, types, locations --------------------------------------------------------------


def test_multi_document_yaml(tmp_path: Path) -> None:
    path = write(
        tmp_path / "stack.yaml", f"{NAMESPACE}---\n{DEPLOYMENT}---\n---\n# only a comment\n---\n{SERVICE}"
    )
    view = collect(path)
    assert not view.errors
    assert list(view.resources) == ["Namespace/llm", "llm/Deployment/vllm", "llm/Service/vllm"]
    deployment = view.resources["llm/Deployment/vllm"]
    assert deployment.type == "apps/Deployment"
    assert deployment.provider == "kubernetes"
    assert (
        deployment.attributes["spec"]["template"]["spec"]["containers"][0]["image"]
        == "vllm/vllm-openai:v0.6.3"
    )
    assert deployment.location is not None
    assert deployment.location.file == path.as_posix()
    assert (deployment.location.line, deployment.location.end_line) == (7, 17)  # after the comment line
    assert view.resources["Namespace/llm"].location.line == 1  # type: ignore[union-attr]
    assert view.resources["Namespace/llm"].location.end_line == 4  # type: ignore[union-attr]
    assert view.source_kind == "kubernetes"
    assert view.to_document()["by_type"] == {
        "core/Namespace": ["Namespace/llm"],
        "apps/Deployment": ["llm/Deployment/vllm"],
        "core/Service": ["llm/Service/vllm"],
    }


def test_attributes_are_the_object_as_written(tmp_path: Path) -> None:
    text = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  creationTimestamp: 2024-05-01T10:00:00Z
data:
  octal: "0755"
  date: 2024-05-01
  flag: true
  count: 3
  ratio: 0.5
  empty:
"""
    view = collect(write(tmp_path / "cm.yaml", text))
    attributes = view.resources["default/ConfigMap/c"].attributes
    assert attributes == {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "c", "creationTimestamp": "2024-05-01T10:00:00Z"},
        "data": {
            "octal": "0755",
            "date": "2024-05-01",
            "flag": True,
            "count": 3,
            "ratio": 0.5,
            "empty": None,
        },
    }
    json.dumps(view.to_document())  # nothing that JSON cannot hold


@pytest.mark.parametrize(
    ("api_version", "kind", "expected_type", "expected_id"),
    [
        ("v1", "Pod", "core/Pod", "ns/Pod/x"),
        ("apps/v1", "Deployment", "apps/Deployment", "ns/Deployment/x"),
        ("batch/v1", "CronJob", "batch/CronJob", "ns/CronJob/x"),
        (
            "serving.kserve.io/v1beta1",
            "InferenceService",
            "serving.kserve.io/InferenceService",
            "ns/InferenceService/x",
        ),
        ("kubeflow.org/v1", "Notebook", "kubeflow.org/Notebook", "ns/Notebook/x"),
        ("ray.io/v1", "RayCluster", "ray.io/RayCluster", "ns/RayCluster/x"),
        ("networking.k8s.io/v1", "NetworkPolicy", "networking.k8s.io/NetworkPolicy", "ns/NetworkPolicy/x"),
        ("networking.k8s.io/v1", "Ingress", "networking.k8s.io/Ingress", "ns/Ingress/x"),
        ("v1", "Namespace", "core/Namespace", "Namespace/x"),
        ("v1", "PersistentVolume", "core/PersistentVolume", "PersistentVolume/x"),
        (
            "rbac.authorization.k8s.io/v1",
            "ClusterRole",
            "rbac.authorization.k8s.io/ClusterRole",
            "ClusterRole/x",
        ),
        (
            "rbac.authorization.k8s.io/v1",
            "ClusterRoleBinding",
            "rbac.authorization.k8s.io/ClusterRoleBinding",
            "ClusterRoleBinding/x",
        ),
        (
            "rbac.authorization.k8s.io/v1",
            "RoleBinding",
            "rbac.authorization.k8s.io/RoleBinding",
            "ns/RoleBinding/x",
        ),
        (
            "apiextensions.k8s.io/v1",
            "CustomResourceDefinition",
            "apiextensions.k8s.io/CustomResourceDefinition",
            "CustomResourceDefinition/x",
        ),
        ("storage.k8s.io/v1", "StorageClass", "storage.k8s.io/StorageClass", "StorageClass/x"),
        (
            "admissionregistration.k8s.io/v1",
            "ValidatingWebhookConfiguration",
            "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
            "ValidatingWebhookConfiguration/x",
        ),
    ],
)
def test_ids_and_types(
    tmp_path: Path, api_version: str, kind: str, expected_type: str, expected_id: str
) -> None:
    obj = {"apiVersion": api_version, "kind": kind, "metadata": {"name": "x", "namespace": "ns"}}
    view = collect(write(tmp_path / "o.json", json.dumps(obj)))
    assert not view.errors
    (resource,) = view.resources.values()
    assert (resource.id, resource.type) == (expected_id, expected_type)
    assert resource.attributes == obj  # a cluster-scoped object keeps the namespace it was written with


def test_namespaced_object_without_namespace_is_in_default(tmp_path: Path) -> None:
    view = collect(write(tmp_path / "pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"))
    assert list(view.resources) == ["default/Pod/p"]
    assert "namespace" not in view.resources["default/Pod/p"].attributes["metadata"]


def test_custom_resource_scope_from_a_definition_in_the_scan(tmp_path: Path) -> None:
    text = """\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: modelregistries.ml.example.com}
spec:
  group: ml.example.com
  scope: Cluster
  names: {kind: ModelRegistry, plural: modelregistries}
---
apiVersion: ml.example.com/v1
kind: ModelRegistry
metadata: {name: main, namespace: ignored}
---
apiVersion: ml.example.com/v1
kind: ModelCard
metadata: {name: llama}
"""
    view = collect(write(tmp_path / "crd.yaml", text))
    assert set(view.resources) == {
        "CustomResourceDefinition/modelregistries.ml.example.com",
        "ModelRegistry/main",
        "default/ModelCard/llama",
    }


def test_json_file(tmp_path: Path) -> None:
    obj = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "llm"}}
    path = write(tmp_path / "svc.json", json.dumps(obj, indent=2))
    view = collect(path)
    resource = view.resources["llm/Service/s"]
    assert resource.location is not None
    assert (resource.location.line, resource.location.end_line) == (1, 8)


def test_json_list_items_are_located(tmp_path: Path) -> None:
    items = [
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "llm"}},
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b", "namespace": "llm"}},
    ]
    text = json.dumps({"apiVersion": "v1", "kind": "List", "metadata": {}, "items": items}, indent=2)
    view = collect(write(tmp_path / "pods.json", text))
    assert list(view.resources) == ["llm/Pod/a", "llm/Pod/b"]
    lines = text.splitlines()
    for rid, name in (("llm/Pod/a", '"a"'), ("llm/Pod/b", '"b"')):
        location = view.resources[rid].location
        assert location is not None and location.line is not None and location.end_line is not None
        block = "\n".join(lines[location.line - 1 : location.end_line])
        assert block.strip().startswith("{") and block.strip().rstrip(",").endswith("}")
        assert name in block


def test_yaml_list_and_typed_list(tmp_path: Path) -> None:
    text = """\
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
---
apiVersion: v1
kind: PodList
metadata: {resourceVersion: "42"}
items:
  - metadata: {name: b, namespace: llm}
    spec: {containers: []}
"""
    view = collect(write(tmp_path / "lists.yaml", text))
    assert not view.errors
    assert list(view.resources) == ["default/Pod/a", "default/Deployment/d", "llm/Pod/b"]
    assert view.resources["default/Deployment/d"].location.line == 7  # type: ignore[union-attr]
    typed = view.resources["llm/Pod/b"]
    assert typed.type == "core/Pod"
    assert typed.attributes["kind"] == "Pod" and typed.attributes["apiVersion"] == "v1"
    assert typed.location.line == 15  # type: ignore[union-attr]


def test_stdin_text_stream() -> None:
    view = collect(Path("-"), stdin=io.StringIO(f"{DEPLOYMENT}---\n{SERVICE}"))
    assert list(view.resources) == ["llm/Deployment/vllm", "llm/Service/vllm"]
    assert view.root == "<stdin>"
    assert view.resources["llm/Service/vllm"].location.file == "<stdin>"  # type: ignore[union-attr]


def test_stdin_binary_buffer_json() -> None:
    payload = json.dumps({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}).encode()
    stream = io.TextIOWrapper(io.BytesIO(payload), encoding="utf-8")
    view = collect(Path("-"), stdin=stream)
    assert list(view.resources) == ["default/Pod/p"]


def test_stdin_flow_mapping_that_is_not_json() -> None:
    view = collect(Path("-"), stdin=io.StringIO("{apiVersion: v1, kind: Pod, metadata: {name: p}}\n"))
    assert list(view.resources) == ["default/Pod/p"]


def test_stdin_and_files_together(tmp_path: Path) -> None:
    path = write(tmp_path / "ns.yaml", NAMESPACE)
    view = collect(path, Path("-"), stdin=io.StringIO(DEPLOYMENT))
    assert set(view.resources) == {"Namespace/llm", "llm/Deployment/vllm"}
    assert view.root == f"{path.as_posix()}, <stdin>"


def test_duplicate_ids_are_errors(tmp_path: Path) -> None:
    first = write(tmp_path / "a.yaml", DEPLOYMENT)
    second = write(tmp_path / "b.yaml", DEPLOYMENT.replace("vllm/vllm-openai:v0.6.3", "other:1"))
    view = collect(first, second)
    assert list(view.resources) == ["llm/Deployment/vllm"]
    assert (
        view.resources["llm/Deployment/vllm"]
        .attributes["spec"]["template"]["spec"]["containers"][0]["image"]
        .startswith("vllm/")
    )
    (error,) = view.errors
    assert error.source == second.as_posix()
    assert "duplicate object llm/Deployment/vllm" in error.message and first.as_posix() in error.message


def test_stdin_stream_through_helm_like_output() -> None:
    rendered = (
        "---\n# Source: vllm/templates/serviceaccount.yaml\n"
        "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: vllm\n"
        "---\n# Source: vllm/templates/deployment.yaml\n" + DEPLOYMENT
    )
    view = collect(Path("-"), stdin=io.StringIO(rendered))
    assert list(view.resources) == ["default/ServiceAccount/vllm", "llm/Deployment/vllm"]
    assert view.resources["llm/Deployment/vllm"].location.line == 10  # type: ignore[union-attr]


# -- directories ----------------------------------------------------------------------------------


def test_directory_is_walked_recursively(tmp_path: Path) -> None:
    root = tmp_path / "deploy"
    write(root / "ns.yaml", NAMESPACE)
    write(root / "serving" / "vllm.yml", DEPLOYMENT)
    write(
        root / "serving" / "svc.json",
        json.dumps({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}}),
    )
    write(root / "README.md", "# not a manifest")
    write(root / ".git" / "config.yaml", NAMESPACE.replace("llm", "git"))
    view = collect(root)
    assert set(view.resources) == {"Namespace/llm", "llm/Deployment/vllm", "default/Service/s"}
    assert not view.errors


def test_directory_skips_yaml_that_is_not_kubernetes(tmp_path: Path) -> None:
    root = tmp_path / "chart"
    write(root / "Chart.yaml", "apiVersion: v2\nname: vllm\nversion: 0.1.0\n")
    write(root / "values.yaml", "image:\n  repository: vllm/vllm-openai\n")
    write(root / "rendered.yaml", DEPLOYMENT)
    view = collect(root)
    assert list(view.resources) == ["llm/Deployment/vllm"]
    assert not errors(view)
    assert sorted(Path(e.source).name for e in view.errors if e.severity == "info") == [
        "Chart.yaml",
        "values.yaml",
    ]


def test_a_named_file_that_is_not_kubernetes_is_an_error(tmp_path: Path) -> None:
    view = collect(write(tmp_path / "values.yaml", "image:\n  repository: vllm/vllm-openai\n"))
    assert not view.resources
    assert errors(view) == ["document 1 (line 1): has no apiVersion; skipped"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop_and_escape_are_skipped(tmp_path: Path) -> None:
    root = tmp_path / "deploy"
    write(root / "app" / "vllm.yaml", DEPLOYMENT)
    outside = write(tmp_path / "outside" / "secret.yaml", NAMESPACE.replace("llm", "outside"))
    (root / "app" / "loop").symlink_to(root, target_is_directory=True)
    (root / "escape.yaml").symlink_to(outside)
    (root / "escape-dir").symlink_to(outside.parent, target_is_directory=True)
    (root / "alias.yaml").symlink_to(root / "app" / "vllm.yaml")
    (root / "dangling.yaml").symlink_to(tmp_path / "missing.yaml")
    view = collect(root)
    assert list(view.resources) == ["llm/Deployment/vllm"]
    assert not errors(view)  # skipped entries are reported as info, never as failures
    info = {Path(e.source).name: e.message for e in view.errors if e.severity == "info"}
    assert "leaves the directory" in info["escape.yaml"]
    assert "leaves the directory" in info["escape-dir"]
    assert "symlink loop" in info["loop"]
    assert "cannot follow" in info["dangling.yaml"]


def test_missing_path_is_an_error_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "ns.yaml", NAMESPACE)
    view = collect(tmp_path / "nope.yaml", good)
    assert list(view.resources) == ["Namespace/llm"]
    assert errors(view) == ["no such file"]


# -- bad input ------------------------------------------------------------------------------------


def test_malformed_yaml_keeps_earlier_documents(tmp_path: Path) -> None:
    path = write(
        tmp_path / "broken.yaml", f"{NAMESPACE}---\napiVersion: v1\nkind: Pod\nmetadata: {{name: [\n"
    )
    view = collect(path)
    assert list(view.resources) == ["Namespace/llm"]
    (error,) = view.errors
    assert error.source == path.as_posix()
    assert error.message.startswith("document 2: malformed YAML:") and "line" in error.message


def test_non_utf8_file(tmp_path: Path) -> None:
    view = collect(
        write(
            tmp_path / "latin1.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: caf\xe9}\n".encode("latin-1"),
        )
    )
    assert errors(view) == ["not UTF-8 text (byte 45)"]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    view = collect(write(tmp_path / "bom.yaml", b"\xef\xbb\xbf" + NAMESPACE.encode()))
    assert list(view.resources) == ["Namespace/llm"]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("- a\n- b\n", "document 1 (line 1): is a list, expected a Kubernetes object (a mapping); skipped"),
        (
            "just text\n",
            "document 1 (line 1): is a string, expected a Kubernetes object (a mapping); skipped",
        ),
        ("kind: Pod\nmetadata: {name: p}\n", "document 1 (line 1): has no apiVersion; skipped"),
        ("apiVersion: v1\nmetadata: {name: p}\n", "document 1 (line 1): has no kind; skipped"),
        ("apiVersion: v1\nkind: Pod\n", "document 1 (line 1): Pod has no metadata; skipped"),
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {labels: {}}\n",
            "document 1 (line 1): Pod has no metadata.name; skipped",
        ),
        (
            "apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: train-}\n",
            "document 1 (line 1): Job has no metadata.name "
            "(generateName is not supported: give it a name); skipped",
        ),
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a/b}\n",
            "document 1 (line 1): Pod name 'a/b' contains '/'; skipped",
        ),
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: 3}\n",
            "document 1 (line 1): Pod p has an invalid metadata.namespace; skipped",
        ),
    ],
)
def test_documents_that_are_not_objects(tmp_path: Path, document: str, message: str) -> None:
    path = write(tmp_path / "bad.yaml", f"{document}---\n{NAMESPACE}")
    view = collect(path)
    assert list(view.resources) == ["Namespace/llm"]
    assert errors(view) == [message]
    assert view.errors[0].detail["document"] == 1


def test_list_item_errors_name_the_item(tmp_path: Path) -> None:
    text = (
        "apiVersion: v1\nkind: List\nitems:\n"
        "  - apiVersion: v1\n    kind: Pod\n    metadata: {name: ok}\n"
        "  - 42\n"
    )
    view = collect(write(tmp_path / "list.yaml", text))
    assert list(view.resources) == ["default/Pod/ok"]
    assert errors(view) == [
        "document 1 item 2 (line 7): is a number, expected a Kubernetes object (a mapping); skipped"
    ]


def test_huge_file_is_refused(tmp_path: Path) -> None:
    big = write(tmp_path / "big.yaml", NAMESPACE + "# " + "x" * 4096 + "\n")
    small = write(tmp_path / "small.yaml", DEPLOYMENT)
    view = collect(big, small, limits=Limits(max_bytes=2048))
    assert list(view.resources) == ["llm/Deployment/vllm"]
    (message,) = errors(view)
    assert "input limit" in message and "AIPOLICY_MAX_INPUT_MB" in message


def test_huge_stdin_is_refused() -> None:
    view = collect(Path("-"), stdin=io.StringIO(NAMESPACE * 100), limits=Limits(max_bytes=1024))
    assert not view.resources
    assert "input limit" in errors(view)[0]


def test_deeply_nested_yaml_is_refused(tmp_path: Path) -> None:
    nested = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + "[" * 200 + "]" * 200 + "\n"
    path = write(tmp_path / "deep.yaml", f"{nested}---\n{NAMESPACE}")
    view = collect(path)
    assert list(view.resources) == ["Namespace/llm"]
    assert errors(view) == ["document 1 (line 1): nested deeper than 100 levels; skipped"]


def test_deeply_nested_json_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path / "deep.json", '{"apiVersion": "v1", "kind": "Pod", "x": ' + "[" * 5000 + "]" * 5000 + "}"
    )
    view = collect(path)
    assert not view.resources
    (message,) = errors(view)
    assert message.startswith("JSON nested deeper than")
    shallow = write(
        tmp_path / "deeper.json", '{"apiVersion": "v1", "kind": "Pod", "x": ' + "[" * 150 + "]" * 150 + "}"
    )
    assert errors(collect(shallow)) == ["JSON nested deeper than 100 levels"]


def test_malformed_json(tmp_path: Path) -> None:
    view = collect(write(tmp_path / "bad.json", '{"apiVersion": "v1",\n "kind": }'))
    assert errors(view) == ["malformed JSON at line 2 column 10: Expecting value"]


BOMB = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: lol}
data:
  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.yaml", f"{BOMB}---\n{NAMESPACE}")
    started = time.monotonic()
    view = collect(path)
    assert time.monotonic() - started < 5
    assert list(view.resources) == ["Namespace/llm"]
    (message,) = errors(view)
    assert message.startswith("document 1 (line 1): expands beyond the size limit")


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: r}\ndata: &loop\n  self: *loop\n"
    view = collect(write(tmp_path / "recursive.yaml", text))
    assert not view.resources
    assert errors(view) == ["document 1 (line 1): nested deeper than 100 levels; skipped"]


def test_merge_keys_and_modest_aliases_are_fine(tmp_path: Path) -> None:
    text = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm, namespace: llm}
x-defaults: &limits {cpu: "8", memory: 48Gi}
spec:
  template:
    spec:
      containers:
        - name: a
          resources: {limits: {<<: *limits, nvidia.com/gpu: "1"}}
        - name: b
          resources: {limits: *limits}
"""
    view = collect(write(tmp_path / "merge.yaml", text))
    containers = view.resources["llm/Deployment/vllm"].attributes["spec"]["template"]["spec"]["containers"]
    assert containers[0]["resources"]["limits"] == {"cpu": "8", "memory": "48Gi", "nvidia.com/gpu": "1"}
    assert containers[1]["resources"]["limits"] == {"cpu": "8", "memory": "48Gi"}
    assert containers[0]["resources"]["limits"] is not containers[1]["resources"]["limits"]


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: false\n  hostNetwork: true\n"
    )
    view = collect(write(tmp_path / "dup.yaml", text))
    assert not view.resources
    assert errors(view) == [
        "document 1 (line 1): key 'hostNetwork' set twice in one mapping (line 6); skipped"
    ]


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (".nan", "is not a JSON number"),
        ("!!set {a, b}", "has no JSON form"),
        ("!custom x", "could not determine"),
    ],
)
def test_values_without_json_form(tmp_path: Path, value: str, fragment: str) -> None:
    view = collect(
        write(
            tmp_path / "odd.yaml", f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c}}\ndata: {value}\n"
        )
    )
    assert not view.resources
    (message,) = errors(view)
    assert message.startswith("document 1 (line 1): ") and fragment in message


def test_non_string_keys_become_strings(tmp_path: Path) -> None:
    view = collect(
        write(
            tmp_path / "keys.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {1: a, 2.5: b, null: c}\n",
        )
    )
    assert view.resources["default/ConfigMap/c"].attributes["data"] == {"1": "a", "2.5": "b", "null": "c"}


def test_binary_values_stay_base64(tmp_path: Path) -> None:
    text = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {token: !!binary aGVsbG8=}\n"
    view = collect(write(tmp_path / "secret.yaml", text))
    assert view.resources["default/Secret/s"].attributes["data"] == {"token": "aGVsbG8="}


def test_collect_never_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: Any, **__: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(manifests, "yaml_documents", explode)
    view = ManifestCollector([write(tmp_path / "a.yaml", NAMESPACE)]).collect()
    assert not view.resources
    assert errors(view) == ["internal error: RuntimeError('boom')"]


def test_errors_serialise_with_document_detail(tmp_path: Path) -> None:
    view = collect(write(tmp_path / "bad.yaml", f"{NAMESPACE}---\nkind: Pod\n"))
    (error,) = view.errors
    assert error.to_dict() == {
        "source": (tmp_path / "bad.yaml").as_posix(),
        "message": "document 2 (line 6): has no apiVersion; skipped",
        "severity": "error",
        "document": 2,
        "line": 6,
    }
