package aipolicy.aws.bedrock.guardrail_sensitive_information_test

import rego.v1

import data.aipolicy.aws.bedrock.guardrail_sensitive_information as policy

view(attributes, unresolved) := {
	"resources": {"aws_bedrock_guardrail.g": {
		"id": "aws_bedrock_guardrail.g",
		"type": "aws_bedrock_guardrail",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_bedrock_guardrail": ["aws_bedrock_guardrail.g"]},
}

test_absent_fails if {
	findings := policy.deny with input as view({"name": "support"}, [])
	count(findings) == 1
	count(policy.deny) == 1 with input as view({"sensitive_information_policy_config": []}, [])
	some f in findings
	f.attribute == "sensitive_information_policy_config"
}

test_empty_policy_fails if {
	count(policy.deny) == 1 with input as view(
		{"sensitive_information_policy_config": [{"pii_entities_config": [], "regexes_config": []}]},
		[],
	)
}

test_pii_entities_pass if {
	pii := [{"action": "ANONYMIZE", "type": "EMAIL"}, {"action": "BLOCK", "type": "CREDIT_DEBIT_CARD_NUMBER"}]
	count(policy.deny) == 0 with input as view(
		{"sensitive_information_policy_config": [{"pii_entities_config": pii, "regexes_config": []}]},
		[],
	)
}

test_regexes_pass if {
	regexes := [{"action": "BLOCK", "name": "employee_id", "pattern": "^EMP-[0-9]{6}$", "description": "Employee ids"}]
	count(policy.deny) == 0 with input as view({"sensitive_information_policy_config": [{"regexes_config": regexes}]}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({"sensitive_information_policy_config": [{}]}, ["sensitive_information_policy_config.0.pii_entities_config"])
	count(policy.deny) == 0 with input as view({}, ["sensitive_information_policy_config"])
}
