# METADATA
# title: Bedrock agents and custom models use allow-listed foundation models
# description: >-
#   Choosing a model is a security decision: its robustness to prompt injection, its
#   licence, where it is hosted and how it was trained differ between providers and
#   versions. This policy compares the foundation_model of aws_bedrockagent_agent and the
#   base_model_identifier of aws_bedrock_custom_model with the organisation's allow-list,
#   given as the scan parameter allowed_foundation_models (`--parameters FILE`) (an array of model ids
#   such as "anthropic.claude-3-5-sonnet-20240620-v1:0"; an entry ending in "*" allows
#   every id with that prefix, and an entry without a version suffix also allows its
#   ":"-versions). ARNs of foundation models and inference profiles are compared by the
#   model id they end with, with any cross-region prefix (us., eu., apac., global.)
#   removed. When no allow-list is configured the policy reports nothing. Models
#   unresolved at plan time are not judged.
# custom:
#   id: AIP-AWS-BR-019
#   severity: MEDIUM
#   category: supply-chain
#   guidelines: [design/model-selection, development/supply-chain]
#   resource_types: [aws_bedrockagent_agent, aws_bedrock_custom_model]
#   remediation: >-
#     Use a model from the approved list, or have the model assessed and added to
#     allowed_foundation_models in the aipolicy configuration.
package aipolicy.aws.bedrock.foundation_model_allow_list

import rego.v1

# Resource types and the attribute naming the foundation model each builds on.
model_attributes := {
	"aws_bedrockagent_agent": "foundation_model",
	"aws_bedrock_custom_model": "base_model_identifier",
}

cross_region_prefixes := ["us.", "eu.", "apac.", "us-gov.", "global.", "jp.", "au.", "ca."]

deny contains finding if {
	allowed := input.parameters.allowed_foundation_models
	is_array(allowed)
	some type, attribute in model_attributes
	some r in data.aipolicy.lib.resources.of_type(input, type)
	model := object.get(r.attributes, attribute, null)
	is_string(model)
	model != ""
	not _allowed(_model_id(model), allowed)
	data.aipolicy.lib.resources.known(r, attribute)
	finding := data.aipolicy.lib.resources.finding(
		r, attribute,
		"foundation model is not on the organisation's allow-list",
	)
}

_allowed(id, allowed) if {
	some entry in allowed
	_matches(id, entry)
}

_matches(id, entry) if id == entry

_matches(id, entry) if {
	is_string(entry)
	endswith(entry, "*")
	startswith(id, trim_suffix(entry, "*"))
}

_matches(id, entry) if {
	is_string(entry)
	startswith(id, concat("", [entry, ":"]))
}

# _model_id reduces an ARN to the id after its last "/", then drops a cross-region
# inference-profile prefix.
_model_id(model) := _without_region_prefix(_after_slash(model))

_after_slash(model) := parts[count(parts) - 1] if {
	startswith(model, "arn:")
	parts := split(model, "/")
}

_after_slash(model) := model if not startswith(model, "arn:")

_without_region_prefix(id) := substring(id, count(prefix), -1) if {
	some prefix in cross_region_prefixes
	startswith(id, prefix)
} else := id
