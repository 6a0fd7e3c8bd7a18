# METADATA
# title: Bedrock agents, knowledge bases and custom models reference their threat model
# description: >-
#   The guidelines ask that AI systems be threat-modelled and that the model be kept up to
#   date; infrastructure can at least show which threat model covers a resource. Agents,
#   knowledge bases and custom models fail when neither tags_all (which includes the
#   provider's default_tags when the plan knows them) nor tags has a non-empty
#   "threat-model", "threat_model" or "ThreatModel" key (compared case-insensitively), for
#   example a link to the threat model document. Tags unresolved at plan time are not
#   judged. Where default_tags are only known after apply, the plan lists tags_all as
#   unknown and only tags is judged.
# custom:
#   id: AIP-AWS-BR-018
#   severity: LOW
#   category: resilience
#   guidelines: [design/threat-model]
#   resource_types:
#     - aws_bedrockagent_agent
#     - aws_bedrockagent_knowledge_base
#     - aws_bedrock_custom_model
#   remediation: >-
#     Add a threat-model tag whose value identifies the threat model covering the resource
#     (a URL or document id), on the resource or in the provider's default_tags.
package aipolicy.aws.bedrock.threat_model_tag

import rego.v1

ai_types := [
	"aws_bedrockagent_agent",
	"aws_bedrockagent_knowledge_base",
	"aws_bedrock_custom_model",
]

tag_keys := {"threat-model", "threat_model", "threatmodel"}

deny contains finding if {
	some type in ai_types
	some r in data.aipolicy.lib.resources.of_type(input, type)
	not _tagged(r)
	data.aipolicy.lib.resources.known(r, "tags")
	data.aipolicy.lib.resources.known(r, "tags_all")
	finding := data.aipolicy.lib.resources.finding(
		r, "tags",
		"AI resource does not reference its threat model in a threat-model tag",
	)
}

_tagged(r) if {
	some attribute in ["tags_all", "tags"]
	tags := object.get(r.attributes, attribute, null)
	is_object(tags)
	some key, value in tags
	lower(key) in tag_keys
	is_string(value)
	trim_space(value) != ""
}
