package aipolicy.aws.apigateway.route_authorization_test

import rego.v1

import data.aipolicy.aws.apigateway.route_authorization as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

route(attributes, unresolved) := {
	"id": "aws_apigatewayv2_route.invoke",
	"type": "aws_apigatewayv2_route",
	"attributes": attributes,
	"unresolved": array.concat(["api_id"], unresolved),
	"references": {"api_id": ["aws_apigatewayv2_api.inference"]},
}

api(protocol) := {
	"id": "aws_apigatewayv2_api.inference",
	"type": "aws_apigatewayv2_api",
	"attributes": {"name": "inference", "protocol_type": protocol},
	"unresolved": [],
}

test_http_route_without_authorization_fails if {
	policy.deny == {{
		"resource": "aws_apigatewayv2_route.invoke",
		"attribute": "authorization_type",
		"message": "route accepts requests without authorization",
	}} with input as mkview([route({"route_key": "POST /invoke"}, [])])
	count(policy.deny) == 1 with input as mkview([route({"route_key": "ANY /{proxy+}", "authorization_type": "NONE"}, [])])
}

test_authorized_routes_pass if {
	every authorization in ["JWT", "AWS_IAM", "CUSTOM"] {
		count(policy.deny) == 0 with input as mkview([route(
			{"route_key": "POST /invoke", "authorization_type": authorization},
			[],
		)])
	}
}

test_options_and_websocket_message_routes_are_not_judged if {
	count(policy.deny) == 0 with input as mkview([route({"route_key": "OPTIONS /invoke"}, [])])
	count(policy.deny) == 0 with input as mkview([route({"route_key": "$disconnect"}, [])])
	count(policy.deny) == 0 with input as mkview([route({"route_key": "sendPrompt"}, [])])
	count(policy.deny) == 0 with input as mkview([api("WEBSOCKET"), route({"route_key": "$default"}, [])])
}

test_websocket_connect_is_judged if {
	count(policy.deny) == 1 with input as mkview([api("WEBSOCKET"), route({"route_key": "$connect"}, [])])
	count(policy.deny) == 0 with input as mkview([
		api("WEBSOCKET"),
		route({"route_key": "$connect", "authorization_type": "CUSTOM"}, []),
	])
}

test_http_default_route_is_judged if {
	count(policy.deny) == 1 with input as mkview([api("HTTP"), route({"route_key": "$default"}, [])])
	count(policy.deny) == 0 with input as mkview([route({"route_key": "$default"}, [])])
}

test_unknown_values_do_not_fail if {
	count(policy.deny) == 0 with input as mkview([route({"route_key": "POST /invoke"}, ["authorization_type"])])
	count(policy.deny) == 0 with input as mkview([route({}, ["route_key"])])
}
