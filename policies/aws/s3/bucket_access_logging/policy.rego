# METADATA
# title: S3 buckets log object-level access
# description: >-
#   Object-level access logs record every read and write of model artefacts and training
#   data, which CloudTrail management events never show; without them an exfiltration or a
#   poisoning of the data cannot be reconstructed. S3 logs neither by default. A bucket
#   passes when an aws_s3_bucket_logging references it or its inline logging block is set
#   (server access logging), or when a trail that is not paused records S3 object data
#   events for it: an event_selector data_resource or advanced_event_selector of type
#   AWS::S3::Object that references the bucket, names it (a data_resource value, or a
#   resources.ARN starts_with value, that is a prefix of "arn:aws:s3:::<bucket>/"), or covers
#   every bucket (data_resource values "arn:aws:s3" or "arn:aws:s3:::", or an advanced
#   selector without a resources.ARN field). Buckets that receive logs are not judged: those that an
#   aws_s3_bucket_logging or an inline logging block names as target_bucket, and those a
#   aws_cloudtrail delivers to (s3_bucket_name). Buckets are not judged while a logging
#   resource's bucket or target_bucket is unknown at plan time and references nothing, nor
#   while a trail's logging state, selector types or field names are unknown, or its
#   selector ARNs are unknown and reference no bucket, nor, when a trail names buckets by
#   literal ARNs, while the bucket's own name is unknown.
# custom:
#   id: AIP-AWS-S3-005
#   severity: MEDIUM
#   category: logging
#   guidelines: [deployment/incident-management, development/assets]
#   resource_types: [aws_s3_bucket, aws_s3_bucket_logging, aws_cloudtrail]
#   remediation: >-
#     Add an aws_s3_bucket_logging for the bucket with target_bucket set to a dedicated
#     log bucket (and a target_prefix per source bucket), or record S3 object data events
#     for the bucket in a trail.
package aipolicy.aws.s3.bucket_access_logging

import rego.v1

deny contains finding if {
	not data.aipolicy.lib.resources.dangling(input, "aws_s3_bucket_logging", "bucket")
	some bucket in data.aipolicy.lib.resources.of_type(input, "aws_s3_bucket")
	not data.aipolicy.lib.blocks.present(object.get(bucket.attributes, "logging", null))
	count(data.aipolicy.lib.resources.referencing(input, "aws_s3_bucket_logging", "bucket", bucket.id)) == 0
	not _log_target(bucket)
	not _targets_unknown
	not _trail_records(bucket)
	data.aipolicy.lib.blocks.known_pattern(bucket, "logging")
	finding := data.aipolicy.lib.resources.finding(
		bucket, "logging",
		"bucket has no server access logging",
	)
}

_log_target(bucket) if data.aipolicy.lib.s3.access_log_target(bucket)

_log_target(bucket) if {
	count(data.aipolicy.lib.resources.referencing(input, "aws_cloudtrail", "s3_bucket_name", bucket.id)) > 0
}

# A logging resource whose target is unknown and unreferenced might deliver to any bucket.
_targets_unknown if data.aipolicy.lib.resources.dangling(input, "aws_s3_bucket_logging", "target_bucket")

# _trail_records holds when a trail that is not paused records S3 object data events for the
# bucket, or when what some trail records is unknown.
_trail_records(_) if {
	some trail in data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")
	_selectors_unknown(trail)
}

_trail_records(bucket) if {
	some trail in data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")
	object.get(trail.attributes, "enable_logging", true) != false
	_selects(trail, bucket)
}

# A trail naming buckets by literal ARNs might name this one when its name is unknown.
_trail_records(bucket) if {
	_literal_arn_trail
	not _bucket_name(bucket)
}

# Some active trail names buckets by literal S3 ARNs (computed once per evaluation).
_literal_arn_trail if {
	some trail in data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")
	object.get(trail.attributes, "enable_logging", true) != false
	some value in _literal_arns(trail)
	_bucket_arn(value)
}

