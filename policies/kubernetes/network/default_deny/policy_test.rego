package aipolicy.kubernetes.network.default_deny_test

import rego.v1

import data.aipolicy.kubernetes.network.default_deny as policy

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

deny_all(namespace, spec) := res(concat("/", [namespace, "NetworkPolicy/deny"]), "networking.k8s.io/NetworkPolicy", {
	"metadata": {"name": "deny", "namespace": namespace},
	"spec": spec,
})

test_default_deny_passes if {
	policy_spec := {"podSelector": {}, "policyTypes": ["Ingress"]}
	count(policy.deny) == 0 with input as view([deployment(hardened_pod), deny_all("llm", policy_spec)])
}

test_implied_ingress_type_passes if {
	count(policy.deny) == 0 with input as view([deployment(hardened_pod), deny_all("llm", {"podSelector": {}})])
}

test_no_policy_fails if {
	findings := policy.deny with input as view([deployment(hardened_pod)])
	attributes_of(findings) == {"metadata.namespace"}
}

test_other_namespace_fails if {
	policy_spec := {"podSelector": {}, "policyTypes": ["Ingress"]}
	count(policy.deny) == 1 with input as view([deployment(hardened_pod), deny_all("other", policy_spec)])
}

test_selecting_policy_does_not_isolate if {
	policy_spec := {"podSelector": {"matchLabels": {"app": "vllm"}}, "policyTypes": ["Ingress"]}
	count(policy.deny) == 1 with input as view([deployment(hardened_pod), deny_all("llm", policy_spec)])
}

test_egress_only_does_not_isolate if {
	policy_spec := {"podSelector": {}, "policyTypes": ["Egress"]}
	count(policy.deny) == 1 with input as view([deployment(hardened_pod), deny_all("llm", policy_spec)])
}

test_allow_all_rule_does_not_isolate if {
	policy_spec := {"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{}]}
	count(policy.deny) == 1 with input as view([deployment(hardened_pod), deny_all("llm", policy_spec)])
}

test_namespace_wide_allow_from_gateway_isolates if {
	policy_spec := {"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{"from": [{"namespaceSelector": {}}]}]}
	count(policy.deny) == 0 with input as view([deployment(hardened_pod), deny_all("llm", policy_spec)])
}

test_non_model_server_is_not_judged if {
	web := res("web/Deployment/site", "apps/Deployment", {"metadata": {"namespace": "web"}, "spec": {"template": {
		"spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]},
	}}})
	count(policy.deny) == 0 with input as view([web])
}
