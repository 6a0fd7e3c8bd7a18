package aipolicy.aws.sagemaker.endpoint_data_capture_test

import rego.v1

import data.aipolicy.aws.sagemaker.endpoint_data_capture as policy

capture(enable) := [{
	"enable_capture": enable,
	"initial_sampling_percentage": 100,
	"destination_s3_uri": "s3://capture/inference",
	"capture_options": [{"capture_mode": "Input"}, {"capture_mode": "Output"}],
}]

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_endpoint_configuration.inference": {
		"id": "aws_sagemaker_endpoint_configuration.inference",
		"type": "aws_sagemaker_endpoint_configuration",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_endpoint_configuration": ["aws_sagemaker_endpoint_configuration.inference"]},
}

test_absent_block_fails if {
	policy.deny == {{
		"resource": "aws_sagemaker_endpoint_configuration.inference",
		"attribute": "data_capture_config",
		"message": "endpoint configuration does not capture inference data",
	}} with input as view({}, [])
}

test_empty_block_list_fails if {
	count(policy.deny) == 1 with input as view({"data_capture_config": []}, [])
}

test_unresolved_block_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["data_capture_config"])
}

test_capture_enabled_passes if {
	count(policy.deny) == 0 with input as view({"data_capture_config": capture(true)}, [])
}

test_capture_disabled_fails if {
	policy.deny == {{
		"resource": "aws_sagemaker_endpoint_configuration.inference",
		"attribute": "data_capture_config.0.enable_capture",
		"message": "endpoint configuration has data capture switched off",
	}} with input as view({"data_capture_config": capture(false)}, [])
}

test_enable_capture_absent_fails_because_provider_sends_false if {
	block := [object.remove(capture(true)[0], ["enable_capture"])]
	count(policy.deny) == 1 with input as view({"data_capture_config": block}, [])
}

test_enable_capture_unresolved_does_not_fail if {
	block := [object.remove(capture(true)[0], ["enable_capture"])]
	count(policy.deny) == 0 with input as view({"data_capture_config": block}, ["data_capture_config.0.enable_capture"])
}

test_unknown_destination_does_not_hide_switched_off_capture if {
	block := [object.remove(capture(false)[0], ["destination_s3_uri"])]
	count(policy.deny) == 1 with input as view(
		{"data_capture_config": block},
		["data_capture_config.0.destination_s3_uri"],
	)
}
