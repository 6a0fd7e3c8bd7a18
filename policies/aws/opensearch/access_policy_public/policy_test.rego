package aipolicy.aws.opensearch.access_policy_public_test

import rego.v1

import data.aipolicy.aws.opensearch.access_policy_public as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

doc(statement) := json.marshal({"Version": "2012-10-17", "Statement": statement})

open_policy := doc([{
	"Effect": "Allow",
	"Principal": {"AWS": "*"},
	"Action": "es:*",
	"Resource": "arn:aws:es:eu-west-1:111122223333:domain/rag-vectors/*",
}])

role_policy := doc([{
	"Effect": "Allow",
	"Principal": {"AWS": "arn:aws:iam::111122223333:role/rag"},
	"Action": "es:ESHttp*",
	"Resource": "arn:aws:es:eu-west-1:111122223333:domain/rag-vectors/*",
}])

world_ip_policy := doc([{
	"Effect": "Allow",
	"Principal": "*",
	"Action": "es:*",
	"Condition": {"IpAddress": {"aws:SourceIp": ["0.0.0.0/0"]}},
}])

office_ip_policy := doc([{
	"Effect": "Allow",
	"Principal": "*",
	"Action": "es:*",
	"Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}},
}])

domain(attributes, unresolved) := {
	"id": "aws_opensearch_domain.vectors",
	"type": "aws_opensearch_domain",
	"attributes": object.union({"domain_name": "rag-vectors"}, attributes),
	"unresolved": unresolved,
}

domain_policy(attributes, unresolved, refs) := {
	"id": "aws_opensearch_domain_policy.vectors",
	"type": "aws_opensearch_domain_policy",
	"attributes": attributes,
	"unresolved": unresolved,
	"references": refs,
}

vpc := {"vpc_options": [{"subnet_ids": ["subnet-0a1b2c3d"]}]}

fgac := {"advanced_security_options": [{"enabled": true}]}

msg := "access policy lets everyone into a public domain without fine-grained access control"

test_open_policy_on_public_domain_fails if {
	policy.deny == {{
		"resource": "aws_opensearch_domain.vectors",
		"attribute": "access_policies",
		"message": msg,
	}} with input as mkview([domain({"access_policies": open_policy}, [])])
	count(policy.deny) == 1 with input as mkview([domain({"access_policies": world_ip_policy}, [])])
}

test_vpc_or_fine_grained_domain_passes if {
	count(policy.deny) == 0 with input as mkview([domain(object.union({"access_policies": open_policy}, vpc), [])])
	count(policy.deny) == 0 with input as mkview([domain(object.union({"access_policies": open_policy}, fgac), [])])
}

test_restricted_policy_passes if {
	count(policy.deny) == 0 with input as mkview([domain({"access_policies": role_policy}, [])])
	count(policy.deny) == 0 with input as mkview([domain({"access_policies": office_ip_policy}, [])])
	count(policy.deny) == 0 with input as mkview([domain({}, [])])
}

test_unknown_values_do_not_fail if {
	count(policy.deny) == 0 with input as mkview([domain({}, ["access_policies"])])
	count(policy.deny) == 0 with input as mkview([domain({"access_policies": open_policy}, ["vpc_options"])])
	count(policy.deny) == 0 with input as mkview([domain(
		{"access_policies": open_policy, "advanced_security_options": [{}]},
		["advanced_security_options.0.enabled"],
	)])
}

test_separate_domain_policy_joined_by_reference if {
	p := domain_policy(
		{"access_policies": open_policy},
		["domain_name"],
		{"domain_name": ["aws_opensearch_domain.vectors"]},
	)
	policy.deny == {{
		"resource": "aws_opensearch_domain_policy.vectors",
		"attribute": "access_policies",
		"message": msg,
	}} with input as mkview([domain({}, []), p])
	count(policy.deny) == 0 with input as mkview([domain(vpc, []), p])
}

test_separate_domain_policy_joined_by_name if {
	p := domain_policy({"access_policies": open_policy, "domain_name": "rag-vectors"}, [], {})
	count(policy.deny) == 1 with input as mkview([domain({}, []), p])
	other := domain_policy({"access_policies": open_policy, "domain_name": "other"}, [], {})
	count(policy.deny) == 0 with input as mkview([domain({}, []), other])
}

test_separate_domain_policy_unknown_is_not_judged if {
	count(policy.deny) == 0 with input as mkview([
		domain({}, []),
		domain_policy({}, ["access_policies"], {"domain_name": ["aws_opensearch_domain.vectors"]}),
	])
	count(policy.deny) == 0 with input as mkview([
		domain({}, []),
		domain_policy({"access_policies": open_policy}, ["domain_name"], {}),
	])
}
