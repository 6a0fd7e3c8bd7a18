package aipolicy.aws.sagemaker.notebook_imdsv2_test

import rego.v1

import data.aipolicy.aws.sagemaker.notebook_imdsv2 as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_notebook_instance.nb": {
		"id": "aws_sagemaker_notebook_instance.nb",
		"type": "aws_sagemaker_notebook_instance",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_notebook_instance": ["aws_sagemaker_notebook_instance.nb"]},
}

imds(version) := {"instance_metadata_service_configuration": [{"minimum_instance_metadata_service_version": version}]}

test_absent_block_fails_because_default_allows_v1 if {
	count(policy.deny) == 1 with input as view({}, [])
	count(policy.deny) == 1 with input as view({"instance_metadata_service_configuration": []}, [])
}

test_absent_version_fails if {
	count(policy.deny) == 1 with input as view({"instance_metadata_service_configuration": [{}]}, [])
	count(policy.deny) == 1 with input as view(imds(null), [])
}

test_v1_fails if {
	count(policy.deny) == 1 with input as view(imds("1"), [])
}

test_v2_passes if {
	count(policy.deny) == 0 with input as view(imds("2"), [])
}

test_v2_as_single_object_passes if {
	count(policy.deny) == 0 with input as view(
		{"instance_metadata_service_configuration": {"minimum_instance_metadata_service_version": "2"}},
		[],
	)
}

test_unresolved_version_does_not_fail if {
	unresolved := ["instance_metadata_service_configuration.0.minimum_instance_metadata_service_version"]
	count(policy.deny) == 0 with input as view({"instance_metadata_service_configuration": [{}]}, unresolved)
}

test_unresolved_block_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["instance_metadata_service_configuration"])
}
