# METADATA
# title: Namespaces running model servers enforce the restricted Pod Security Standard
# description: >-
#   Pod Security Admission rejects pods that break the restricted profile (root, privilege
#   escalation, host namespaces, hostPath, capabilities) whatever manifest or operator creates
#   them, which covers the pods that KServe, KubeRay and Kubeflow generate. A Namespace in the
#   scan that holds a model server (a workload of the scan in that namespace) must carry pod-
#   security.kubernetes.io/enforce: restricted. When the Namespace object is not in the scan
#   its labels are unknown and nothing is reported.
# custom:
#   id: AIP-K8S-015
#   severity: MEDIUM
#   category: access-control
#   guidelines: [deployment/secure-defaults, design/secure-by-design]
#   resource_types:
#     - core/Namespace
#   remediation: >-
#     Label the namespace pod-security.kubernetes.io/enforce: restricted (and enforce-
#     version), after checking with the warn label that its pods comply.
package aipolicy.kubernetes.namespaces.pod_security_restricted

import rego.v1

deny contains finding if {
	some namespace in data.aipolicy.lib.resources.of_type(input, "core/Namespace")
	data.aipolicy.lib.kubernetes.name(namespace) in _serving_namespaces
	object.get(data.aipolicy.lib.kubernetes.labels(namespace), "pod-security.kubernetes.io/enforce", "") != "restricted"
	finding := data.aipolicy.lib.resources.finding(namespace, _path, _message)
}

_path := "metadata.labels.pod-security.kubernetes.io/enforce"

_message := "namespace runs model servers but does not enforce the restricted Pod Security Standard"

_serving_namespaces contains namespace if {
	some id in data.aipolicy.lib.kubernetes.model_server_ids
	namespace := data.aipolicy.lib.kubernetes.namespace(input.resources[id])
}
