# METADATA
# title: Bedrock model customization jobs run in a VPC
# description: >-
#   vpc_config makes the customization job read its training and validation data from S3
#   through your VPC (and its S3 gateway endpoint and endpoint policies) instead of over a
#   network you cannot restrict, so training data can be limited to your network paths. An
#   absent vpc_config fails.
# custom:
#   id: AIP-AWS-BR-015
#   severity: MEDIUM
#   category: network
#   guidelines: [deployment/infrastructure, development/assets]
#   resource_types: [aws_bedrock_custom_model]
#   remediation: >-
#     Add vpc_config { subnet_ids = [...] security_group_ids = [...] } with private subnets
#     that reach S3 through a VPC endpoint.
package aipolicy.aws.bedrock.custom_model_vpc

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrock_custom_model")
	not data.aipolicy.lib.blocks.present(object.get(r.attributes, "vpc_config", null))
	data.aipolicy.lib.resources.known(r, "vpc_config")
	finding := data.aipolicy.lib.resources.finding(
		r, "vpc_config",
		"model customization job does not run in a VPC",
	)
}
