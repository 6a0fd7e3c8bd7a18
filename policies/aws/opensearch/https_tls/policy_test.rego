package aipolicy.aws.opensearch.https_tls_test

import rego.v1

import data.aipolicy.aws.opensearch.https_tls as policy

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

http_finding := {
	"resource": "aws_opensearch_domain.vectors",
	"attribute": "domain_endpoint_options.0.enforce_https",
	"message": "domain accepts plain HTTP",
}

tls_finding := {
	"resource": "aws_opensearch_domain.vectors",
	"attribute": "domain_endpoint_options.0.tls_security_policy",
	"message": "domain does not require TLS 1.2 or later",
}

test_absent_options_fail_on_tls_policy_only if {
	policy.deny == {tls_finding} with input as mkview([domain({}, [])])
}

test_http_allowed_fails if {
	policy.deny == {http_finding} with input as mkview([domain(
		{"domain_endpoint_options": [{"enforce_https": false, "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"}]},
		[],
	)])
}

test_old_tls_policy_fails if {
	policy.deny == {tls_finding} with input as mkview([domain(
		{"domain_endpoint_options": [{"enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-0-2019-07"}]},
		[],
	)])
}

test_hardened_options_pass if {
	every tls in ["Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"] {
		count(policy.deny) == 0 with input as mkview([domain(
			{"domain_endpoint_options": [{"enforce_https": true, "tls_security_policy": tls}]},
			[],
		)])
	}
	count(policy.deny) == 0 with input as mkview([domain(
		{"domain_endpoint_options": {"tls_security_policy": "Policy-Min-TLS-1-2-2019-07"}},
		[],
	)])
}

test_unknown_values_do_not_fail if {
	count(policy.deny) == 0 with input as mkview([domain(
		{"domain_endpoint_options": [{"enforce_https": true}]},
		["domain_endpoint_options.0.tls_security_policy"],
	)])
	count(policy.deny) == 0 with input as mkview([domain(
		{"domain_endpoint_options": [{"tls_security_policy": "Policy-Min-TLS-1-2-2019-07"}]},
		["domain_endpoint_options.0.enforce_https"],
	)])
	count(policy.deny) == 0 with input as mkview([domain({}, ["domain_endpoint_options"])])
}
