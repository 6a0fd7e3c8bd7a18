# METADATA
# title: S3 buckets have versioning enabled
# description: >-
#   Versioning keeps every earlier version of training data and model artefacts, so a
#   poisoned or overwritten object can be detected and rolled back. Versioning may be set
#   inline (versioning { enabled } on aws_s3_bucket) or by a separate aws_s3_bucket_versioning
#   referencing the bucket, which then takes precedence. A separate resource fails when its
#   versioning_configuration status is not "Enabled"; a bucket without one fails when its
#   inline versioning is absent or not enabled (new buckets are unversioned). A separate
#   resource whose bucket is unknown at plan time might be any bucket's, so buckets are not
#   judged then.
# custom:
#   id: AIP-AWS-S3-003
#   severity: MEDIUM
#   category: resilience
#   guidelines: [development/assets, deployment/incident-management]
#   resource_types: [aws_s3_bucket, aws_s3_bucket_versioning]
#   remediation: >-
#     Add an aws_s3_bucket_versioning for the bucket with versioning_configuration
#     { status = "Enabled" }.
package aipolicy.aws.s3.bucket_versioning

import rego.v1

deny contains finding if {
	some versioning in data.aipolicy.lib.resources.of_type(input, "aws_s3_bucket_versioning")
	not _status_enabled(versioning)
	data.aipolicy.lib.blocks.known_pattern(versioning, "versioning_configuration.*.status")
	finding := data.aipolicy.lib.resources.finding(
		versioning, "versioning_configuration",
		"bucket versioning is not enabled",
	)
}

deny contains finding if {
	not data.aipolicy.lib.resources.dangling(input, "aws_s3_bucket_versioning", "bucket")
	some bucket in data.aipolicy.lib.resources.of_type(input, "aws_s3_bucket")
	count(data.aipolicy.lib.resources.referencing(input, "aws_s3_bucket_versioning", "bucket", bucket.id)) == 0
	not _inline_enabled(bucket)
	data.aipolicy.lib.blocks.known_pattern(bucket, "versioning.*.enabled")
	finding := data.aipolicy.lib.resources.finding(
		bucket, "versioning",
		"bucket versioning is not enabled",
	)
}

_status_enabled(r) if {
	some configuration in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "versioning_configuration", null))
	configuration.status == "Enabled"
}

_inline_enabled(r) if {
	some versioning in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "versioning", null))
	versioning.enabled == true
}
