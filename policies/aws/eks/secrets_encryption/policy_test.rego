package aipolicy.aws.eks.secrets_encryption_test

import rego.v1

import data.aipolicy.aws.eks.secrets_encryption as policy

view(attributes, unresolved) := {
	"resources": {"aws_eks_cluster.ml": {
		"id": "aws_eks_cluster.ml",
		"type": "aws_eks_cluster",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_eks_cluster": ["aws_eks_cluster.ml"]},
}

config(resources) := [{"resources": resources, "provider": [{"key_arn": "arn:aws:kms:eu-west-1:111122223333:key/k"}]}]

test_absent_fails if {
	policy.deny == {{
		"resource": "aws_eks_cluster.ml",
		"attribute": "encryption_config",
		"message": "cluster does not encrypt Kubernetes secrets with a KMS key",
	}} with input as view({"name": "ml"}, [])
	count(policy.deny) == 1 with input as view({"encryption_config": []}, [])
}

test_without_secrets_fails if {
	count(policy.deny) == 1 with input as view({"encryption_config": config([])}, [])
}

test_secrets_pass if {
	count(policy.deny) == 0 with input as view({"encryption_config": config(["secrets"])}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["encryption_config"])
	count(policy.deny) == 0 with input as view({"encryption_config": [{}]}, ["encryption_config.0.resources"])
}

test_unknown_key_arn_still_passes if {
	count(policy.deny) == 0 with input as view(
		{"encryption_config": [{"resources": ["secrets"], "provider": [{}]}]},
		["encryption_config.0.provider.0.key_arn"],
	)
}
