# METADATA
# title: SageMaker endpoint variants do not allow SSM sessions into their containers
# description: >-
#   enable_ssm_access lets anyone allowed to start an SSM session on the endpoint open a
#   shell in the inference containers, where the model weights, the execution role's
#   credentials and in-flight requests are readable. It is meant for debugging, not for
#   production. The provider leaves it off by default; a production or shadow variant with
#   enable_ssm_access = true fails.
# custom:
#   id: AIP-AWS-SM-025
#   severity: MEDIUM
#   category: access-control
#   guidelines: [deployment/infrastructure, deployment/model-protection]
#   resource_types: [aws_sagemaker_endpoint_configuration]
#   remediation: >-
#     Remove enable_ssm_access (or set it to false) on production_variants and
#     shadow_production_variants; debug in a separate, non-production endpoint.
package aipolicy.aws.sagemaker.endpoint_ssm_access

import rego.v1

variant_blocks := ["production_variants", "shadow_production_variants"]

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_endpoint_configuration")
	some block in variant_blocks
	some i, variant in data.aipolicy.lib.blocks.elements(object.get(r.attributes, block, null))
	variant.enable_ssm_access == true
	path := sprintf("%s.%d.enable_ssm_access", [block, i])
	data.aipolicy.lib.resources.known(r, path)
	finding := data.aipolicy.lib.resources.finding(
		r, path,
		"endpoint variant allows SSM shell access to its inference containers",
	)
}
