package aipolicy.aws.sagemaker.endpoint_monitoring_schedule_test

import rego.v1

import data.aipolicy.aws.sagemaker.endpoint_monitoring_schedule as policy

endpoint := {
	"id": "aws_sagemaker_endpoint.llm",
	"type": "aws_sagemaker_endpoint",
	"attributes": {"name": "llm"},
	"unresolved": [],
	"references": {"endpoint_config_name": ["aws_sagemaker_endpoint_configuration.llm"]},
}

job(type, input_attribute, references, unresolved) := {
	"id": concat(".", [type, "llm"]),
	"type": type,
	"attributes": {},
	"unresolved": unresolved,
	"references": {input_attribute: references},
}

data_quality := job(
	"aws_sagemaker_data_quality_job_definition",
	"data_quality_job_input",
	["aws_sagemaker_endpoint.llm"],
	[],
)

schedule(references, unresolved) := {
	"id": "aws_sagemaker_monitoring_schedule.llm",
	"type": "aws_sagemaker_monitoring_schedule",
	"attributes": {"monitoring_schedule_config": [{"monitoring_type": "DataQuality"}]},
	"unresolved": unresolved,
	"references": {"monitoring_schedule_config": references},
}

view(resources) := {
	"resources": {r.id: r | some r in resources},
	"by_type": {r2.type: [r.id | some r in resources; r.type == r2.type] | some r2 in resources},
}

test_endpoint_alone_fails if {
	findings := policy.deny with input as view([endpoint])
	count(findings) == 1
	some f in findings
	f.resource == "aws_sagemaker_endpoint.llm"
}

test_job_definition_without_schedule_fails if {
	count(policy.deny) == 1 with input as view([endpoint, data_quality])
}

test_schedule_for_other_job_fails if {
	count(policy.deny) == 1 with input as view([endpoint, data_quality, schedule(["aws_sagemaker_data_quality_job_definition.other"], [])])
}

test_monitored_endpoint_passes if {
	count(policy.deny) == 0 with input as view([
		endpoint,
		data_quality,
		schedule(["aws_sagemaker_data_quality_job_definition.llm"], []),
	])
}

test_model_quality_monitoring_passes if {
	model_quality := job(
		"aws_sagemaker_model_quality_job_definition",
		"model_quality_job_input",
		["aws_sagemaker_endpoint.llm"],
		[],
	)
	count(policy.deny) == 0 with input as view([
		endpoint,
		model_quality,
		schedule(["aws_sagemaker_model_quality_job_definition.llm"], []),
	])
}

test_dangling_job_input_does_not_fail if {
	dangling := job(
		"aws_sagemaker_data_quality_job_definition",
		"data_quality_job_input",
		[],
		["data_quality_job_input.0.endpoint_input.0.endpoint_name"],
	)
	count(policy.deny) == 0 with input as view([endpoint, dangling])
}

test_dangling_schedule_does_not_fail if {
	dangling := schedule([], ["monitoring_schedule_config.0.monitoring_job_definition_name"])
	count(policy.deny) == 0 with input as view([endpoint, data_quality, dangling])
}

test_job_input_through_other_resource_does_not_fail if {
	indirect := object.union(
		job("aws_sagemaker_data_quality_job_definition", "data_quality_job_input", ["terraform_data.endpoint"], ["data_quality_job_input.0.endpoint_input.0.endpoint_name"]),
		{"id": "aws_sagemaker_data_quality_job_definition.indirect"},
	)
	count(policy.deny) == 0 with input as view([endpoint, indirect])
}

test_resolved_job_input_to_other_endpoint_still_fails if {
	other := object.union(
		job("aws_sagemaker_data_quality_job_definition", "data_quality_job_input", ["aws_sagemaker_endpoint.other"], []),
		{"id": "aws_sagemaker_data_quality_job_definition.other"},
	)
	count(policy.deny) == 1 with input as view([endpoint, other])
}

test_no_endpoint_no_finding if {
	count(policy.deny) == 0 with input as view([data_quality])
}
