# METADATA
# title: Containers do not run privileged
# description: >-
#   A privileged container has every capability and every device of the node: whoever controls
#   the model server (a prompt-injected agent, a malicious model file, a vulnerable server)
#   controls the node, its GPUs and every other tenant on it. GPUs are exposed to containers
#   by the device plugin; they do not need privileged mode.
# custom:
#   id: AIP-K8S-003
#   severity: HIGH
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
#     Remove securityContext.privileged (or set it to false); request GPUs through resources
#     (nvidia.com/gpu) and the NVIDIA device plugin instead.
package aipolicy.kubernetes.pod_security.privileged

import rego.v1

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	data.aipolicy.lib.kubernetes.security_context(entry).privileged == true
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, "securityContext.privileged")
	finding := data.aipolicy.lib.resources.finding(
		entry.resource, path,
		"container runs privileged, with full access to its node",
	)
}
