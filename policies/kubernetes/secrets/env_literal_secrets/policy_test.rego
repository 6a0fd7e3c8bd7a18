package aipolicy.kubernetes.secrets.env_literal_secrets_test

import rego.v1

import data.aipolicy.kubernetes.secrets.env_literal_secrets as policy

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

fake_hf_token := "hf_FAKEunitTESTtokenNOTrealABCDEFGHIJKLMNOP"

with_env(env) := with_container({"env": env})

test_secret_reference_passes if {
	env := [{"name": "HF_TOKEN", "valueFrom": {"secretKeyRef": {"name": "hf", "key": "token"}}}]
	count(policy.deny) == 0 with input as view([deployment(with_env(env))])
}

test_literal_hf_token_fails_without_showing_it if {
	findings := policy.deny with input as view([deployment(with_env([
		{"name": "HF_HOME", "value": "/cache"},
		{"name": "HF_TOKEN", "value": fake_hf_token},
	]))])
	attributes_of(findings) == {"spec.template.spec.containers.0.env.1.value"}
	every f in findings {
		not contains(json.marshal(f), fake_hf_token)
	}
}

test_secret_names if {
	every name in [
		"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "OPENAI_API_KEY", "ANTHROPIC_API_KEY",
		"AWS_SECRET_ACCESS_KEY", "DB_PASSWORD", "WANDB_SECRET", "TOKEN", "postgres_password",
	] {
		count(policy.deny) == 1 with input as view([deployment(with_env([{"name": name, "value": "s3cr3t-value"}]))])
	}
}

test_ordinary_names_pass if {
	every name in ["HF_HOME", "MAX_NUM_BATCHED_TOKENS", "KEYCLOAK_URL", "VLLM_LOGGING_LEVEL"] {
		count(policy.deny) == 0 with input as view([deployment(with_env([{"name": name, "value": "value-1"}]))])
	}
}

test_not_secrets_by_value if {
	every value in ["$(HF_TOKEN)", "/var/run/secrets/hf/token", "true", "", "  "] {
		count(policy.deny) == 0 with input as view([deployment(with_env([{"name": "HF_TOKEN", "value": value}]))])
	}
}

test_key_shaped_value_under_any_name_fails if {
	value := "sk-proj-FAKEunitTEST0123456789abcdefghij"
	findings := policy.deny with input as view([deployment(with_env([{"name": "LLM_CONFIG", "value": value}]))])
	count(findings) == 1
	every f in findings {
		not contains(json.marshal(f), value)
	}
}

test_shortest_key_shape_fails_and_one_shorter_passes if {
	count(policy.deny) == 1 with input as view([deployment(with_env([{"name": "CHAT", "value": "xoxb-0123456789"}]))])
	count(policy.deny) == 0 with input as view([deployment(with_env([{"name": "CHAT", "value": "xoxb-012345678"}]))])
}

test_aws_access_key_id_value_fails if {
	value := "AKIAFAKEUNITTEST0000"
	count(policy.deny) == 1 with input as view([deployment(with_env([{"name": "AWS_ACCESS_KEY_ID", "value": value}]))])
}

test_api_key_argument_fails if {
	findings := policy.deny with input as view([deployment(with_container({"args": [
		"--model", "/models/llama", "--api-key", "prod-key-123",
	]}))])
	attributes_of(findings) == {"spec.template.spec.containers.0.args.3"}
}

test_api_key_argument_with_equals_fails if {
	findings := policy.deny with input as view([deployment(with_container({"command": [
		"vllm", "serve", "--api-key=prod-key-123",
	]}))])
	attributes_of(findings) == {"spec.template.spec.containers.0.command.2"}
}

test_api_key_argument_reference_passes if {
	args := ["--api-key", "$(VLLM_API_KEY)", "--hf-token=$(HF_TOKEN)"]
	count(policy.deny) == 0 with input as view([deployment(with_container({"args": args}))])
}

test_malformed_env_is_ignored if {
	count(policy.deny) == 0 with input as view([deployment(with_env(["HF_TOKEN=x", 3]))])
	count(policy.deny) == 0 with input as view([deployment(with_env([{"name": 1, "value": 2}]))])
}
