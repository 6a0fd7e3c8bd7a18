package aipolicy.aws.sagemaker.model_network_isolation_test

import rego.v1

import data.aipolicy.aws.sagemaker.model_network_isolation as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_model.llm": {
		"id": "aws_sagemaker_model.llm",
		"type": "aws_sagemaker_model",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_model": ["aws_sagemaker_model.llm"]},
}

test_absent_fails_because_default_is_false if {
	count(policy.deny) == 1 with input as view({"name": "llm"}, [])
	count(policy.deny) == 1 with input as view({"enable_network_isolation": null}, [])
}

test_false_fails if {
	count(policy.deny) == 1 with input as view({"enable_network_isolation": false}, [])
}

test_true_passes if {
	count(policy.deny) == 0 with input as view({"enable_network_isolation": true}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["enable_network_isolation"])
}
