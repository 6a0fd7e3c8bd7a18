# METADATA
# title: The AWS-managed SageMaker and Bedrock full-access policies are not attached
# description: >-
#   AmazonSageMakerFullAccess and AmazonBedrockFullAccess grant every action of their
#   service on every resource (and, for SageMaker, iam:PassRole to any role named for
#   SageMaker and read access to many buckets): whoever holds them can read, replace or
#   delete every model, endpoint, knowledge base and guardrail in the account. Judged:
#   policy_arn of aws_iam_role_policy_attachment, aws_iam_user_policy_attachment,
#   aws_iam_group_policy_attachment and aws_iam_policy_attachment, managed_policy_arns of
#   aws_iam_role, and policy_arns of aws_iam_role_policy_attachments_exclusive,
#   aws_iam_user_policy_attachments_exclusive and aws_iam_group_policy_attachments_exclusive,
#   in any partition. Unknown ARNs are not judged.
# custom:
#   id: AIP-AWS-IAM-002
#   severity: HIGH
#   category: access-control
#   guidelines: [design/secure-by-design, deployment/infrastructure]
#   resource_types:
#     - aws_iam_role_policy_attachment
#     - aws_iam_user_policy_attachment
#     - aws_iam_group_policy_attachment
#     - aws_iam_policy_attachment
#     - aws_iam_role
#     - aws_iam_role_policy_attachments_exclusive
#     - aws_iam_user_policy_attachments_exclusive
#     - aws_iam_group_policy_attachments_exclusive
#   remediation: >-
#     Replace the full-access policy with a customer-managed policy listing the actions and
#     resources the principal needs (for example sagemaker:InvokeEndpoint on named
#     endpoints, bedrock:InvokeModel on named models).
package aipolicy.aws.iam.ai_full_access_attached

import rego.v1

single_arn_types := [
	"aws_iam_role_policy_attachment",
	"aws_iam_user_policy_attachment",
	"aws_iam_group_policy_attachment",
	"aws_iam_policy_attachment",
]

arn_list_attributes := {
	"aws_iam_role": "managed_policy_arns",
	"aws_iam_role_policy_attachments_exclusive": "policy_arns",
	"aws_iam_user_policy_attachments_exclusive": "policy_arns",
	"aws_iam_group_policy_attachments_exclusive": "policy_arns",
}

deny contains finding if {
	some type in single_arn_types
	some r in data.aipolicy.lib.resources.of_type(input, type)
	full_access(object.get(r.attributes, "policy_arn", null))
	data.aipolicy.lib.resources.known(r, "policy_arn")
	finding := data.aipolicy.lib.resources.finding(
		r, "policy_arn",
		"attaches an AWS-managed full-access policy for SageMaker or Bedrock",
	)
}

deny contains finding if {
	some type, attribute in arn_list_attributes
	some r in data.aipolicy.lib.resources.of_type(input, type)
	some i, arn in _list(object.get(r.attributes, attribute, null))
	full_access(arn)
	data.aipolicy.lib.resources.known(r, sprintf("%s.%d", [attribute, i]))
	finding := data.aipolicy.lib.resources.finding(
		r, attribute,
		"attaches an AWS-managed full-access policy for SageMaker or Bedrock",
	)
}

# full_access holds for the ARN of AmazonSageMakerFullAccess or AmazonBedrockFullAccess.
# (arn:aws[a-z-]*:iam::aws:policy/<name>, split by lib.iam.arn_parts.)
full_access(arn) if {
	parts := data.aipolicy.lib.iam.arn_parts(arn)
	count(parts) == 6
	[parts[2], parts[3], parts[4]] == ["iam", "", "aws"]
	parts[5] in {"policy/AmazonSageMakerFullAccess", "policy/AmazonBedrockFullAccess"}
}

_list(value) := value if is_array(value)

_list(value) := [] if not is_array(value)
