# METADATA
# title: Pods do not share the node's network, process or IPC namespaces or ports
# description: >-
#   hostNetwork puts the pod on the node's network: it bypasses NetworkPolicies, reaches
#   services bound to the node's loopback (the kubelet, metadata endpoints) and can sniff
#   traffic. hostPID and hostIPC expose every process and shared memory segment of the node
#   (other model servers' prompts and weights included). hostPort binds a port on the node
#   outside any Service. Distributed inference and training do not need them: NCCL runs over
#   the pod network, and shared memory comes from an emptyDir with medium Memory.
# custom:
#   id: AIP-K8S-009
#   severity: HIGH
#   category: network
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
#     Remove hostNetwork, hostPID, hostIPC and hostPort; mount an emptyDir (medium: Memory) at
#     /dev/shm for tensor-parallel shared memory and expose servers through Services.
package aipolicy.kubernetes.host.host_namespaces

import rego.v1

_flags := {
	"hostNetwork": "pod shares the node's network namespace (hostNetwork)",
	"hostPID": "pod shares the node's process namespace (hostPID)",
	"hostIPC": "pod shares the node's IPC namespace (hostIPC)",
}

deny contains finding if {
	some r in data.aipolicy.lib.kubernetes.workloads(input)
	some pod in data.aipolicy.lib.kubernetes.pod_specs(r)
	some flag, message in _flags
	pod.spec[flag] == true
	finding := data.aipolicy.lib.resources.finding(
		r, data.aipolicy.lib.kubernetes.attribute_path(
			pod.path,
			flag,
		),
		message,
	)
}

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	ports := object.get(entry.container, "ports", [])
	is_array(ports)
	some i, port in ports
	host_port := data.aipolicy.lib.kubernetes.get(port, "hostPort", 0)
	is_number(host_port)
	host_port > 0
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, sprintf("ports.%d.hostPort", [i]))
	finding := data.aipolicy.lib.resources.finding(
		entry.resource, path,
		"container binds a port on the node (hostPort)",
	)
}
