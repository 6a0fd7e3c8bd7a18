# METADATA
# title: SageMaker feature group offline stores are encrypted with a customer-managed KMS key
# description: >-
#   The offline store keeps the full history of a feature group's records (training data)
#   as objects in S3. Without offline_store_config.s3_storage_config.kms_key_id they are
#   encrypted with the bucket's default encryption or an AWS-managed key. A feature group
#   with an offline_store_config fails when the kms_key_id of its s3_storage_config is
#   absent or empty.
# custom:
#   id: AIP-AWS-SM-022
#   severity: MEDIUM
#   category: encryption
#   guidelines: [development/assets, deployment/model-protection]
#   resource_types: [aws_sagemaker_feature_group]
#   remediation: >-
#     Set offline_store_config.s3_storage_config.kms_key_id to the ARN of a customer-managed
#     KMS key.
package aipolicy.aws.sagemaker.feature_group_offline_kms

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_feature_group")
	some i, offline in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "offline_store_config", null))
	some j, storage in data.aipolicy.lib.blocks.elements(object.get(offline, "s3_storage_config", null))
	object.get(storage, "kms_key_id", null) in {null, ""}
	path := sprintf("offline_store_config.%d.s3_storage_config.%d.kms_key_id", [i, j])
	data.aipolicy.lib.resources.known(r, path)
	finding := data.aipolicy.lib.resources.finding(
		r, path,
		"feature group offline store is not encrypted with a customer-managed KMS key",
	)
}
