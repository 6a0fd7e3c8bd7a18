# METADATA
# title: Kubernetes workloads, pod specs and containers
# description: >-
#   Every Kubernetes source (manifests, a live cluster, an AdmissionReview) puts objects in
#   the view as the API server returns them, typed `<group>/<Kind>` (core/Pod,
#   apps/Deployment, serving.kserve.io/InferenceService). Pod specs sit at a different place
#   in each kind; these helpers find every pod spec and every container (init and ephemeral
#   too, and KServe's model server containers) of any workload, so a policy is written once
#   for all kinds. Every function guards the types it reads: a malformed object yields
#   nothing instead of aborting evaluation.
package aipolicy.lib.kubernetes

import rego.v1

# workload_types lists the types whose objects carry pod specs.
workload_types := [
	"core/Pod",
	"core/ReplicationController",
	"apps/Deployment",
	"apps/StatefulSet",
	"apps/DaemonSet",
	"apps/ReplicaSet",
	"batch/Job",
	"batch/CronJob",
	"serving.kserve.io/InferenceService",
	"serving.kserve.io/ServingRuntime",
	"serving.kserve.io/ClusterServingRuntime",
	"kubeflow.org/Notebook",
	"kubeflow.org/PyTorchJob",
	"kubeflow.org/TFJob",
	"kubeflow.org/MPIJob",
	"ray.io/RayCluster",
	"ray.io/RayService",
	"ray.io/RayJob",
	"leaderworkerset.x-k8s.io/LeaderWorkerSet",
]

# Where each type keeps its pod specs: `path` leads to a pod spec; with `each`, every element
# of the list or map at `each` holds a pod spec at `path`.
_ray_cluster(prefix) := [
	{"path": array.concat(prefix, ["headGroupSpec", "template", "spec"])},
	{"each": array.concat(prefix, ["workerGroupSpecs"]), "path": ["template", "spec"]},
]

_template := [{"path": ["spec", "template", "spec"]}]

_pod_spec_paths := {
	"core/Pod": [{"path": ["spec"]}],
	"core/ReplicationController": _template,
	"apps/Deployment": _template,
	"apps/StatefulSet": _template,
	"apps/DaemonSet": _template,
	"apps/ReplicaSet": _template,
	"batch/Job": _template,
	"batch/CronJob": [{"path": ["spec", "jobTemplate", "spec", "template", "spec"]}],
	# KServe components embed the pod spec's fields inline (containers, volumes, hostNetwork, ...).
	"serving.kserve.io/InferenceService": [
		{"path": ["spec", "predictor"]},
		{"path": ["spec", "transformer"]},
		{"path": ["spec", "explainer"]},
	],
	"serving.kserve.io/ServingRuntime": [{"path": ["spec"]}],
	"serving.kserve.io/ClusterServingRuntime": [{"path": ["spec"]}],
	"kubeflow.org/Notebook": _template,
	"kubeflow.org/PyTorchJob": [{"each": ["spec", "pytorchReplicaSpecs"], "path": ["template", "spec"]}],
	"kubeflow.org/TFJob": [{"each": ["spec", "tfReplicaSpecs"], "path": ["template", "spec"]}],
	"kubeflow.org/MPIJob": [{"each": ["spec", "mpiReplicaSpecs"], "path": ["template", "spec"]}],
	"ray.io/RayCluster": _ray_cluster(["spec"]),
	"ray.io/RayService": _ray_cluster(["spec", "rayClusterConfig"]),
	"ray.io/RayJob": array.concat(
		_ray_cluster(["spec", "rayClusterSpec"]),
		[{"path": ["spec", "submitterPodTemplate", "spec"]}],
	),
	"leaderworkerset.x-k8s.io/LeaderWorkerSet": [
		{"path": ["spec", "leaderWorkerTemplate", "leaderTemplate", "spec"]},
		{"path": ["spec", "leaderWorkerTemplate", "workerTemplate", "spec"]},
	],
}

