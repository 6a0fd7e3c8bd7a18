# METADATA
# title: SageMaker notebook instances encrypt their storage with a customer-managed KMS key
# description: >-
#   Without kms_key_id the notebook's ML storage volume, which holds training data, code and
#   model artefacts, is encrypted with an AWS-managed key whose use you cannot restrict or
#   audit per key policy. An absent or empty kms_key_id fails.
# custom:
#   id: AIP-AWS-SM-004
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_sagemaker_notebook_instance]
#   remediation: Set kms_key_id to the ARN or id of a customer-managed KMS key.
package aipolicy.aws.sagemaker.notebook_kms_encryption

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_notebook_instance")
	object.get(r.attributes, "kms_key_id", null) in {null, ""}
	data.aipolicy.lib.resources.known(r, "kms_key_id")
	finding := data.aipolicy.lib.resources.finding(
		r, "kms_key_id",
		"notebook instance storage is not encrypted with a customer-managed KMS key",
	)
}
