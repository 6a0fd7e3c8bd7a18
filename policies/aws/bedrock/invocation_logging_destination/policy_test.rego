package aipolicy.aws.bedrock.invocation_logging_destination_test

import rego.v1

import data.aipolicy.aws.bedrock.invocation_logging_destination as policy

view(attributes, unresolved) := {
	"resources": {"aws_bedrock_model_invocation_logging_configuration.this": {
		"id": "aws_bedrock_model_invocation_logging_configuration.this",
		"type": "aws_bedrock_model_invocation_logging_configuration",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_bedrock_model_invocation_logging_configuration": [
		"aws_bedrock_model_invocation_logging_configuration.this",
	]},
}

cloudwatch := {"log_group_name": "/bedrock/invocations", "role_arn": "arn:aws:iam::111122223333:role/bedrock-logs"}

good := {
	"embedding_data_delivery_enabled": false,
	"image_data_delivery_enabled": false,
	"text_data_delivery_enabled": true,
	"cloudwatch_config": cloudwatch,
	"s3_config": null,
}

test_good_config_passes if {
	count(policy.deny) == 0 with input as view({"logging_config": good}, [])
}

test_list_shaped_block_is_read if {
	count(policy.deny) == 0 with input as view(
		{"logging_config": [object.union(good, {"cloudwatch_config": [cloudwatch]})]},
		[],
	)
	count(policy.deny) == 1 with input as view(
		{"logging_config": [object.union(good, {"text_data_delivery_enabled": false})]},
		[],
	)
}

test_s3_destination_passes if {
	cfg := object.union(good, {"cloudwatch_config": null, "s3_config": {"bucket_name": "bedrock-logs"}})
	count(policy.deny) == 0 with input as view({"logging_config": cfg}, [])
}

test_absent_logging_config_fails if {
	policy.deny == {{
		"resource": "aws_bedrock_model_invocation_logging_configuration.this",
		"attribute": "logging_config",
		"message": "model invocation logging configuration has no logging_config",
	}} with input as view({}, [])
}

test_unresolved_logging_config_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["logging_config"])
}

test_no_destination_fails if {
	policy.deny == {{
		"resource": "aws_bedrock_model_invocation_logging_configuration.this",
		"attribute": "logging_config",
		"message": "model invocation logs have no destination",
	}} with input as view({"logging_config": object.remove(good, ["cloudwatch_config", "s3_config"])}, [])
	count(policy.deny) == 1 with input as view({"logging_config": object.union(good, {"cloudwatch_config": null})}, [])
}

test_unresolved_destination_does_not_fail if {
	cfg := object.remove(good, ["cloudwatch_config", "s3_config"])
	count(policy.deny) == 0 with input as view({"logging_config": cfg}, ["logging_config.s3_config"])
	count(policy.deny) == 0 with input as view({"logging_config": [cfg]}, ["logging_config.0.cloudwatch_config"])
}

test_unknown_role_still_counts_as_destination if {
	cfg := object.union(good, {"cloudwatch_config": {"log_group_name": "/bedrock/invocations"}})
	count(policy.deny) == 0 with input as view({"logging_config": cfg}, ["logging_config.cloudwatch_config.role_arn"])
}

test_text_delivery_off_fails if {
	policy.deny == {{
		"resource": "aws_bedrock_model_invocation_logging_configuration.this",
		"attribute": "logging_config.text_data_delivery_enabled",
		"message": "model invocation logging does not record text prompts and responses",
	}} with input as view({"logging_config": object.union(good, {"text_data_delivery_enabled": false})}, [])
}

test_text_delivery_absent_fails if {
	count(policy.deny) == 1 with input as view({"logging_config": object.remove(good, ["text_data_delivery_enabled"])}, [])
}

test_text_delivery_unresolved_does_not_fail if {
	cfg := object.remove(good, ["text_data_delivery_enabled"])
	count(policy.deny) == 0 with input as view({"logging_config": cfg}, ["logging_config.text_data_delivery_enabled"])
}
