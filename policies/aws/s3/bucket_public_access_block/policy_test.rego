package aipolicy.aws.s3.bucket_public_access_block_test

import rego.v1

import data.aipolicy.aws.s3.bucket_public_access_block as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

bucket := {"id": "aws_s3_bucket.models", "type": "aws_s3_bucket", "attributes": {"bucket": "models"}}

all_on := {
	"block_public_acls": true,
	"block_public_policy": true,
	"ignore_public_acls": true,
	"restrict_public_buckets": true,
}

pab(attributes, unresolved, refs) := {
	"id": "aws_s3_bucket_public_access_block.models",
	"type": "aws_s3_bucket_public_access_block",
	"attributes": attributes,
	"unresolved": unresolved,
	"references": {"bucket": refs},
}

account(attributes, unresolved) := {
	"id": "aws_s3_account_public_access_block.this",
	"type": "aws_s3_account_public_access_block",
	"attributes": attributes,
	"unresolved": unresolved,
}

test_bucket_without_block_fails if {
	policy.deny == {{
		"resource": "aws_s3_bucket.models",
		"attribute": "public_access_block",
		"message": "bucket has no public access block",
	}} with input as mkview([bucket])
}

test_block_with_all_flags_passes if {
	count(policy.deny) == 0 with input as mkview([bucket, pab(all_on, ["bucket"], ["aws_s3_bucket.models"])])
}

test_each_absent_flag_fails_because_default_is_false if {
	some flag in policy.flags
	attrs := object.remove(all_on, [flag])
	policy.deny == {{
		"resource": "aws_s3_bucket_public_access_block.models",
		"attribute": flag,
		"message": concat("", ["public access block does not turn on ", flag]),
	}} with input as mkview([bucket, pab(attrs, ["bucket"], ["aws_s3_bucket.models"])])
}

test_false_flags_fail if {
	attrs := object.union(all_on, {"block_public_policy": false, "restrict_public_buckets": false})
	count(policy.deny) == 2 with input as mkview([bucket, pab(attrs, [], ["aws_s3_bucket.models"])])
}

test_unresolved_flag_does_not_fail if {
	attrs := object.remove(all_on, ["ignore_public_acls"])
	count(policy.deny) == 0 with input as mkview([bucket, pab(attrs, ["ignore_public_acls"], ["aws_s3_bucket.models"])])
}

test_dangling_block_leaves_buckets_unjudged if {
	count(policy.deny) == 0 with input as mkview([bucket, pab(all_on, ["bucket"], [])])
}

test_dangling_block_flags_still_judged if {
	attrs := object.union(all_on, {"block_public_acls": false})
	policy.deny == {{
		"resource": "aws_s3_bucket_public_access_block.models",
		"attribute": "block_public_acls",
		"message": "public access block does not turn on block_public_acls",
	}} with input as mkview([bucket, pab(attrs, ["bucket"], [])])
}

test_block_for_another_bucket_does_not_cover if {
	other := object.union(bucket, {"id": "aws_s3_bucket.logs"})
	policy.deny == {{
		"resource": "aws_s3_bucket.logs",
		"attribute": "public_access_block",
		"message": "bucket has no public access block",
	}} with input as mkview([bucket, other, pab(all_on, [], ["aws_s3_bucket.models"])])
}

test_account_block_covers_everything if {
	count(policy.deny) == 0 with input as mkview([bucket, account(all_on, [])])
	attrs := object.union(all_on, {"block_public_acls": false})
	count(policy.deny) == 0 with input as mkview([bucket, pab(attrs, [], ["aws_s3_bucket.models"]), account(all_on, [])])
}

test_account_block_with_unknown_flag_may_cover if {
	count(policy.deny) == 0 with input as mkview([
		bucket,
		account(object.remove(all_on, ["block_public_acls"]), ["block_public_acls"]),
	])
}

test_partial_account_block_does_not_cover if {
	count(policy.deny) == 1 with input as mkview([bucket, account(object.remove(all_on, ["restrict_public_buckets"]), [])])
}
