package aipolicy.aws.iam.passrole_wildcard_test

import rego.v1

import data.aipolicy.aws.iam.passrole_wildcard as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

res(type, attributes, unresolved) := {
	"id": concat(".", [type, "p"]),
	"type": type,
	"attributes": attributes,
	"unresolved": unresolved,
}

doc(statement) := json.marshal({"Version": "2012-10-17", "Statement": statement})

pass_any := doc([{"Effect": "Allow", "Action": ["sagemaker:CreateTrainingJob", "iam:PassRole"], "Resource": "*"}])

pass_scoped := doc([{
	"Effect": "Allow",
	"Action": "iam:PassRole",
	"Resource": "arn:aws:iam::111122223333:role/sagemaker-training",
}])

message := "policy allows iam:PassRole on every role"

test_each_policy_type_judged if {
	every type in policy.policy_types {
		policy.deny == {{
			"resource": concat(".", [type, "p"]),
			"attribute": "policy",
			"message": message,
		}} with input as mkview([res(type, {"policy": pass_any}, [])])
	}
}

test_wildcard_patterns_and_role_wildcards_fail if {
	every statement in [
		{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "IAM:Pass*", "Resource": "*"},
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/*"},
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/*"},
		{"Effect": "Allow", "Action": "iam:PassRole", "NotResource": "arn:aws:iam::111122223333:role/admin"},
		{
			"Effect": "Allow",
			"Action": "iam:PassRole",
			"Resource": "*",
			"Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}},
		},
	] {
		count(policy.deny) == 1 with input as mkview([res("aws_iam_policy", {"policy": doc([statement])}, [])])
	}
}

test_scoped_denied_or_full_wildcards_pass if {
	count(policy.deny) == 0 with input as mkview([res("aws_iam_policy", {"policy": pass_scoped}, [])])
	count(policy.deny) == 0 with input as mkview([res(
		"aws_iam_policy",
		{"policy": doc({"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"})},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([res(
		"aws_iam_policy",
		{"policy": doc({"Effect": "Allow", "Action": "*", "Resource": "*"})},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([res(
		"aws_iam_policy",
		{"policy": doc({"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"})},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([res(
		"aws_iam_policy",
		{"policy": doc({
			"Effect": "Allow",
			"Action": "iam:PassRole",
			"Resource": "arn:aws:iam::111122223333:role/sagemaker-*",
		})},
		[],
	)])
}

test_absent_malformed_or_unknown_policy_passes if {
	count(policy.deny) == 0 with input as mkview([res("aws_iam_policy", {}, [])])
	count(policy.deny) == 0 with input as mkview([res("aws_iam_policy", {"policy": "{"}, [])])
	count(policy.deny) == 0 with input as mkview([res("aws_iam_policy", {}, ["policy"])])
}

test_role_inline_policy if {
	policy.deny == {{
		"resource": "aws_iam_role.p",
		"attribute": "inline_policy.1.policy",
		"message": message,
	}} with input as mkview([res("aws_iam_role", {"inline_policy": [{"policy": pass_scoped}, {"policy": pass_any}]}, [])])
	count(policy.deny) == 0 with input as mkview([res(
		"aws_iam_role",
		{"inline_policy": [{"name": "x"}]},
		["inline_policy.0.policy"],
	)])
}

test_policy_document if {
	policy.deny == {{
		"resource": "aws_iam_policy_document.p",
		"attribute": "json",
		"message": message,
	}} with input as mkview([res("aws_iam_policy_document", {"json": pass_any}, [])])
	statements := [{"effect": "Allow", "actions": ["iam:PassRole"], "resources": ["*"]}]
	policy.deny == {{
		"resource": "aws_iam_policy_document.p",
		"attribute": "statement",
		"message": message,
	}} with input as mkview([res("aws_iam_policy_document", {"statement": statements}, ["json"])])
	count(policy.deny) == 0 with input as mkview([res(
		"aws_iam_policy_document",
		{"statement": [{"actions": ["iam:PassRole"]}]},
		["json", "statement.0.resources"],
	)])
}

test_role_wildcard_resources if {
	policy._all_roles("arn:aws:iam::111122223333:*")
	policy._all_roles("arn:aws-us-gov:iam::*:role/*")
	not policy._all_roles("arn:aws:iam::111122223333:role/ml-*")
	not policy._all_roles("arn:aws:iam::1111222233:role/*")
	not policy._all_roles("arn:aws:iam:us-east-1:111122223333:role/*")
	not policy._all_roles("arn:aws:s3:::*")
}
