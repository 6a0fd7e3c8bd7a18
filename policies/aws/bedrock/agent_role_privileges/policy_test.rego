package aipolicy.aws.bedrock.agent_role_privileges_test

import rego.v1

import data.aipolicy.aws.bedrock.agent_role_privileges as policy

agent := {
	"id": "aws_bedrockagent_agent.a",
	"type": "aws_bedrockagent_agent",
	"attributes": {"agent_name": "support", "foundation_model": "anthropic.claude-3-5-sonnet-20240620-v1:0"},
	"unresolved": ["agent_resource_role_arn"],
	"references": {"agent_resource_role_arn": ["aws_iam_role.agent"]},
}

role(attributes, unresolved) := {
	"id": "aws_iam_role.agent",
	"type": "aws_iam_role",
	"attributes": attributes,
	"unresolved": unresolved,
	"references": {},
}

scoped := json.marshal({"Version": "2012-10-17", "Statement": [{
	"Effect": "Allow",
	"Action": "bedrock:InvokeModel",
	"Resource": "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0",
}]})

everything := json.marshal({
	"Version": "2012-10-17",
	"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
})

all_bedrock := json.marshal({
	"Version": "2012-10-17",
	"Statement": {"Effect": "Allow", "Action": ["bedrock:*"], "Resource": "*"},
})

all_iam := json.marshal({
	"Version": "2012-10-17",
	"Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}],
})

other(id, type, attributes, unresolved, references) := {
	"id": id,
	"type": type,
	"attributes": attributes,
	"unresolved": unresolved,
	"references": references,
}

role_policy(document, unresolved) := other(
	"aws_iam_role_policy.agent", "aws_iam_role_policy",
	{"policy": document}, unresolved, {"role": ["aws_iam_role.agent"]},
)

attachment(arn, references) := other(
	"aws_iam_role_policy_attachment.agent", "aws_iam_role_policy_attachment",
	{"policy_arn": arn}, [], {"role": ["aws_iam_role.agent"], "policy_arn": references},
)

view(resources) := {
	"resources": {r.id: r | some r in resources},
	"by_type": {r2.type: [r.id | some r in resources; r.type == r2.type] | some r2 in resources},
}

test_scoped_role_passes if {
	count(policy.deny) == 0 with input as view([agent, role({}, []), role_policy(scoped, [])])
}

test_wildcard_role_policy_fails if {
	findings := policy.deny with input as view([agent, role({}, []), role_policy(everything, [])])
	count(findings) == 1
	some f in findings
	f.resource == "aws_bedrockagent_agent.a"
	f.attribute == "agent_resource_role_arn"
}

test_bedrock_and_iam_wildcards_fail if {
	count(policy.deny) == 1 with input as view([agent, role({}, []), role_policy(all_bedrock, [])])
	count(policy.deny) == 1 with input as view([agent, role({}, []), role_policy(all_iam, [])])
}

test_wildcard_inline_policy_fails if {
	count(policy.deny) == 1 with input as view([
		agent,
		role({"inline_policy": [{"name": "all", "policy": everything}]}, []),
	])
}

test_broad_managed_attachment_fails if {
	every name in ["AdministratorAccess", "AmazonBedrockFullAccess", "PowerUserAccess"] {
		arn := concat("", ["arn:aws:iam::aws:policy/", name])
		count(policy.deny) == 1 with input as view([agent, role({}, []), attachment(arn, [])])
	}
}

test_narrow_managed_attachment_passes if {
	count(policy.deny) == 0 with input as view([
		agent,
		role({}, []),
		attachment("arn:aws:iam::aws:policy/AmazonBedrockReadOnly", []),
	])
}

test_customer_managed_wildcard_policy_fails if {
	customer := other("aws_iam_policy.all", "aws_iam_policy", {"policy": everything}, [], {})
	count(policy.deny) == 1 with input as view([agent, role({}, []), customer, attachment(null, ["aws_iam_policy.all"])])
}

test_managed_policy_arns_fail if {
	count(policy.deny) == 1 with input as view([
		agent,
		role({"managed_policy_arns": ["arn:aws:iam::aws:policy/AdministratorAccess"]}, []),
	])
	customer := other("aws_iam_policy.all", "aws_iam_policy", {"policy": everything}, [], {})
	listed := object.union(
		role({"managed_policy_arns": []}, ["managed_policy_arns"]),
		{"references": {"managed_policy_arns": ["aws_iam_policy.all"]}},
	)
	count(policy.deny) == 1 with input as view([agent, listed, customer])
}

test_policy_of_another_role_is_ignored if {
	unrelated := object.union(role_policy(everything, []), {"references": {"role": ["aws_iam_role.other"]}})
	count(policy.deny) == 0 with input as view([agent, role({}, []), unrelated])
}

test_agent_with_other_role_is_ignored if {
	other_agent := object.union(agent, {"references": {"agent_resource_role_arn": ["aws_iam_role.other"]}})
	count(policy.deny) == 0 with input as view([other_agent, role({}, []), role_policy(everything, [])])
}

test_unresolved_policies_do_not_fail if {
	count(policy.deny) == 0 with input as view([agent, role({}, []), role_policy(null, ["policy"])])
	count(policy.deny) == 0 with input as view([
		agent,
		role({"inline_policy": [{"name": "all"}]}, ["inline_policy.0.policy"]),
	])
	unresolved_attachment := object.union(attachment(null, []), {"unresolved": ["policy_arn"]})
	count(policy.deny) == 0 with input as view([agent, role({}, []), unresolved_attachment])
	count(policy.deny) == 0 with input as view([
		agent,
		role({"managed_policy_arns": ["arn:aws:iam::aws:policy/AdministratorAccess"]}, ["managed_policy_arns"]),
	])
}

test_absent_role_passes if {
	count(policy.deny) == 0 with input as view([agent])
}
