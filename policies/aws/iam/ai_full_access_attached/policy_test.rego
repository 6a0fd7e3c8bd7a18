package aipolicy.aws.iam.ai_full_access_attached_test

import rego.v1

import data.aipolicy.aws.iam.ai_full_access_attached as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

res(type, attributes, unresolved) := {
	"id": concat(".", [type, "p"]),
	"type": type,
	"attributes": attributes,
	"unresolved": unresolved,
}

sagemaker_full := "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"

bedrock_full := "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"

message := "attaches an AWS-managed full-access policy for SageMaker or Bedrock"

test_every_attachment_type_is_judged if {
	every type in policy.single_arn_types {
		policy.deny == {{
			"resource": concat(".", [type, "p"]),
			"attribute": "policy_arn",
			"message": message,
		}} with input as mkview([res(type, {"policy_arn": bedrock_full}, [])])
	}
}

test_other_partitions_match if {
	count(policy.deny) == 1 with input as mkview([res(
		"aws_iam_role_policy_attachment",
		{"policy_arn": "arn:aws-us-gov:iam::aws:policy/AmazonSageMakerFullAccess"},
		[],
	)])
}

test_scoped_or_read_only_policies_pass if {
	every arn in [
		"arn:aws:iam::aws:policy/AmazonSageMakerReadOnly",
		"arn:aws:iam::aws:policy/AmazonBedrockReadOnly",
		"arn:aws:iam::111122223333:policy/AmazonSageMakerFullAccess",
		"arn:aws:iam::aws:policy/AmazonSageMakerFullAccessExtra",
	] {
		count(policy.deny) == 0 with input as mkview([res("aws_iam_role_policy_attachment", {"policy_arn": arn}, [])])
	}
	count(policy.deny) == 0 with input as mkview([res("aws_iam_role_policy_attachment", {}, [])])
}

test_arn_lists_are_judged if {
	policy.deny == {{
		"resource": "aws_iam_role.p",
		"attribute": "managed_policy_arns",
		"message": message,
	}} with input as mkview([res(
		"aws_iam_role",
		{"managed_policy_arns": ["arn:aws:iam::aws:policy/CloudWatchLogsFullAccess", sagemaker_full]},
		[],
	)])
	count(policy.deny) == 1 with input as mkview([res(
		"aws_iam_role_policy_attachments_exclusive",
		{"policy_arns": [bedrock_full]},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([res(
		"aws_iam_role",
		{"managed_policy_arns": ["arn:aws:iam::aws:policy/CloudWatchLogsFullAccess"]},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([res("aws_iam_role", {"managed_policy_arns": "x"}, [])])
}

test_unknown_arns_do_not_fail if {
	count(policy.deny) == 0 with input as mkview([res(
		"aws_iam_role_policy_attachment",
		{"policy_arn": sagemaker_full},
		["policy_arn"],
	)])
	count(policy.deny) == 0 with input as mkview([res(
		"aws_iam_role",
		{"managed_policy_arns": [sagemaker_full]},
		["managed_policy_arns"],
	)])
	count(policy.deny) == 1 with input as mkview([res(
		"aws_iam_role",
		{"managed_policy_arns": [sagemaker_full, "x"]},
		["managed_policy_arns.1"],
	)])
}
