# METADATA
# title: Model server pods do not mount a service account token
# description: >-
#   A model server answers untrusted prompts and often runs agent tools; a Kubernetes API
#   token mounted in it is the first thing an attacker who gets code execution uses to move
#   into the cluster. Pods of model servers (see the library's is_model_server) must set
#   automountServiceAccountToken: false, unless the pod leaves it unset and its
#   ServiceAccount, present in the same scan, sets it to false. KServe ServingRuntimes are not
#   judged: the InferenceService's predictor carries the setting.
# custom:
#   id: AIP-K8S-010
#   severity: MEDIUM
#   category: access-control
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
#     Set automountServiceAccountToken: false in the pod spec (for KServe, in spec.predictor),
#     or on the ServiceAccount the pods use; project a token explicitly into the rare server
#     that calls the Kubernetes API.
package aipolicy.kubernetes.pod_security.service_account_token

import rego.v1

_not_judged := {"serving.kserve.io/ServingRuntime", "serving.kserve.io/ClusterServingRuntime"}

deny contains finding if {
	some id in data.aipolicy.lib.kubernetes.model_server_ids
	r := input.resources[id]
	not r.type in _not_judged
	some pod in data.aipolicy.lib.kubernetes.pod_specs(r)
	not _token_off(r, pod)
	path := data.aipolicy.lib.kubernetes.attribute_path(pod.path, "automountServiceAccountToken")
	finding := data.aipolicy.lib.resources.finding(r, path, "model server pods mount a Kubernetes API token")
}

_token_off(_, pod) if pod.spec.automountServiceAccountToken == false

_token_off(r, pod) if {
	not "automountServiceAccountToken" in object.keys(pod.spec)
	account := _service_account_name(pod)
	namespace := data.aipolicy.lib.kubernetes.namespace(r)
	some sa in data.aipolicy.lib.resources.of_type(input, "core/ServiceAccount")
	data.aipolicy.lib.kubernetes.namespace(sa) == namespace
	data.aipolicy.lib.kubernetes.name(sa) == account
	sa.attributes.automountServiceAccountToken == false
}

_service_account_name(pod) := pod.spec.serviceAccountName if {
	is_string(pod.spec.serviceAccountName)
} else := pod.spec.serviceAccount if {
	is_string(pod.spec.serviceAccount)
} else := "default"
