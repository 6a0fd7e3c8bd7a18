# METADATA
# title: SageMaker notebook lifecycle scripts contain no hard-coded credentials
# description: >-
#   on_create and on_start hold base64-encoded shell scripts. A credential written into one
#   is readable by anyone who can describe the lifecycle configuration, lands in Terraform
#   state and plans, and outlives any rotation. The scripts are decoded and searched for
#   AWS access key ids, literal AWS secret access keys, Hugging Face tokens, OpenAI- or
#   Anthropic-style "sk-" keys, GitHub tokens, private keys and literal password
#   assignments (a value taken from a variable or a command, such as password=$(...), is
#   not reported). Findings never repeat the matched text. A script that is unresolved at
#   plan time is not judged.
# custom:
#   id: AIP-AWS-SM-011
#   severity: HIGH
#   category: access-control
#   guidelines: [deployment/infrastructure, development/assets]
#   resource_types: [aws_sagemaker_notebook_instance_lifecycle_configuration]
#   remediation: >-
#     Remove the credential from the script and rotate it. Store it in AWS Secrets Manager
#     (or use the notebook execution role instead of access keys) and read it at start-up,
#     for example with aws secretsmanager get-secret-value.
package aipolicy.aws.sagemaker.notebook_lifecycle_secrets

import rego.v1

script_attributes := ["on_create", "on_start"]

# Each pattern names the kind of credential it finds; the kind, never the match, is reported.
secret_patterns := {
	"an AWS access key id": `\b(AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b`,
	"an AWS secret access key": `(?i)aws_?secret_?access_?key["']?(\s*[=:]\s*|\s+)["']?[A-Za-z0-9/+]{40}`,
	"a Hugging Face token": `\bhf_[A-Za-z0-9]{30,}\b`,
	"an API key starting with sk-": `\bsk-[A-Za-z0-9_-]{20,}`,
	"a GitHub token": `\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})\b`,
	"a private key": `-----BEGIN ([A-Z]+ )?PRIVATE KEY-----`,
	"a literal password": `(?i)passw(or)?d["']?\s*[=:]\s*["']?[^\s"'$]{4,}`,
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_notebook_instance_lifecycle_configuration")
	some attribute in script_attributes
	texts := _texts(object.get(r.attributes, attribute, null))
	kinds := sort([kind |
		some kind, pattern in secret_patterns
		_matches_any(pattern, texts)
	])
	count(kinds) > 0
	data.aipolicy.lib.resources.known(r, attribute)
	finding := data.aipolicy.lib.resources.finding(
		r, attribute,
		sprintf("lifecycle script appears to contain a hard-coded credential (%s)", [concat(", ", kinds)]),
	)
}

_matches_any(pattern, texts) if {
	some text in texts
	regex.match(pattern, text)
}

# _texts lists what to search: the value as given and, when it is valid base64, the decoded
# script (the provider expects base64, but a plain script must not hide a secret either).
_texts(value) := [value, base64.decode(value)] if {
	is_string(value)
	base64.is_valid(value)
}

_texts(value) := [value] if {
	is_string(value)
	not base64.is_valid(value)
}

_texts(value) := [] if not is_string(value)
