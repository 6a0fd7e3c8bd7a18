package aipolicy.aws.sagemaker.notebook_kms_encryption_test

import rego.v1

import data.aipolicy.aws.sagemaker.notebook_kms_encryption as policy

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
	policy.deny == {{
		"resource": "aws_sagemaker_notebook_instance.nb",
		"attribute": "kms_key_id",
		"message": "notebook instance storage is not encrypted with a customer-managed KMS key",
	}} with input as view({}, [])
}

test_null_or_empty_fails if {
	count(policy.deny) == 1 with input as view({"kms_key_id": null}, [])
	count(policy.deny) == 1 with input as view({"kms_key_id": ""}, [])
}

test_key_set_passes if {
	count(policy.deny) == 0 with input as view({"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/abcd"}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["kms_key_id"])
}

test_message_never_carries_the_value if {
	some f in policy.deny with input as view({"kms_key_id": ""}, [])
	not contains(f.message, "arn:")
}
