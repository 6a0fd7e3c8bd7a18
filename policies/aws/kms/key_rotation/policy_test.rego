package aipolicy.aws.kms.key_rotation_test

import rego.v1

import data.aipolicy.aws.kms.key_rotation as policy

view(attributes, unresolved) := {
	"resources": {"aws_kms_key.models": {
		"id": "aws_kms_key.models",
		"type": "aws_kms_key",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_kms_key": ["aws_kms_key.models"]},
}

test_absent_fails_because_default_is_false if {
	policy.deny == {{
		"resource": "aws_kms_key.models",
		"attribute": "enable_key_rotation",
		"message": "symmetric KMS key does not rotate its key material automatically",
	}} with input as view({"description": "model artefacts"}, [])
}

test_rotation_off_fails if {
	count(policy.deny) == 1 with input as view(
		{"enable_key_rotation": false, "customer_master_key_spec": "SYMMETRIC_DEFAULT"},
		[],
	)
}

test_rotation_on_passes if {
	count(policy.deny) == 0 with input as view(
		{"enable_key_rotation": true, "customer_master_key_spec": "SYMMETRIC_DEFAULT"},
		[],
	)
	count(policy.deny) == 0 with input as view({"enable_key_rotation": true}, [])
}

test_rotation_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["enable_key_rotation"])
}

test_asymmetric_and_hmac_keys_not_judged if {
	count(policy.deny) == 0 with input as view({"enable_key_rotation": false, "customer_master_key_spec": "RSA_4096"}, [])
	count(policy.deny) == 0 with input as view(
		{"customer_master_key_spec": "HMAC_256", "key_usage": "GENERATE_VERIFY_MAC"},
		[],
	)
}

test_null_spec_is_symmetric if {
	count(policy.deny) == 1 with input as view({"customer_master_key_spec": null, "enable_key_rotation": false}, [])
}

test_spec_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({"enable_key_rotation": false}, ["customer_master_key_spec"])
}
