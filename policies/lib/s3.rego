# METADATA
# title: S3 bucket roles
# description: >-
#   What other resources make of a bucket. A bucket that receives server access logs is
#   written by the S3 logging service, which delivers only to buckets encrypted with SSE-S3:
#   policies that would ask such a bucket for SSE-KMS must leave it alone.
package aipolicy.lib.s3

import rego.v1

# access_log_target holds when a bucket of the input receives server access logs: an
# aws_s3_bucket_logging or another bucket's inline logging block references it as
# target_bucket, or an aws_s3_bucket_logging names it by its literal bucket name. It reads the
# input (like lib.kubernetes.workload_containers) so that the names are collected once per
# evaluation, not once per bucket.
access_log_target(bucket) if {
	count(data.aipolicy.lib.resources.referencing(input, "aws_s3_bucket_logging", "target_bucket", bucket.id)) > 0
}

access_log_target(bucket) if {
	count(data.aipolicy.lib.resources.referencing(input, "aws_s3_bucket", "logging", bucket.id)) > 0
}

access_log_target(bucket) if {
	name := object.get(bucket.attributes, "bucket", null)
	is_string(name)
	name in _literal_target_names
}

_literal_target_names contains name if {
	some logging in data.aipolicy.lib.resources.of_type(input, "aws_s3_bucket_logging")
	name := object.get(logging.attributes, "target_bucket", null)
	is_string(name)
}
