# METADATA
# title: cluster-admin is not bound to service accounts
# description: >-
#   A service account bound to cluster-admin gives every pod that runs as it (a model server,
#   a notebook, a pipeline step, an operator) full control of the cluster, its Secrets and its
#   nodes. A binding fails when its roleRef is the cluster-admin ClusterRole and a subject is
#   a ServiceAccount or a system:serviceaccounts group. Bindings that Kubernetes itself
#   manages (label kubernetes.io/bootstrapping: rbac-defaults) are not judged.
# custom:
#   id: AIP-K8S-018
#   severity: CRITICAL
#   category: access-control
#   guidelines: [deployment/infrastructure, design/secure-by-design]
#   resource_types:
#     - rbac.authorization.k8s.io/ClusterRoleBinding
#     - rbac.authorization.k8s.io/RoleBinding
#   remediation: >-
#     Bind the service account to a Role (or ClusterRole) that grants only the verbs and
#     resources it uses, in the namespaces it works in.
package aipolicy.kubernetes.rbac.cluster_admin_binding

import rego.v1

_binding_types := ["rbac.authorization.k8s.io/ClusterRoleBinding", "rbac.authorization.k8s.io/RoleBinding"]

deny contains finding if {
	some type in _binding_types
	some binding in data.aipolicy.lib.resources.of_type(input, type)
	not _bootstrap(binding)
	binding.attributes.roleRef.kind == "ClusterRole"
	binding.attributes.roleRef.name == "cluster-admin"
	subjects := object.get(binding.attributes, "subjects", [])
	is_array(subjects)
	some i, subject in subjects
	_service_accounts(subject)
	path := sprintf("subjects.%d", [i])
	finding := data.aipolicy.lib.resources.finding(binding, path, "binds cluster-admin to a service account")
}

_service_accounts(subject) if subject.kind == "ServiceAccount"

_service_accounts(subject) if {
	subject.kind == "Group"
	name := subject.name
	is_string(name)
	startswith(name, "system:serviceaccounts")
}

_bootstrap(r) if data.aipolicy.lib.kubernetes.labels(r)["kubernetes.io/bootstrapping"] == "rbac-defaults"
