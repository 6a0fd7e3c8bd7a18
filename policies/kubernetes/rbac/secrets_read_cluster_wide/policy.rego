# METADATA
# title: Secrets are not readable cluster-wide
# description: >-
#   A ClusterRole that can get, list or watch Secrets, bound by a ClusterRoleBinding, reads
#   every Secret of every namespace: model hub tokens, provider API keys, registry and cloud
#   credentials, TLS keys and service account tokens. A ClusterRoleBinding fails when the
#   ClusterRole it references, present in the same scan, has a rule on secrets (or all
#   resources) of the core API group (or all groups) with get, list, watch or * and no
#   resourceNames. Roles that Kubernetes manages (label kubernetes.io/bootstrapping: rbac-
#   defaults) are not judged.
# custom:
#   id: AIP-K8S-020
#   severity: HIGH
#   category: access-control
#   guidelines: [deployment/infrastructure, deployment/model-protection]
#   resource_types:
#     - rbac.authorization.k8s.io/ClusterRoleBinding
#   remediation: >-
#     Grant Secret access with a Role in the namespace that holds the Secrets, limited by
#     resourceNames, or mount the Secrets into the pods that need them instead of reading them
#     through the API.
package aipolicy.kubernetes.rbac.secrets_read_cluster_wide

import rego.v1

_read_verbs := {"get", "list", "watch", "*"}

deny contains finding if {
	some binding in data.aipolicy.lib.resources.of_type(input, "rbac.authorization.k8s.io/ClusterRoleBinding")
	not _bootstrap(binding)
	binding.attributes.roleRef.kind == "ClusterRole"
	some role in data.aipolicy.lib.resources.of_type(input, "rbac.authorization.k8s.io/ClusterRole")
	data.aipolicy.lib.kubernetes.name(role) == binding.attributes.roleRef.name
	not _bootstrap(role)
	_reads_secrets(role)
	finding := data.aipolicy.lib.resources.finding(
		binding, "roleRef",
		"grants read access to Secrets in every namespace",
	)
}

_reads_secrets(role) if {
	rules := object.get(role.attributes, "rules", [])
	is_array(rules)
	some rule in rules
	_contains_any(data.aipolicy.lib.kubernetes.get(rule, "apiGroups", []), {"", "*"})
	_contains_any(data.aipolicy.lib.kubernetes.get(rule, "resources", []), {"secrets", "*"})
	_contains_any(data.aipolicy.lib.kubernetes.get(rule, "verbs", []), _read_verbs)
	_empty(data.aipolicy.lib.kubernetes.get(rule, "resourceNames", []))
}

_contains_any(values, wanted) if {
	is_array(values)
	some value in values
	value in wanted
}

_empty(x) if not is_array(x)

_empty(x) if {
	is_array(x)
	count(x) == 0
}

_bootstrap(r) if data.aipolicy.lib.kubernetes.labels(r)["kubernetes.io/bootstrapping"] == "rbac-defaults"
