package aipolicy.aws.apigateway.method_authorization_test

import rego.v1

import data.aipolicy.aws.apigateway.method_authorization as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

method(attributes, unresolved) := {
	"id": "aws_api_gateway_method.invoke",
	"type": "aws_api_gateway_method",
	"attributes": object.union({"http_method": "POST", "authorization": "NONE"}, attributes),
	"unresolved": unresolved,
}

test_open_method_fails if {
	policy.deny == {{
		"resource": "aws_api_gateway_method.invoke",
		"attribute": "authorization",
		"message": "method accepts requests without authorization or an API key",
	}} with input as mkview([method({}, [])])
	count(policy.deny) == 1 with input as mkview([method({"api_key_required": false, "http_method": "ANY"}, [])])
	count(policy.deny) == 1 with input as mkview([method({"authorization": "none"}, [])])
}

test_authorized_or_keyed_method_passes if {
	every authorization in ["AWS_IAM", "COGNITO_USER_POOLS", "CUSTOM"] {
		count(policy.deny) == 0 with input as mkview([method({"authorization": authorization}, [])])
	}
	count(policy.deny) == 0 with input as mkview([method({"api_key_required": true}, [])])
}

test_options_method_is_not_judged if {
	count(policy.deny) == 0 with input as mkview([method({"http_method": "OPTIONS"}, [])])
}

test_unknown_values_do_not_fail if {
	count(policy.deny) == 0 with input as mkview([object.union(
		method({}, ["authorization"]),
		{"attributes": {"http_method": "POST"}},
	)])
	count(policy.deny) == 0 with input as mkview([method({}, ["api_key_required"])])
	count(policy.deny) == 0 with input as mkview([method({}, ["http_method"])])
}
