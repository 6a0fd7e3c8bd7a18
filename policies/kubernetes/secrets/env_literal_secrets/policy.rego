# METADATA
# title: Secrets are not passed as literal environment values or arguments
# description: >-
#   Model hub tokens (HF_TOKEN), provider API keys (OPENAI_API_KEY, ANTHROPIC_API_KEY), cloud
#   keys and server API keys written into a manifest end up in Git, in `kubectl get -o yaml`
#   for anyone who can read the workload, and in CI logs. A container fails when an
#   environment variable whose name marks a secret (*_TOKEN, *_KEY, *_SECRET, *PASSWORD*,
#   HF_TOKEN, ...) has a literal value, when any literal value or argument looks like a key
#   (sk-..., hf_..., AKIA..., ghp_..., PEM private keys), or when an argument such as --api-
#   key or --hf-token is followed by a literal. References ($(VAR)), file paths and booleans
#   are not secrets. Findings never contain the value.
# custom:
#   id: AIP-K8S-011
#   severity: HIGH
#   category: access-control
#   guidelines: [design/secure-by-design, deployment/infrastructure]
#   resource_types:
#     - core/Pod
#     - core/ReplicationController
#     - apps/Deployment
#     - apps/StatefulSet
#     - apps/DaemonSet
#     - apps/ReplicaSet
#     - batch/Job
#     - batch/CronJob
#     - serving.kserve.io/InferenceService
#     - serving.kserve.io/ServingRuntime
#     - serving.kserve.io/ClusterServingRuntime
#     - kubeflow.org/Notebook
#     - kubeflow.org/PyTorchJob
#     - kubeflow.org/TFJob
#     - kubeflow.org/MPIJob
#     - ray.io/RayCluster
#     - ray.io/RayService
#     - ray.io/RayJob
#     - leaderworkerset.x-k8s.io/LeaderWorkerSet
#   remediation: >-
#     Store the value in a Secret (or an external secret manager) and reference it with
#     env[].valueFrom.secretKeyRef or envFrom.secretRef; pass server API keys to vLLM through
#     the VLLM_API_KEY variable from a Secret; rotate any key that was committed.
package aipolicy.kubernetes.secrets.env_literal_secrets

import rego.v1

# Names are matched with string functions and values prefiltered before the one regular
# expression: regorus compiles a pattern on every call.
_secret_names := {"TOKEN", "KEY", "SECRET", "APIKEY", "API_KEY", "PASSWORD", "PASSWD"}

_secret_suffixes := ["_TOKEN", "_KEY", "_SECRET", "_APIKEY"]

_secret_words := ["PASSWORD", "PASSWD"]

_key_markers := ["sk-", "hf_", "AKIA", "ASIA", "gh", "github_pat_", "xox", "PRIVATE KEY-----"]

_key_shape := `(^|[^A-Za-z0-9])(sk-(proj-|ant-)?[A-Za-z0-9_-]{20,}|hf_[A-Za-z0-9]{30,}|(AKIA|ASIA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|xox[abposr]-[A-Za-z0-9-]{10,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)`

_secret_flags := {"api-key", "apikey", "hf-token", "token", "password", "secret", "auth-token"}

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	env := object.get(entry.container, "env", [])
	is_array(env)
	some i, variable in env
	value := data.aipolicy.lib.kubernetes.get(variable, "value", null)
	is_string(value)
	_secret_variable(variable, value)
	_literal(value)
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, sprintf("env.%d.value", [i]))
	finding := data.aipolicy.lib.resources.finding(
		entry.resource, path,
		"secret passed as a literal environment variable value",
	)
}

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	some field in ["command", "args"]
	values := object.get(entry.container, field, [])
	is_array(values)
	some i, argument in values
	is_string(argument)
	_secret_argument(values, i, argument)
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, sprintf("%s.%d", [field, i]))
	finding := data.aipolicy.lib.resources.finding(
		entry.resource, path,
		"secret passed as a literal command-line argument",
	)
}

_secret_variable(variable, _) if {
	is_string(variable.name)
	_secret_name(upper(variable.name))
}

_secret_variable(_, value) if _key_shaped(value)

_secret_name(name) if name in _secret_names

_secret_name(name) if {
	some suffix in _secret_suffixes
	endswith(name, suffix)
}

_secret_name(name) if {
	some word in _secret_words
	contains(name, word)
}

_key_shaped(value) if {
	count(value) >= 15 # the shortest shape of _key_shape: "xoxb-" and ten characters
	_has_key_marker(value)
	regex.match(_key_shape, value)
}

_has_key_marker(value) if {
	some marker in _key_markers
	contains(value, marker)
}

_secret_argument(_, _, argument) if _key_shaped(argument)

# --api-key=<literal>
_secret_argument(_, _, argument) if {
	startswith(argument, "-")
	contains(argument, "=")
	_secret_flag(split(argument, "=")[0])
	_literal(substring(argument, indexof(argument, "=") + 1, -1))
}

# --api-key <literal>
_secret_argument(values, i, argument) if {
	i > 0
	flag := values[i - 1]
	is_string(flag)
	startswith(flag, "-")
	_secret_flag(flag)
	_literal(argument)
}

_secret_flag(flag) if replace(lower(trim_left(flag, "-")), "_", "-") in _secret_flags

# A literal: a non-empty string that is not a $(VAR) reference, a file path or a boolean.
_literal(value) if {
	trim_space(value) != ""
	not _reference(value)
	not startswith(value, "/")
	not lower(value) in {"true", "false", "yes", "no", "0", "1", "none", "null"}
}

_reference(value) if {
	startswith(value, "$(")
	endswith(value, ")")
	count(split(value, "$(")) == 2
}
