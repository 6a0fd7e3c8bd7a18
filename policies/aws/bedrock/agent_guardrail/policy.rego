# METADATA
# title: Bedrock agents are protected by a guardrail
# description: >-
#   An agent turns user input into actions (API calls through action groups, knowledge base
#   queries), so prompt injection reaches more than text. A guardrail filters the agent's
#   inputs and outputs for prompt attacks, harmful content and sensitive information. An
#   agent fails when guardrail_configuration is absent or names no guardrail_identifier.
#   Values unresolved at plan time (for example the id of a guardrail created in the same
#   plan) count as set.
# custom:
#   id: AIP-AWS-BR-007
#   severity: HIGH
#   category: access-control
#   guidelines: [design/secure-by-design, deployment/secure-defaults]
#   resource_types: [aws_bedrockagent_agent]
#   remediation: >-
#     Add guardrail_configuration { guardrail_identifier = aws_bedrock_guardrail.<name>.guardrail_id
#     guardrail_version = aws_bedrock_guardrail_version.<name>.version } to the agent.
package aipolicy.aws.bedrock.agent_guardrail

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrockagent_agent")
	not data.aipolicy.lib.blocks.present(object.get(r.attributes, "guardrail_configuration", null))
	data.aipolicy.lib.resources.known(r, "guardrail_configuration")
	finding := data.aipolicy.lib.resources.finding(
		r, "guardrail_configuration",
		"agent has no guardrail",
	)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrockagent_agent")
	some i, config in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "guardrail_configuration", null))
	object.get(config, "guardrail_identifier", null) in {null, ""}
	path := sprintf("guardrail_configuration.%d.guardrail_identifier", [i])
	data.aipolicy.lib.resources.known(r, path)
	finding := data.aipolicy.lib.resources.finding(
		r, path,
		"agent guardrail configuration names no guardrail",
	)
}
