package aipolicy.aws.sagemaker.endpoint_config_kms_encryption_test

import rego.v1

import data.aipolicy.aws.sagemaker.endpoint_config_kms_encryption as policy

variants := [{
	"variant_name": "primary",
	"model_name": "m",
	"instance_type": "ml.m5.xlarge",
	"initial_instance_count": 1,
}]

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_endpoint_configuration.inference": {
		"id": "aws_sagemaker_endpoint_configuration.inference",
		"type": "aws_sagemaker_endpoint_configuration",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_endpoint_configuration": ["aws_sagemaker_endpoint_configuration.inference"]},
}

test_absent_fails if {
	policy.deny == {{
		"resource": "aws_sagemaker_endpoint_configuration.inference",
		"attribute": "kms_key_arn",
		"message": "endpoint configuration storage is not encrypted with a customer-managed KMS key",
	}} with input as view({"production_variants": variants}, [])
}

test_empty_fails if {
	count(policy.deny) == 1 with input as view({"production_variants": variants, "kms_key_arn": ""}, [])
}

test_key_set_passes if {
	count(policy.deny) == 0 with input as view(
		{"production_variants": variants, "kms_key_arn": "arn:aws:kms:eu-west-1:111122223333:key/k"},
		[],
	)
}

test_unresolved_key_does_not_fail if {
	count(policy.deny) == 0 with input as view({"production_variants": variants}, ["kms_key_arn"])
}

test_unknown_model_name_still_judged if {
	count(policy.deny) == 1 with input as view({"production_variants": variants}, ["production_variants.0.model_name"])
}

test_instance_storage_type_is_not_judged if {
	gpu := [{"variant_name": "primary", "instance_type": "ml.g5.2xlarge"}]
	count(policy.deny) == 0 with input as view({"production_variants": gpu}, [])
	mixed := array.concat(variants, [{"variant_name": "b", "instance_type": "ml.g4dn.xlarge"}])
	count(policy.deny) == 0 with input as view({"production_variants": mixed}, [])
}

test_unresolved_instance_type_does_not_fail if {
	count(policy.deny) == 0 with input as view(
		{"production_variants": [{"variant_name": "primary"}]},
		["production_variants.0.instance_type"],
	)
}

test_serverless_variant_is_judged if {
	serverless := [{"variant_name": "primary", "serverless_config": [{"max_concurrency": 5, "memory_size_in_mb": 2048}]}]
	count(policy.deny) == 1 with input as view({"production_variants": serverless}, [])
}
