# METADATA
# title: API Gateway HTTP and WebSocket routes require authorization
# description: >-
#   A route with authorization_type "NONE" (the provider's default) lets anyone who finds
#   the URL call the model behind it. Judged: HTTP API routes ("METHOD /path" route keys,
#   except OPTIONS preflight routes), the $default route of an HTTP API (joined through a
#   reference in api_id to an aws_apigatewayv2_api whose protocol_type is HTTP), and the
#   $connect route of a WebSocket API, the only WebSocket route that takes an authorizer.
#   A route fails when authorization_type is absent or "NONE"; unknown route keys or
#   authorization types are not judged.
# custom:
#   id: AIP-AWS-APIGW-005
#   severity: HIGH
#   category: access-control
#   guidelines: [deployment/infrastructure, design/secure-by-design]
#   resource_types: [aws_apigatewayv2_route, aws_apigatewayv2_api]
#   remediation: >-
#     Set authorization_type = "JWT" (HTTP APIs), "AWS_IAM" or "CUSTOM" with an
#     authorizer_id on the route.
package aipolicy.aws.apigateway.route_authorization

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_apigatewayv2_route")
	key := object.get(r.attributes, "route_key", null)
	is_string(key)
	_judged(r, key)
	upper(_authorization(r)) == "NONE"
	data.aipolicy.lib.resources.known(r, "route_key")
	data.aipolicy.lib.resources.known(r, "authorization_type")
	finding := data.aipolicy.lib.resources.finding(
		r, "authorization_type",
		"route accepts requests without authorization",
	)
}

_authorization(r) := value if {
	value := object.get(r.attributes, "authorization_type", "NONE")
	is_string(value)
}

_authorization(r) := "NONE" if r.attributes.authorization_type == null

_judged(_, "$connect") := true

_judged(_, key) if {
	_method_and_path(key)
	not startswith(upper(key), "OPTIONS ")
}

_judged(r, key) if {
	key == "$default"
	some api in data.aipolicy.lib.resources.of_type(input, "aws_apigatewayv2_api")
	api.id in data.aipolicy.lib.resources.references_of(r, "api_id")
	api.attributes.protocol_type == "HTTP"
	data.aipolicy.lib.resources.known(api, "protocol_type")
}

# "<METHOD> /<path>": letters, one space, a slash (string functions: see lib.images).
_method_and_path(key) if {
	space := indexof(key, " ")
	space > 0
	trim(substring(key, 0, space), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == ""
	substring(key, space + 1, 1) == "/"
}
