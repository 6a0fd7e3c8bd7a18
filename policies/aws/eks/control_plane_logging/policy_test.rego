package aipolicy.aws.eks.control_plane_logging_test

import rego.v1

import data.aipolicy.aws.eks.control_plane_logging as policy

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

test_absent_log_types_fail_because_default_is_none if {
	policy.deny == {{
		"resource": "aws_eks_cluster.inference",
		"attribute": "enabled_cluster_log_types",
		"message": "cluster control plane does not log: api, audit, authenticator",
	}} with input as mkview([cluster({}, [])])
	count(policy.deny) == 1 with input as mkview([cluster({"enabled_cluster_log_types": []}, [])])
	count(policy.deny) == 1 with input as mkview([cluster({"enabled_cluster_log_types": "audit"}, [])])
}

test_partial_log_types_fail_naming_the_missing_ones if {
	policy.deny == {{
		"resource": "aws_eks_cluster.inference",
		"attribute": "enabled_cluster_log_types",
		"message": "cluster control plane does not log: audit",
	}} with input as mkview([cluster({"enabled_cluster_log_types": ["api", "authenticator", "scheduler"]}, [])])
}

test_required_log_types_pass if {
	count(policy.deny) == 0 with input as mkview([cluster(
		{"enabled_cluster_log_types": ["authenticator", "audit", "api"]},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([cluster(
		{"enabled_cluster_log_types": ["api", "audit", "authenticator", "controllerManager", "scheduler"]},
		[],
	)])
}

test_unknown_log_types_do_not_fail if {
	count(policy.deny) == 0 with input as mkview([cluster({}, ["enabled_cluster_log_types"])])
	count(policy.deny) == 0 with input as mkview([cluster(
		{"enabled_cluster_log_types": ["api"]},
		["enabled_cluster_log_types.1"],
	)])
}
