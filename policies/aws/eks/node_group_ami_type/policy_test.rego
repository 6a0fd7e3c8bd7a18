package aipolicy.aws.eks.node_group_ami_type_test

import rego.v1

import data.aipolicy.aws.eks.node_group_ami_type as policy

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

test_al2_ami_types_fail if {
	policy.deny == {{
		"resource": "aws_eks_node_group.gpu",
		"attribute": "ami_type",
		"message": "node group runs an Amazon Linux 2 AMI, which no longer receives EKS updates",
	}} with input as mkview([node_group({"ami_type": "AL2_x86_64_GPU"}, [])])
	every ami_type in ["AL2_x86_64", "AL2_ARM_64", "al2_x86_64"] {
		count(policy.deny) == 1 with input as mkview([node_group({"ami_type": ami_type}, [])])
	}
}

test_current_ami_types_pass if {
	every ami_type in [
		"AL2023_x86_64_NVIDIA",
		"AL2023_x86_64_STANDARD",
		"AL2023_ARM_64_STANDARD",
		"BOTTLEROCKET_x86_64_NVIDIA",
		"CUSTOM",
		"WINDOWS_CORE_2022_x86_64",
	] {
		count(policy.deny) == 0 with input as mkview([node_group({"ami_type": ami_type}, [])])
	}
}

test_absent_or_unknown_ami_type_passes if {
	count(policy.deny) == 0 with input as mkview([node_group({}, [])])
	count(policy.deny) == 0 with input as mkview([node_group({}, ["ami_type"])])
	count(policy.deny) == 0 with input as mkview([node_group({"ami_type": 3}, [])])
}
