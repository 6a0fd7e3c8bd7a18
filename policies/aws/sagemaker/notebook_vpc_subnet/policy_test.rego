package aipolicy.aws.sagemaker.notebook_vpc_subnet_test

import rego.v1

import data.aipolicy.aws.sagemaker.notebook_vpc_subnet as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_notebook_instance.nb": {
		"id": "aws_sagemaker_notebook_instance.nb",
		"type": "aws_sagemaker_notebook_instance",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_notebook_instance": ["aws_sagemaker_notebook_instance.nb"]},
}

test_absent_fails if {
	findings := policy.deny with input as view({"name": "research"}, [])
	count(findings) == 1
	some f in findings
	f.attribute == "subnet_id"
}

test_null_and_empty_fail if {
	count(policy.deny) == 1 with input as view({"subnet_id": null}, [])
	count(policy.deny) == 1 with input as view({"subnet_id": ""}, [])
}

test_subnet_passes if {
	count(policy.deny) == 0 with input as view({"subnet_id": "subnet-0a1b2c3d4e5f60718"}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["subnet_id"])
}

test_other_types_ignored if {
	count(policy.deny) == 0 with input as {"resources": {}, "by_type": {}}
}
