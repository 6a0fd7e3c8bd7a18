package aipolicy.aws.s3.bucket_versioning_test

import rego.v1

import data.aipolicy.aws.s3.bucket_versioning as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

bucket(attributes, unresolved) := {
	"id": "aws_s3_bucket.models",
	"type": "aws_s3_bucket",
	"attributes": attributes,
	"unresolved": unresolved,
}

versioning(attributes, unresolved, refs) := {
	"id": "aws_s3_bucket_versioning.models",
	"type": "aws_s3_bucket_versioning",
	"attributes": attributes,
	"unresolved": unresolved,
	"references": {"bucket": refs},
}

status(s) := {"versioning_configuration": [{"status": s}]}

# inline style

test_inline_absent_fails if {
	policy.deny == {{
		"resource": "aws_s3_bucket.models",
		"attribute": "versioning",
		"message": "bucket versioning is not enabled",
	}} with input as mkview([bucket({"bucket": "models"}, [])])
}

test_inline_disabled_fails if {
	count(policy.deny) == 1 with input as mkview([bucket({"versioning": [{"enabled": false, "mfa_delete": false}]}, [])])
	count(policy.deny) == 1 with input as mkview([bucket({"versioning": [{"mfa_delete": false}]}, [])])
}

test_inline_enabled_passes if {
	count(policy.deny) == 0 with input as mkview([bucket({"versioning": [{"enabled": true, "mfa_delete": false}]}, [])])
}

test_inline_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([bucket({}, ["versioning"])])
	count(policy.deny) == 0 with input as mkview([bucket({"versioning": [{}]}, ["versioning.0.enabled"])])
}

# separate-resource style

test_separate_enabled_passes if {
	count(policy.deny) == 0 with input as mkview([
		bucket({}, ["versioning"]),
		versioning(status("Enabled"), ["bucket"], ["aws_s3_bucket.models"]),
	])
}

test_separate_takes_precedence_over_inline if {
	count(policy.deny) == 0 with input as mkview([
		bucket({"versioning": [{"enabled": false}]}, []),
		versioning(status("Enabled"), [], ["aws_s3_bucket.models"]),
	])
}

test_separate_suspended_fails if {
	policy.deny == {{
		"resource": "aws_s3_bucket_versioning.models",
		"attribute": "versioning_configuration",
		"message": "bucket versioning is not enabled",
	}} with input as mkview([
		bucket({}, ["versioning"]),
		versioning(status("Suspended"), ["bucket"], ["aws_s3_bucket.models"]),
	])
}

test_separate_status_absent_fails if {
	count(policy.deny) == 1 with input as mkview([versioning(
		{"versioning_configuration": [{}]},
		[],
		["aws_s3_bucket.models"],
	)])
	count(policy.deny) == 1 with input as mkview([versioning({}, [], ["aws_s3_bucket.models"])])
}

test_separate_status_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([versioning(
		{"versioning_configuration": [{}]},
		["versioning_configuration.0.status"],
		["aws_s3_bucket.models"],
	)])
}

test_dangling_separate_resource_leaves_buckets_unjudged if {
	count(policy.deny) == 0 with input as mkview([bucket({}, []), versioning(status("Enabled"), ["bucket"], [])])
}
