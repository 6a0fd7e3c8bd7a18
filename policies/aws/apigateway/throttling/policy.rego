# METADATA
# title: API Gateway stages in front of models are rate-limited
# description: >-
#   Inference is expensive and every response leaks a little of the model: without a rate
#   limit one client can run up the bill, starve other users or extract the model with
#   millions of queries. Only the account-level quota (thousands of requests per second)
#   applies by default, which is no limit for an inference API. A REST stage
#   (aws_api_gateway_stage) passes when an aws_api_gateway_method_settings for it (joined
#   through a reference in stage_name, or by equal stage_name and rest_api_id values) sets
#   settings throttling_rate_limit or throttling_burst_limit to 0 or more (the provider's
#   default -1 means not throttled), or an aws_api_gateway_usage_plan references it in
#   api_stages and sets throttle_settings or a per-stage throttle. An HTTP/WebSocket stage
#   (aws_apigatewayv2_stage) passes when default_route_settings or some route_settings sets
#   throttling_rate_limit or throttling_burst_limit. Unknown settings pass, and a method
#   settings or usage plan resource whose stage is unknown and unreferenced leaves REST
#   stages unjudged.
# custom:
#   id: AIP-AWS-APIGW-004
#   severity: MEDIUM
#   category: resilience
#   guidelines: [deployment/model-protection]
#   resource_types:
#     - aws_api_gateway_stage
#     - aws_api_gateway_method_settings
#     - aws_api_gateway_usage_plan
#     - aws_apigatewayv2_stage
#   remediation: >-
#     Add an aws_api_gateway_method_settings with method_path = "*/*" and settings {
#     throttling_rate_limit, throttling_burst_limit } sized for the model, or a usage plan
#     with throttle_settings; for HTTP APIs set default_route_settings {
#     throttling_rate_limit, throttling_burst_limit } on the stage.
package aipolicy.aws.apigateway.throttling

import rego.v1

message := "stage has no throttling: clients can send requests at the account-wide limit"

deny contains finding if {
	not data.aipolicy.lib.resources.dangling(input, "aws_api_gateway_method_settings", "stage_name")
	not data.aipolicy.lib.resources.dangling(input, "aws_api_gateway_usage_plan", "api_stages")
	some stage in data.aipolicy.lib.resources.of_type(input, "aws_api_gateway_stage")
	not _method_settings_throttle(stage)
	not _usage_plan_throttles(stage)
	finding := data.aipolicy.lib.resources.finding(stage, "throttling", message)
}

deny contains finding if {
	some stage in data.aipolicy.lib.resources.of_type(input, "aws_apigatewayv2_stage")
	not _v2_throttled(stage)
	data.aipolicy.lib.blocks.known_pattern(stage, "default_route_settings")
	data.aipolicy.lib.blocks.known_pattern(stage, "route_settings")
	finding := data.aipolicy.lib.resources.finding(stage, "default_route_settings", message)
}

throttle_fields := ["throttling_rate_limit", "throttling_burst_limit"]

_method_settings_throttle(stage) if {
	some settings in _method_settings_of(stage)
	_throttle_set_or_unknown(settings)
}

_method_settings_of(stage) := [s |
	some s in data.aipolicy.lib.resources.of_type(input, "aws_api_gateway_method_settings")
	_settings_for(s, stage)
]

_settings_for(s, stage) if stage.id in data.aipolicy.lib.resources.references_of(s, "stage_name")

_settings_for(s, stage) if {
	count(data.aipolicy.lib.resources.references_of(s, "stage_name")) == 0
	name := object.get(s.attributes, "stage_name", null)
	is_string(name)
	name == stage.attributes.stage_name
}

_throttle_set_or_unknown(s) if {
	some field in throttle_fields
	not data.aipolicy.lib.blocks.known_pattern(s, concat("", ["settings.*.", field]))
}

_throttle_set_or_unknown(s) if {
	some block in data.aipolicy.lib.blocks.elements(object.get(s.attributes, "settings", null))
	some field in throttle_fields
	value := object.get(block, field, -1)
	is_number(value)
	value >= 0
}

_usage_plan_throttles(stage) if {
	some plan in data.aipolicy.lib.resources.referencing(input, "aws_api_gateway_usage_plan", "api_stages", stage.id)
	_plan_throttles(plan)
}

_plan_throttles(plan) if not data.aipolicy.lib.blocks.known_pattern(plan, "throttle_settings")

_plan_throttles(plan) if not data.aipolicy.lib.blocks.known_pattern(plan, "api_stages.*.throttle")

_plan_throttles(plan) if {
	some block in data.aipolicy.lib.blocks.elements(object.get(plan.attributes, "throttle_settings", null))
	_limit_set(block, ["rate_limit", "burst_limit"])
}

_plan_throttles(plan) if {
	some api_stage in data.aipolicy.lib.blocks.elements(object.get(plan.attributes, "api_stages", null))
	some block in data.aipolicy.lib.blocks.elements(object.get(api_stage, "throttle", null))
	_limit_set(block, ["rate_limit", "burst_limit"])
}

_v2_throttled(stage) if {
	some attribute in ["default_route_settings", "route_settings"]
	some block in data.aipolicy.lib.blocks.elements(object.get(stage.attributes, attribute, null))
	_limit_set(block, throttle_fields)
}

_limit_set(block, fields) if {
	some field in fields
	value := object.get(block, field, null)
	is_number(value)
	value > 0
}
