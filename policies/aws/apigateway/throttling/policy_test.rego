package aipolicy.aws.apigateway.throttling_test

import rego.v1

import data.aipolicy.aws.apigateway.throttling as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

stage := {
	"id": "aws_api_gateway_stage.prod",
	"type": "aws_api_gateway_stage",
	"attributes": {"stage_name": "prod"},
	"unresolved": ["rest_api_id"],
}

method_settings(attributes, unresolved, refs) := {
	"id": "aws_api_gateway_method_settings.all",
	"type": "aws_api_gateway_method_settings",
	"attributes": object.union({"method_path": "*/*"}, attributes),
	"unresolved": unresolved,
	"references": refs,
}

usage_plan(attributes, unresolved, refs) := {
	"id": "aws_api_gateway_usage_plan.inference",
	"type": "aws_api_gateway_usage_plan",
	"attributes": object.union({"name": "inference"}, attributes),
	"unresolved": unresolved,
	"references": {"api_stages": refs},
}

v2_stage(attributes, unresolved) := {
	"id": "aws_apigatewayv2_stage.prod",
	"type": "aws_apigatewayv2_stage",
	"attributes": object.union({"name": "prod"}, attributes),
	"unresolved": unresolved,
}

to_stage := {"stage_name": ["aws_api_gateway_stage.prod"]}

rest_finding := {
	"resource": "aws_api_gateway_stage.prod",
	"attribute": "throttling",
	"message": "stage has no throttling: clients can send requests at the account-wide limit",
}

test_rest_stage_without_throttling_fails if {
	policy.deny == {rest_finding} with input as mkview([stage])
}

test_method_settings_throttle_passes if {
	count(policy.deny) == 0 with input as mkview([
		stage,
		method_settings(
			{"stage_name": "prod", "settings": [{"throttling_rate_limit": 50, "throttling_burst_limit": 100}]},
			[],
			to_stage,
		),
	])
	count(policy.deny) == 0 with input as mkview([
		stage,
		method_settings({"stage_name": "prod", "settings": [{"throttling_burst_limit": 0}]}, [], to_stage),
	])
}

test_method_settings_without_throttle_fail if {
	policy.deny == {rest_finding} with input as mkview([
		stage,
		method_settings(
			{
				"stage_name": "prod",
				"settings": [{"metrics_enabled": true, "throttling_rate_limit": -1, "throttling_burst_limit": -1}],
			},
			[],
			to_stage,
		),
	])
	policy.deny == {rest_finding} with input as mkview([
		stage,
		method_settings({"stage_name": "prod", "settings": [{"metrics_enabled": true}]}, [], to_stage),
	])
}

test_method_settings_joined_by_stage_name if {
	count(policy.deny) == 0 with input as mkview([
		stage,
		method_settings({"stage_name": "prod", "settings": [{"throttling_rate_limit": 10}]}, [], {}),
	])
	count(policy.deny) == 1 with input as mkview([
		stage,
		method_settings({"stage_name": "dev", "settings": [{"throttling_rate_limit": 10}]}, [], {}),
	])
}

test_method_settings_unknown_throttle_passes if {
	count(policy.deny) == 0 with input as mkview([
		stage,
		method_settings({"stage_name": "prod", "settings": [{}]}, ["settings.0.throttling_rate_limit"], to_stage),
	])
}

test_dangling_method_settings_leave_stages_unjudged if {
	count(policy.deny) == 0 with input as mkview([
		stage,
		method_settings({"settings": [{"metrics_enabled": true}]}, ["stage_name"], {}),
	])
}

test_usage_plan if {
	count(policy.deny) == 0 with input as mkview([
		stage,
		usage_plan(
			{"throttle_settings": [{"rate_limit": 20, "burst_limit": 40}]},
			["api_stages"],
			["aws_api_gateway_stage.prod"],
		),
	])
	count(policy.deny) == 0 with input as mkview([
		stage,
		usage_plan(
			{"api_stages": [{"stage": "prod", "throttle": [{"path": "/invoke/POST", "rate_limit": 5}]}]},
			["api_stages.0.api_id"],
			["aws_api_gateway_stage.prod"],
		),
	])
	quota_only := {"api_stages": [{"stage": "prod"}], "quota_settings": [{"limit": 1000, "period": "DAY"}]}
	count(policy.deny) == 1 with input as mkview([
		stage,
		usage_plan(quota_only, ["api_stages.0.api_id"], ["aws_api_gateway_stage.prod"]),
	])
	count(policy.deny) == 0 with input as mkview([
		stage,
		usage_plan(quota_only, ["api_stages.0.api_id"], ["aws_api_gateway_stage.other"]),
		method_settings({"stage_name": "prod", "settings": [{"throttling_rate_limit": 5}]}, [], to_stage),
	])
	count(policy.deny) == 0 with input as mkview([stage, usage_plan({}, ["api_stages"], ["aws_api_gateway_stage.prod"])])
	count(policy.deny) == 0 with input as mkview([
		stage,
		usage_plan({}, ["api_stages", "throttle_settings"], ["aws_api_gateway_stage.prod"]),
	])
	count(policy.deny) == 0 with input as mkview([stage, usage_plan({}, ["api_stages"], [])])
}

test_v2_stage if {
	policy.deny == {{
		"resource": "aws_apigatewayv2_stage.prod",
		"attribute": "default_route_settings",
		"message": "stage has no throttling: clients can send requests at the account-wide limit",
	}} with input as mkview([v2_stage({}, [])])
	count(policy.deny) == 1 with input as mkview([v2_stage(
		{"default_route_settings": [{"detailed_metrics_enabled": true}]},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([v2_stage(
		{"default_route_settings": [{"throttling_rate_limit": 100, "throttling_burst_limit": 200}]},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([v2_stage(
		{"route_settings": [{"route_key": "POST /invoke", "throttling_burst_limit": 20}]},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([v2_stage(
		{"default_route_settings": [{}]},
		["default_route_settings.0.throttling_rate_limit"],
	)])
}
