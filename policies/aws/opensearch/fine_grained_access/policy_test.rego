package aipolicy.aws.opensearch.fine_grained_access_test

import rego.v1

import data.aipolicy.aws.opensearch.fine_grained_access as policy

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

test_absent_options_fail_because_default_is_off if {
	policy.deny == {{
		"resource": "aws_opensearch_domain.vectors",
		"attribute": "advanced_security_options.0.enabled",
		"message": "domain does not use fine-grained access control",
	}} with input as mkview([domain({}, [])])
	count(policy.deny) == 1 with input as mkview([domain({"advanced_security_options": [{"enabled": false}]}, [])])
}

test_enabled_passes if {
	count(policy.deny) == 0 with input as mkview([domain(
		{"advanced_security_options": [{"enabled": true, "anonymous_auth_enabled": false}]},
		[],
	)])
}

test_anonymous_access_fails if {
	policy.deny == {{
		"resource": "aws_opensearch_domain.vectors",
		"attribute": "advanced_security_options.0.anonymous_auth_enabled",
		"message": "domain allows anonymous access",
	}} with input as mkview([domain(
		{"advanced_security_options": [{"enabled": true, "anonymous_auth_enabled": true}]},
		[],
	)])
}

test_unknown_values_do_not_fail if {
	count(policy.deny) == 0 with input as mkview([domain(
		{"advanced_security_options": [{}]},
		["advanced_security_options.0.enabled"],
	)])
	count(policy.deny) == 0 with input as mkview([domain({}, ["advanced_security_options"])])
	count(policy.deny) == 0 with input as mkview([domain(
		{"advanced_security_options": [{"enabled": true}]},
		["advanced_security_options.0.anonymous_auth_enabled"],
	)])
}
