package aipolicy.aws.s3.account_public_access_block_test

import rego.v1

import data.aipolicy.aws.s3.account_public_access_block as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

bucket := {
	"id": "aws_s3_bucket.models",
	"type": "aws_s3_bucket",
	"attributes": {"bucket": "acme-ml-models"},
	"unresolved": [],
}

block(attributes, unresolved) := {
	"id": "aws_s3_account_public_access_block.this",
	"type": "aws_s3_account_public_access_block",
	"attributes": attributes,
	"unresolved": unresolved,
}

all_on := {
	"block_public_acls": true,
	"block_public_policy": true,
	"ignore_public_acls": true,
	"restrict_public_buckets": true,
}

test_buckets_without_account_block_fail if {
	policy.deny == {{
		"resource": "aws_s3_bucket.models",
		"attribute": "account_public_access_block",
		"message": "buckets are managed but this configuration sets no account-level public access block",
	}} with input as mkview([bucket])
}

test_no_buckets_no_finding if {
	count(policy.deny) == 0 with input as mkview([])
}

test_account_block_all_on_passes if {
	count(policy.deny) == 0 with input as mkview([bucket, block(all_on, [])])
}

test_flag_off_or_absent_fails if {
	policy.deny == {{
		"resource": "aws_s3_account_public_access_block.this",
		"attribute": "restrict_public_buckets",
		"message": "account public access block does not turn on restrict_public_buckets",
	}} with input as mkview([bucket, block(object.union(all_on, {"restrict_public_buckets": false}), [])])
	count(policy.deny) == 4 with input as mkview([block({}, [])])
}

test_unknown_flag_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([
		bucket,
		block(object.remove(all_on, ["block_public_policy"]), ["block_public_policy"]),
	])
}
