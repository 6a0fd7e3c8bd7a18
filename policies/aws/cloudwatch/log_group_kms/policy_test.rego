package aipolicy.aws.cloudwatch.log_group_kms_test

import rego.v1

import data.aipolicy.aws.cloudwatch.log_group_kms as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

group(attributes, unresolved) := {
	"id": "aws_cloudwatch_log_group.invocations",
	"type": "aws_cloudwatch_log_group",
	"attributes": object.union({"name": "/aws/bedrock/invocations"}, attributes),
	"unresolved": unresolved,
}

test_absent_key_fails if {
	policy.deny == {{
		"resource": "aws_cloudwatch_log_group.invocations",
		"attribute": "kms_key_id",
		"message": "log group is not encrypted with a customer-managed KMS key",
	}} with input as mkview([group({}, [])])
	count(policy.deny) == 1 with input as mkview([group({"kms_key_id": ""}, [])])
	count(policy.deny) == 1 with input as mkview([group({"kms_key_id": null}, [])])
}

test_key_set_passes if {
	count(policy.deny) == 0 with input as mkview([group({"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/abc"}, [])])
}

test_unknown_key_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([group({}, ["kms_key_id"])])
}
