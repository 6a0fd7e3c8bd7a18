package aipolicy.aws.eks.private_endpoint_test

import rego.v1

import data.aipolicy.aws.eks.private_endpoint as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

cluster(attributes, unresolved) := {
	"id": "aws_eks_cluster.inference",
	"type": "aws_eks_cluster",
	"attributes": object.union({"name": "inference"}, attributes),
	"unresolved": unresolved,
}

test_private_access_absent_or_false_fails if {
	policy.deny == {{
		"resource": "aws_eks_cluster.inference",
		"attribute": "vpc_config.0.endpoint_private_access",
		"message": "cluster API has no private endpoint in the VPC",
	}} with input as mkview([cluster({"vpc_config": [{"subnet_ids": ["subnet-1"]}]}, [])])
	count(policy.deny) == 1 with input as mkview([cluster({"vpc_config": [{"endpoint_private_access": false}]}, [])])
	count(policy.deny) == 1 with input as mkview([cluster({}, [])])
}

test_private_access_true_passes if {
	count(policy.deny) == 0 with input as mkview([cluster(
		{"vpc_config": [{"endpoint_private_access": true, "endpoint_public_access": false}]},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([cluster({"vpc_config": {"endpoint_private_access": true}}, [])])
}

test_unknown_private_access_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([cluster({"vpc_config": [{}]}, ["vpc_config.0.endpoint_private_access"])])
	count(policy.deny) == 0 with input as mkview([cluster({}, ["vpc_config"])])
}
