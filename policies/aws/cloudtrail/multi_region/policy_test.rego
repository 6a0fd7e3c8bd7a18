package aipolicy.aws.cloudtrail.multi_region_test

import rego.v1

import data.aipolicy.aws.cloudtrail.multi_region as policy

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
		"attribute": "is_multi_region_trail",
		"message": "trail records only its home region",
	}} with input as mkview([trail({}, [])])
}

test_unsafe_value_fails if {
	count(policy.deny) == 1 with input as mkview([trail({"is_multi_region_trail": false}, [])])
}

test_safe_value_passes if {
	count(policy.deny) == 0 with input as mkview([trail({"is_multi_region_trail": true}, [])])
}

test_unknown_value_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([trail({}, ["is_multi_region_trail"])])
}

test_no_trail_no_finding if {
	count(policy.deny) == 0 with input as mkview([])
}
