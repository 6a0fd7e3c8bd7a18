package aipolicy.aws.opensearch.vpc_only_test

import rego.v1

import data.aipolicy.aws.opensearch.vpc_only as policy

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

test_public_domain_fails if {
	policy.deny == {{
		"resource": "aws_opensearch_domain.vectors",
		"attribute": "vpc_options",
		"message": "domain has a public endpoint instead of a VPC endpoint",
	}} with input as mkview([domain({}, [])])
	count(policy.deny) == 1 with input as mkview([domain({"vpc_options": [{"subnet_ids": []}]}, [])])
	count(policy.deny) == 1 with input as mkview([domain({"vpc_options": []}, [])])
}

test_vpc_domain_passes if {
	count(policy.deny) == 0 with input as mkview([domain(
		{"vpc_options": [{"subnet_ids": ["subnet-0a1b2c3d"], "security_group_ids": ["sg-1"]}]},
		[],
	)])
}

test_unknown_subnets_do_not_fail if {
	count(policy.deny) == 0 with input as mkview([domain({"vpc_options": [{}]}, ["vpc_options.0.subnet_ids"])])
	count(policy.deny) == 0 with input as mkview([domain({}, ["vpc_options"])])
}
