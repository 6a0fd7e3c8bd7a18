package aipolicy.aws.sagemaker.model_package_group_public_policy_test

import rego.v1

import data.aipolicy.aws.sagemaker.model_package_group_public_policy as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_model_package_group_policy.llm": {
		"id": "aws_sagemaker_model_package_group_policy.llm",
		"type": "aws_sagemaker_model_package_group_policy",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_model_package_group_policy": ["aws_sagemaker_model_package_group_policy.llm"]},
}

group_arn := "arn:aws:sagemaker:eu-west-1:111122223333:model-package-group/llm"

doc(statement) := json.marshal({"Version": "2012-10-17", "Statement": [statement]})

statement(principal, extra) := object.union(
	{
		"Sid": "ShareModelPackages",
		"Effect": "Allow",
		"Principal": principal,
		"Action": ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"],
		"Resource": [group_arn, "arn:aws:sagemaker:eu-west-1:111122223333:model-package/llm/*"],
	},
	extra,
)

test_star_principal_fails if {
	findings := policy.deny with input as view({"resource_policy": doc(statement("*", {}))}, [])
	count(findings) == 1
	some f in findings
	f.attribute == "resource_policy"
}

test_aws_star_principal_fails if {
	count(policy.deny) == 1 with input as view({"resource_policy": doc(statement({"AWS": "*"}, {}))}, [])
	count(policy.deny) == 1 with input as view(
		{"resource_policy": doc(statement({"AWS": ["arn:aws:iam::444455556666:root", "*"]}, {}))},
		[],
	)
}

test_single_statement_object_fails if {
	document := json.marshal({"Version": "2012-10-17", "Statement": statement("*", {})})
	count(policy.deny) == 1 with input as view({"resource_policy": document}, [])
}

test_named_account_passes if {
	count(policy.deny) == 0 with input as view(
		{"resource_policy": doc(statement({"AWS": "arn:aws:iam::444455556666:root"}, {}))},
		[],
	)
}

test_conditioned_star_passes if {
	condition := {"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
	count(policy.deny) == 0 with input as view({"resource_policy": doc(statement("*", condition))}, [])
}

test_deny_star_passes if {
	count(policy.deny) == 0 with input as view({"resource_policy": doc(statement("*", {"Effect": "Deny"}))}, [])
}

test_absent_or_malformed_policy_passes if {
	count(policy.deny) == 0 with input as view({}, [])
	count(policy.deny) == 0 with input as view({"resource_policy": "{not json"}, [])
}

test_unresolved_policy_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["resource_policy"])
}
