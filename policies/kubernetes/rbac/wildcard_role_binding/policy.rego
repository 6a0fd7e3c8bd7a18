# METADATA
# title: Roles with wildcard verbs or resources are not bound to service accounts
# description: >-
#   A rule with verbs ["*"] or resources ["*"] grants every action, or every resource type
#   including ones added later (Secrets, webhooks, custom resources), to every pod running as
#   the service account. A binding fails when a subject is a service account and the Role or
#   ClusterRole it references, present in the same scan, has such a rule. Bindings of cluster-
#   admin are reported by AIP-K8S-018; a role not in the scan is not judged.
# custom:
#   id: AIP-K8S-019
#   severity: HIGH
#   category: access-control
#   guidelines: [deployment/infrastructure, design/secure-by-design]
#   resource_types:
#     - rbac.authorization.k8s.io/ClusterRoleBinding
#     - rbac.authorization.k8s.io/RoleBinding
#   remediation: >-
#     List the verbs and resources the service account needs in the role's rules instead of
#     wildcards.
package aipolicy.kubernetes.rbac.wildcard_role_binding

import rego.v1

_binding_types := ["rbac.authorization.k8s.io/ClusterRoleBinding", "rbac.authorization.k8s.io/RoleBinding"]

deny contains finding if {
	some type in _binding_types
	some binding in data.aipolicy.lib.resources.of_type(input, type)
	not data.aipolicy.lib.kubernetes.labels(binding)["kubernetes.io/bootstrapping"] == "rbac-defaults"
	ref := data.aipolicy.lib.kubernetes.get(binding.attributes, "roleRef", {})
	ref.name != "cluster-admin"
	_binds_service_account(binding)
	some role in _roles(binding, ref)
	_has_wildcard_rule(role)
	finding := data.aipolicy.lib.resources.finding(binding, "roleRef", _message)
}

_message := "binds a role with wildcard verbs or resources to a service account"

_roles(binding, ref) := [role |
	some role in _candidates(ref)
	_in_scope(binding, ref, role)
]

_candidates(ref) := [role |
	some type in ["Role", "ClusterRole"]
	ref.kind == type
	some role in data.aipolicy.lib.resources.of_type(input, concat("/", ["rbac.authorization.k8s.io", type]))
	data.aipolicy.lib.kubernetes.name(role) == ref.name
]

_in_scope(_, ref, _) if ref.kind == "ClusterRole"

_in_scope(binding, ref, role) if {
	ref.kind == "Role"
	data.aipolicy.lib.kubernetes.namespace(role) == data.aipolicy.lib.kubernetes.namespace(binding)
}

_binds_service_account(binding) if {
	subjects := object.get(binding.attributes, "subjects", [])
	is_array(subjects)
	some subject in subjects
	subject.kind == "ServiceAccount"
}

_binds_service_account(binding) if {
	subjects := object.get(binding.attributes, "subjects", [])
	is_array(subjects)
	some subject in subjects
	subject.kind == "Group"
	name := subject.name
	is_string(name)
	startswith(name, "system:serviceaccounts")
}

_has_wildcard_rule(role) if {
	rules := object.get(role.attributes, "rules", [])
	is_array(rules)
	some rule in rules
	some field in ["verbs", "resources"]
	values := data.aipolicy.lib.kubernetes.get(rule, field, [])
	is_array(values)
	"*" in values
}
