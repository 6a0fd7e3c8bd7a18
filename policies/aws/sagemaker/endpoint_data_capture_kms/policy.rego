# METADATA
# title: SageMaker data capture encrypts captured requests with a customer-managed KMS key
# description: >-
#   Data capture writes the requests an endpoint receives and the responses it returns
#   (prompts, personal data, model outputs) to S3. Without data_capture_config.kms_key_id
#   SageMaker encrypts them with the account's AWS-managed S3 key, so anyone allowed to read
#   the bucket can read them. A configuration with a data_capture_config block fails when
#   its kms_key_id is absent or empty; whether capture is configured at all is judged by
#   AIP-AWS-SM-006.
# custom:
#   id: AIP-AWS-SM-017
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_sagemaker_endpoint_configuration]
#   remediation: Set data_capture_config.kms_key_id to the ARN of a customer-managed KMS key.
package aipolicy.aws.sagemaker.endpoint_data_capture_kms

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_endpoint_configuration")
	some i, capture in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "data_capture_config", null))
	object.get(capture, "kms_key_id", null) in {null, ""}
	path := sprintf("data_capture_config.%d.kms_key_id", [i])
	data.aipolicy.lib.resources.known(r, path)
	finding := data.aipolicy.lib.resources.finding(
		r, path,
		"captured inference data is not encrypted with a customer-managed KMS key",
	)
}
