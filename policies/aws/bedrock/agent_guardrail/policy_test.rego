package aipolicy.aws.bedrock.agent_guardrail_test

import rego.v1

import data.aipolicy.aws.bedrock.agent_guardrail as policy

view(attributes, unresolved) := {
	"resources": {"aws_bedrockagent_agent.a": {
		"id": "aws_bedrockagent_agent.a",
		"type": "aws_bedrockagent_agent",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_bedrockagent_agent": ["aws_bedrockagent_agent.a"]},
}

test_absent_fails if {
	findings := policy.deny with input as view({"agent_name": "support"}, [])
	count(findings) == 1
	count(policy.deny) == 1 with input as view({"guardrail_configuration": []}, [])
	some f in findings
	f.attribute == "guardrail_configuration"
}

test_guardrail_passes if {
	count(policy.deny) == 0 with input as view(
		{"guardrail_configuration": [{"guardrail_identifier": "gr4ilz0abcde", "guardrail_version": "1"}]},
		[],
	)
}

test_block_without_identifier_fails if {
	findings := policy.deny with input as view(
		{"guardrail_configuration": [{"guardrail_identifier": null, "guardrail_version": "1"}]},
		[],
	)
	count(findings) == 1
	some f in findings
	f.attribute == "guardrail_configuration.0.guardrail_identifier"
}

test_unresolved_identifier_does_not_fail if {
	count(policy.deny) == 0 with input as view(
		{"guardrail_configuration": [{"guardrail_version": "1"}]},
		["guardrail_configuration.0.guardrail_identifier"],
	)
}

test_unresolved_block_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["guardrail_configuration"])
}
