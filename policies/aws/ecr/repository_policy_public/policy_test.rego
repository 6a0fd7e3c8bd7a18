package aipolicy.aws.ecr.repository_policy_public_test

import rego.v1

import data.aipolicy.aws.ecr.repository_policy_public as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

repo_policy(attributes, unresolved) := {
	"id": "aws_ecr_repository_policy.serving",
	"type": "aws_ecr_repository_policy",
	"attributes": object.union({"repository": "model-serving"}, attributes),
	"unresolved": unresolved,
}

doc(statement) := json.marshal({"Version": "2012-10-17", "Statement": statement})

pull := ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]

test_public_pull_fails if {
	policy.deny == {{
		"resource": "aws_ecr_repository_policy.serving",
		"attribute": "policy",
		"message": "repository policy allows everyone without a condition restricting the caller",
	}} with input as mkview([repo_policy({"policy": doc([{"Effect": "Allow", "Principal": "*", "Action": pull}])}, [])])
	count(policy.deny) == 1 with input as mkview([repo_policy(
		{"policy": doc({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "ecr:*"})},
		[],
	)])
}

test_named_account_or_org_condition_passes if {
	count(policy.deny) == 0 with input as mkview([repo_policy(
		{"policy": doc([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": pull}])},
		[],
	)])
	org := {
		"Effect": "Allow",
		"Principal": "*",
		"Action": pull,
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
	}
	count(policy.deny) == 0 with input as mkview([repo_policy({"policy": doc([org])}, [])])
}

test_absent_malformed_or_unknown_policy_passes if {
	count(policy.deny) == 0 with input as mkview([repo_policy({}, [])])
	count(policy.deny) == 0 with input as mkview([repo_policy({"policy": "{"}, [])])
	count(policy.deny) == 0 with input as mkview([repo_policy({}, ["policy"])])
}