# The fields of a KServe component that are model server containers (the predictor's model
# and framework specs, the explainer's): each is a container without a name.
_kserve_model_fields := [
	"model", "sklearn", "xgboost", "tensorflow", "pytorch", "triton", "onnx",
	"huggingface", "pmml", "lightgbm", "paddle", "alibi", "art",
]

container_fields := ["initContainers", "containers", "ephemeralContainers"]

# workloads returns every resource of the view that carries pod specs, through the by-type index.
# It reads the index itself rather than through data.aipolicy.lib.resources.of_type: the OPA
# engine pushes library modules one by one in name order, and OPA compiles each against what
# it already holds, so this module must not depend on one that sorts after it.
workloads(view) := [r |
	some type in workload_types
	some id in object.get(view, ["by_type", type], [])
	r := view.resources[id]
]

# model_servers returns the workloads that serve models (see is_model_server).
model_servers(view) := [r |
	some r in workloads(view)
	is_model_server(r)
]

# workload_containers lists every container of every workload of the input (containers
# entries, each carrying its resource). It is a rule so that it is computed once per
# evaluation and shared by every policy: regorus does not memoise function calls, and
# recomputing the containers of every workload in each policy dominated evaluation time.
workload_containers := [entry |
	some r in workloads(input)
	some entry in containers(r)
]

# model_server_ids is the set of ids of the input's model servers, computed once per evaluation.
# The same tests as is_model_server, but over workload_containers: is_model_server(r) would
# list each workload's containers again, and that doubled the cost of an admission review.
model_server_ids contains r.id if {
	some r in workloads(input)
	r.type in _server_types
}

model_server_ids contains entry.resource.id if {
	some entry in workload_containers
	model_server_image(entry.container.image)
}

model_server_ids contains r.id if {
	some r in workloads(input)
	_server_labelled(r)
}

model_server_ids contains entry.resource.id if {
	some entry in workload_containers
	requests_gpu(entry)
}

# pod_specs returns every pod spec of a resource: [{"path": [...], "spec": {...}}], the path
# being the keys from the object's root to the pod spec.
pod_specs(r) := array.concat(_direct_pod_specs(r), _each_pod_specs(r))

_direct_pod_specs(r) := [{"path": p.path, "spec": spec} |
	some p in object.get(_pod_spec_paths, r.type, [])
	not p.each
	spec := object.get(r.attributes, p.path, null)
	is_object(spec)
]

_each_pod_specs(r) := [{"path": array.concat(prefix, p.path), "spec": spec} |
	some p in object.get(_pod_spec_paths, r.type, [])
	p.each
	group := object.get(r.attributes, p.each, null)
	_collection(group)
	some key, member in group
	spec := get(member, p.path, null)
	is_object(spec)
	prefix := array.concat(p.each, [key])
]

# containers returns every container of a resource, whatever its kind:
# [{"path": ["spec", "template", "spec", "containers", 0], "container": {...},
#   "field": "containers", "pod": <the pod_specs entry it belongs to>, "resource": r}].
# `field` is initContainers, containers, ephemeralContainers, or the KServe model field
# (model, sklearn, ...) it comes from. attribute_path(entry.path, "image") names an attribute
# of it in a finding ("spec.template.spec.containers.0.image").
containers(r) := array.concat(_pod_containers(r), _model_containers(r))

_pod_containers(r) := [entry |
	some pod in pod_specs(r)
	some field in container_fields
	members := object.get(pod.spec, field, [])
	is_array(members)
	some i, container in members
	is_object(container)
	entry := {
		"path": array.concat(pod.path, [field, i]),
		"container": container,
		"field": field,
		"pod": pod,
		"resource": r,
	}
]

_model_containers(r) := [entry |
	r.type == "serving.kserve.io/InferenceService"
	some pod in pod_specs(r)
	some field in _kserve_model_fields
	container := object.get(pod.spec, field, null)
	is_object(container)
	entry := {
		"path": array.concat(pod.path, [field]),
		"container": container,
		"field": field,
		"pod": pod,
		"resource": r,
	}
]

