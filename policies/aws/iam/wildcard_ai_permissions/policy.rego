# METADATA
# title: IAM policies do not grant every SageMaker, Bedrock or AWS action on every resource
# description: >-
#   A statement that allows "*", "sagemaker:*" or "bedrock:*" on Resource "*" lets its
#   holder read, replace or delete every model, endpoint, training job, knowledge base and
#   guardrail (and, for "*", everything else), defeating least privilege for AI workloads.
#   Allow with NotAction counts as a wildcard unless it excludes the whole service, and
#   Allow with NotResource covers every resource unless it excludes "*". Judged: the policy
#   of aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy and aws_iam_group_policy,
#   inline_policy blocks of aws_iam_role, and aws_iam_policy_document data sources (their
#   json when known, otherwise each statement block whose fields are known). Conditions are
#   not taken into account.
# custom:
#   id: AIP-AWS-IAM-001
#   severity: HIGH
#   category: access-control
#   guidelines: [design/secure-by-design, deployment/infrastructure]
#   resource_types:
#     - aws_iam_policy
#     - aws_iam_role_policy
#     - aws_iam_user_policy
#     - aws_iam_group_policy
#     - aws_iam_role
#     - aws_iam_policy_document
#   remediation: >-
#     List the specific actions the principal needs (for example sagemaker:InvokeEndpoint,
#     bedrock:InvokeModel) and scope Resource to the ARNs of the models, endpoints and
#     buckets it uses.
package aipolicy.aws.iam.wildcard_ai_permissions

import rego.v1

policy_types := ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]

deny contains finding if {
	some type in policy_types
	some r in data.aipolicy.lib.resources.of_type(input, type)
	data.aipolicy.lib.resources.known(r, "policy")
	message := _message(_statements(object.get(r.attributes, "policy", null)))
	finding := data.aipolicy.lib.resources.finding(r, "policy", message)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_iam_role")
	some i, block in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "inline_policy", null))
	data.aipolicy.lib.resources.known(r, sprintf("inline_policy.%d.policy", [i]))
	message := _message(_statements(object.get(block, "policy", null)))
	finding := data.aipolicy.lib.resources.finding(r, sprintf("inline_policy.%d.policy", [i]), message)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_iam_policy_document")
	_json_judged(r)
	message := _message(_statements(object.get(r.attributes, "json", null)))
	finding := data.aipolicy.lib.resources.finding(r, "json", message)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_iam_policy_document")
	not _json_judged(r)
	statements := [s |
		some i, block in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "statement", null))
		_statement_known(r, i)
		some s in data.aipolicy.lib.iam.document_statements([block])
	]
	message := _message(statements)
	finding := data.aipolicy.lib.resources.finding(r, "statement", message)
}

# The rendered json is judged when it is known and present; otherwise the statement blocks.
_json_judged(r) if {
	data.aipolicy.lib.resources.known(r, "json")
	is_string(object.get(r.attributes, "json", null))
}

_statement_known(r, i) if {
	every field in ["effect", "actions", "not_actions", "resources", "not_resources"] {
		data.aipolicy.lib.resources.known(r, sprintf("statement.%d.%s", [i, field]))
	}
}

_statements(policy) := data.aipolicy.lib.iam.statements(data.aipolicy.lib.iam.document(policy))

_message(statements) := "policy allows every action on every resource" if {
	data.aipolicy.lib.iam.statements_allow_wildcard(statements, "*")
} else := "policy allows every SageMaker action on every resource" if {
	data.aipolicy.lib.iam.statements_allow_wildcard(statements, "sagemaker")
} else := "policy allows every Bedrock action on every resource" if {
	data.aipolicy.lib.iam.statements_allow_wildcard(statements, "bedrock")
}
