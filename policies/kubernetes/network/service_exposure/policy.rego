# METADATA
# title: Model servers are not exposed through LoadBalancer or NodePort Services
# description: >-
#   A LoadBalancer or NodePort Service puts a model server's port on the network outside the
#   cluster, with none of the authentication, quotas or logging of an API gateway: model
#   servers such as vLLM, Triton and Ollama serve unauthenticated by default. The same holds
#   for a KubeRay head service: its dashboard and job API run arbitrary code. A Service fails
#   when its type is LoadBalancer or NodePort and its selector matches the pods of a model
#   server in its namespace (in the same scan); a Ray cluster fails when its head service type
#   is LoadBalancer or NodePort.
# custom:
#   id: AIP-K8S-016
#   severity: HIGH
#   category: network
#   guidelines: [deployment/infrastructure, deployment/model-protection]
#   resource_types:
#     - core/Service
#     - ray.io/RayCluster
#     - ray.io/RayService
#     - ray.io/RayJob
#   remediation: >-
#     Use ClusterIP Services and expose models through an authenticating gateway or Ingress
#     with TLS; keep the Ray head service ClusterIP and reach the dashboard with kubectl port-
#     forward.
package aipolicy.kubernetes.network.service_exposure

import rego.v1

_service_message := "Service exposes model server pods outside the cluster (LoadBalancer or NodePort)"

_ray_message := "Ray head service (dashboard and job API) is exposed outside the cluster"

_ray_heads := {
	"ray.io/RayCluster": ["spec", "headGroupSpec"],
	"ray.io/RayService": ["spec", "rayClusterConfig", "headGroupSpec"],
	"ray.io/RayJob": ["spec", "rayClusterSpec", "headGroupSpec"],
}

deny contains finding if {
	some service in data.aipolicy.lib.resources.of_type(input, "core/Service")
	_exposed(object.get(service.attributes, ["spec", "type"], "ClusterIP"))
	selector := object.get(service.attributes, ["spec", "selector"], {})
	namespace := data.aipolicy.lib.kubernetes.namespace(service)
	some [server_namespace, pod_labels] in _server_pods
	server_namespace == namespace
	data.aipolicy.lib.kubernetes.selects(selector, pod_labels)
	finding := data.aipolicy.lib.resources.finding(service, "spec.type", _service_message)
}

deny contains finding if {
	some type, head in _ray_heads
	some r in data.aipolicy.lib.resources.of_type(input, type)
	_exposed(object.get(r.attributes, array.concat(head, ["serviceType"]), "ClusterIP"))
	path := data.aipolicy.lib.kubernetes.path_string(array.concat(head, ["serviceType"]))
	finding := data.aipolicy.lib.resources.finding(r, path, _ray_message)
}

_exposed(type) if type in {"LoadBalancer", "NodePort"}

# The labels of model server pods, by namespace: computed once, not once per Service.
_server_pods contains [namespace, pod_labels] if {
	some id in data.aipolicy.lib.kubernetes.model_server_ids
	r := input.resources[id]
	namespace := data.aipolicy.lib.kubernetes.namespace(r)
	some pod_labels in data.aipolicy.lib.kubernetes.pod_labels(r)
}
