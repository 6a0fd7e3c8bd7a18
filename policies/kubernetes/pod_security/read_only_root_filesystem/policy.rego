# METADATA
# title: Containers run with a read-only root filesystem
# description: >-
#   A writable root filesystem lets an attacker in the container replace the server's code,
#   its libraries or a cached model, and keep them until the pod is replaced. Model servers
#   need writable space only for caches and shared memory, which emptyDir volumes provide.
# custom:
#   id: AIP-K8S-007
#   severity: LOW
#   category: access-control
#   guidelines: [design/secure-by-design, deployment/model-protection]
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
#     Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the
#     server writes (the Hugging Face cache, /tmp, /dev/shm).
package aipolicy.kubernetes.pod_security.read_only_root_filesystem

import rego.v1

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	not data.aipolicy.lib.kubernetes.security_context(entry).readOnlyRootFilesystem == true
	not _inherited(entry)
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, "securityContext.readOnlyRootFilesystem")
	finding := data.aipolicy.lib.resources.finding(entry.resource, path, "container root filesystem is writable")
}

_inherited(entry) if {
	data.aipolicy.lib.kubernetes.from_serving_runtime(entry)
	not "readOnlyRootFilesystem" in object.keys(data.aipolicy.lib.kubernetes.security_context(entry))
}
