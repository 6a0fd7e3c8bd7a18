# METADATA
# title: IAM policies do not allow iam:PassRole on every role
# description: >-
#   iam:PassRole decides which role a notebook, training job, pipeline, endpoint or Bedrock
#   agent runs as. Allowed on every role, it lets its holder start a SageMaker notebook or
#   job with the most privileged role in the account and act as that role: a one-step
#   privilege escalation. A statement fails when it allows an action pattern that covers
#   iam:PassRole (iam:PassRole, iam:Pass*, iam:*) on Resource "*" or on every role
#   (arn:aws:iam::<account or *>:role/*), or with NotResource. Statements allowing "*"
#   actions are left to AIP-AWS-IAM-001, and conditions (iam:PassedToService too, which
#   still allows passing any role to that service) are not taken into account. Judged: the
#   same policy kinds as AIP-AWS-IAM-001 (policies, inline role policies and
#   aws_iam_policy_document data sources); unknown policies are not judged.
# custom:
#   id: AIP-AWS-IAM-003
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
#     Scope iam:PassRole to the ARNs of the execution roles the principal may hand to
#     SageMaker or Bedrock, and add a condition iam:PassedToService naming the service.
package aipolicy.aws.iam.passrole_wildcard

import rego.v1

policy_types := ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]

message := "policy allows iam:PassRole on every role"

deny contains finding if {
	some type in policy_types
	some r in data.aipolicy.lib.resources.of_type(input, type)
	_passes_any_role(_statements(object.get(r.attributes, "policy", null)))
	data.aipolicy.lib.resources.known(r, "policy")
	finding := data.aipolicy.lib.resources.finding(r, "policy", message)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_iam_role")
	some i, block in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "inline_policy", null))
	_passes_any_role(_statements(object.get(block, "policy", null)))
	data.aipolicy.lib.resources.known(r, sprintf("inline_policy.%d.policy", [i]))
	finding := data.aipolicy.lib.resources.finding(r, sprintf("inline_policy.%d.policy", [i]), message)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_iam_policy_document")
	_json_judged(r)
	_passes_any_role(_statements(object.get(r.attributes, "json", null)))
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
	_passes_any_role(statements)
	finding := data.aipolicy.lib.resources.finding(r, "statement", message)
}

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

_passes_any_role(statements) if {
	some s in statements
	s.effect == "Allow"
	some action in s.actions
	not action in {"*", "*:*"}
	data.aipolicy.lib.principals.action_matches(action, "iam:passrole")
	_every_role(s)
}

_every_role(s) if {
	some resource in s.resources
	_all_roles(resource)
}

_every_role(s) if s.has_not_resource

_all_roles("*") := true

# arn:aws[a-z-]*:iam::(*|<12 digits>):(role/)?* without a regular expression (regorus compiles
# one on every call, and this runs for every resource of every statement).
_all_roles(resource) if {
	parts := data.aipolicy.lib.iam.arn_parts(resource)
	count(parts) == 6
	parts[2] == "iam"
	parts[3] == ""
	_any_account(parts[4])
	parts[5] in {"*", "role/*"}
}

_any_account("*") := true

_any_account(account) if data.aipolicy.lib.images.account_id(account)
