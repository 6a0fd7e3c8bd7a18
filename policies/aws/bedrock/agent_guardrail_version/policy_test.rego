package aipolicy.aws.bedrock.agent_guardrail_version_test

import rego.v1

import data.aipolicy.aws.bedrock.agent_guardrail_version as policy

view(attributes, unresolved) := {
	"resources": {"aws_bedrockagent_agent.a": {
		"id": "aws_bedrockagent_agent.a",
		"type": "aws_bedrockagent_agent",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_bedrockagent_agent": ["aws_bedrockagent_agent.a"]},
}

guardrail(version) := {"guardrail_configuration": [{
	"guardrail_identifier": "gr4ilz0abcde",
	"guardrail_version": version,
}]}

test_draft_fails if {
	findings := policy.deny with input as view(guardrail("DRAFT"), [])
	count(findings) == 1
	some f in findings
	f.attribute == "guardrail_configuration.0.guardrail_version"
}

test_numbered_version_passes if {
	count(policy.deny) == 0 with input as view(guardrail("3"), [])
}

test_absent_version_is_not_judged if {
	count(policy.deny) == 0 with input as view(guardrail(null), [])
	count(policy.deny) == 0 with input as view({}, [])
}

test_unresolved_version_does_not_fail if {
	count(policy.deny) == 0 with input as view(guardrail("DRAFT"), ["guardrail_configuration.0.guardrail_version"])
}
