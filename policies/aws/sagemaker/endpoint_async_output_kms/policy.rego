# METADATA
# title: SageMaker asynchronous inference encrypts its outputs with a customer-managed KMS key
# description: >-
#   An asynchronous endpoint writes every inference response (and failure) to S3. Without
#   async_inference_config.output_config.kms_key_id SageMaker encrypts them with the
#   account's AWS-managed S3 key. A configuration with an async_inference_config fails when
#   the kms_key_id of its output_config is absent or empty.
# custom:
#   id: AIP-AWS-SM-019
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_sagemaker_endpoint_configuration]
#   remediation: >-
#     Set async_inference_config.output_config.kms_key_id to the ARN of a customer-managed
#     KMS key.
package aipolicy.aws.sagemaker.endpoint_async_output_kms

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_endpoint_configuration")
	some i, async in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "async_inference_config", null))
	some j, output in data.aipolicy.lib.blocks.elements(object.get(async, "output_config", null))
	object.get(output, "kms_key_id", null) in {null, ""}
	path := sprintf("async_inference_config.%d.output_config.%d.kms_key_id", [i, j])
	data.aipolicy.lib.resources.known(r, path)
	finding := data.aipolicy.lib.resources.finding(
		r, path,
		"asynchronous inference outputs are not encrypted with a customer-managed KMS key",
	)
}
