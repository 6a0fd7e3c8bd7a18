package aipolicy.aws.sagemaker.domain_kms_encryption_test

import rego.v1

import data.aipolicy.aws.sagemaker.domain_kms_encryption as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_domain.studio": {
		"id": "aws_sagemaker_domain.studio",
		"type": "aws_sagemaker_domain",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_domain": ["aws_sagemaker_domain.studio"]},
}

test_absent_fails if {
	count(policy.deny) == 1 with input as view({"auth_mode": "IAM"}, [])
}

test_empty_fails if {
	count(policy.deny) == 1 with input as view({"kms_key_id": ""}, [])
	count(policy.deny) == 1 with input as view({"kms_key_id": null}, [])
}

test_key_passes if {
	count(policy.deny) == 0 with input as view({"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/6f1c2a9e-4b1d-4c55-9a43-1f2e3d4c5b6a"}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["kms_key_id"])
}
