package aipolicy.aws.cloudtrail.kms_encryption_test

import rego.v1

import data.aipolicy.aws.cloudtrail.kms_encryption as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

trail(attributes, unresolved) := {
	"id": "aws_cloudtrail.main",
	"type": "aws_cloudtrail",
	"attributes": object.union({"name": "main", "s3_bucket_name": "acme-cloudtrail"}, attributes),
	"unresolved": unresolved,
}

test_absent_fails_because_of_the_default if {
	policy.deny == {{
		"resource": "aws_cloudtrail.main",
		"attribute": "kms_key_id",
		"message": "trail logs are not encrypted with a KMS key",
	}} with input as mkview([trail({}, [])])
}

test_unsafe_value_fails if {
	count(policy.deny) == 1 with input as mkview([trail({"kms_key_id": ""}, [])])
	count(policy.deny) == 1 with input as mkview([trail({"kms_key_id": null}, [])])
}

test_safe_value_passes if {
	count(policy.deny) == 0 with input as mkview([trail({"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/6f1c2a9e-4b1d-4c55-9a43-1f2e3d4c5b6a"}, [])])
}

test_unknown_value_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([trail({}, ["kms_key_id"])])
}

test_no_trail_no_finding if {
	count(policy.deny) == 0 with input as mkview([])
}
