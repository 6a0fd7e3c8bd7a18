# METADATA
# title: S3 buckets are encrypted with SSE-KMS
# description: >-
#   Model and data stores should be encrypted with KMS keys whose key policies decide who
#   may decrypt. S3's default encryption is SSE-S3 (AES256), which any principal allowed to
#   read the object can decrypt. The encryption may be set inline
#   (server_side_encryption_configuration on aws_s3_bucket) or by a separate
#   aws_s3_bucket_server_side_encryption_configuration referencing the bucket, which then
#   takes precedence. A separate configuration fails when none of its rules uses aws:kms or
#   aws:kms:dsse; a bucket without one fails when its inline configuration is absent or does
#   not use them. A separate configuration whose bucket is unknown at plan time might be any
#   bucket's, so buckets are not judged then. Buckets that receive server access logs (the
#   target_bucket of an aws_s3_bucket_logging or of another bucket's logging block) are not
#   judged: S3 delivers access logs only to buckets encrypted with SSE-S3.
# custom:
#   id: AIP-AWS-S3-002
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_s3_bucket, aws_s3_bucket_server_side_encryption_configuration, aws_s3_bucket_logging]
#   remediation: >-
#     Add an aws_s3_bucket_server_side_encryption_configuration for the bucket whose rule
#     sets apply_server_side_encryption_by_default { sse_algorithm = "aws:kms",
#     kms_master_key_id = <customer-managed key> }.
package aipolicy.aws.s3.bucket_kms_encryption

import rego.v1

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

deny contains finding if {
	some config in data.aipolicy.lib.resources.of_type(input, "aws_s3_bucket_server_side_encryption_configuration")
	not _uses_kms(object.get(config.attributes, "rule", []))
	not _for_log_target(config)
	data.aipolicy.lib.blocks.known_pattern(config, "rule.*.apply_server_side_encryption_by_default.*.sse_algorithm")
	finding := data.aipolicy.lib.resources.finding(
		config, "rule",
		"bucket encryption configuration does not use SSE-KMS",
	)
}

deny contains finding if {
	not data.aipolicy.lib.resources.dangling(input, "aws_s3_bucket_server_side_encryption_configuration", "bucket")
	some bucket in data.aipolicy.lib.resources.of_type(input, "aws_s3_bucket")
	separate := data.aipolicy.lib.resources.referencing(
		input, "aws_s3_bucket_server_side_encryption_configuration",
		"bucket", bucket.id,
	)
	count(separate) == 0
	data.aipolicy.lib.blocks.known_pattern(
		bucket,
		"server_side_encryption_configuration.*.rule.*.apply_server_side_encryption_by_default.*.sse_algorithm",
	)
	rules := [rule |
		some inline in data.aipolicy.lib.blocks.elements(object.get(bucket.attributes, "server_side_encryption_configuration", null))
		some rule in data.aipolicy.lib.blocks.elements(object.get(inline, "rule", null))
	]
	not _uses_kms(rules)
	not data.aipolicy.lib.s3.access_log_target(bucket)
	finding := data.aipolicy.lib.resources.finding(
		bucket, "server_side_encryption_configuration",
		"bucket is not encrypted with SSE-KMS",
	)
}

_uses_kms(rules) if {
	some rule in data.aipolicy.lib.blocks.elements(rules)
	some by_default in data.aipolicy.lib.blocks.elements(object.get(rule, "apply_server_side_encryption_by_default", null))
	object.get(by_default, "sse_algorithm", "") in kms_algorithms
}

_for_log_target(config) if {
	some id in data.aipolicy.lib.resources.references_of(config, "bucket")
	bucket := input.resources[id]
	data.aipolicy.lib.s3.access_log_target(bucket)
}
