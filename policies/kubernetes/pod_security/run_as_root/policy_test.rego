package aipolicy.kubernetes.pod_security.run_as_root_test

import rego.v1

import data.aipolicy.kubernetes.pod_security.run_as_root as policy

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

test_pod_non_root_passes if {
	count(policy.deny) == 0 with input as view([deployment(hardened_pod)])
}

test_pod_root_user_fails if {
	spec := pod_with({"securityContext": {"runAsUser": 0}})
	findings := policy.deny with input as view([deployment(spec)])
	attributes_of(findings) == {"spec.template.spec.securityContext.runAsUser"}
	[f.message | some f in findings] == ["container runs as root (runAsUser 0)"]
}

test_container_root_overrides_pod if {
	findings := policy.deny with input as view([deployment(with_security({"runAsUser": 0}))])
	attributes_of(findings) == {"spec.template.spec.containers.0.securityContext.runAsUser"}
}

test_container_user_overrides_pod_root if {
	spec := replaced(with_security({"runAsUser": 1001}), {"securityContext": {"runAsUser": 0}})
	count(policy.deny) == 0 with input as view([deployment(spec)])
}

test_unset_fails if {
	spec := pod_with({"securityContext": {}})
	findings := policy.deny with input as view([deployment(spec)])
	attributes_of(findings) == {"spec.template.spec.containers.0.securityContext.runAsNonRoot"}
}

test_container_non_root_user_passes if {
	spec := replaced(with_security({"runAsUser": 1001}), {"securityContext": {}})
	count(policy.deny) == 0 with input as view([deployment(spec)])
}

test_run_as_non_root_false_fails if {
	spec := pod_with({"securityContext": {"runAsNonRoot": false}})
	count(policy.deny) == 1 with input as view([deployment(spec)])
}

test_string_user_is_not_non_root if {
	spec := pod_with({"securityContext": {"runAsUser": "1000"}})
	count(policy.deny) == 1 with input as view([deployment(spec)])
}
