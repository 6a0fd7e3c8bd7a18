package aipolicy.aws.sagemaker.endpoint_data_capture_input_test

import rego.v1

import data.aipolicy.aws.sagemaker.endpoint_data_capture_input as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_endpoint_configuration.ec": {
		"id": "aws_sagemaker_endpoint_configuration.ec",
		"type": "aws_sagemaker_endpoint_configuration",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_endpoint_configuration": ["aws_sagemaker_endpoint_configuration.ec"]},
}

capture(modes) := {"data_capture_config": [{
	"enable_capture": true,
	"destination_s3_uri": "s3://acme-ml-capture/llm",
	"initial_sampling_percentage": 100,
	"capture_options": [{"capture_mode": m} | some m in modes],
}]}

test_output_only_fails if {
	findings := policy.deny with input as view(capture(["Output"]), [])
	count(findings) == 1
	some f in findings
	f.attribute == "data_capture_config.0.capture_options"
}

test_no_options_fails if {
	count(policy.deny) == 1 with input as view(capture([]), [])
	count(policy.deny) == 1 with input as view({"data_capture_config": [{"enable_capture": true}]}, [])
}

test_input_passes if {
	count(policy.deny) == 0 with input as view(capture(["Input", "Output"]), [])
	count(policy.deny) == 0 with input as view(capture(["InputAndOutput"]), [])
}

test_no_capture_is_left_to_sm_006 if {
	count(policy.deny) == 0 with input as view({}, [])
}

test_unresolved_mode_does_not_fail if {
	count(policy.deny) == 0 with input as view(
		capture(["Output"]),
		["data_capture_config.0.capture_options.0.capture_mode"],
	)
}