_bucket_name(bucket) := name if {
	data.aipolicy.lib.resources.known(bucket, "bucket")
	name := object.get(bucket.attributes, "bucket", null)
	is_string(name)
	name != ""
}

_literal_arns(trail) := array.concat(
	[value |
		some selector in data.aipolicy.lib.blocks.elements(object.get(trail.attributes, "event_selector", null))
		some resource in data.aipolicy.lib.blocks.elements(object.get(selector, "data_resource", null))
		some value in object.get(resource, "values", [])
	],
	[value |
		some selector in data.aipolicy.lib.blocks.elements(object.get(trail.attributes, "advanced_event_selector", null))
		some field in data.aipolicy.lib.blocks.elements(object.get(selector, "field_selector", null))
		field.field == "resources.ARN"
		some value in object.get(field, "starts_with", [])
	],
)

# _bucket_arn returns the resource part (bucket/key prefix) of an S3 ARN of any partition.
_bucket_arn(value) := concat(":", array.slice(parts, 5, count(parts))) if {
	parts := data.aipolicy.lib.iam.arn_parts(value)
	[parts[2], parts[3], parts[4]] == ["s3", "", ""]
}

# _names_bucket holds when an ARN prefix covers every object of the bucket: it is a prefix of
# "arn:<partition>:s3:::<bucket>/" ("...:::models/" does, "...:::models/train/" does not).
_names_bucket(value, bucket) if {
	resource := _bucket_arn(value)
	startswith(concat("", [_bucket_name(bucket), "/"]), resource)
}

_selects(trail, bucket) if {
	some selector in data.aipolicy.lib.blocks.elements(object.get(trail.attributes, "event_selector", null))
	some resource in data.aipolicy.lib.blocks.elements(object.get(selector, "data_resource", null))
	resource.type == "AWS::S3::Object"
	_values_cover(object.get(resource, "values", []), trail, bucket)
}

_selects(trail, bucket) if {
	some selector in data.aipolicy.lib.blocks.elements(object.get(trail.attributes, "advanced_event_selector", null))
	fields := data.aipolicy.lib.blocks.elements(object.get(selector, "field_selector", null))
	some field in fields
	field.field == "resources.type"
	"AWS::S3::Object" in object.get(field, "equals", [])
	_advanced_covers(fields, trail, bucket)
}

_values_cover(values, _, _) if {
	some value in values
	value in {"arn:aws:s3", "arn:aws:s3:::"}
}

_values_cover(_, trail, bucket) if bucket.id in data.aipolicy.lib.resources.references_of(trail, "event_selector")

_values_cover(values, _, bucket) if {
	some value in values
	_names_bucket(value, bucket)
}

_advanced_covers(fields, _, _) if {
	not _has_arn_field(fields)
}

_advanced_covers(_, trail, bucket) if {
	bucket.id in data.aipolicy.lib.resources.references_of(trail, "advanced_event_selector")
}

_advanced_covers(fields, _, bucket) if {
	some field in fields
	field.field == "resources.ARN"
	some value in object.get(field, "starts_with", [])
	_names_bucket(value, bucket)
}

_has_arn_field(fields) if {
	some field in fields
	field.field == "resources.ARN"
}

# Selector types and field names must be known; ARN values may be unknown when they reference
# the buckets (the references then tell which), otherwise the selectors are unknown.
_selectors_unknown(trail) if not data.aipolicy.lib.resources.known(trail, "enable_logging")

_selectors_unknown(trail) if not data.aipolicy.lib.blocks.known_pattern(trail, "event_selector.*.data_resource.*.type")

_selectors_unknown(trail) if {
	not data.aipolicy.lib.blocks.known_pattern(trail, "advanced_event_selector.*.field_selector.*.field")
}

_selectors_unknown(trail) if {
	some attribute in ["event_selector", "advanced_event_selector"]
	not data.aipolicy.lib.blocks.known_pattern(trail, attribute)
	count(data.aipolicy.lib.resources.references_of(trail, attribute)) == 0
}
