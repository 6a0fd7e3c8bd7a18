# METADATA
# title: ECR repositories make image tags immutable
# description: >-
#   With mutable tags anyone who can push may replace the image behind a tag that model
#   servers and pipelines already deploy, silently swapping the model or its runtime. The
#   provider's default is "MUTABLE", so an absent image_tag_mutability fails.
#   "IMMUTABLE_WITH_EXCLUSION" passes: its exclusion filters are a deliberate, reviewed choice.
# custom:
#   id: AIP-AWS-ECR-001
#   severity: MEDIUM
#   category: supply-chain
#   guidelines: [development/supply-chain, operation/secure-updates]
#   resource_types: [aws_ecr_repository]
#   remediation: Set image_tag_mutability = "IMMUTABLE" and deploy images by digest or unique tag.
package aipolicy.aws.ecr.image_tag_immutability

import rego.v1

immutable := {"IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_ecr_repository")
	not object.get(r.attributes, "image_tag_mutability", "MUTABLE") in immutable
	data.aipolicy.lib.resources.known(r, "image_tag_mutability")
	finding := data.aipolicy.lib.resources.finding(
		r, "image_tag_mutability",
		"repository allows image tags to be overwritten",
	)
}
