# METADATA
# title: API Gateway stages write access logs
# description: >-
#   Access logs are the record of who called a model API, when, from where and with what
#   result: the input side of monitoring and the first thing an investigation of abuse or
#   model extraction needs. A REST stage (aws_api_gateway_stage) or an HTTP/WebSocket stage
#   (aws_apigatewayv2_stage) fails when access_log_settings is absent or names no
#   destination_arn (API Gateway writes no access logs by default); an unknown destination
#   is not judged.
# custom:
#   id: AIP-AWS-APIGW-002
#   severity: MEDIUM
#   category: logging
#   guidelines: [operation/monitor-inputs, deployment/incident-management]
#   resource_types: [aws_api_gateway_stage, aws_apigatewayv2_stage]
#   remediation: >-
#     Add access_log_settings { destination_arn = <CloudWatch log group or Firehose ARN>,
#     format = <JSON format with requestId, sourceIp, identity, routeKey/resourcePath,
#     status> } to the stage.
package aipolicy.aws.apigateway.access_logging

import rego.v1

deny contains finding if {
	some type in ["aws_api_gateway_stage", "aws_apigatewayv2_stage"]
	some r in data.aipolicy.lib.resources.of_type(input, type)
	not _logged(r)
	data.aipolicy.lib.blocks.known_pattern(r, "access_log_settings.*.destination_arn")
	finding := data.aipolicy.lib.resources.finding(
		r, "access_log_settings",
		"stage writes no access logs",
	)
}

_logged(r) if {
	some settings in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "access_log_settings", null))
	destination := object.get(settings, "destination_arn", "")
	is_string(destination)
	destination != ""
}
