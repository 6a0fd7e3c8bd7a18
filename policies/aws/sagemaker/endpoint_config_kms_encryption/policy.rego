# METADATA
# title: SageMaker endpoint configurations encrypt their storage with a customer-managed KMS key
# description: >-
#   kms_key_arn encrypts the ML storage volumes attached to the instances that host the
#   model. Without it they use an AWS-managed key. Instance types with local NVMe instance
#   storage encrypt it in hardware and reject a KMS key, so a configuration whose production
#   variants use such a type (listed in this policy) is not judged. An absent or empty
#   kms_key_arn fails otherwise.
# custom:
#   id: AIP-AWS-SM-005
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_sagemaker_endpoint_configuration]
#   remediation: Set kms_key_arn to the ARN of a customer-managed KMS key.
package aipolicy.aws.sagemaker.endpoint_config_kms_encryption

import rego.v1

# Instance families whose storage is local NVMe: CreateEndpointConfig refuses a KmsKeyId
# when any production variant uses one of them.
instance_storage_families := {
	"c5d", "c6id", "m5d", "m6id", "r5d", "r6id",
	"g4dn", "g5", "g6", "g6e", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en",
	"trn1", "trn1n",
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_endpoint_configuration")
	object.get(r.attributes, "kms_key_arn", null) in {null, ""}
	not _uses_instance_storage(r)
	data.aipolicy.lib.resources.known(r, "kms_key_arn")
	data.aipolicy.lib.blocks.known_pattern(r, "production_variants.*.instance_type")
	finding := data.aipolicy.lib.resources.finding(
		r, "kms_key_arn",
		"endpoint configuration storage is not encrypted with a customer-managed KMS key",
	)
}

_uses_instance_storage(r) if {
	some variant in object.get(r.attributes, "production_variants", [])
	instance_type := object.get(variant, "instance_type", null)
	is_string(instance_type)
	parts := split(instance_type, ".")
	count(parts) == 3
	parts[1] in instance_storage_families
}
