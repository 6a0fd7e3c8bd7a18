package aipolicy.aws.sagemaker.model_vpc_config_test

import rego.v1

import data.aipolicy.aws.sagemaker.model_vpc_config as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_model.llm": {
		"id": "aws_sagemaker_model.llm",
		"type": "aws_sagemaker_model",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_model": ["aws_sagemaker_model.llm"]},
}

vpc := [{"subnets": ["subnet-0a1b2c3d4e5f60718"], "security_group_ids": ["sg-0123456789abcdef0"]}]

test_absent_fails if {
	count(policy.deny) == 1 with input as view({}, [])
	count(policy.deny) == 1 with input as view({"vpc_config": [], "enable_network_isolation": false}, [])
}

test_vpc_passes if {
	count(policy.deny) == 0 with input as view({"vpc_config": vpc}, [])
}

test_network_isolation_passes_without_vpc if {
	count(policy.deny) == 0 with input as view({"vpc_config": [], "enable_network_isolation": true}, [])
}

test_unresolved_vpc_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["vpc_config"])
}

test_unresolved_isolation_does_not_fail if {
	count(policy.deny) == 0 with input as view({"vpc_config": []}, ["enable_network_isolation"])
}
