package aipolicy.aws.sagemaker.notebook_platform_supported_test

import rego.v1

import data.aipolicy.aws.sagemaker.notebook_platform_supported as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_notebook_instance.nb": {
		"id": "aws_sagemaker_notebook_instance.nb",
		"type": "aws_sagemaker_notebook_instance",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_notebook_instance": ["aws_sagemaker_notebook_instance.nb"]},
}

test_end_of_life_platforms_fail if {
	every platform in ["notebook-al1-v1", "notebook-al2-v1", "notebook-al2-v2", "notebook-al2-v3"] {
		count(policy.deny) == 1 with input as view({"platform_identifier": platform}, [])
	}
}

test_al2023_passes if {
	count(policy.deny) == 0 with input as view({"platform_identifier": "notebook-al2023-v1"}, [])
}

test_newer_unknown_platform_passes if {
	count(policy.deny) == 0 with input as view({"platform_identifier": "notebook-al2023-v2"}, [])
}

test_absent_passes_because_default_is_al2023 if {
	count(policy.deny) == 0 with input as view({}, [])
	count(policy.deny) == 0 with input as view({"platform_identifier": null}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["platform_identifier"])
}
