package aipolicy.kubernetes.resources.gpu_limits_test

import rego.v1

import data.aipolicy.kubernetes.resources.gpu_limits as policy

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

test_gpu_limit_passes if {
	count(policy.deny) == 0 with input as view([deployment(hardened_pod)])
}

test_request_without_limit_fails if {
	resources := {"requests": {"nvidia.com/gpu": "1"}, "limits": {"cpu": "8", "memory": "48Gi"}}
	findings := policy.deny with input as view([deployment(with_container({"resources": resources}))])
	attributes_of(findings) == {"spec.template.spec.containers.0.resources.limits.nvidia.com/gpu"}
}

test_gpu_image_without_gpu_fails if {
	resources := {"limits": {"cpu": "8", "memory": "48Gi"}}
	findings := policy.deny with input as view([deployment(with_container({"resources": resources}))])
	[f.message | some f in findings] == ["GPU model server container has no GPU limit"]
}

test_nvidia_runtime_class_without_gpu_fails if {
	resources := {"limits": {"cpu": "8", "memory": "48Gi"}}
	spec := replaced(with_container({"image": "ollama/ollama:0.3.14", "resources": resources}), {
		"runtimeClassName": "nvidia",
	})
	count(policy.deny) == 1 with input as view([deployment(spec)])
}

test_cpu_model_server_passes if {
	resources := {"limits": {"cpu": "8", "memory": "48Gi"}}
	spec := with_container({"image": "ollama/ollama:0.3.14", "resources": resources})
	count(policy.deny) == 0 with input as view([deployment(spec)])
}

test_amd_gpu_limit_passes if {
	resources := {"requests": {"amd.com/gpu": "1"}, "limits": {"amd.com/gpu": "1"}}
	count(policy.deny) == 0 with input as view([deployment(with_container({"resources": resources}))])
}
