package aipolicy.aws.sagemaker.feature_group_offline_kms_test

import rego.v1

import data.aipolicy.aws.sagemaker.feature_group_offline_kms as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_feature_group.customers": {
		"id": "aws_sagemaker_feature_group.customers",
		"type": "aws_sagemaker_feature_group",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_feature_group": ["aws_sagemaker_feature_group.customers"]},
}

offline(storage) := {"offline_store_config": [{
	"disable_glue_table_creation": false,
	"s3_storage_config": [object.union({"s3_uri": "s3://acme-feature-store/offline"}, storage)],
}]}

test_absent_key_fails if {
	findings := policy.deny with input as view(offline({}), [])
	count(findings) == 1
	some f in findings
	f.attribute == "offline_store_config.0.s3_storage_config.0.kms_key_id"
}

test_empty_key_fails if {
	count(policy.deny) == 1 with input as view(offline({"kms_key_id": ""}), [])
}

test_key_passes if {
	count(policy.deny) == 0 with input as view(offline({"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/6f1c2a9e-4b1d-4c55-9a43-1f2e3d4c5b6a"}), [])
}

test_no_offline_store_is_not_judged if {
	count(policy.deny) == 0 with input as view({"offline_store_config": []}, [])
	count(policy.deny) == 0 with input as view({}, [])
}

test_unresolved_key_does_not_fail if {
	count(policy.deny) == 0 with input as view(offline({}), ["offline_store_config.0.s3_storage_config.0.kms_key_id"])
}
