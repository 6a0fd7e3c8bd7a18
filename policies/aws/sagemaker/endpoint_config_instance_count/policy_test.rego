package aipolicy.aws.sagemaker.endpoint_config_instance_count_test

import rego.v1

import data.aipolicy.aws.sagemaker.endpoint_config_instance_count as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_endpoint_configuration.ec": {
		"id": "aws_sagemaker_endpoint_configuration.ec",
		"type": "aws_sagemaker_endpoint_configuration",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_endpoint_configuration": ["aws_sagemaker_endpoint_configuration.ec"]},
}

variant(fields) := object.union(
	{"variant_name": "primary", "instance_type": "ml.g5.2xlarge", "serverless_config": [], "managed_instance_scaling": []},
	fields,
)

test_single_instance_fails if {
	findings := policy.deny with input as view({"production_variants": [variant({"initial_instance_count": 1})]}, [])
	count(findings) == 1
	some f in findings
	f.attribute == "production_variants.0.initial_instance_count"
}

test_two_instances_pass if {
	count(policy.deny) == 0 with input as view({"production_variants": [variant({"initial_instance_count": 2})]}, [])
}

test_each_variant_is_judged if {
	variants := [variant({"initial_instance_count": 3}), variant({"variant_name": "canary", "initial_instance_count": 1})]
	findings := policy.deny with input as view({"production_variants": variants}, [])
	count(findings) == 1
	some f in findings
	f.attribute == "production_variants.1.initial_instance_count"
}

test_serverless_passes if {
	serverless := variant({
		"initial_instance_count": null,
		"serverless_config": [{"max_concurrency": 5, "memory_size_in_mb": 4096}],
	})
	count(policy.deny) == 0 with input as view({"production_variants": [serverless]}, [])
}

test_managed_scaling_to_two_passes if {
	scaling := [{"status": "ENABLED", "min_instance_count": 2, "max_instance_count": 4}]
	count(policy.deny) == 0 with input as view(
		{"production_variants": [variant({"initial_instance_count": 1, "managed_instance_scaling": scaling})]},
		[],
	)
}

test_managed_scaling_to_one_fails if {
	scaling := [{"status": "ENABLED", "min_instance_count": 1, "max_instance_count": 4}]
	count(policy.deny) == 1 with input as view(
		{"production_variants": [variant({"initial_instance_count": 1, "managed_instance_scaling": scaling})]},
		[],
	)
}

test_absent_count_is_not_judged if {
	count(policy.deny) == 0 with input as view({"production_variants": [variant({})]}, [])
	count(policy.deny) == 0 with input as view({}, [])
}

test_unresolved_count_does_not_fail if {
	count(policy.deny) == 0 with input as view(
		{"production_variants": [variant({})]},
		["production_variants.0.initial_instance_count"],
	)
}

test_unresolved_serverless_does_not_fail if {
	count(policy.deny) == 0 with input as view(
		{"production_variants": [variant({"initial_instance_count": 1})]},
		["production_variants.0.serverless_config"],
	)
}

test_unresolved_scaling_does_not_fail if {
	unresolved := ["production_variants.0.managed_instance_scaling.0.min_instance_count"]
	count(policy.deny) == 0 with input as view(
		{"production_variants": [variant({"initial_instance_count": 1})]},
		unresolved,
	)
}
