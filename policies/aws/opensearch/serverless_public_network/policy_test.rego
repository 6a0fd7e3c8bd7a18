package aipolicy.aws.opensearch.serverless_public_network_test

import rego.v1

import data.aipolicy.aws.opensearch.serverless_public_network as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

security_policy(attributes, unresolved) := {
	"id": "aws_opensearchserverless_security_policy.kb",
	"type": "aws_opensearchserverless_security_policy",
	"attributes": object.union({"name": "kb-network", "type": "network"}, attributes),
	"unresolved": unresolved,
}

rule(public) := {
	"Description": "knowledge base vectors",
	"Rules": [{"ResourceType": "collection", "Resource": ["collection/kb-vectors"]}],
	"AllowFromPublic": public,
}

test_public_rule_fails if {
	policy.deny == {{
		"resource": "aws_opensearchserverless_security_policy.kb",
		"attribute": "policy",
		"message": "network policy allows public access to collections",
	}} with input as mkview([security_policy({"policy": json.marshal([rule(true)])}, [])])
	count(policy.deny) == 1 with input as mkview([security_policy({"policy": json.marshal(rule(true))}, [])])
	count(policy.deny) == 1 with input as mkview([security_policy(
		{"policy": json.marshal([rule(false), rule(true)])},
		[],
	)])
}

test_private_rule_passes if {
	private := object.union(rule(false), {"SourceVPCEs": ["vpce-0a1b2c3d"]})
	count(policy.deny) == 0 with input as mkview([security_policy({"policy": json.marshal([private])}, [])])
	count(policy.deny) == 0 with input as mkview([security_policy(
		{"policy": json.marshal([object.remove(rule(true), ["AllowFromPublic"])])},
		[],
	)])
}

test_encryption_policies_are_not_judged if {
	count(policy.deny) == 0 with input as mkview([security_policy(
		{"type": "encryption", "policy": json.marshal(rule(true))},
		[],
	)])
}

test_unknown_or_malformed_policy_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([security_policy({}, ["policy"])])
	count(policy.deny) == 0 with input as mkview([security_policy({"policy": json.marshal([rule(true)])}, ["type"])])
	count(policy.deny) == 0 with input as mkview([security_policy({"policy": "[{"}, [])])
	count(policy.deny) == 0 with input as mkview([security_policy({"policy": "[true]"}, [])])
}
