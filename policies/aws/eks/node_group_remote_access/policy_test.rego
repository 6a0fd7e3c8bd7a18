package aipolicy.aws.eks.node_group_remote_access_test

import rego.v1

import data.aipolicy.aws.eks.node_group_remote_access as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

node_group(attributes, unresolved) := {
	"id": "aws_eks_node_group.gpu",
	"type": "aws_eks_node_group",
	"attributes": object.union({"node_group_name": "gpu"}, attributes),
	"unresolved": unresolved,
}

finding := {
	"resource": "aws_eks_node_group.gpu",
	"attribute": "remote_access.0.source_security_group_ids",
	"message": "node group allows SSH from the whole internet",
}

test_ssh_key_without_source_groups_fails if {
	policy.deny == {finding} with input as mkview([node_group({"remote_access": [{"ec2_ssh_key": "ops"}]}, [])])
	policy.deny == {finding} with input as mkview([node_group(
		{"remote_access": [{"ec2_ssh_key": "ops", "source_security_group_ids": []}]},
		[],
	)])
	policy.deny == {finding} with input as mkview([node_group(
		{"remote_access": {"ec2_ssh_key": "ops", "source_security_group_ids": null}},
		[],
	)])
}

test_source_groups_pass if {
	count(policy.deny) == 0 with input as mkview([node_group(
		{"remote_access": [{"ec2_ssh_key": "ops", "source_security_group_ids": ["sg-0a1b2c3d"]}]},
		[],
	)])
}

test_no_remote_access_or_no_key_passes if {
	count(policy.deny) == 0 with input as mkview([node_group({}, [])])
	count(policy.deny) == 0 with input as mkview([node_group({"remote_access": []}, [])])
	count(policy.deny) == 0 with input as mkview([node_group({"remote_access": [{"ec2_ssh_key": ""}]}, [])])
	count(policy.deny) == 0 with input as mkview([node_group({"remote_access": [{"source_security_group_ids": []}]}, [])])
}

test_unknown_values_do_not_fail if {
	count(policy.deny) == 0 with input as mkview([node_group(
		{"remote_access": [{"ec2_ssh_key": "ops"}]},
		["remote_access.0.source_security_group_ids"],
	)])
	count(policy.deny) == 0 with input as mkview([node_group({"remote_access": [{}]}, ["remote_access.0.ec2_ssh_key"])])
	count(policy.deny) == 0 with input as mkview([node_group({}, ["remote_access"])])
}
