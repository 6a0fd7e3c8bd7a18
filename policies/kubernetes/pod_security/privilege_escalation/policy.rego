# METADATA
# title: Containers do not allow privilege escalation
# description: >-
#   Unless allowPrivilegeEscalation is false, a process in the container can gain more
#   privileges than its parent (setuid binaries, file capabilities). The Kubernetes default
#   allows it, so an absent setting fails. KServe model containers that leave it out take it
#   from their ServingRuntime, which is judged itself.
# custom:
#   id: AIP-K8S-004
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
#     Set securityContext.allowPrivilegeEscalation: false on every container.
package aipolicy.kubernetes.pod_security.privilege_escalation

import rego.v1

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	not data.aipolicy.lib.kubernetes.security_context(entry).allowPrivilegeEscalation == false
	not _inherited(entry)
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, "securityContext.allowPrivilegeEscalation")
	finding := data.aipolicy.lib.resources.finding(entry.resource, path, "container allows privilege escalation")
}

_inherited(entry) if {
	data.aipolicy.lib.kubernetes.from_serving_runtime(entry)
	not "allowPrivilegeEscalation" in object.keys(data.aipolicy.lib.kubernetes.security_context(entry))
}
