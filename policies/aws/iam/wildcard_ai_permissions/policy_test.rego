package aipolicy.aws.iam.wildcard_ai_permissions_test

import rego.v1

import data.aipolicy.aws.iam.wildcard_ai_permissions as policy

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

doc(statement) := json.marshal({"Version": "2012-10-17", "Statement": statement})

admin := doc({"Effect": "Allow", "Action": "*", "Resource": "*"})

sagemaker_all := doc([{"Effect": "Allow", "Action": ["sagemaker:*"], "Resource": ["*"]}])

bedrock_all := doc([{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"}])

scoped := doc([
	{"Effect": "Allow", "Action": ["bedrock:InvokeModel"], "Resource": ["arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku"]},
	{"Effect": "Allow", "Action": "sagemaker:InvokeEndpoint", "Resource": "*"},
])

test_each_policy_type_judged if {
	every type in policy.policy_types {
		policy.deny == {{
			"resource": concat(".", [type, "p"]),
			"attribute": "policy",
			"message": "policy allows every action on every resource",
		}} with input as mkview([res(type, {"policy": admin}, [])])
	}
}

test_service_wildcards_fail if {
	policy.deny == {{
		"resource": "aws_iam_policy.p",
		"attribute": "policy",
		"message": "policy allows every SageMaker action on every resource",
	}} with input as mkview([res("aws_iam_policy", {"policy": sagemaker_all}, [])])
	policy.deny == {{
		"resource": "aws_iam_role_policy.p",
		"attribute": "policy",
		"message": "policy allows every Bedrock action on every resource",
	}} with input as mkview([res("aws_iam_role_policy", {"policy": bedrock_all}, [])])
}

test_not_action_fails if {
	count(policy.deny) == 1 with input as mkview([res(
		"aws_iam_policy",
		{"policy": doc({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})},
		[],
	)])
}

test_scoped_policy_passes if {
	count(policy.deny) == 0 with input as mkview([res("aws_iam_policy", {"policy": scoped}, [])])
}

test_absent_or_malformed_policy_passes if {
	count(policy.deny) == 0 with input as mkview([res("aws_iam_policy", {}, [])])
	count(policy.deny) == 0 with input as mkview([res("aws_iam_policy", {"policy": "{not json"}, [])])
}

test_unresolved_policy_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([res("aws_iam_policy", {}, ["policy"])])
}

test_decoded_object_policy_is_judged if {
	count(policy.deny) == 1 with input as mkview([res("aws_iam_policy", {"policy": json.unmarshal(admin)}, [])])
}

test_role_inline_policy if {
	attrs := {"inline_policy": [{"name": "ok", "policy": scoped}, {"name": "bad", "policy": bedrock_all}]}
	policy.deny == {{
		"resource": "aws_iam_role.p",
		"attribute": "inline_policy.1.policy",
		"message": "policy allows every Bedrock action on every resource",
	}} with input as mkview([res("aws_iam_role", attrs, [])])
	count(policy.deny) == 0 with input as mkview([res(
		"aws_iam_role",
		{"inline_policy": [{"name": "bad"}]},
		["inline_policy.0.policy"],
	)])
	count(policy.deny) == 0 with input as mkview([res("aws_iam_role", {"name": "r"}, [])])
}

test_policy_document_json if {
	policy.deny == {{
		"resource": "aws_iam_policy_document.p",
		"attribute": "json",
		"message": "policy allows every SageMaker action on every resource",
	}} with input as mkview([res("aws_iam_policy_document", {"json": sagemaker_all}, [])])
	count(policy.deny) == 0 with input as mkview([res("aws_iam_policy_document", {"json": scoped}, [])])
}

test_policy_document_statements_when_json_unknown if {
	statements := [
		{"effect": "Allow", "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::models/*"]},
		{"effect": "Allow", "actions": ["bedrock:*"], "resources": ["*"]},
	]
	policy.deny == {{
		"resource": "aws_iam_policy_document.p",
		"attribute": "statement",
		"message": "policy allows every Bedrock action on every resource",
	}} with input as mkview([res("aws_iam_policy_document", {"statement": statements}, ["json"])])
	count(policy.deny) == 1 with input as mkview([res("aws_iam_policy_document", {"statement": statements}, [])])
}

test_policy_document_unresolved_statement_does_not_fail if {
	statements := [{"effect": "Allow", "actions": ["bedrock:*"]}]
	count(policy.deny) == 0 with input as mkview([res(
		"aws_iam_policy_document",
		{"statement": statements},
		["json", "statement.0.resources"],
	)])
	count(policy.deny) == 0 with input as mkview([res("aws_iam_policy_document", {}, ["json", "statement"])])
}

test_policy_document_statement_default_effect_and_deny if {
	count(policy.deny) == 1 with input as mkview([res(
		"aws_iam_policy_document",
		{"statement": [{"actions": ["*"], "resources": ["*"]}]},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([res(
		"aws_iam_policy_document",
		{"statement": [{"effect": "Deny", "actions": ["*"], "resources": ["*"]}]},
		[],
	)])
}
