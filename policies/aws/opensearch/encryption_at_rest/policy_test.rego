package aipolicy.aws.opensearch.encryption_at_rest_test

import rego.v1

import data.aipolicy.aws.opensearch.encryption_at_rest as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

domain(attributes, unresolved) := {
	"id": "aws_opensearch_domain.vectors",
	"type": "aws_opensearch_domain",
	"attributes": object.union({"domain_name": "rag-vectors"}, attributes),
	"unresolved": unresolved,
}

test_absent_block_fails_because_default_is_off if {
	policy.deny == {{
		"resource": "aws_opensearch_domain.vectors",
		"attribute": "encrypt_at_rest.0.enabled",
		"message": "domain does not encrypt data at rest",
	}} with input as mkview([domain({}, [])])
	count(policy.deny) == 1 with input as mkview([domain({"encrypt_at_rest": []}, [])])
}

test_disabled_fails if {
	count(policy.deny) == 1 with input as mkview([domain({"encrypt_at_rest": [{"enabled": false}]}, [])])
}

test_enabled_passes if {
	count(policy.deny) == 0 with input as mkview([domain({"encrypt_at_rest": [{"enabled": true}]}, [])])
	count(policy.deny) == 0 with input as mkview([domain({"encrypt_at_rest": {"enabled": true}}, [])])
}

test_unknown_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([domain({"encrypt_at_rest": [{}]}, ["encrypt_at_rest.0.enabled"])])
	count(policy.deny) == 0 with input as mkview([domain({}, ["encrypt_at_rest"])])
}
