package aipolicy.aws.sagemaker.endpoint_data_capture_kms_test

import rego.v1

import data.aipolicy.aws.sagemaker.endpoint_data_capture_kms as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_endpoint_configuration.ec": {
		"id": "aws_sagemaker_endpoint_configuration.ec",
		"type": "aws_sagemaker_endpoint_configuration",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_endpoint_configuration": ["aws_sagemaker_endpoint_configuration.ec"]},
}

capture(fields) := {"data_capture_config": [object.union(
	{
		"enable_capture": true,
		"destination_s3_uri": "s3://acme-ml-capture/llm",
		"initial_sampling_percentage": 100,
		"capture_options": [{"capture_mode": "Input"}, {"capture_mode": "Output"}],
	},
	fields,
)]}

test_absent_key_fails if {
	findings := policy.deny with input as view(capture({}), [])
	count(findings) == 1
	some f in findings
	f.attribute == "data_capture_config.0.kms_key_id"
}

test_null_or_empty_key_fails if {
	count(policy.deny) == 1 with input as view(capture({"kms_key_id": null}), [])
	count(policy.deny) == 1 with input as view(capture({"kms_key_id": ""}), [])
}

test_key_passes if {
	count(policy.deny) == 0 with input as view(capture({"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/6f1c2a9e-4b1d-4c55-9a43-1f2e3d4c5b6a"}), [])
}

test_no_capture_is_left_to_sm_006 if {
	count(policy.deny) == 0 with input as view({}, [])
	count(policy.deny) == 0 with input as view({"data_capture_config": []}, [])
}

test_unresolved_key_does_not_fail if {
	count(policy.deny) == 0 with input as view(capture({}), ["data_capture_config.0.kms_key_id"])
}
