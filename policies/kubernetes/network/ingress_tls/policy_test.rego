package aipolicy.kubernetes.network.ingress_tls_test

import rego.v1

import data.aipolicy.kubernetes.network.ingress_tls as policy

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

ingress(spec) := res("llm/Ingress/api", "networking.k8s.io/Ingress", {"metadata": {"name": "api"}, "spec": spec})

rules(hosts) := [{"host": host, "http": {"paths": []}} | some host in hosts]

test_tls_passes if {
	spec := {"tls": [{"hosts": ["llm.example.com"], "secretName": "tls"}], "rules": rules(["llm.example.com"])}
	count(policy.deny) == 0 with input as view([ingress(spec)])
}

test_no_tls_fails if {
	findings := policy.deny with input as view([ingress({"rules": rules(["llm.example.com"])})])
	attributes_of(findings) == {"spec.tls"}
}

test_empty_tls_fails if {
	count(policy.deny) == 1 with input as view([ingress({"tls": [], "rules": rules(["llm.example.com"])})])
}

test_uncovered_host_fails if {
	spec := {"tls": [{"hosts": ["llm.example.com"]}], "rules": rules(["llm.example.com", "api.example.net"])}
	findings := policy.deny with input as view([ingress(spec)])
	attributes_of(findings) == {"spec.rules.1.host"}
}

test_wildcard_covers_one_label if {
	spec := {"tls": [{"hosts": ["*.example.com"]}], "rules": rules(["llm.example.com"])}
	count(policy.deny) == 0 with input as view([ingress(spec)])
	deeper := {"tls": [{"hosts": ["*.example.com"]}], "rules": rules(["a.llm.example.com"])}
	count(policy.deny) == 1 with input as view([ingress(deeper)])
}

test_tls_without_hosts_covers_all if {
	count(policy.deny) == 0 with input as view([ingress({"tls": [{"secretName": "d"}], "rules": rules(["x.example"])})])
	count(policy.deny) == 0 with input as view([ingress({"tls": [{"hosts": null}], "rules": rules(["x.example"])})])
}
