package aipolicy.aws.apigateway.access_logging_test

import rego.v1

import data.aipolicy.aws.apigateway.access_logging as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

stage(type, attributes, unresolved) := {
	"id": concat(".", [type, "prod"]),
	"type": type,
	"attributes": attributes,
	"unresolved": unresolved,
}

logs := [{
	"destination_arn": "arn:aws:logs:eu-west-1:111122223333:log-group:api-access",
	"format": "{\"requestId\":\"$context.requestId\"}",
}]

test_stage_without_access_logs_fails if {
	policy.deny == {{
		"resource": "aws_api_gateway_stage.prod",
		"attribute": "access_log_settings",
		"message": "stage writes no access logs",
	}} with input as mkview([stage("aws_api_gateway_stage", {"stage_name": "prod"}, [])])
	count(policy.deny) == 1 with input as mkview([stage(
		"aws_apigatewayv2_stage",
		{"name": "prod", "access_log_settings": []},
		[],
	)])
	count(policy.deny) == 1 with input as mkview([stage(
		"aws_apigatewayv2_stage",
		{"name": "prod", "access_log_settings": [{"destination_arn": "", "format": "x"}]},
		[],
	)])
}

test_stage_with_access_logs_passes if {
	count(policy.deny) == 0 with input as mkview([stage(
		"aws_api_gateway_stage",
		{"stage_name": "prod", "access_log_settings": logs},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([stage(
		"aws_apigatewayv2_stage",
		{"name": "prod", "access_log_settings": logs[0]},
		[],
	)])
}

test_unknown_destination_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([stage(
		"aws_api_gateway_stage",
		{"access_log_settings": [{"format": "x"}]},
		["access_log_settings.0.destination_arn"],
	)])
	count(policy.deny) == 0 with input as mkview([stage("aws_apigatewayv2_stage", {}, ["access_log_settings"])])
}
