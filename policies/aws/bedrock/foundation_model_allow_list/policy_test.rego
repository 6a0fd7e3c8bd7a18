package aipolicy.aws.bedrock.foundation_model_allow_list_test

import rego.v1

import data.aipolicy.aws.bedrock.foundation_model_allow_list as policy

view(type, attributes, unresolved) := {
	"resources": {"r": {
		"id": "r",
		"type": type,
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {type: ["r"]},
}

agent(model) := view("aws_bedrockagent_agent", {"foundation_model": model}, [])

custom(model) := view("aws_bedrock_custom_model", {"base_model_identifier": model}, [])

allowed := ["anthropic.claude-3-5-sonnet-20240620-v1:0", "amazon.titan-text-express-v1", "amazon.nova-*"]

test_no_allow_list_reports_nothing if {
	count(policy.deny) == 0 with input as agent("deepseek.r1-v1:0")
	count(policy.deny) == 0 with input as custom("arn:aws:bedrock:eu-west-1::foundation-model/meta.llama3-8b-instruct-v1:0")
}

test_malformed_allow_list_reports_nothing if {
	count(policy.deny) == 0 with input as agent("deepseek.r1-v1:0")
		with input.parameters.allowed_foundation_models as "anthropic.*"
}

test_unlisted_agent_model_fails if {
	findings := policy.deny with input as agent("deepseek.r1-v1:0")
		with input.parameters.allowed_foundation_models as allowed
	count(findings) == 1
	some f in findings
	f.attribute == "foundation_model"
}

test_listed_agent_model_passes if {
	count(policy.deny) == 0 with input as agent("anthropic.claude-3-5-sonnet-20240620-v1:0")
		with input.parameters.allowed_foundation_models as allowed
}

test_inference_profile_is_compared_by_model_id if {
	count(policy.deny) == 0 with input as agent("eu.anthropic.claude-3-5-sonnet-20240620-v1:0")
		with input.parameters.allowed_foundation_models as allowed
	profile := "arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu.anthropic.claude-3-5-sonnet-20240620-v1:0"
	count(policy.deny) == 0 with input as agent(profile)
		with input.parameters.allowed_foundation_models as allowed
}

test_prefix_entries_pass if {
	count(policy.deny) == 0 with input as agent("amazon.nova-pro-v1:0")
		with input.parameters.allowed_foundation_models as allowed
}

test_versionless_entry_allows_versions if {
	arn := "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-text-express-v1:0:8k"
	count(policy.deny) == 0 with input as custom(arn)
		with input.parameters.allowed_foundation_models as allowed
}

test_entry_is_not_a_bare_prefix if {
	count(policy.deny) == 1 with input as custom("amazon.titan-text-express-v1-preview:0")
		with input.parameters.allowed_foundation_models as allowed
}

test_unlisted_custom_model_base_fails if {
	findings := policy.deny with input as custom("arn:aws:bedrock:eu-west-1::foundation-model/meta.llama3-8b-instruct-v1:0")
		with input.parameters.allowed_foundation_models as allowed
	count(findings) == 1
	some f in findings
	f.attribute == "base_model_identifier"
}

test_absent_or_unresolved_model_does_not_fail if {
	count(policy.deny) == 0 with input as view("aws_bedrockagent_agent", {}, [])
		with input.parameters.allowed_foundation_models as allowed
	count(policy.deny) == 0 with input as view("aws_bedrockagent_agent", {}, ["foundation_model"])
		with input.parameters.allowed_foundation_models as allowed
	count(policy.deny) == 0 with input as view("aws_bedrock_custom_model", {}, ["base_model_identifier"])
		with input.parameters.allowed_foundation_models as allowed
}
