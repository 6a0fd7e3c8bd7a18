package aipolicy.aws.sagemaker.notebook_direct_internet_access_test

import rego.v1

import data.aipolicy.aws.sagemaker.notebook_direct_internet_access as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_notebook_instance.nb": {
		"id": "aws_sagemaker_notebook_instance.nb",
		"type": "aws_sagemaker_notebook_instance",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_notebook_instance": ["aws_sagemaker_notebook_instance.nb"]},
}

test_absent_fails_because_default_is_enabled if {
	policy.deny == {{
		"resource": "aws_sagemaker_notebook_instance.nb",
		"attribute": "direct_internet_access",
		"message": "notebook instance has direct internet access",
	}} with input as view({}, [])
}

test_enabled_fails if {
	count(policy.deny) == 1 with input as view({"direct_internet_access": "Enabled"}, [])
}

test_disabled_passes if {
	count(policy.deny) == 0 with input as view({"direct_internet_access": "Disabled"}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["direct_internet_access"])
}

test_other_types_ignored if {
	v := {"resources": {"x": {"id": "x", "type": "aws_s3_bucket", "attributes": {}}}, "by_type": {"aws_s3_bucket": ["x"]}}
	count(policy.deny) == 0 with input as v
}
