# METADATA
# title: Containers set CPU and memory limits
# description: >-
#   A container without limits can take all of its node's CPU and memory: one expensive
#   prompt, a long context or a flood of requests to a model server starves every other pod on
#   the node, the kubelet included. A limit passes when the container sets it, or when a
#   LimitRange in the same namespace (present in the scan) gives containers a default.
#   Ephemeral containers cannot set resources and are not judged; KServe model containers that
#   leave limits out take them from their ServingRuntime.
# custom:
#   id: AIP-K8S-012
#   severity: LOW
#   category: resilience
#   guidelines: [deployment/infrastructure, design/secure-by-design]
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
#     Set resources.limits.cpu and resources.limits.memory on every container (or a LimitRange
#     default for the namespace), sized from load tests of the model server.
package aipolicy.kubernetes.resources.cpu_memory_limits

import rego.v1

_messages := {
	"cpu": "container has no CPU limit",
	"memory": "container has no memory limit",
}

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	entry.field != "ephemeralContainers"
	not _inherited(entry)
	some resource, message in _messages
	not _limited(data.aipolicy.lib.kubernetes.resources(entry, "limits"), resource)
	not _defaulted(entry.resource, resource)
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, concat(".", ["resources.limits", resource]))
	finding := data.aipolicy.lib.resources.finding(entry.resource, path, message)
}

_limited(limits, resource) if {
	value := limits[resource]
	value != null
}

_defaulted(r, resource) if {
	namespace := data.aipolicy.lib.kubernetes.namespace(r)
	some range in data.aipolicy.lib.resources.of_type(input, "core/LimitRange")
	data.aipolicy.lib.kubernetes.namespace(range) == namespace
	items := object.get(range.attributes, ["spec", "limits"], [])
	is_array(items)
	some item in items
	item.type == "Container"
	_limited(data.aipolicy.lib.kubernetes.get(item, "default", {}), resource)
}

_inherited(entry) if {
	data.aipolicy.lib.kubernetes.from_serving_runtime(entry)
	not "resources" in object.keys(entry.container)
}
