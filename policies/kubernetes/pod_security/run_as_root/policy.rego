# METADATA
# title: Containers do not run as root
# description: >-
#   A model server running as root turns any code execution bug (or a model file that runs
#   code when loaded) into root in the container, one kernel bug away from the node. A
#   container fails when its effective runAsUser (container, else pod) is 0, or when neither
#   runAsNonRoot: true nor a non-zero runAsUser applies to it, so that the image's user (root
#   for most model server images) decides.
# custom:
#   id: AIP-K8S-005
#   severity: MEDIUM
#   category: access-control
#   guidelines: [design/secure-by-design, deployment/infrastructure]
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
#     Set runAsNonRoot: true and a non-zero runAsUser in the pod's securityContext (or each
#     container's), and build or choose images that run as a non-root user.
package aipolicy.kubernetes.pod_security.run_as_root

import rego.v1

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	data.aipolicy.lib.kubernetes.effective(entry, "runAsUser", null) == 0
	path := data.aipolicy.lib.kubernetes.effective_path(entry, "runAsUser")
	finding := data.aipolicy.lib.resources.finding(entry.resource, path, "container runs as root (runAsUser 0)")
}

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	user := data.aipolicy.lib.kubernetes.effective(entry, "runAsUser", null)
	user != 0
	not _non_root(entry, user)
	not _inherited(entry)
	finding := data.aipolicy.lib.resources.finding(
		entry.resource, data.aipolicy.lib.kubernetes.effective_path(entry, "runAsNonRoot"),
		"container may run as root: neither runAsNonRoot nor a non-zero runAsUser is set",
	)
}

# user: the container's effective runAsUser (null when unset), read once by the caller
_non_root(entry, _) if data.aipolicy.lib.kubernetes.effective(entry, "runAsNonRoot", false) == true

_non_root(_, user) if {
	is_number(user)
	user > 0
}

_inherited(entry) if {
	data.aipolicy.lib.kubernetes.from_serving_runtime(entry)
	not "runAsNonRoot" in object.keys(data.aipolicy.lib.kubernetes.security_context(entry))
	not "runAsUser" in object.keys(data.aipolicy.lib.kubernetes.security_context(entry))
}
