package aipolicy.aws.sagemaker.endpoint_async_output_kms_test

import rego.v1

import data.aipolicy.aws.sagemaker.endpoint_async_output_kms as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_endpoint_configuration.ec": {
		"id": "aws_sagemaker_endpoint_configuration.ec",
		"type": "aws_sagemaker_endpoint_configuration",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_endpoint_configuration": ["aws_sagemaker_endpoint_configuration.ec"]},
}

async(output) := {"async_inference_config": [{
	"client_config": [],
	"output_config": [object.union({"s3_output_path": "s3://acme-ml-async/llm/out"}, output)],
}]}

test_absent_key_fails if {
	findings := policy.deny with input as view(async({}), [])
	count(findings) == 1
	some f in findings
	f.attribute == "async_inference_config.0.output_config.0.kms_key_id"
}

test_empty_key_fails if {
	count(policy.deny) == 1 with input as view(async({"kms_key_id": ""}), [])
	count(policy.deny) == 1 with input as view(async({"kms_key_id": null}), [])
}

test_key_passes if {
	count(policy.deny) == 0 with input as view(async({"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/6f1c2a9e-4b1d-4c55-9a43-1f2e3d4c5b6a"}), [])
}

test_real_time_endpoint_is_not_judged if {
	count(policy.deny) == 0 with input as view({"async_inference_config": []}, [])
	count(policy.deny) == 0 with input as view({}, [])
}

test_unresolved_key_does_not_fail if {
	count(policy.deny) == 0 with input as view(async({}), ["async_inference_config.0.output_config.0.kms_key_id"])
}
