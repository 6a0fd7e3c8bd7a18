package aipolicy.aws.opensearch.serverless_encryption_cmk_test

import rego.v1

import data.aipolicy.aws.opensearch.serverless_encryption_cmk as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

security_policy(attributes, unresolved) := {
	"id": "aws_opensearchserverless_security_policy.kb",
	"type": "aws_opensearchserverless_security_policy",
	"attributes": object.union({"name": "kb-encryption", "type": "encryption"}, attributes),
	"unresolved": unresolved,
}

rules := [{"ResourceType": "collection", "Resource": ["collection/kb-vectors"]}]

test_aws_owned_key_fails if {
	policy.deny == {{
		"resource": "aws_opensearchserverless_security_policy.kb",
		"attribute": "policy",
		"message": "encryption policy uses an AWS-owned key instead of a customer-managed key",
	}} with input as mkview([security_policy({"policy": json.marshal({"Rules": rules, "AWSOwnedKey": true})}, [])])
	count(policy.deny) == 1 with input as mkview([security_policy({"policy": json.marshal({"Rules": rules})}, [])])
	count(policy.deny) == 1 with input as mkview([security_policy(
		{"policy": json.marshal({
			"Rules": rules,
			"AWSOwnedKey": true,
			"KmsARN": "arn:aws:kms:eu-west-1:111122223333:key/abc",
		})},
		[],
	)])
}

test_customer_key_passes if {
	count(policy.deny) == 0 with input as mkview([security_policy(
		{"policy": json.marshal({
			"Rules": rules,
			"AWSOwnedKey": false,
			"KmsARN": "arn:aws:kms:eu-west-1:111122223333:key/abc",
		})},
		[],
	)])
}

test_network_policies_are_not_judged if {
	count(policy.deny) == 0 with input as mkview([security_policy(
		{"type": "network", "policy": json.marshal([{"Rules": rules, "AllowFromPublic": false}])},
		[],
	)])
}

test_unknown_or_malformed_policy_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([security_policy({}, ["policy"])])
	count(policy.deny) == 0 with input as mkview([security_policy(
		{"policy": json.marshal({"Rules": rules, "AWSOwnedKey": true})},
		["type"],
	)])
	count(policy.deny) == 0 with input as mkview([security_policy({"policy": "{"}, [])])
}
