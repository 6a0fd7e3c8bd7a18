package aipolicy.aws.ecr.image_tag_immutability_test

import rego.v1

import data.aipolicy.aws.ecr.image_tag_immutability as policy

view(attributes, unresolved) := {
	"resources": {"aws_ecr_repository.serving": {
		"id": "aws_ecr_repository.serving",
		"type": "aws_ecr_repository",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_ecr_repository": ["aws_ecr_repository.serving"]},
}

test_absent_fails_because_default_is_mutable if {
	policy.deny == {{
		"resource": "aws_ecr_repository.serving",
		"attribute": "image_tag_mutability",
		"message": "repository allows image tags to be overwritten",
	}} with input as view({"name": "serving"}, [])
}

test_mutable_fails if {
	count(policy.deny) == 1 with input as view({"image_tag_mutability": "MUTABLE"}, [])
	count(policy.deny) == 1 with input as view({"image_tag_mutability": "MUTABLE_WITH_EXCLUSION"}, [])
}

test_immutable_passes if {
	count(policy.deny) == 0 with input as view({"image_tag_mutability": "IMMUTABLE"}, [])
	count(policy.deny) == 0 with input as view({"image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION"}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["image_tag_mutability"])
}
