# METADATA
# title: Containers drop all capabilities and add none beyond NET_BIND_SERVICE
# description: >-
#   Container runtimes grant a default set of Linux capabilities (NET_RAW, CHOWN, SETUID, ...)
#   that a model server does not need; each one widens what an attacker in the container can
#   do. Every container must drop ALL, and may add back only NET_BIND_SERVICE, as the
#   restricted Pod Security Standard requires.
# custom:
#   id: AIP-K8S-006
#   severity: MEDIUM
#   category: access-control
#   guidelines: [design/secure-by-design]
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
#     Set securityContext.capabilities.drop: [ALL] on every container and remove added
#     capabilities other than NET_BIND_SERVICE.
package aipolicy.kubernetes.pod_security.capabilities

import rego.v1

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	not _drops_all(entry)
	not _inherited(entry)
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, "securityContext.capabilities.drop")
	finding := data.aipolicy.lib.resources.finding(entry.resource, path, "container does not drop all capabilities")
}

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	added := data.aipolicy.lib.kubernetes.get(data.aipolicy.lib.kubernetes.security_context(entry), ["capabilities", "add"], [])
	is_array(added)
	some i, capability in added
	not capability in {"NET_BIND_SERVICE", "CAP_NET_BIND_SERVICE"}
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, sprintf("securityContext.capabilities.add.%d", [i]))
	finding := data.aipolicy.lib.resources.finding(
		entry.resource, path,
		"container adds a capability beyond NET_BIND_SERVICE",
	)
}

_drops_all(entry) if {
	dropped := data.aipolicy.lib.kubernetes.get(data.aipolicy.lib.kubernetes.security_context(entry), ["capabilities", "drop"], [])
	is_array(dropped)
	some capability in dropped
	capability in {"ALL", "all"}
}

_inherited(entry) if {
	data.aipolicy.lib.kubernetes.from_serving_runtime(entry)
	not "capabilities" in object.keys(data.aipolicy.lib.kubernetes.security_context(entry))
}
