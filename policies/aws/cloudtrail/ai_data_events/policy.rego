# METADATA
# title: CloudTrail records data events for model stores and Bedrock
# description: >-
#   Trails log management events only unless told otherwise, so reads and writes of model
#   artefacts and training data in S3, and Bedrock agent invocations, knowledge-base
#   retrievals, guardrail and prompt use, leave no audit record. The check is view-wide:
#   when this configuration defines trails and manages S3 buckets, some trail that is not
#   paused must record S3 object data events (an event_selector data_resource of type
#   AWS::S3::Object, or an advanced_event_selector whose field_selector resources.type
#   equals AWS::S3::Object); when it manages Bedrock agents, agent aliases, knowledge
#   bases, flows, prompts or guardrails, some trail must have an advanced_event_selector
#   for an AWS::Bedrock::* resource type. Otherwise every trail is reported. Which buckets
#   or ARNs a selector narrows to is not judged. Nothing is judged while some trail's
#   selector types, field names or non-ARN values, or its enable_logging, are unknown at plan
#   time (unknown ARN values do not matter); a configuration without trails is judged by
#   AIP-AWS-CT-005.
# custom:
#   id: AIP-AWS-CT-004
#   severity: MEDIUM
#   category: logging
#   guidelines: [deployment/incident-management, operation/monitor-inputs]
#   resource_types:
#     - aws_cloudtrail
#     - aws_s3_bucket
#     - aws_bedrockagent_agent
#     - aws_bedrockagent_agent_alias
#     - aws_bedrockagent_knowledge_base
#     - aws_bedrockagent_flow
#     - aws_bedrockagent_prompt
#     - aws_bedrock_guardrail
#   remediation: >-
#     Add to a multi-region trail advanced_event_selector blocks with field_selector {
#     field = "eventCategory", equals = ["Data"] } and field_selector { field =
#     "resources.type", equals = ["AWS::S3::Object"] } (narrowed with resources.ARN
#     starts_with to the model and data buckets if cost matters), and one per Bedrock
#     resource type in use (AWS::Bedrock::AgentAlias, AWS::Bedrock::KnowledgeBase,
#     AWS::Bedrock::Guardrail, ...).
package aipolicy.aws.cloudtrail.ai_data_events

import rego.v1

bedrock_types := [
	"aws_bedrockagent_agent",
	"aws_bedrockagent_agent_alias",
	"aws_bedrockagent_knowledge_base",
	"aws_bedrockagent_flow",
	"aws_bedrockagent_prompt",
	"aws_bedrock_guardrail",
]

deny contains finding if {
	count(data.aipolicy.lib.resources.of_type(input, "aws_s3_bucket")) > 0
	not _trails_unknown
	not _some_trail_records("s3")
	some trail in data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")
	finding := data.aipolicy.lib.resources.finding(
		trail, "advanced_event_selector",
		"no trail in this configuration records S3 object data events for the buckets it manages",
	)
}

deny contains finding if {
	_bedrock_in_use
	not _trails_unknown
	not _some_trail_records("bedrock")
	some trail in data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")
	finding := data.aipolicy.lib.resources.finding(
		trail, "advanced_event_selector",
		"no trail in this configuration records Bedrock data events for the Bedrock resources it manages",
	)
}

_bedrock_in_use if {
	some type in bedrock_types
	count(data.aipolicy.lib.resources.of_type(input, type)) > 0
}

_trails_unknown if {
	some trail in data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")
	_unknown(trail)
}

# What a trail records is unknown when its logging state, a data_resource type, an advanced
# field name or the values of an advanced field other than resources.ARN is unknown. Unknown
# ARN values (typically references to new buckets) do not matter here.
_unknown(trail) if not data.aipolicy.lib.resources.known(trail, "enable_logging")

_unknown(trail) if not data.aipolicy.lib.blocks.known_pattern(trail, "event_selector.*.data_resource.*.type")

_unknown(trail) if not data.aipolicy.lib.blocks.known_pattern(trail, "advanced_event_selector.*.field_selector.*.field")

_unknown(trail) if {
	some i, selector in data.aipolicy.lib.blocks.elements(object.get(trail.attributes, "advanced_event_selector", null))
	some j, field in data.aipolicy.lib.blocks.elements(object.get(selector, "field_selector", null))
	object.get(field, "field", "") != "resources.ARN"
	not data.aipolicy.lib.resources.known(trail, sprintf("advanced_event_selector.%d.field_selector.%d.equals", [i, j]))
}

_some_trail_records(kind) if {
	some trail in data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")
	object.get(trail.attributes, "enable_logging", true) != false
	_records(trail, kind)
}

_records(trail, "s3") if {
	some selector in data.aipolicy.lib.blocks.elements(object.get(trail.attributes, "event_selector", null))
	some resource in data.aipolicy.lib.blocks.elements(object.get(selector, "data_resource", null))
	resource.type == "AWS::S3::Object"
}

_records(trail, "s3") if {
	some value in _advanced_resource_types(trail)
	value == "AWS::S3::Object"
}

_records(trail, "bedrock") if {
	some value in _advanced_resource_types(trail)
	startswith(value, "AWS::Bedrock::")
}

# The resources.type values an advanced selector of the trail includes.
_advanced_resource_types(trail) := [value |
	some selector in data.aipolicy.lib.blocks.elements(object.get(trail.attributes, "advanced_event_selector", null))
	some field in data.aipolicy.lib.blocks.elements(object.get(selector, "field_selector", null))
	field.field == "resources.type"
	equals := object.get(field, "equals", [])
	is_array(equals)
	some value in equals
	is_string(value)
]
