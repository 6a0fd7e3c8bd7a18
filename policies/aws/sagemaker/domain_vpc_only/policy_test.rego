package aipolicy.aws.sagemaker.domain_vpc_only_test

import rego.v1

import data.aipolicy.aws.sagemaker.domain_vpc_only as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_domain.studio": {
		"id": "aws_sagemaker_domain.studio",
		"type": "aws_sagemaker_domain",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_domain": ["aws_sagemaker_domain.studio"]},
}

test_absent_fails_because_default_is_public if {
	policy.deny == {{
		"resource": "aws_sagemaker_domain.studio",
		"attribute": "app_network_access_type",
		"message": "domain lets Studio apps reach the internet outside the VPC",
	}} with input as view({"domain_name": "research"}, [])
}

test_public_internet_only_fails if {
	count(policy.deny) == 1 with input as view({"app_network_access_type": "PublicInternetOnly"}, [])
}

test_vpc_only_passes if {
	count(policy.deny) == 0 with input as view({"app_network_access_type": "VpcOnly"}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["app_network_access_type"])
}
