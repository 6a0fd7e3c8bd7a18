package aipolicy.kubernetes.serving.model_storage_uri_test

import rego.v1

import data.aipolicy.kubernetes.serving.model_storage_uri as policy

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

isvc(model) := res("m/InferenceService/llama", "serving.kserve.io/InferenceService", {"spec": {"predictor": {
	"model": model,
}}})

test_https_and_object_stores_pass if {
	every location in ["https://models.example.com/m.tgz", "s3://b/m", "gs://b/m", "pvc://weights/m", "hf://org/m"] {
		count(policy.deny) == 0 with input as view([isvc({"storageUri": location})])
	}
}

test_http_fails if {
	findings := policy.deny with input as view([isvc({"storageUri": "http://models.internal/m.tgz"})])
	attributes_of(findings) == {"spec.predictor.model.storageUri"}
	every f in findings {
		not contains(f.message, "models.internal")
	}
}

test_http_in_storage_uris_fails if {
	model := {"storageUris": [{"uri": "s3://b/m"}, "HTTP://models.internal/m.tgz"]}
	findings := policy.deny with input as view([isvc(model)])
	attributes_of(findings) == {"spec.predictor.model.storageUris.1"}
}

tm(location) := res("m/TrainedModel/t", "serving.kserve.io/TrainedModel", {"spec": {"model": {"storageUri": location}}})

test_trained_model if {
	count(policy.deny) == 1 with input as view([tm("http://models.internal/t")])
	count(policy.deny) == 0 with input as view([tm("gs://b/t")])
}
