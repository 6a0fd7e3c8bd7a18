package aipolicy.aws.ecr.lifecycle_policy_test

import rego.v1

import data.aipolicy.aws.ecr.lifecycle_policy as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

repo(name) := {
	"id": concat(".", ["aws_ecr_repository", name]),
	"type": "aws_ecr_repository",
	"attributes": {"name": name},
	"unresolved": [],
}

lifecycle(attributes, unresolved, refs) := {
	"id": "aws_ecr_lifecycle_policy.serving",
	"type": "aws_ecr_lifecycle_policy",
	"attributes": object.union({"policy": "{\"rules\":[]}"}, attributes),
	"unresolved": unresolved,
	"references": {"repository": refs},
}

test_repository_without_lifecycle_policy_fails if {
	policy.deny == {{
		"resource": "aws_ecr_repository.serving",
		"attribute": "lifecycle_policy",
		"message": "repository has no lifecycle policy",
	}} with input as mkview([repo("serving")])
}

test_referencing_lifecycle_policy_passes if {
	count(policy.deny) == 0 with input as mkview([
		repo("serving"),
		lifecycle({"repository": "serving"}, [], ["aws_ecr_repository.serving"]),
	])
}

test_lifecycle_policy_by_name_passes if {
	count(policy.deny) == 0 with input as mkview([repo("serving"), lifecycle({"repository": "serving"}, [], [])])
}

test_lifecycle_policy_of_another_repository_does_not_count if {
	policy.deny == {{
		"resource": "aws_ecr_repository.training",
		"attribute": "lifecycle_policy",
		"message": "repository has no lifecycle policy",
	}} with input as mkview([
		repo("serving"),
		repo("training"),
		lifecycle({"repository": "serving"}, [], ["aws_ecr_repository.serving"]),
	])
}

test_dangling_lifecycle_policy_leaves_repositories_unjudged if {
	count(policy.deny) == 0 with input as mkview([repo("serving"), lifecycle({}, ["repository"], [])])
}
