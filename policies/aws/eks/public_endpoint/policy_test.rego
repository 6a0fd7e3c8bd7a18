package aipolicy.aws.eks.public_endpoint_test

import rego.v1

import data.aipolicy.aws.eks.public_endpoint as policy

view(vpc, unresolved) := {
	"resources": {"aws_eks_cluster.ml": {
		"id": "aws_eks_cluster.ml",
		"type": "aws_eks_cluster",
		"attributes": {"name": "ml", "vpc_config": [object.union({"subnet_ids": ["subnet-1", "subnet-2"]}, vpc)]},
		"unresolved": unresolved,
	}},
	"by_type": {"aws_eks_cluster": ["aws_eks_cluster.ml"]},
}

test_defaults_fail if {
	policy.deny == {{
		"resource": "aws_eks_cluster.ml",
		"attribute": "vpc_config.0.public_access_cidrs",
		"message": "cluster API endpoint is reachable from the whole internet",
	}} with input as view({}, [])
}

test_public_open_to_all_fails if {
	count(policy.deny) == 1 with input as view({"endpoint_public_access": true, "public_access_cidrs": ["0.0.0.0/0"]}, [])
	count(policy.deny) == 1 with input as view(
		{"endpoint_public_access": true, "public_access_cidrs": ["10.0.0.0/8", "::/0"]},
		[],
	)
	count(policy.deny) == 1 with input as view({"endpoint_public_access": true, "public_access_cidrs": []}, [])
}

test_private_endpoint_passes if {
	count(policy.deny) == 0 with input as view({"endpoint_public_access": false, "endpoint_private_access": true}, [])
	count(policy.deny) == 0 with input as view({"endpoint_public_access": false, "public_access_cidrs": ["0.0.0.0/0"]}, [])
}

test_restricted_cidrs_pass if {
	count(policy.deny) == 0 with input as view(
		{"endpoint_public_access": true, "public_access_cidrs": ["203.0.113.0/24"]},
		[],
	)
}

test_unresolved_public_access_does_not_fail if {
	count(policy.deny) == 0 with input as view(
		{"public_access_cidrs": ["0.0.0.0/0"]},
		["vpc_config.0.endpoint_public_access"],
	)
}

test_unresolved_cidrs_do_not_fail if {
	count(policy.deny) == 0 with input as view({"endpoint_public_access": true}, ["vpc_config.0.public_access_cidrs"])
	count(policy.deny) == 0 with input as view({}, ["vpc_config"])
}
