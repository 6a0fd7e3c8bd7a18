package aipolicy.aws.bedrock.guardrail_contextual_grounding_test

import rego.v1

import data.aipolicy.aws.bedrock.guardrail_contextual_grounding as policy

view(attributes, unresolved) := {
	"resources": {"aws_bedrock_guardrail.g": {
		"id": "aws_bedrock_guardrail.g",
		"type": "aws_bedrock_guardrail",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_bedrock_guardrail": ["aws_bedrock_guardrail.g"]},
}

grounding(types) := {"contextual_grounding_policy_config": [{
	"filters_config": [{"type": t, "threshold": 0.75} | some t in types],
}]}

test_both_filters_pass if {
	count(policy.deny) == 0 with input as view(grounding(["GROUNDING", "RELEVANCE"]), [])
}

test_one_filter_fails if {
	findings := policy.deny with input as view(grounding(["GROUNDING"]), [])
	count(findings) == 1
	count(policy.deny) == 1 with input as view(grounding(["RELEVANCE"]), [])
	some f in findings
	f.attribute == "contextual_grounding_policy_config"
}

test_disabled_filter_fails if {
	config := {"contextual_grounding_policy_config": [{"filters_config": [
		{"type": "GROUNDING", "threshold": 0.75},
		{"type": "RELEVANCE", "threshold": 0.75, "enabled": false},
	]}]}
	count(policy.deny) == 1 with input as view(config, [])
}

test_absent_fails if {
	count(policy.deny) == 1 with input as view({"name": "support"}, [])
	count(policy.deny) == 1 with input as view({"contextual_grounding_policy_config": []}, [])
}

test_unresolved_type_does_not_fail if {
	count(policy.deny) == 0 with input as view(grounding(["GROUNDING"]), ["contextual_grounding_policy_config.0.filters_config.1.type"])
	count(policy.deny) == 0 with input as view({}, ["contextual_grounding_policy_config"])
}
