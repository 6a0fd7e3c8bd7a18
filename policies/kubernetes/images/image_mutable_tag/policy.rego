# METADATA
# title: Container images never use the latest tag or no tag
# description: >-
#   An image referenced as `latest`, or with no tag at all (which means latest), changes
#   whenever the repository publishes: a restart or a new node silently upgrades the model
#   server, and a rollback cannot say what ran before. An image pinned by digest passes
#   whatever its tag.
# custom:
#   id: AIP-K8S-002
#   severity: HIGH
#   category: updates
#   guidelines: [operation/secure-updates, development/supply-chain]
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
#     Reference a released version (vllm/vllm-openai:v0.6.3), preferably pinned by digest, and
#     upgrade by changing the manifest.
package aipolicy.kubernetes.images.image_mutable_tag

import rego.v1

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	image := object.get(entry.container, "image", null)
	is_string(image)
	image != ""
	not data.aipolicy.lib.kubernetes.pinned_by_digest(image)
	message := _problem(image)
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, "image")
	finding := data.aipolicy.lib.resources.finding(entry.resource, path, message)
}

_problem(image) := "container image uses the mutable latest tag" if _tag(image) == "latest"

_problem(image) := "container image has no tag, so it runs whatever latest is" if not _tag(image)

# _tag is the part after the last colon of the last path segment (a registry port is not a tag).
_tag(image) := tag if {
	parts := split(split(image, "@")[0], "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	segments := split(last, ":")
	tag := segments[count(segments) - 1]
}
