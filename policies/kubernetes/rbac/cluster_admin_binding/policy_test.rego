package aipolicy.kubernetes.rbac.cluster_admin_binding_test

import rego.v1

import data.aipolicy.kubernetes.rbac.cluster_admin_binding as policy

view(resources) := {
	"resources": {r.id: r | some r in resources},
	"by_type": {x.type: [r.id | some r in resources; r.type == x.type] | some x in resources},
}

res(id, type, attributes) := {"id": id, "type": type, "provider": "kubernetes", "attributes": attributes}

# deployment is a vLLM Deployment in namespace llm with the given pod spec.
deployment(spec) := res("llm/Deployment/vllm", "apps/Deployment", {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "vllm", "namespace": "llm", "labels": {"app.kubernetes.io/name": "vllm"}},
	"spec": {"template": {"metadata": {"labels": {"app.kubernetes.io/name": "vllm"}}, "spec": spec}},
})

vllm_image := "vllm/vllm-openai:v0.6.3"

digest := "sha256:3f1c2a9e8b7d6c5f4e3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e"

hardened_container := {
	"name": "vllm",
	"image": concat("@", [vllm_image, digest]),
	"resources": {
		"requests": {"cpu": "4", "memory": "32Gi", "nvidia.com/gpu": "1"},
		"limits": {"cpu": "8", "memory": "48Gi", "nvidia.com/gpu": "1"},
	},
	"securityContext": {
		"allowPrivilegeEscalation": false,
		"readOnlyRootFilesystem": true,
		"capabilities": {"drop": ["ALL"]},
	},
}

hardened_pod := {
	"automountServiceAccountToken": false,
	"securityContext": {"runAsNonRoot": true, "runAsUser": 1000, "seccompProfile": {"type": "RuntimeDefault"}},
	"containers": [hardened_container],
}

# replaced sets the top-level keys of `patch` in `obj` (object.union would merge nested objects).
replaced(obj, patch) := object.union(object.remove(obj, object.keys(patch)), patch)

# pod_with is the hardened pod spec with the keys of `patch` replaced.
pod_with(patch) := replaced(hardened_pod, patch)

# with_container is the hardened pod spec whose container has the keys of `patch` replaced.
with_container(patch) := pod_with({"containers": [replaced(hardened_container, patch)]})

# with_security is the hardened pod spec whose container's securityContext has `patch`'s keys replaced.
with_security(patch) := with_container({"securityContext": replaced(hardened_container.securityContext, patch)})

attributes_of(findings) := {f.attribute | some f in findings}

binding(type, role_kind, role, subjects, labels) := res("b", type, {
	"metadata": {"name": "b", "labels": labels},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind, "name": role},
	"subjects": subjects,
})

crb := "rbac.authorization.k8s.io/ClusterRoleBinding"

sa := {"kind": "ServiceAccount", "name": "runner", "namespace": "kubeflow"}

test_service_account_fails if {
	findings := policy.deny with input as view([binding(crb, "ClusterRole", "cluster-admin", [sa], {})])
	attributes_of(findings) == {"subjects.0"}
}

test_role_binding_fails if {
	rb := binding("rbac.authorization.k8s.io/RoleBinding", "ClusterRole", "cluster-admin", [sa], {})
	count(policy.deny) == 1 with input as view([rb])
}

test_service_account_group_fails if {
	group := {"kind": "Group", "name": "system:serviceaccounts:ml"}
	count(policy.deny) == 1 with input as view([binding(crb, "ClusterRole", "cluster-admin", [group], {})])
}

test_human_group_passes if {
	group := {"kind": "Group", "name": "platform-admins"}
	count(policy.deny) == 0 with input as view([binding(crb, "ClusterRole", "cluster-admin", [group], {})])
}

test_other_role_passes if {
	count(policy.deny) == 0 with input as view([binding(crb, "ClusterRole", "view", [sa], {})])
}

test_bootstrap_binding_is_not_judged if {
	labels := {"kubernetes.io/bootstrapping": "rbac-defaults"}
	count(policy.deny) == 0 with input as view([binding(crb, "ClusterRole", "cluster-admin", [sa], labels)])
}

test_malformed_binding_is_ignored if {
	bad := res("b", crb, {"roleRef": "cluster-admin", "subjects": "runner"})
	count(policy.deny) == 0 with input as view([bad])
}