# get is object.get that yields the default for anything that is not an object: OPA is
# undefined there, regorus aborts evaluation.
get(x, path, default_value) := object.get(x, path, default_value) if {
	is_object(x)
} else := default_value

# path_string writes a path of keys and indexes as the dotted attribute path findings name.
path_string(path) := concat(".", [sprintf("%v", [key]) | some key in path])

# attribute_path is the dotted attribute path of `suffix` (dotted keys) below a container's or
# a pod spec's path: attribute_path(entry.path, "securityContext.privileged").
attribute_path(path, suffix) := concat(".", [path_string(path), suffix])

# pod_path is the dotted path of a pod spec entry.
pod_path(pod) := path_string(pod.path)

# namespace returns the namespace of a namespaced object: metadata.namespace, or the first
# part of its `namespace/Kind/name` id (collectors use the default namespace when the
# object names none). Undefined for cluster-scoped objects.
namespace(r) := ns if {
	ns := object.get(r.attributes, ["metadata", "namespace"], "")
	is_string(ns)
	ns != ""
} else := ns if {
	is_string(r.id)
	parts := split(r.id, "/")
	count(parts) == 3
	ns := parts[0]
}

# name returns metadata.name (undefined when it is not a string).
name(r) := n if {
	n := object.get(r.attributes, ["metadata", "name"], null)
	is_string(n)
}

# labels returns the object's own labels ({} when it has none or they are malformed).
labels(r) := _object_or_empty(object.get(r.attributes, ["metadata", "labels"], {}))

# pod_labels returns, for each pod spec of a resource, the labels its pods will carry: the
# template's labels, plus those KServe and KubeRay put on the pods they create.
pod_labels(r) := [object.union(_operator_labels(r), _template_labels(r, pod)) |
	some pod in pod_specs(r)
]

_template_labels(r, pod) := _object_or_empty(object.get(
	r.attributes,
	array.concat(array.slice(pod.path, 0, count(pod.path) - 1), ["metadata", "labels"]),
	{},
))

_operator_labels(r) := {"serving.kserve.io/inferenceservice": name(r)} if {
	r.type == "serving.kserve.io/InferenceService"
} else := {"ray.io/cluster": name(r)} if {
	r.type == "ray.io/RayCluster"
} else := {}

# selects holds when a label selector (a Service's spec.selector: a map of labels) is not
# empty and all its labels are in `labels`.
selects(selector, pod_label_set) if {
	is_object(selector)
	count(selector) > 0
	is_object(pod_label_set)
	every key, value in selector {
		pod_label_set[key] == value
	}
}

# security_context returns a container's securityContext ({} when unset or malformed).
security_context(entry) := _object_or_empty(object.get(entry.container, "securityContext", {}))

# pod_security_context returns the pod's securityContext ({} when unset or malformed).
pod_security_context(entry) := _object_or_empty(object.get(entry.pod.spec, "securityContext", {}))

# effective returns a security setting as it applies to a container: the container's value,
# else the pod's, else `default_value` (runAsUser, runAsNonRoot, seccompProfile, ...).
effective(entry, key, default_value) := object.get(
	security_context(entry), key,
	object.get(pod_security_context(entry), key, default_value),
)

# effective_path returns the dotted path where a security setting that applies to a container
# is set: the container's securityContext, else the pod's, else the container's (where it
# belongs when it is missing).
effective_path(entry, key) := attribute_path(entry.path, concat(".", ["securityContext", key])) if {
	_has(security_context(entry), key)
} else := attribute_path(entry.pod.path, concat(".", ["securityContext", key])) if {
	_has(pod_security_context(entry), key)
} else := attribute_path(entry.path, concat(".", ["securityContext", key]))

