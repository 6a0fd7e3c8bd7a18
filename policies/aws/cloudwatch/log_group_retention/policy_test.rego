package aipolicy.aws.cloudwatch.log_group_retention_test

import rego.v1

import data.aipolicy.aws.cloudwatch.log_group_retention as policy

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

test_short_retention_fails if {
	policy.deny == {{
		"resource": "aws_cloudwatch_log_group.invocations",
		"attribute": "retention_in_days",
		"message": "log group keeps events for less than a year",
	}} with input as mkview([group({"retention_in_days": 30}, [])])
	count(policy.deny) == 1 with input as mkview([group({"retention_in_days": 1}, [])])
	count(policy.deny) == 1 with input as mkview([group({"retention_in_days": 180}, [])])
}

test_year_or_more_passes if {
	count(policy.deny) == 0 with input as mkview([group({"retention_in_days": 365}, [])])
	count(policy.deny) == 0 with input as mkview([group({"retention_in_days": 3653}, [])])
}

test_never_expire_passes if {
	count(policy.deny) == 0 with input as mkview([group({}, [])])
	count(policy.deny) == 0 with input as mkview([group({"retention_in_days": 0}, [])])
}

test_unknown_retention_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([group({}, ["retention_in_days"])])
	count(policy.deny) == 0 with input as mkview([group({"retention_in_days": "30"}, [])])
}
