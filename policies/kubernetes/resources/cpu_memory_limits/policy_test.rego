package aipolicy.kubernetes.resources.cpu_memory_limits_test

import rego.v1

import data.aipolicy.kubernetes.resources.cpu_memory_limits as policy

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

test_limits_pass if {
	count(policy.deny) == 0 with input as view([deployment(hardened_pod)])
}

test_missing_limits_fail if {
	findings := policy.deny with input as view([deployment(with_container({"resources": {"requests": {"cpu": "1"}}}))])
	attributes_of(findings) == {
		"spec.template.spec.containers.0.resources.limits.cpu",
		"spec.template.spec.containers.0.resources.limits.memory",
	}
}

test_init_container_is_judged if {
	spec := pod_with({"initContainers": [{"name": "fetch", "image": "busybox:1.36"}]})
	count(policy.deny) == 2 with input as view([deployment(spec)])
}

test_ephemeral_container_is_not_judged if {
	spec := pod_with({"ephemeralContainers": [{"name": "debug", "image": "busybox:1.36"}]})
	count(policy.deny) == 0 with input as view([deployment(spec)])
}

limit_range(namespace) := res(concat("/", [namespace, "LimitRange/defaults"]), "core/LimitRange", {
	"metadata": {"name": "defaults", "namespace": namespace},
	"spec": {"limits": [{"type": "Container", "default": {"cpu": "2", "memory": "4Gi"}}]},
})

test_limit_range_default_in_namespace if {
	spec := with_container({"resources": {}})
	count(policy.deny) == 0 with input as view([deployment(spec), limit_range("llm")])
	count(policy.deny) == 2 with input as view([deployment(spec), limit_range("other")])
}

test_kserve_model_without_resources_inherits if {
	isvc := res("m/InferenceService/llama", "serving.kserve.io/InferenceService", {"spec": {"predictor": {
		"model": {"modelFormat": {"name": "sklearn"}},
	}}})
	count(policy.deny) == 0 with input as view([isvc])
}
