package aipolicy.aws.iam.role_trust_everyone_test

import rego.v1

import data.aipolicy.aws.iam.role_trust_everyone as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

role(attributes, unresolved) := {
	"id": "aws_iam_role.training",
	"type": "aws_iam_role",
	"attributes": object.union({"name": "training"}, attributes),
	"unresolved": unresolved,
}

trust(statement) := json.marshal({"Version": "2012-10-17", "Statement": statement})

assume(principal, condition) := {
	"Effect": "Allow",
	"Principal": principal,
	"Action": "sts:AssumeRole",
	"Condition": condition,
}

test_everyone_fails if {
	policy.deny == {{
		"resource": "aws_iam_role.training",
		"attribute": "assume_role_policy",
		"message": "role can be assumed by any AWS principal",
	}} with input as mkview([role({"assume_role_policy": trust([assume({"AWS": "*"}, null)])}, [])])
	count(policy.deny) == 1 with input as mkview([role(
		{"assume_role_policy": trust(assume("*", {"Bool": {"aws:SecureTransport": "true"}}))},
		[],
	)])
}

test_named_or_conditioned_principals_pass if {
	count(policy.deny) == 0 with input as mkview([role(
		{"assume_role_policy": trust([assume({"Service": "sagemaker.amazonaws.com"}, null)])},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([role(
		{"assume_role_policy": trust([assume({"AWS": "arn:aws:iam::444455556666:root"}, null)])},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([role(
		{"assume_role_policy": trust([assume({"AWS": "*"}, {"StringEquals": {"sts:ExternalId": "f2c9"}})])},
		[],
	)])
}

test_unknown_or_malformed_trust_policy_passes if {
	count(policy.deny) == 0 with input as mkview([role({}, ["assume_role_policy"])])
	count(policy.deny) == 0 with input as mkview([role({"assume_role_policy": "{"}, [])])
	count(policy.deny) == 0 with input as mkview([role({}, [])])
}
