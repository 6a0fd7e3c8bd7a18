# METADATA
# title: Bedrock guardrails filter sensitive information
# description: >-
#   A sensitive information policy blocks or masks personal data and other sensitive
#   patterns (account numbers, keys) in prompts and responses, so a model cannot be used to
#   extract them or leak them into logs. A guardrail fails when it has no
#   sensitive_information_policy_config with at least one pii_entities_config or
#   regexes_config entry. Values unresolved at plan time are not judged.
# custom:
#   id: AIP-AWS-BR-004
#   severity: MEDIUM
#   category: access-control
#   guidelines: [design/secure-by-design, development/assets]
#   resource_types: [aws_bedrock_guardrail]
#   remediation: >-
#     Add sensitive_information_policy_config with pii_entities_config entries (action
#     BLOCK or ANONYMIZE) for the personal data types your application handles, and
#     regexes_config entries for organisation-specific identifiers.
package aipolicy.aws.bedrock.guardrail_sensitive_information

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrock_guardrail")
	not _filters_sensitive_information(r)
	data.aipolicy.lib.resources.known(r, "sensitive_information_policy_config")
	finding := data.aipolicy.lib.resources.finding(
		r, "sensitive_information_policy_config",
		"guardrail does not filter personal or sensitive information",
	)
}

_filters_sensitive_information(r) if {
	some policy in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "sensitive_information_policy_config", null))
	some kind in ["pii_entities_config", "regexes_config"]
	count(data.aipolicy.lib.blocks.elements(object.get(policy, kind, null))) > 0
}