# from_serving_runtime holds for a KServe model container (predictor.model, ...): KServe merges
# it into the container of the ServingRuntime that serves the model, so a field it leaves out
# comes from the runtime, which is judged as a workload of its own. Policies that fail on a
# missing field skip these containers for that field; values they do set are judged.
from_serving_runtime(entry) if entry.field in _kserve_model_fields

# resources returns one of a container's resource maps ("limits" or "requests"; {} if unset).
resources(entry, kind) := _object_or_empty(object.get(entry.container, ["resources", kind], {}))

gpu_resources := ["nvidia.com/gpu", "amd.com/gpu"]

# requests_gpu holds when a container requests or limits a GPU.
requests_gpu(entry) if {
	some kind in ["requests", "limits"]
	some gpu in gpu_resources
	_positive(resources(entry, kind)[gpu])
}

# Model server images (lower-cased substrings): vLLM, NVIDIA Triton and NIM, Hugging Face TGI,
# KServe's servers, TorchServe, TensorFlow Serving, Ollama, SGLang, llama.cpp. Substrings, not
# one regular expression: regorus compiles a pattern on every call, and a case-insensitive
# alternation costs milliseconds each time.
_server_images := [
	"vllm", "tritonserver", "text-generation-inference", "torchserve", "tensorflow/serving",
	"ollama", "sglang", "llama.cpp", "kserve/", "nvcr.io/nim/",
]

# Label values (lower-cased substrings) that name a model server, and exact values.
_server_label_values := [
	"vllm", "triton", "text-generation-inference", "kserve", "ray-serve", "rayserve",
	"torchserve", "ollama", "model-server", "modelserver", "model-serving",
]

_server_label_keys := [
	"app",
	"app.kubernetes.io/name",
	"app.kubernetes.io/component",
	"app.kubernetes.io/part-of",
	"component",
]

# Kinds that exist only to serve models.
_server_types := [
	"serving.kserve.io/InferenceService",
	"serving.kserve.io/ServingRuntime",
	"serving.kserve.io/ClusterServingRuntime",
	"ray.io/RayService",
]

# model_server_image holds for the image of a known model server.
model_server_image(image) if {
	is_string(image)
	name := lower(image)
	some needle in _server_images
	contains(name, needle)
}

_server_label(value) if {
	is_string(value)
	lowered := lower(value)
	some needle in _server_label_values
	contains(lowered, needle)
}

_server_label(value) if {
	is_string(value)
	lower(value) == "tgi"
}

# pinned_by_digest holds when an image reference ends in a full sha256 digest
# (data.aipolicy.lib.images.pinned_by_digest) and carries no other: a second "@sha256:" is no
# image reference the kubelet can pull.
pinned_by_digest(image) if {
	data.aipolicy.lib.images.pinned_by_digest(image)
	count(split(image, "@sha256:")) == 2
}

# is_model_server holds for a workload that serves a model: a serving kind, a model server
# image, labels naming a model server, or GPUs requested by any container.
is_model_server(r) if r.type in _server_types

is_model_server(r) if {
	some entry in containers(r)
	model_server_image(entry.container.image)
}

is_model_server(r) if _server_labelled(r)

is_model_server(r) if {
	some entry in containers(r)
	requests_gpu(entry)
}

_server_labelled(r) if {
	some label_set in array.concat([labels(r)], pod_labels(r))
	some key in _server_label_keys
	_server_label(label_set[key])
}

_has(obj, key) if {
	is_object(obj)
	_ := obj[key]
}

_collection(x) if is_object(x)

_collection(x) if is_array(x)

_object_or_empty(x) := x if is_object(x)

_object_or_empty(x) := {} if not is_object(x)

_positive(x) if {
	is_number(x)
	x > 0
}

# A quantity string of digits only, not all zeros ("1", "08"); no regular expression (see above).
_positive(x) if {
	is_string(x)
	x != ""
	trim(x, "0123456789") == ""
	trim_left(x, "0") != ""
}
