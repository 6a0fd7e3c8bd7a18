# METADATA
# title: SageMaker data capture records the requests an endpoint receives
# description: >-
#   Monitoring a model's inputs (for prompt injection, evasion or data drift) needs the
#   requests themselves. A data_capture_config whose capture_options capture only Output
#   records what the model answered but not what it was asked. A configuration with a
#   data_capture_config block fails when no capture option has capture_mode "Input" or
#   "InputAndOutput"; whether capture is configured and enabled is judged by
#   AIP-AWS-SM-006.
# custom:
#   id: AIP-AWS-SM-018
#   severity: MEDIUM
#   category: logging
#   guidelines: [operation/monitor-inputs, deployment/incident-management]
#   resource_types: [aws_sagemaker_endpoint_configuration]
#   remediation: >-
#     Add capture_options { capture_mode = "Input" } (alongside "Output") to the
#     data_capture_config block.
package aipolicy.aws.sagemaker.endpoint_data_capture_input

import rego.v1

input_modes := {"Input", "InputAndOutput"}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_endpoint_configuration")
	some i, capture in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "data_capture_config", null))
	not _captures_input(capture)
	path := sprintf("data_capture_config.%d.capture_options", [i])
	data.aipolicy.lib.resources.known(r, path)
	finding := data.aipolicy.lib.resources.finding(
		r, path,
		"data capture does not record inference requests",
	)
}

_captures_input(capture) if {
	some option in data.aipolicy.lib.blocks.elements(object.get(capture, "capture_options", null))
	object.get(option, "capture_mode", null) in input_modes
}
