package aipolicy.kubernetes.images.image_mutable_tag_test

import rego.v1

import data.aipolicy.kubernetes.images.image_mutable_tag as policy

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

test_release_tag_passes if {
	count(policy.deny) == 0 with input as view([deployment(with_container({"image": vllm_image}))])
}

test_latest_fails if {
	findings := policy.deny with input as view([deployment(with_container({"image": "ollama/ollama:latest"}))])
	[f.message | some f in findings] == ["container image uses the mutable latest tag"]
}

test_untagged_fails if {
	findings := policy.deny with input as view([deployment(with_container({"image": "ollama/ollama"}))])
	[f.message | some f in findings] == ["container image has no tag, so it runs whatever latest is"]
}

test_registry_port_is_not_a_tag if {
	untagged := deployment(with_container({"image": "registry.local:5000/ml/server"}))
	count(policy.deny) == 1 with input as view([untagged])
	tagged := deployment(with_container({"image": "registry.local:5000/ml/server:1.2"}))
	count(policy.deny) == 0 with input as view([tagged])
}

test_digest_pins_even_latest if {
	image := concat("@", ["ollama/ollama:latest", digest])
	count(policy.deny) == 0 with input as view([deployment(with_container({"image": image}))])
}

test_ray_worker_latest_fails if {
	cluster := res("ray/RayCluster/rc", "ray.io/RayCluster", {"spec": {
		"headGroupSpec": {"template": {"spec": {"containers": [{"name": "head", "image": "rayproject/ray:2.35.0"}]}}},
		"workerGroupSpecs": [{"template": {"spec": {"containers": [{"name": "w", "image": "rayproject/ray:latest"}]}}}],
	}})
	findings := policy.deny with input as view([cluster])
	attributes_of(findings) == {"spec.workerGroupSpecs.0.template.spec.containers.0.image"}
}

test_non_string_image_is_ignored if {
	count(policy.deny) == 0 with input as view([deployment(with_container({"image": 42}))])
}
