# METADATA
# title: SageMaker endpoint configurations capture inference requests and responses
# description: >-
#   Data capture records the inputs a model receives and the outputs it returns, which is
#   what monitoring for abuse, drift and prompt or evasion attacks works from. A
#   configuration fails when data_capture_config is absent or when enable_capture is not
#   true: the provider sends an absent enable_capture as false.
# custom:
#   id: AIP-AWS-SM-006
#   severity: MEDIUM
#   category: logging
#   guidelines: [operation/monitor-inputs, operation/monitor-behaviour, deployment/incident-management]
#   resource_types: [aws_sagemaker_endpoint_configuration]
#   remediation: >-
#     Add a data_capture_config block with enable_capture = true, a destination_s3_uri,
#     capture_options for Input and Output and an initial_sampling_percentage above 0.
package aipolicy.aws.sagemaker.endpoint_data_capture

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_endpoint_configuration")
	not data.aipolicy.lib.blocks.present(object.get(r.attributes, "data_capture_config", null))
	data.aipolicy.lib.resources.known(r, "data_capture_config")
	finding := data.aipolicy.lib.resources.finding(
		r, "data_capture_config",
		"endpoint configuration does not capture inference data",
	)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_endpoint_configuration")
	capture := data.aipolicy.lib.blocks.first(object.get(r.attributes, "data_capture_config", null))
	object.get(capture, "enable_capture", false) != true
	data.aipolicy.lib.resources.known(r, "data_capture_config.0.enable_capture")
	finding := data.aipolicy.lib.resources.finding(
		r, "data_capture_config.0.enable_capture",
		"endpoint configuration has data capture switched off",
	)
}
