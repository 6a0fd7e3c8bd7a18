# METADATA
# title: API Gateway REST stages in front of models are protected by AWS WAF
# description: >-
#   A web ACL in front of a model API blocks known-bad sources and oversized or malformed
#   requests and can rate-limit per client IP, which bounds prompt flooding and model
#   extraction attempts. A REST stage (aws_api_gateway_stage) fails when no
#   aws_wafv2_web_acl_association (or legacy aws_wafregional_web_acl_association) references
#   it through resource_arn. An association whose resource_arn is unknown at plan time and
#   references nothing might protect any stage, so stages are not judged then. HTTP APIs
#   (apigatewayv2) cannot be associated with WAF and are not judged.
# custom:
#   id: AIP-AWS-APIGW-003
#   severity: MEDIUM
#   category: network
#   guidelines: [deployment/infrastructure, deployment/model-protection]
#   resource_types:
#     - aws_api_gateway_stage
#     - aws_wafv2_web_acl_association
#     - aws_wafregional_web_acl_association
#   remediation: >-
#     Add an aws_wafv2_web_acl_association with resource_arn = aws_api_gateway_stage.<name>.arn
#     and a REGIONAL web ACL that includes the AWS managed rule groups and a rate-based rule.
package aipolicy.aws.apigateway.stage_waf

import rego.v1

association_types := ["aws_wafv2_web_acl_association", "aws_wafregional_web_acl_association"]

deny contains finding if {
	some stage in data.aipolicy.lib.resources.of_type(input, "aws_api_gateway_stage")
	not _associated(stage)
	not _association_unknown
	finding := data.aipolicy.lib.resources.finding(
		stage, "web_acl_arn",
		"stage is not protected by a WAF web ACL",
	)
}

_associated(stage) if {
	some type in association_types
	count(data.aipolicy.lib.resources.referencing(input, type, "resource_arn", stage.id)) > 0
}

_association_unknown if {
	some type in association_types
	data.aipolicy.lib.resources.dangling(input, type, "resource_arn")
}
