# METADATA
# title: Bedrock agents do not run with a role that allows everything
# description: >-
#   An agent acts with its agent_resource_role_arn, and prompt injection can make it use
#   whatever that role allows. The agent fails when its role (an aws_iam_role it references)
#   holds a policy that allows every action, every Bedrock action or every IAM action on
#   every resource, or an AWS-managed administrator or full-access policy
#   (broad_managed_policies). Policies are found through references: the role's
#   inline_policy blocks and managed_policy_arns, aws_iam_role_policy and
#   aws_iam_role_policy_attachment resources whose role references it, and aws_iam_policy
#   resources those attachments reference. Policies unresolved at plan time, roles outside
#   the scanned configuration and Conditions are not taken into account. AIP-AWS-IAM-001
#   reports the policy documents themselves; this policy reports the agent that holds them.
# custom:
#   id: AIP-AWS-BR-009
#   severity: HIGH
#   category: access-control
#   guidelines: [design/secure-by-design, deployment/infrastructure]
#   resource_types:
#     - aws_bedrockagent_agent
#     - aws_iam_role
#     - aws_iam_role_policy
#     - aws_iam_role_policy_attachment
#     - aws_iam_policy
#   remediation: >-
#     Give the agent a dedicated role that allows only bedrock:InvokeModel on its foundation
#     model, bedrock:Retrieve on its knowledge bases and lambda:InvokeFunction on its action
#     group functions, and detach administrator and full-access policies.
package aipolicy.aws.bedrock.agent_role_privileges

import rego.v1

# AWS-managed policies that grant far more than an agent needs.
broad_managed_policies := {
	"AdministratorAccess",
	"PowerUserAccess",
	"IAMFullAccess",
	"AmazonBedrockFullAccess",
	"AmazonSageMakerFullAccess",
	"AmazonS3FullAccess",
}

# Services whose every action on every resource an agent role must not hold ("*": all).
wildcard_services := ["*", "bedrock", "iam"]

deny contains finding if {
	some agent in data.aipolicy.lib.resources.of_type(input, "aws_bedrockagent_agent")
	some role in data.aipolicy.lib.resources.of_type(input, "aws_iam_role")
	role.id in data.aipolicy.lib.resources.references_of(agent, "agent_resource_role_arn")
	_over_privileged(role)
	finding := data.aipolicy.lib.resources.finding(
		agent, "agent_resource_role_arn",
		"agent's role allows every action on every resource or holds an administrator or full-access policy",
	)
}

# Inline policies of the role itself.
_over_privileged(role) if {
	some i, block in data.aipolicy.lib.blocks.elements(object.get(role.attributes, "inline_policy", null))
	data.aipolicy.lib.resources.known(role, sprintf("inline_policy.%d.policy", [i]))
	_wildcard(object.get(block, "policy", null))
}

# Separate inline policies (aws_iam_role_policy).
_over_privileged(role) if {
	some policy in data.aipolicy.lib.resources.referencing(input, "aws_iam_role_policy", "role", role.id)
	data.aipolicy.lib.resources.known(policy, "policy")
	_wildcard(object.get(policy.attributes, "policy", null))
}

# Managed policies attached with aws_iam_role_policy_attachment.
_over_privileged(role) if {
	some attachment in data.aipolicy.lib.resources.referencing(input, "aws_iam_role_policy_attachment", "role", role.id)
	data.aipolicy.lib.resources.known(attachment, "policy_arn")
	_broad_managed(object.get(attachment.attributes, "policy_arn", null))
}

_over_privileged(role) if {
	some attachment in data.aipolicy.lib.resources.referencing(input, "aws_iam_role_policy_attachment", "role", role.id)
	_wildcard_customer_policy(attachment, "policy_arn")
}

# Managed policies listed on the role (managed_policy_arns).
_over_privileged(role) if {
	data.aipolicy.lib.resources.known(role, "managed_policy_arns")
	arns := object.get(role.attributes, "managed_policy_arns", [])
	is_array(arns)
	some arn in arns
	_broad_managed(arn)
}

_over_privileged(role) if _wildcard_customer_policy(role, "managed_policy_arns")

_wildcard_customer_policy(holder, attribute) if {
	some policy in data.aipolicy.lib.resources.of_type(input, "aws_iam_policy")
	policy.id in data.aipolicy.lib.resources.references_of(holder, attribute)
	data.aipolicy.lib.resources.known(policy, "policy")
	_wildcard(object.get(policy.attributes, "policy", null))
}

_wildcard(policy) if {
	statements := data.aipolicy.lib.iam.statements(data.aipolicy.lib.iam.document(policy))
	some service in wildcard_services
	data.aipolicy.lib.iam.statements_allow_wildcard(statements, service)
}

# _broad_managed holds for arn:<partition>:iam::aws:policy/[<path>/]<name> with a listed name.
_broad_managed(arn) if {
	is_string(arn)
	parts := split(arn, ":")
	count(parts) == 6
	parts[2] == "iam"
	parts[4] == "aws"
	path := split(parts[5], "/")
	path[0] == "policy"
	path[count(path) - 1] in broad_managed_policies
}
