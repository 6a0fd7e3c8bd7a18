# METADATA
# title: Bedrock invocation logs are stored encrypted with a customer-managed KMS key
# description: >-
#   Model invocation logs hold every prompt and response, so their destination needs the
#   same protection as the data itself. The destinations are found through the references
#   of logging_config: an aws_cloudwatch_log_group it references fails when its kms_key_id
#   is absent or empty (CloudWatch Logs then uses its own service key); an aws_s3_bucket it
#   references (s3_config or the large-data bucket of cloudwatch_config) fails when it is
#   not encrypted with SSE-KMS, read from an aws_s3_bucket_server_side_encryption_configuration
#   referencing the bucket or, when there is none, from the bucket's inline configuration
#   (S3's default is SSE-S3). Destinations named by literal strings, outside the scanned
#   configuration, or with unresolved encryption settings are not judged, nor are buckets
#   while some encryption configuration's bucket is unresolved.
# custom:
#   id: AIP-AWS-BR-017
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, operation/monitor-inputs]
#   resource_types:
#     - aws_bedrock_model_invocation_logging_configuration
#     - aws_cloudwatch_log_group
#     - aws_s3_bucket
#     - aws_s3_bucket_server_side_encryption_configuration
#   remediation: >-
#     Set kms_key_id on the log group, and give the log bucket an
#     aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms" and a
#     customer-managed kms_master_key_id; the key policies must let CloudWatch Logs and
#     Bedrock use the keys.
package aipolicy.aws.bedrock.invocation_logging_encryption

import rego.v1

logging_type := "aws_bedrock_model_invocation_logging_configuration"

sse_type := "aws_s3_bucket_server_side_encryption_configuration"

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

# Destinations are reached through the configuration's own references (a lookup per reference),
# never by scanning every log group or bucket of the view for each configuration.
_destinations(config, type) := [r |
	some id in data.aipolicy.lib.resources.references_of(config, "logging_config")
	r := input.resources[id]
	r.type == type
]

deny contains finding if {
	some config in data.aipolicy.lib.resources.of_type(input, logging_type)
	some group in _destinations(config, "aws_cloudwatch_log_group")
	object.get(group.attributes, "kms_key_id", null) in {null, ""}
	data.aipolicy.lib.resources.known(group, "kms_key_id")
	finding := data.aipolicy.lib.resources.finding(
		config, "logging_config.cloudwatch_config",
		"invocation logs go to a CloudWatch log group without a customer-managed KMS key",
	)
}

deny contains finding if {
	some config in data.aipolicy.lib.resources.of_type(input, logging_type)
	some bucket in _destinations(config, "aws_s3_bucket")
	not startswith(bucket.id, "data.")
	not contains(bucket.id, ".data.")
	_bucket_without_kms(bucket)
	finding := data.aipolicy.lib.resources.finding(
		config, "logging_config.s3_config",
		"invocation logs go to an S3 bucket that is not encrypted with SSE-KMS",
	)
}

# A separate encryption configuration takes precedence over the bucket's inline one.
_bucket_without_kms(bucket) if {
	configs := data.aipolicy.lib.resources.referencing(input, sse_type, "bucket", bucket.id)
	count(configs) > 0
	every config in configs {
		data.aipolicy.lib.blocks.known_pattern(config, "rule.*.apply_server_side_encryption_by_default.*.sse_algorithm")
		not _uses_kms(object.get(config.attributes, "rule", null))
	}
}

_bucket_without_kms(bucket) if {
	count(data.aipolicy.lib.resources.referencing(input, sse_type, "bucket", bucket.id)) == 0
	not data.aipolicy.lib.resources.dangling(input, sse_type, "bucket")
	data.aipolicy.lib.blocks.known_pattern(
		bucket,
		"server_side_encryption_configuration.*.rule.*.apply_server_side_encryption_by_default.*.sse_algorithm",
	)
	rules := [rule |
		some inline in data.aipolicy.lib.blocks.elements(object.get(bucket.attributes, "server_side_encryption_configuration", null))
		some rule in data.aipolicy.lib.blocks.elements(object.get(inline, "rule", null))
	]
	not _uses_kms(rules)
}

_uses_kms(rules) if {
	some rule in data.aipolicy.lib.blocks.elements(rules)
	some by_default in data.aipolicy.lib.blocks.elements(object.get(rule, "apply_server_side_encryption_by_default", null))
	object.get(by_default, "sse_algorithm", "") in kms_algorithms
}
