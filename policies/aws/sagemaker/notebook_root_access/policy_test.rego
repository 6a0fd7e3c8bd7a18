package aipolicy.aws.sagemaker.notebook_root_access_test

import rego.v1

import data.aipolicy.aws.sagemaker.notebook_root_access as policy

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
	count(policy.deny) == 1 with input as view({}, [])
}

test_enabled_fails if {
	count(policy.deny) == 1 with input as view({"root_access": "Enabled"}, [])
}

test_disabled_passes if {
	count(policy.deny) == 0 with input as view({"root_access": "Disabled"}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["root_access"])
}
