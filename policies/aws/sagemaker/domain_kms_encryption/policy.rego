# METADATA
# title: SageMaker domains encrypt their storage with a customer-managed KMS key
# description: >-
#   kms_key_id encrypts the Amazon EFS home directories (and EBS volumes of spaces) that
#   Studio users keep notebooks, datasets and model artefacts on. Without it SageMaker uses
#   an AWS-managed key, whose use cannot be restricted or audited per key policy. An absent
#   or empty kms_key_id fails.
# custom:
#   id: AIP-AWS-SM-012
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_sagemaker_domain]
#   remediation: >-
#     Set kms_key_id to the ARN of a customer-managed KMS key (the domain is replaced when
#     the key changes).
package aipolicy.aws.sagemaker.domain_kms_encryption

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_domain")
	object.get(r.attributes, "kms_key_id", null) in {null, ""}
	data.aipolicy.lib.resources.known(r, "kms_key_id")
	finding := data.aipolicy.lib.resources.finding(
		r, "kms_key_id",
		"domain storage is not encrypted with a customer-managed KMS key",
	)
}
