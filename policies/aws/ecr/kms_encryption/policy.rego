# METADATA
# title: ECR repositories are encrypted with a KMS key
# description: >-
#   Model-serving and training images often carry model weights and credentials baked in at
#   build time. With KMS encryption a key policy decides who may decrypt image layers, and
#   every use of the key is logged. A repository fails when encryption_configuration is
#   absent or its encryption_type is "AES256" (the provider's and ECR's default is AES256,
#   so an absent block fails); "KMS" and "KMS_DSSE" pass.
# custom:
#   id: AIP-AWS-ECR-003
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/supply-chain]
#   resource_types: [aws_ecr_repository]
#   remediation: >-
#     Set encryption_configuration { encryption_type = "KMS", kms_key = <customer-managed
#     key ARN> } on the repository (changing it replaces the repository, so migrate images).
package aipolicy.aws.ecr.kms_encryption

import rego.v1

kms_types := {"KMS", "KMS_DSSE"}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_ecr_repository")
	not _uses_kms(r)
	data.aipolicy.lib.blocks.known_pattern(r, "encryption_configuration.*.encryption_type")
	finding := data.aipolicy.lib.resources.finding(
		r, "encryption_configuration",
		"repository is not encrypted with a KMS key",
	)
}

_uses_kms(r) if {
	some config in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "encryption_configuration", null))
	object.get(config, "encryption_type", "AES256") in kms_types
}
