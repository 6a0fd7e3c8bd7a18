package aipolicy.aws.sagemaker.endpoint_ssm_access_test

import rego.v1

import data.aipolicy.aws.sagemaker.endpoint_ssm_access as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_endpoint_configuration.ec": {
		"id": "aws_sagemaker_endpoint_configuration.ec",
		"type": "aws_sagemaker_endpoint_configuration",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_endpoint_configuration": ["aws_sagemaker_endpoint_configuration.ec"]},
}

variant(ssm) := {
	"variant_name": "primary",
	"initial_instance_count": 2,
	"instance_type": "ml.g5.2xlarge",
	"enable_ssm_access": ssm,
}

test_enabled_fails if {
	findings := policy.deny with input as view({"production_variants": [variant(true)]}, [])
	count(findings) == 1
	some f in findings
	f.attribute == "production_variants.0.enable_ssm_access"
}

test_enabled_on_shadow_variant_fails if {
	findings := policy.deny with input as view(
		{"production_variants": [variant(false)], "shadow_production_variants": [variant(true)]},
		[],
	)
	count(findings) == 1
	some f in findings
	f.attribute == "shadow_production_variants.0.enable_ssm_access"
}

test_disabled_passes if {
	count(policy.deny) == 0 with input as view({"production_variants": [variant(false)]}, [])
}

test_absent_passes_because_default_is_off if {
	count(policy.deny) == 0 with input as view({"production_variants": [variant(null)]}, [])
	count(policy.deny) == 0 with input as view({"production_variants": [{"variant_name": "primary"}]}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view(
		{"production_variants": [variant(true)]},
		["production_variants.0.enable_ssm_access"],
	)
}
