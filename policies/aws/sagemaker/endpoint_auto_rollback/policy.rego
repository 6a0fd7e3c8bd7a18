# METADATA
# title: SageMaker endpoints roll back failed deployments automatically
# description: >-
#   When a new model or endpoint configuration is deployed, auto_rollback_configuration
#   watches CloudWatch alarms during the blue/green or rolling update and returns traffic
#   to the previous fleet if any of them fires, so a bad update does not stay in service.
#   Without deployment_config.auto_rollback_configuration naming at least one alarm,
#   SageMaker shifts traffic without any rollback trigger. An absent deployment_config
#   fails.
# custom:
#   id: AIP-AWS-SM-024
#   severity: LOW
#   category: updates
#   guidelines: [operation/secure-updates]
#   resource_types: [aws_sagemaker_endpoint]
#   remediation: >-
#     Add deployment_config { blue_green_update_policy { ... } auto_rollback_configuration {
#     alarms { alarm_name = <alarm on the endpoint's errors or latency> } } }.
package aipolicy.aws.sagemaker.endpoint_auto_rollback

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_endpoint")
	not _rolls_back(r)
	data.aipolicy.lib.resources.known(r, "deployment_config")
	finding := data.aipolicy.lib.resources.finding(
		r, "deployment_config",
		"endpoint deployments have no automatic rollback on alarms",
	)
}

_rolls_back(r) if {
	some config in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "deployment_config", null))
	some rollback in data.aipolicy.lib.blocks.elements(object.get(config, "auto_rollback_configuration", null))
	data.aipolicy.lib.blocks.present(object.get(rollback, "alarms", null))
}
