# METADATA
# title: Namespaces running model servers have a default-deny ingress NetworkPolicy
# description: >-
#   Without a NetworkPolicy every pod of the cluster can call a model server directly, around
#   the gateway that authenticates and rate-limits requests. A namespace is isolated when a
#   NetworkPolicy in it selects every pod (empty podSelector), has the Ingress policy type
#   (given, or implied by an absent policyTypes) and no rule that admits everything. This is a
#   view-wide check: it judges the NetworkPolicies in the same scan, so scan a namespace's
#   manifests together (or the live cluster); a model server whose namespace has no such
#   policy in the scan fails.
# custom:
#   id: AIP-K8S-014
#   scope: view
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
#     Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress] to each namespace
#     that runs model servers, then allow only the gateway or clients that need the server.
package aipolicy.kubernetes.network.default_deny

import rego.v1

deny contains finding if {
	some id in data.aipolicy.lib.kubernetes.model_server_ids
	r := input.resources[id]
	namespace := data.aipolicy.lib.kubernetes.namespace(r)
	not namespace in _isolated
	finding := data.aipolicy.lib.resources.finding(r, "metadata.namespace", _message)
}

_message := "namespace runs a model server without a default-deny ingress NetworkPolicy"

_isolated contains namespace if {
	some policy in data.aipolicy.lib.resources.of_type(input, "networking.k8s.io/NetworkPolicy")
	spec := object.get(policy.attributes, "spec", null)
	is_object(spec)
	_selects_all(object.get(spec, "podSelector", {}))
	_governs_ingress(spec)
	not _admits_everything(spec)
	namespace := data.aipolicy.lib.kubernetes.namespace(policy)
}

_selects_all(selector) if {
	is_object(selector)
	_empty(data.aipolicy.lib.kubernetes.get(selector, "matchLabels", {}))
	_empty(data.aipolicy.lib.kubernetes.get(selector, "matchExpressions", []))
}

_empty(x) if not _collection(x)

_empty(x) if {
	_collection(x)
	count(x) == 0
}

_governs_ingress(spec) if not "policyTypes" in object.keys(spec)

_governs_ingress(spec) if {
	types := spec.policyTypes
	is_array(types)
	"Ingress" in types
}

# An ingress rule without `from` (or with an empty one) admits every source.
_admits_everything(spec) if {
	rules := object.get(spec, "ingress", [])
	is_array(rules)
	some rule in rules
	_empty(data.aipolicy.lib.kubernetes.get(rule, "from", []))
}

_collection(x) if is_array(x)

_collection(x) if is_object(x)
