package aipolicy.kubernetes.network.service_exposure_test

import rego.v1

import data.aipolicy.kubernetes.network.service_exposure as policy

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

service(type, selector) := res("llm/Service/vllm", "core/Service", {
	"metadata": {"name": "vllm", "namespace": "llm"},
	"spec": {"type": type, "selector": selector, "ports": [{"port": 80}]},
})

test_cluster_ip_passes if {
	svc := service("ClusterIP", {"app.kubernetes.io/name": "vllm"})
	count(policy.deny) == 0 with input as view([deployment(hardened_pod), svc])
}

test_load_balancer_fails if {
	svc := service("LoadBalancer", {"app.kubernetes.io/name": "vllm"})
	findings := policy.deny with input as view([deployment(hardened_pod), svc])
	{[f.resource, f.attribute] | some f in findings} == {["llm/Service/vllm", "spec.type"]}
}

test_node_port_fails if {
	svc := service("NodePort", {"app.kubernetes.io/name": "vllm"})
	count(policy.deny) == 1 with input as view([deployment(hardened_pod), svc])
}

test_selector_of_other_pods_passes if {
	svc := service("LoadBalancer", {"app.kubernetes.io/name": "grafana"})
	count(policy.deny) == 0 with input as view([deployment(hardened_pod), svc])
}

test_empty_selector_passes if {
	count(policy.deny) == 0 with input as view([deployment(hardened_pod), service("LoadBalancer", {})])
}

test_kserve_pods_by_operator_label if {
	isvc := res("llm/InferenceService/llama", "serving.kserve.io/InferenceService", {
		"metadata": {"name": "llama", "namespace": "llm"},
		"spec": {"predictor": {"model": {"modelFormat": {"name": "huggingface"}}}},
	})
	svc := service("NodePort", {"serving.kserve.io/inferenceservice": "llama"})
	count(policy.deny) == 1 with input as view([isvc, svc])
}

cluster(type) := res("ray/RayCluster/rc", "ray.io/RayCluster", {"spec": {"headGroupSpec": {
	"serviceType": type,
	"template": {"spec": {"containers": [{"name": "head", "image": "rayproject/ray:2.35.0"}]}},
}}})

test_ray_head_service_type if {
	findings := policy.deny with input as view([cluster("LoadBalancer")])
	attributes_of(findings) == {"spec.headGroupSpec.serviceType"}
	count(policy.deny) == 0 with input as view([cluster("ClusterIP")])
}
