# METADATA
# title: Bedrock guardrails check responses for grounding and relevance
# description: >-
#   Contextual grounding checks flag responses that are not supported by the retrieved
#   source (hallucinations) or that do not answer the query, which limits how far poisoned
#   or irrelevant context can steer an answer in retrieval-augmented applications. A
#   guardrail fails when its contextual_grounding_policy_config does not have both a
#   GROUNDING and a RELEVANCE filter. The check matters for applications that pass a
#   grounding source; waive it for guardrails used only for conversation. Values unresolved
#   at plan time are not judged.
# custom:
#   id: AIP-AWS-BR-005
#   severity: LOW
#   category: resilience
#   guidelines: [design/secure-by-design, deployment/responsible-release]
#   resource_types: [aws_bedrock_guardrail]
#   remediation: >-
#     Add contextual_grounding_policy_config { filters_config { type = "GROUNDING" threshold
#     = 0.75 } filters_config { type = "RELEVANCE" threshold = 0.75 } }.
package aipolicy.aws.bedrock.guardrail_contextual_grounding

import rego.v1

required_filters := {"GROUNDING", "RELEVANCE"}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrock_guardrail")
	missing := required_filters - _filter_types(r)
	count(missing) > 0
	data.aipolicy.lib.blocks.known_pattern(r, "contextual_grounding_policy_config.*.filters_config")
	finding := data.aipolicy.lib.resources.finding(
		r, "contextual_grounding_policy_config",
		"guardrail does not check responses for both grounding and relevance",
	)
}

_filter_types(r) := {type |
	some policy in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "contextual_grounding_policy_config", null))
	some filter in data.aipolicy.lib.blocks.elements(object.get(policy, "filters_config", null))
	object.get(filter, "enabled", true) != false
	type := object.get(filter, "type", null)
}
