package aipolicy.aws.bedrock.custom_model_kms_encryption_test

import rego.v1

import data.aipolicy.aws.bedrock.custom_model_kms_encryption as policy

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
	count(policy.deny) == 1 with input as view({"custom_model_kms_key_id": null}, [])
	count(policy.deny) == 1 with input as view({"custom_model_kms_key_id": ""}, [])
}

test_key_passes if {
	count(policy.deny) == 0 with input as view({"custom_model_kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/6f1c2a9e-4b1d-4c55-9a43-1f2e3d4c5b6a"}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["custom_model_kms_key_id"])
}
