# METADATA
# title: Bedrock custom models are encrypted with a customer-managed KMS key
# description: >-
#   A custom model holds weights fine-tuned or further pre-trained on your data, from which
#   that data can partly be recovered. Without custom_model_kms_key_id Bedrock encrypts the
#   model with an AWS-owned key, whose use you cannot restrict or audit. An absent or empty
#   custom_model_kms_key_id fails.
# custom:
#   id: AIP-AWS-BR-014
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_bedrock_custom_model]
#   remediation: >-
#     Set custom_model_kms_key_id to the ARN of a customer-managed KMS key (the
#     customization job is re-run).
package aipolicy.aws.bedrock.custom_model_kms_encryption

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrock_custom_model")
	object.get(r.attributes, "custom_model_kms_key_id", null) in {null, ""}
	data.aipolicy.lib.resources.known(r, "custom_model_kms_key_id")
	finding := data.aipolicy.lib.resources.finding(
		r, "custom_model_kms_key_id",
		"custom model is not encrypted with a customer-managed KMS key",
	)
}
