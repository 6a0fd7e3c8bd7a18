package aipolicy.aws.sagemaker.feature_group_online_kms_test

import rego.v1

import data.aipolicy.aws.sagemaker.feature_group_online_kms as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_feature_group.customers": {
		"id": "aws_sagemaker_feature_group.customers",
		"type": "aws_sagemaker_feature_group",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_feature_group": ["aws_sagemaker_feature_group.customers"]},
}

key := "arn:aws:kms:eu-west-1:111122223333:key/6f1c2a9e-4b1d-4c55-9a43-1f2e3d4c5b6a"

online(fields) := {"online_store_config": [object.union(
	{"enable_online_store": true, "storage_type": "Standard", "security_config": []},
	fields,
)]}

test_absent_security_config_fails if {
	findings := policy.deny with input as view(online({}), [])
	count(findings) == 1
	some f in findings
	f.attribute == "online_store_config.0.security_config"
}

test_security_config_without_key_fails if {
	count(policy.deny) == 1 with input as view(online({"security_config": [{"kms_key_id": null}]}), [])
	count(policy.deny) == 1 with input as view(online({"security_config": [{"kms_key_id": ""}]}), [])
}

test_key_passes if {
	count(policy.deny) == 0 with input as view(online({"security_config": [{"kms_key_id": key}]}), [])
}

test_absent_storage_type_means_standard if {
	count(policy.deny) == 1 with input as view({"online_store_config": [{"enable_online_store": true}]}, [])
}

test_disabled_online_store_is_not_judged if {
	count(policy.deny) == 0 with input as view(online({"enable_online_store": false}), [])
	count(policy.deny) == 0 with input as view({"online_store_config": [{"security_config": []}]}, [])
	count(policy.deny) == 0 with input as view({}, [])
}

test_in_memory_store_is_not_judged if {
	count(policy.deny) == 0 with input as view(online({"storage_type": "InMemory"}), [])
}

test_unresolved_values_do_not_fail if {
	count(policy.deny) == 0 with input as view(online({}), ["online_store_config.0.security_config.0.kms_key_id"])
	count(policy.deny) == 0 with input as view(
		online({"enable_online_store": null}),
		["online_store_config.0.enable_online_store"],
	)
	count(policy.deny) == 0 with input as view(online({"storage_type": null}), ["online_store_config.0.storage_type"])
}
