# METADATA
# title: GPU workloads set GPU limits
# description: >-
#   GPUs are handed out by limits: a container that requests nvidia.com/gpu without a limit is
#   refused or mis-scheduled, and a GPU model server container with no GPU limit on a node
#   running the NVIDIA container runtime sees every GPU of the node (the serving images set
#   NVIDIA_VISIBLE_DEVICES=all), so it can read other tenants' GPU memory and starve them. A
#   container fails when it requests a GPU without limiting it, or when it is a model server
#   container bound for GPUs (a GPU serving image such as vLLM, Triton, TGI or NIM, the nvidia
#   runtime class, or a GPU toleration) without a GPU limit.
# custom:
#   id: AIP-K8S-013
#   severity: MEDIUM
#   category: resilience
#   guidelines: [deployment/infrastructure, deployment/model-protection]
#   resource_types:
#     - core/Pod
#     - core/ReplicationController
#     - apps/Deployment
#     - apps/StatefulSet
#     - apps/DaemonSet
#     - apps/ReplicaSet
#     - batch/Job
#     - batch/CronJob
#     - serving.kserve.io/InferenceService
#     - serving.kserve.io/ServingRuntime
#     - serving.kserve.io/ClusterServingRuntime
#     - kubeflow.org/Notebook
#     - kubeflow.org/PyTorchJob
#     - kubeflow.org/TFJob
#     - kubeflow.org/MPIJob
#     - ray.io/RayCluster
#     - ray.io/RayService
#     - ray.io/RayJob
#     - leaderworkerset.x-k8s.io/LeaderWorkerSet
#   remediation: >-
#     Set resources.limits."nvidia.com/gpu" (equal to the request) on every container that
#     uses GPUs.
package aipolicy.kubernetes.resources.gpu_limits

import rego.v1

_gpu_images := ["vllm-openai", "tritonserver", "text-generation-inference", "nvcr.io/nim/"]

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	requests := data.aipolicy.lib.kubernetes.resources(entry, "requests")
	some gpu in data.aipolicy.lib.kubernetes.gpu_resources
	_present(requests, gpu)
	not _present(data.aipolicy.lib.kubernetes.resources(entry, "limits"), gpu)
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, concat("", ["resources.limits.", gpu]))
	finding := data.aipolicy.lib.resources.finding(
		entry.resource, path,
		"container requests GPUs without a GPU limit",
	)
}

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	entry.field in {"containers", "model", "huggingface", "triton", "pytorch", "tensorflow"}
	entry.resource.id in data.aipolicy.lib.kubernetes.model_server_ids
	_gpu_bound(entry)
	not _limits_gpus(entry)
	not _requests_gpus(entry)
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, "resources.limits.nvidia.com/gpu")
	finding := data.aipolicy.lib.resources.finding(
		entry.resource, path,
		"GPU model server container has no GPU limit",
	)
}

_gpu_bound(entry) if {
	is_string(entry.container.image)
	image := lower(entry.container.image)
	some needle in _gpu_images
	contains(image, needle)
}

_gpu_bound(entry) if {
	class := entry.pod.spec.runtimeClassName
	is_string(class)
	contains(lower(class), "nvidia")
}

_gpu_bound(entry) if {
	tolerations := object.get(entry.pod.spec, "tolerations", [])
	is_array(tolerations)
	some toleration in tolerations
	toleration.key in data.aipolicy.lib.kubernetes.gpu_resources
}

_limits_gpus(entry) if {
	some gpu in data.aipolicy.lib.kubernetes.gpu_resources
	_present(data.aipolicy.lib.kubernetes.resources(entry, "limits"), gpu)
}

_requests_gpus(entry) if {
	some gpu in data.aipolicy.lib.kubernetes.gpu_resources
	_present(data.aipolicy.lib.kubernetes.resources(entry, "requests"), gpu)
}

_present(resources, key) if {
	value := resources[key]
	value != null
}
