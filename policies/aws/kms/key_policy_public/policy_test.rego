package aipolicy.aws.kms.key_policy_public_test

import rego.v1

import data.aipolicy.aws.kms.key_policy_public as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

res(type, attributes, unresolved) := {
	"id": concat(".", [type, "models"]),
	"type": type,
	"attributes": attributes,
	"unresolved": unresolved,
}

doc(statement) := json.marshal({"Version": "2012-10-17", "Statement": statement})

root := {
	"Sid": "Root",
	"Effect": "Allow",
	"Principal": {"AWS": "arn:aws:iam::111122223333:root"},
	"Action": "kms:*",
	"Resource": "*",
}

everyone := {
	"Sid": "Use",
	"Effect": "Allow",
	"Principal": {"AWS": "*"},
	"Action": ["kms:Decrypt", "kms:GenerateDataKey"],
	"Resource": "*",
}

via_service := object.union(
	everyone,
	{"Condition": {"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "s3.eu-west-1.amazonaws.com"}}},
)

test_public_statement_fails_for_both_types if {
	policy.deny == {{
		"resource": "aws_kms_key.models",
		"attribute": "policy",
		"message": "key policy allows everyone without a condition restricting the caller",
	}} with input as mkview([res("aws_kms_key", {"policy": doc([root, everyone])}, [])])
	count(policy.deny) == 1 with input as mkview([res(
		"aws_kms_key_policy",
		{"policy": doc([object.union(everyone, {"Principal": "*"})])},
		[],
	)])
}

test_caller_account_condition_passes if {
	count(policy.deny) == 0 with input as mkview([res("aws_kms_key", {"policy": doc([root, via_service])}, [])])
}

test_transport_only_condition_fails if {
	tls := object.union(everyone, {"Condition": {"Bool": {"aws:SecureTransport": "true"}}})
	count(policy.deny) == 1 with input as mkview([res("aws_kms_key", {"policy": doc([tls])}, [])])
}

test_absent_malformed_or_unknown_policy_passes if {
	count(policy.deny) == 0 with input as mkview([res("aws_kms_key", {"description": "models"}, [])])
	count(policy.deny) == 0 with input as mkview([res("aws_kms_key", {"policy": "["}, [])])
	count(policy.deny) == 0 with input as mkview([res("aws_kms_key_policy", {}, ["policy"])])
	count(policy.deny) == 0 with input as mkview([res("aws_kms_key", {"policy": doc([root])}, [])])
}
