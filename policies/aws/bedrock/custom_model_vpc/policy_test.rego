package aipolicy.aws.bedrock.custom_model_vpc_test

import rego.v1

import data.aipolicy.aws.bedrock.custom_model_vpc as policy

view(attributes, unresolved) := {
	"resources": {"aws_bedrock_custom_model.m": {
		"id": "aws_bedrock_custom_model.m",
		"type": "aws_bedrock_custom_model",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_bedrock_custom_model": ["aws_bedrock_custom_model.m"]},
}

test_absent_fails if {
	count(policy.deny) == 1 with input as view({"custom_model_name": "support-tuned"}, [])
	count(policy.deny) == 1 with input as view({"vpc_config": []}, [])
}

test_vpc_passes if {
	vpc := [{"subnet_ids": ["subnet-0a1b2c3d4e5f60718"], "security_group_ids": ["sg-0123456789abcdef0"]}]
	count(policy.deny) == 0 with input as view({"vpc_config": vpc}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["vpc_config"])
}
