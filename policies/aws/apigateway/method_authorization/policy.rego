# METADATA
# title: API Gateway REST methods require authorization or an API key
# description: >-
#   A REST API in front of a model endpoint whose methods use authorization "NONE" lets
#   anyone who finds the URL run inferences: prompt injection and model extraction at the
#   owner's cost. A method fails when authorization is "NONE" and api_key_required is not
#   true (the provider's default is false). OPTIONS methods (CORS preflight) are not
#   judged, nor are methods whose authorization, api_key_required or http_method is
#   unknown. A resource policy or a private endpoint may still restrict the caller; those
#   are not taken into account.
# custom:
#   id: AIP-AWS-APIGW-001
#   severity: HIGH
#   category: access-control
#   guidelines: [deployment/infrastructure, design/secure-by-design]
#   resource_types: [aws_api_gateway_method]
#   remediation: >-
#     Set authorization = "AWS_IAM", "COGNITO_USER_POOLS" or "CUSTOM" (with authorizer_id),
#     or at least api_key_required = true with a usage plan.
package aipolicy.aws.apigateway.method_authorization

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_api_gateway_method")
	every attribute in ["authorization", "api_key_required", "http_method"] {
		data.aipolicy.lib.resources.known(r, attribute)
	}
	authorization := object.get(r.attributes, "authorization", null)
	is_string(authorization)
	upper(authorization) == "NONE"
	object.get(r.attributes, "api_key_required", false) != true
	method := object.get(r.attributes, "http_method", "")
	is_string(method)
	upper(method) != "OPTIONS"
	finding := data.aipolicy.lib.resources.finding(
		r, "authorization",
		"method accepts requests without authorization or an API key",
	)
}
