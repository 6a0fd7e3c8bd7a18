package aipolicy.aws.eks.supported_version_test

import rego.v1

import data.aipolicy.aws.eks.supported_version as policy

view(attributes, unresolved) := {
	"resources": {"aws_eks_cluster.ml": {
		"id": "aws_eks_cluster.ml",
		"type": "aws_eks_cluster",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_eks_cluster": ["aws_eks_cluster.ml"]},
}

test_old_version_fails if {
	policy.deny == {{
		"resource": "aws_eks_cluster.ml",
		"attribute": "version",
		"message": "cluster runs a Kubernetes version that is no longer supported by Amazon EKS",
	}} with input as view({"version": "1.29"}, [])
	count(policy.deny) == 1 with input as view({"version": "1.31"}, [])
	count(policy.deny) == 1 with input as view({"version": "1.9"}, [])
}

test_listed_versions_pass if {
	every v in policy.supported_minor_versions {
		count(policy.deny) == 0 with input as view({"version": v}, [])
	}
}

test_patch_version_is_read_as_minor if {
	count(policy.deny) == 0 with input as view({"version": "1.33.2"}, [])
	count(policy.deny) == 1 with input as view({"version": "1.28.4"}, [])
}

test_newer_than_list_passes if {
	count(policy.deny) == 0 with input as view({"version": "1.40"}, [])
	count(policy.deny) == 0 with input as view({"version": "2.0"}, [])
}

test_absent_means_latest_and_passes if {
	count(policy.deny) == 0 with input as view({"name": "ml"}, [])
	count(policy.deny) == 0 with input as view({"version": null}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["version"])
}

test_unparseable_version_is_not_judged if {
	count(policy.deny) == 0 with input as view({"version": "latest"}, [])
}
