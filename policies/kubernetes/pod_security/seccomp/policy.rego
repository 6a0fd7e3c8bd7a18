# METADATA
# title: Containers run with the RuntimeDefault (or a Localhost) seccomp profile
# description: >-
#   Without a seccomp profile a container can make every system call, including the rarely
#   used ones most kernel exploits need. The restricted Pod Security Standard requires
#   RuntimeDefault or Localhost, set on the container or the pod. KServe model containers that
#   leave it out (and whose predictor sets no pod profile) take it from their ServingRuntime.
# custom:
#   id: AIP-K8S-022
#   severity: LOW
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
#     Set securityContext.seccompProfile.type: RuntimeDefault in the pod spec (or on each
#     container).
package aipolicy.kubernetes.pod_security.seccomp

import rego.v1

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	profile := data.aipolicy.lib.kubernetes.effective(entry, "seccompProfile", {})
	not data.aipolicy.lib.kubernetes.get(profile, "type", "") in {"RuntimeDefault", "Localhost"}
	not _inherited(entry)
	path := concat(".", [data.aipolicy.lib.kubernetes.effective_path(entry, "seccompProfile"), "type"])
	finding := data.aipolicy.lib.resources.finding(entry.resource, path, "container runs without a seccomp profile")
}

_inherited(entry) if {
	data.aipolicy.lib.kubernetes.from_serving_runtime(entry)
	not "seccompProfile" in object.keys(data.aipolicy.lib.kubernetes.security_context(entry))
	not "seccompProfile" in object.keys(data.aipolicy.lib.kubernetes.pod_security_context(entry))
}
