package aipolicy.aws.kms.deletion_window_test

import rego.v1

import data.aipolicy.aws.kms.deletion_window as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

key(attributes, unresolved) := {
	"id": "aws_kms_key.models",
	"type": "aws_kms_key",
	"attributes": object.union({"description": "models"}, attributes),
	"unresolved": unresolved,
}

test_short_window_fails if {
	policy.deny == {{
		"resource": "aws_kms_key.models",
		"attribute": "deletion_window_in_days",
		"message": "key deletion window is shorter than 14 days",
	}} with input as mkview([key({"deletion_window_in_days": 7}, [])])
	count(policy.deny) == 1 with input as mkview([key({"deletion_window_in_days": 13}, [])])
}

test_long_window_passes if {
	count(policy.deny) == 0 with input as mkview([key({"deletion_window_in_days": 14}, [])])
	count(policy.deny) == 0 with input as mkview([key({"deletion_window_in_days": 30}, [])])
}

test_absent_window_passes_because_default_is_30 if {
	count(policy.deny) == 0 with input as mkview([key({}, [])])
}

test_unknown_or_odd_window_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([key({}, ["deletion_window_in_days"])])
	count(policy.deny) == 0 with input as mkview([key({"deletion_window_in_days": "7"}, [])])
}
