package aipolicy.aws.bedrock.guardrail_prompt_attack_filter_test

import rego.v1

import data.aipolicy.aws.bedrock.guardrail_prompt_attack_filter as policy

view(attributes, unresolved) := {
	"resources": {"aws_bedrock_guardrail.g": {
		"id": "aws_bedrock_guardrail.g",
		"type": "aws_bedrock_guardrail",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_bedrock_guardrail": ["aws_bedrock_guardrail.g"]},
}

filter(type, strength) := {"type": type, "input_strength": strength, "output_strength": "NONE"}

content(filters) := {"content_policy_config": [{"filters_config": filters}]}

test_high_prompt_attack_passes if {
	count(policy.deny) == 0 with input as view(content([filter("HATE", "HIGH"), filter("PROMPT_ATTACK", "HIGH")]), [])
}

test_single_object_shape_passes if {
	count(policy.deny) == 0 with input as view(
		{"content_policy_config": {"filters_config": [filter("PROMPT_ATTACK", "HIGH")]}},
		[],
	)
}

test_medium_prompt_attack_fails if {
	findings := policy.deny with input as view(content([filter("PROMPT_ATTACK", "MEDIUM")]), [])
	count(findings) == 1
	some f in findings
	f.attribute == "content_policy_config"
}

test_disabled_prompt_attack_fails if {
	disabled := object.union(filter("PROMPT_ATTACK", "HIGH"), {"input_enabled": false})
	count(policy.deny) == 1 with input as view(content([disabled]), [])
}

test_missing_prompt_attack_fails if {
	count(policy.deny) == 1 with input as view(content([filter("HATE", "HIGH"), filter("VIOLENCE", "HIGH")]), [])
}

test_absent_content_policy_fails if {
	count(policy.deny) == 1 with input as view({"name": "support"}, [])
	count(policy.deny) == 1 with input as view({"content_policy_config": []}, [])
}

test_unresolved_strength_does_not_fail if {
	unresolved := ["content_policy_config.0.filters_config.0.input_strength"]
	count(policy.deny) == 0 with input as view(content([{"type": "PROMPT_ATTACK", "output_strength": "NONE"}]), unresolved)
}

test_unresolved_block_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["content_policy_config"])
}
