# METADATA
# title: Bedrock agents use a numbered guardrail version, not the draft
# description: >-
#   The DRAFT version of a guardrail changes whenever anyone edits the guardrail, so an
#   agent bound to it changes its protection without a release, and a mistaken edit takes
#   effect at once. A numbered version (aws_bedrock_guardrail_version) is immutable and can
#   be rolled forward and back deliberately. An agent fails when a guardrail_configuration
#   has guardrail_version "DRAFT". An absent or unresolved version is not judged.
# custom:
#   id: AIP-AWS-BR-010
#   severity: LOW
#   category: updates
#   guidelines: [operation/secure-updates]
#   resource_types: [aws_bedrockagent_agent]
#   remediation: >-
#     Create an aws_bedrock_guardrail_version and set guardrail_version to its version.
package aipolicy.aws.bedrock.agent_guardrail_version

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrockagent_agent")
	some i, config in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "guardrail_configuration", null))
	path := sprintf("guardrail_configuration.%d.guardrail_version", [i])
	version := object.get(config, "guardrail_version", null)
	is_string(version)
	upper(version) == "DRAFT"
	data.aipolicy.lib.resources.known(r, path)
	finding := data.aipolicy.lib.resources.finding(
		r, path,
		"agent uses the mutable draft version of its guardrail",
	)
}
