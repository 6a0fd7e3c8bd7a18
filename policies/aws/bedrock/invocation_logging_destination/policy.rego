# METADATA
# title: Bedrock model invocation logging delivers text data to a destination
# description: >-
#   Invocation logs are the record of the prompts a model received and what it answered;
#   they only exist if logging_config names a destination (cloudwatch_config or s3_config)
#   and text_data_delivery_enabled is true. A logging configuration fails when
#   logging_config is absent, when it has neither destination, or when text data delivery
#   is not on (the attribute is required, so absent is treated as off).
# custom:
#   id: AIP-AWS-BR-002
#   severity: MEDIUM
#   category: logging
#   guidelines: [operation/monitor-inputs, deployment/incident-management]
#   resource_types: [aws_bedrock_model_invocation_logging_configuration]
#   remediation: >-
#     Set logging_config { text_data_delivery_enabled = true } with a cloudwatch_config
#     (log_group_name, role_arn) or an s3_config (bucket_name) block.
package aipolicy.aws.bedrock.invocation_logging_destination

import rego.v1

logging_type := "aws_bedrock_model_invocation_logging_configuration"

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, logging_type)
	not data.aipolicy.lib.blocks.present(object.get(r.attributes, "logging_config", null))
	data.aipolicy.lib.resources.known(r, "logging_config")
	finding := data.aipolicy.lib.resources.finding(
		r, "logging_config",
		"model invocation logging configuration has no logging_config",
	)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, logging_type)
	config := _logging_config(r)
	not data.aipolicy.lib.blocks.present(object.get(config, "cloudwatch_config", null))
	not data.aipolicy.lib.blocks.present(object.get(config, "s3_config", null))
	_known(r, "cloudwatch_config")
	_known(r, "s3_config")
	finding := data.aipolicy.lib.resources.finding(
		r, "logging_config",
		"model invocation logs have no destination",
	)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, logging_type)
	_known(r, "text_data_delivery_enabled")
	config := _logging_config(r)
	object.get(config, "text_data_delivery_enabled", false) != true
	finding := data.aipolicy.lib.resources.finding(
		r, "logging_config.text_data_delivery_enabled",
		"model invocation logging does not record text prompts and responses",
	)
}

# logging_config is a single nested block: an object in plan JSON, or a one-element list
# where a source renders every block as a list.
_logging_config(r) := data.aipolicy.lib.blocks.first(object.get(r.attributes, "logging_config", null))

_known(r, name) if {
	data.aipolicy.lib.resources.known(r, concat(".", ["logging_config", name]))
	data.aipolicy.lib.resources.known(r, concat(".", ["logging_config", "0", name]))
}
