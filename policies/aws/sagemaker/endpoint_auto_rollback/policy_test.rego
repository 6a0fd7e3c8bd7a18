package aipolicy.aws.sagemaker.endpoint_auto_rollback_test

import rego.v1

import data.aipolicy.aws.sagemaker.endpoint_auto_rollback as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_endpoint.llm": {
		"id": "aws_sagemaker_endpoint.llm",
		"type": "aws_sagemaker_endpoint",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_endpoint": ["aws_sagemaker_endpoint.llm"]},
}

blue_green := [{"traffic_routing_configuration": [{"type": "CANARY", "wait_interval_in_seconds": 600}]}]

deployment(alarms) := {"deployment_config": [{
	"blue_green_update_policy": blue_green,
	"auto_rollback_configuration": [{"alarms": [{"alarm_name": a} | some a in alarms]}],
	"rolling_update_policy": [],
}]}

test_absent_deployment_config_fails if {
	count(policy.deny) == 1 with input as view({"name": "llm"}, [])
	count(policy.deny) == 1 with input as view({"deployment_config": []}, [])
}

test_no_rollback_fails if {
	count(policy.deny) == 1 with input as view(
		{"deployment_config": [{"blue_green_update_policy": blue_green, "auto_rollback_configuration": []}]},
		[],
	)
}

test_rollback_without_alarms_fails if {
	count(policy.deny) == 1 with input as view(deployment([]), [])
}

test_rollback_with_alarm_passes if {
	count(policy.deny) == 0 with input as view(deployment(["llm-5xx-errors"]), [])
}

test_unresolved_alarm_does_not_fail if {
	count(policy.deny) == 0 with input as view(deployment([]), ["deployment_config.0.auto_rollback_configuration.0.alarms.0.alarm_name"])
}

test_unresolved_deployment_config_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["deployment_config"])
}
