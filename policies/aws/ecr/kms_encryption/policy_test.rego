package aipolicy.aws.ecr.kms_encryption_test

import rego.v1

import data.aipolicy.aws.ecr.kms_encryption as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

repo(attributes, unresolved) := {
	"id": "aws_ecr_repository.serving",
	"type": "aws_ecr_repository",
	"attributes": object.union({"name": "model-serving"}, attributes),
	"unresolved": unresolved,
}

test_absent_encryption_fails_because_default_is_aes256 if {
	policy.deny == {{
		"resource": "aws_ecr_repository.serving",
		"attribute": "encryption_configuration",
		"message": "repository is not encrypted with a KMS key",
	}} with input as mkview([repo({}, [])])
	count(policy.deny) == 1 with input as mkview([repo({"encryption_configuration": []}, [])])
}

test_aes256_fails if {
	count(policy.deny) == 1 with input as mkview([repo({"encryption_configuration": [{"encryption_type": "AES256"}]}, [])])
	count(policy.deny) == 1 with input as mkview([repo({"encryption_configuration": [{"kms_key": ""}]}, [])])
}

test_kms_passes if {
	count(policy.deny) == 0 with input as mkview([repo(
		{"encryption_configuration": [{"encryption_type": "KMS", "kms_key": "arn:aws:kms:eu-west-1:111122223333:key/abc"}]},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([repo({"encryption_configuration": {"encryption_type": "KMS_DSSE"}}, [])])
}

test_unknown_type_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([repo(
		{"encryption_configuration": [{}]},
		["encryption_configuration.0.encryption_type"],
	)])
	count(policy.deny) == 0 with input as mkview([repo({}, ["encryption_configuration"])])
}

test_unknown_key_does_not_hide_aes256 if {
	count(policy.deny) == 1 with input as mkview([repo(
		{"encryption_configuration": [{"encryption_type": "AES256"}]},
		["encryption_configuration.0.kms_key"],
	)])
}
