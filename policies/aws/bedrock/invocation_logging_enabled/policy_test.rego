package aipolicy.aws.bedrock.invocation_logging_enabled_test

import rego.v1

import data.aipolicy.aws.bedrock.invocation_logging_enabled as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

agent := {
	"id": "aws_bedrockagent_agent.support",
	"type": "aws_bedrockagent_agent",
	"attributes": {"agent_name": "support"},
}

guardrail := {"id": "aws_bedrock_guardrail.g", "type": "aws_bedrock_guardrail", "attributes": {"name": "g"}}

logging(attributes, unresolved) := {
	"id": "aws_bedrock_model_invocation_logging_configuration.this",
	"type": "aws_bedrock_model_invocation_logging_configuration",
	"attributes": attributes,
	"unresolved": unresolved,
}

test_bedrock_without_logging_fails if {
	policy.deny == {
		{
			"resource": "aws_bedrockagent_agent.support",
			"attribute": "model_invocation_logging",
			"message": "Bedrock is used but model invocation logging is not configured",
		},
		{
			"resource": "aws_bedrock_guardrail.g",
			"attribute": "model_invocation_logging",
			"message": "Bedrock is used but model invocation logging is not configured",
		},
	} with input as mkview([agent, guardrail])
}

test_every_bedrock_type_is_covered if {
	every t in policy.bedrock_types {
		count(policy.deny) == 1 with input as mkview([{"id": concat(".", [t, "x"]), "type": t, "attributes": {}}])
	}
}

test_logging_configuration_present_passes if {
	count(policy.deny) == 0 with input as mkview([
		agent,
		logging({"logging_config": {"text_data_delivery_enabled": true}}, []),
	])
}

test_unresolved_logging_configuration_counts_as_present if {
	count(policy.deny) == 0 with input as mkview([agent, logging({}, ["logging_config"])])
}

test_no_bedrock_no_finding if {
	count(policy.deny) == 0 with input as mkview([{"id": "aws_s3_bucket.b", "type": "aws_s3_bucket", "attributes": {}}])
}
