# METADATA
# title: SageMaker endpoints are watched by a model monitoring schedule
# description: >-
#   Model Monitor compares what an endpoint receives and returns with a baseline and
#   reports drift and data-quality violations, which is how poisoning, evasion or silent
#   degradation become visible. An endpoint counts as monitored when a data or model
#   quality job definition reads from it (its data_quality_job_input or
#   model_quality_job_input references the endpoint) and an
#   aws_sagemaker_monitoring_schedule references that job definition in
#   monitoring_schedule_config. This is judged within the scanned configuration: schedules
#   managed in another stack are not seen, so waive the finding or scan both together.
#   When some job definition's input is unresolved and references no endpoint, or some
#   schedule's configuration is unresolved and references no job definition, it might belong
#   to any endpoint, so no endpoint is judged.
# custom:
#   id: AIP-AWS-SM-020
#   severity: MEDIUM
#   category: logging
#   guidelines: [operation/monitor-behaviour, operation/monitor-inputs]
#   resource_types:
#     - aws_sagemaker_endpoint
#     - aws_sagemaker_data_quality_job_definition
#     - aws_sagemaker_model_quality_job_definition
#     - aws_sagemaker_monitoring_schedule
#   remediation: >-
#     Enable data capture on the endpoint, add an aws_sagemaker_data_quality_job_definition
#     (or model quality) whose endpoint_input names the endpoint, and an
#     aws_sagemaker_monitoring_schedule that runs it on a schedule_config.
package aipolicy.aws.sagemaker.endpoint_monitoring_schedule

import rego.v1

# Job definition types and the attribute through which each reads an endpoint.
job_definition_inputs := {
	"aws_sagemaker_data_quality_job_definition": "data_quality_job_input",
	"aws_sagemaker_model_quality_job_definition": "model_quality_job_input",
}

schedule_type := "aws_sagemaker_monitoring_schedule"

deny contains finding if {
	not _joins_unresolved
	some endpoint in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_endpoint")
	not _monitored(endpoint.id)
	finding := data.aipolicy.lib.resources.finding(
		endpoint, "monitoring_schedule",
		"endpoint has no model monitoring schedule in this configuration",
	)
}

_monitored(endpoint_id) if {
	some type, attribute in job_definition_inputs
	some definition in data.aipolicy.lib.resources.referencing(input, type, attribute, endpoint_id)
	count(data.aipolicy.lib.resources.referencing(input, schedule_type, "monitoring_schedule_config", definition.id)) > 0
}

# A job definition whose input is unresolved and references no endpoint of this view (or a
# schedule whose configuration is unresolved and references no job definition) may belong to
# any endpoint, so no endpoint is judged.
_joins_unresolved if {
	some type, attribute in job_definition_inputs
	some definition in data.aipolicy.lib.resources.of_type(input, type)
	data.aipolicy.lib.resources.unresolved(definition, attribute)
	not _references_any(definition, attribute, ["aws_sagemaker_endpoint"])
}

_joins_unresolved if {
	some schedule in data.aipolicy.lib.resources.of_type(input, schedule_type)
	data.aipolicy.lib.resources.unresolved(schedule, "monitoring_schedule_config")
	not _references_any(schedule, "monitoring_schedule_config", object.keys(job_definition_inputs))
}

_references_any(r, attribute, types) if {
	some type in types
	some target in data.aipolicy.lib.resources.of_type(input, type)
	target.id in data.aipolicy.lib.resources.references_of(r, attribute)
}
