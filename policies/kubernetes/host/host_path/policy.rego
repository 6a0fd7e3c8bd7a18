# METADATA
# title: Pods do not mount host directories (hostPath), model directories included
# description: >-
#   A hostPath volume exposes the node's filesystem to the pod: written to, it lets the pod
#   plant files for the node or other pods; read from, it leaks whatever the node holds. Model
#   weights kept in a host directory are shared, unversioned and writable by anything on the
#   node, so a poisoned model survives pod restarts and spreads to every server reading that
#   directory.
# custom:
#   id: AIP-K8S-008
#   severity: HIGH
#   category: access-control
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
#     Serve models from a PersistentVolumeClaim (read-only), an object store through the
#     server's or KServe's storage initializer, or an image volume; use emptyDir for caches.
package aipolicy.kubernetes.host.host_path

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.kubernetes.workloads(input)
	some pod in data.aipolicy.lib.kubernetes.pod_specs(r)
	volumes := object.get(pod.spec, "volumes", [])
	is_array(volumes)
	some i, volume in volumes
	host := data.aipolicy.lib.kubernetes.get(volume, "hostPath", null)
	is_object(host)
	path := data.aipolicy.lib.kubernetes.path_string(array.concat(pod.path, ["volumes", i, "hostPath"]))
	finding := data.aipolicy.lib.resources.finding(r, path, _message(host))
}

_model_directories := ["model", "weight", "checkpoint", "huggingface", "hf_home", "hf-home", "ollama", ".cache"]

_message(host) := "pod mounts a host directory of model files (hostPath)" if {
	is_string(host.path)
	path := lower(host.path)
	some needle in _model_directories
	contains(path, needle)
} else := "pod mounts a host directory (hostPath)"
