package aipolicy.aws.s3.bucket_kms_encryption_test

import rego.v1

import data.aipolicy.aws.s3.bucket_kms_encryption as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

rules(algorithm) := [{
	"apply_server_side_encryption_by_default": [{"sse_algorithm": algorithm}],
	"bucket_key_enabled": true,
}]

bucket(attributes, unresolved) := {
	"id": "aws_s3_bucket.models",
	"type": "aws_s3_bucket",
	"attributes": attributes,
	"unresolved": unresolved,
}

sse(attributes, unresolved, refs) := {
	"id": "aws_s3_bucket_server_side_encryption_configuration.models",
	"type": "aws_s3_bucket_server_side_encryption_configuration",
	"attributes": attributes,
	"unresolved": unresolved,
	"references": {"bucket": refs},
}

bucket_finding := {
	"resource": "aws_s3_bucket.models",
	"attribute": "server_side_encryption_configuration",
	"message": "bucket is not encrypted with SSE-KMS",
}

# inline style

test_inline_absent_fails_because_default_is_sse_s3 if {
	policy.deny == {bucket_finding} with input as mkview([bucket({"bucket": "models"}, [])])
}

test_inline_aes256_fails if {
	count(policy.deny) == 1 with input as mkview([bucket(
		{"server_side_encryption_configuration": [{"rule": rules("AES256")}]},
		[],
	)])
}

test_inline_kms_passes if {
	count(policy.deny) == 0 with input as mkview([bucket(
		{"server_side_encryption_configuration": [{"rule": rules("aws:kms")}]},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([bucket(
		{"server_side_encryption_configuration": [{"rule": rules("aws:kms:dsse")}]},
		[],
	)])
}

test_inline_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([bucket({}, ["server_side_encryption_configuration"])])
	count(policy.deny) == 0 with input as mkview([bucket(
		{"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{}]}]}]},
		["server_side_encryption_configuration.0.rule.0.apply_server_side_encryption_by_default.0.sse_algorithm"],
	)])
}

test_inline_unknown_key_id_does_not_hide_aes256 if {
	count(policy.deny) == 1 with input as mkview([bucket(
		{"server_side_encryption_configuration": [{"rule": rules("AES256")}]},
		["server_side_encryption_configuration.0.rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id"],
	)])
}

# separate-resource style

test_separate_kms_passes if {
	count(policy.deny) == 0 with input as mkview([
		bucket({}, ["server_side_encryption_configuration"]),
		sse({"rule": rules("aws:kms")}, ["bucket"], ["aws_s3_bucket.models"]),
	])
}

test_separate_resource_takes_precedence_over_inline if {
	count(policy.deny) == 0 with input as mkview([
		bucket({"server_side_encryption_configuration": [{"rule": rules("AES256")}]}, []),
		sse({"rule": rules("aws:kms")}, [], ["aws_s3_bucket.models"]),
	])
}

test_separate_aes256_fails if {
	policy.deny == {{
		"resource": "aws_s3_bucket_server_side_encryption_configuration.models",
		"attribute": "rule",
		"message": "bucket encryption configuration does not use SSE-KMS",
	}} with input as mkview([
		bucket({}, ["server_side_encryption_configuration"]),
		sse({"rule": rules("AES256")}, ["bucket"], ["aws_s3_bucket.models"]),
	])
}

test_separate_rule_without_default_fails if {
	count(policy.deny) == 1 with input as mkview([sse(
		{"rule": [{"bucket_key_enabled": true}]},
		[],
		["aws_s3_bucket.models"],
	)])
	count(policy.deny) == 1 with input as mkview([sse({}, [], ["aws_s3_bucket.models"])])
}

test_separate_unresolved_algorithm_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([sse(
		{"rule": [{"apply_server_side_encryption_by_default": [{}]}]},
		["rule.0.apply_server_side_encryption_by_default.0.sse_algorithm"],
		["aws_s3_bucket.models"],
	)])
	count(policy.deny) == 0 with input as mkview([sse({}, ["rule"], ["aws_s3_bucket.models"])])
}

test_separate_unknown_key_id_with_kms_passes if {
	count(policy.deny) == 0 with input as mkview([sse(
		{"rule": rules("aws:kms")},
		["rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id"],
		["aws_s3_bucket.models"],
	)])
}

test_dangling_separate_resource_leaves_buckets_unjudged if {
	count(policy.deny) == 0 with input as mkview([bucket({}, []), sse({"rule": rules("aws:kms")}, ["bucket"], [])])
}

logging_to(target_refs) := {
	"id": "aws_s3_bucket_logging.source",
	"type": "aws_s3_bucket_logging",
	"attributes": {"bucket": "acme-source", "target_bucket": "x"},
	"unresolved": [],
	"references": {"bucket": ["aws_s3_bucket.source"], "target_bucket": target_refs},
}

test_access_log_target_is_not_judged if {
	count(policy.deny) == 0 with input as mkview([
		bucket({"bucket": "acme-logs"}, []),
		logging_to(["aws_s3_bucket.models"]),
	])
	count(policy.deny) == 0 with input as mkview([
		bucket({"bucket": "acme-logs"}, []),
		sse({"rule": rules("AES256")}, [], ["aws_s3_bucket.models"]),
		logging_to(["aws_s3_bucket.models"]),
	])
}

test_logging_elsewhere_does_not_exempt if {
	count(policy.deny) == 1 with input as mkview([
		bucket({"bucket": "acme-models"}, []),
		logging_to(["aws_s3_bucket.other"]),
	])
}
