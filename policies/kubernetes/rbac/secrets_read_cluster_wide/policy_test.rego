package aipolicy.kubernetes.rbac.secrets_read_cluster_wide_test

import rego.v1

import data.aipolicy.kubernetes.rbac.secrets_read_cluster_wide as policy

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

cluster_role(rules, labels) := res("ClusterRole/reader", "rbac.authorization.k8s.io/ClusterRole", {
	"metadata": {"name": "reader", "labels": labels},
	"rules": rules,
})

binding := res("ClusterRoleBinding/reader", "rbac.authorization.k8s.io/ClusterRoleBinding", {
	"metadata": {"name": "reader"},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "reader"},
	"subjects": [{"kind": "ServiceAccount", "name": "sync", "namespace": "mlops"}],
})

secrets_rule := {"apiGroups": [""], "resources": ["secrets"], "verbs": ["list"]}

test_cluster_wide_secret_read_fails if {
	findings := policy.deny with input as view([cluster_role([secrets_rule], {}), binding])
	{[f.resource, f.attribute] | some f in findings} == {["ClusterRoleBinding/reader", "roleRef"]}
}

test_wildcards_fail if {
	rule := {"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}
	count(policy.deny) == 1 with input as view([cluster_role([rule], {}), binding])
}

test_resource_names_pass if {
	rule := object.union(secrets_rule, {"resourceNames": ["hf-token"], "verbs": ["get"]})
	count(policy.deny) == 0 with input as view([cluster_role([rule], {}), binding])
}

test_write_only_passes if {
	rule := object.union(secrets_rule, {"verbs": ["create"]})
	count(policy.deny) == 0 with input as view([cluster_role([rule], {}), binding])
}

test_other_api_group_passes if {
	rule := object.union(secrets_rule, {"apiGroups": ["example.com"]})
	count(policy.deny) == 0 with input as view([cluster_role([rule], {}), binding])
}

test_unbound_role_is_not_judged if {
	count(policy.deny) == 0 with input as view([cluster_role([secrets_rule], {})])
}

test_bootstrap_role_is_not_judged if {
	labels := {"kubernetes.io/bootstrapping": "rbac-defaults"}
	count(policy.deny) == 0 with input as view([cluster_role([secrets_rule], labels), binding])
}
