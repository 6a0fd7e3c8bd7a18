# METADATA
# title: Bedrock guardrails block prompt attacks at high strength
# description: >-
#   The PROMPT_ATTACK content filter is the guardrail's defence against jailbreaks and
#   prompt injection in user input. A guardrail fails when its content_policy_config has no
#   filters_config of type PROMPT_ATTACK with input_strength "HIGH", or when that filter has
#   input_enabled = false. Without a content_policy_config there is no filter at all, so it
#   fails too. Filters unresolved at plan time are not judged.
# custom:
#   id: AIP-AWS-BR-003
#   severity: MEDIUM
#   category: access-control
#   guidelines: [design/secure-by-design, operation/monitor-inputs]
#   resource_types: [aws_bedrock_guardrail]
#   remediation: >-
#     Add content_policy_config { filters_config { type = "PROMPT_ATTACK" input_strength =
#     "HIGH" output_strength = "NONE" } } to the guardrail.
package aipolicy.aws.bedrock.guardrail_prompt_attack_filter

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrock_guardrail")
	not _blocks_prompt_attacks(r)
	data.aipolicy.lib.blocks.known_pattern(r, "content_policy_config.*.filters_config")
	finding := data.aipolicy.lib.resources.finding(
		r, "content_policy_config",
		"guardrail does not block prompt attacks at HIGH input strength",
	)
}

_blocks_prompt_attacks(r) if {
	some policy in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "content_policy_config", null))
	some filter in data.aipolicy.lib.blocks.elements(object.get(policy, "filters_config", null))
	filter.type == "PROMPT_ATTACK"
	filter.input_strength == "HIGH"
	object.get(filter, "input_enabled", true) != false
}
