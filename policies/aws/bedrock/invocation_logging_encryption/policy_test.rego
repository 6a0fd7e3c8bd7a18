package aipolicy.aws.bedrock.invocation_logging_encryption_test

import rego.v1

import data.aipolicy.aws.bedrock.invocation_logging_encryption as policy

key := "arn:aws:kms:eu-west-1:111122223333:key/6f1c2a9e-4b1d-4c55-9a43-1f2e3d4c5b6a"

logging(references) := {
	"id": "aws_bedrock_model_invocation_logging_configuration.this",
	"type": "aws_bedrock_model_invocation_logging_configuration",
	"attributes": {"logging_config": {"text_data_delivery_enabled": true}},
	"unresolved": [],
	"references": {"logging_config": references},
}

log_group(attributes, unresolved) := {
	"id": "aws_cloudwatch_log_group.bedrock",
	"type": "aws_cloudwatch_log_group",
	"attributes": object.union({"name": "/aws/bedrock/invocations", "retention_in_days": 365}, attributes),
	"unresolved": unresolved,
}

bucket(attributes, unresolved) := {
	"id": "aws_s3_bucket.logs",
	"type": "aws_s3_bucket",
	"attributes": object.union({"bucket": "acme-bedrock-invocation-logs"}, attributes),
	"unresolved": unresolved,
	"references": {},
}

sse(algorithm, references, unresolved) := {
	"id": "aws_s3_bucket_server_side_encryption_configuration.logs",
	"type": "aws_s3_bucket_server_side_encryption_configuration",
	"attributes": {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": algorithm}]}]},
	"unresolved": unresolved,
	"references": {"bucket": references},
}

view(resources) := {
	"resources": {r.id: r | some r in resources},
	"by_type": {r2.type: [r.id | some r in resources; r.type == r2.type] | some r2 in resources},
}

test_log_group_without_key_fails if {
	findings := policy.deny with input as view([logging(["aws_cloudwatch_log_group.bedrock"]), log_group({}, [])])
	count(findings) == 1
	count(policy.deny) == 1 with input as view([
		logging(["aws_cloudwatch_log_group.bedrock"]),
		log_group({"kms_key_id": ""}, []),
	])
	some f in findings
	f.attribute == "logging_config.cloudwatch_config"
}

test_log_group_with_key_passes if {
	count(policy.deny) == 0 with input as view([
		logging(["aws_cloudwatch_log_group.bedrock"]),
		log_group({"kms_key_id": key}, []),
	])
}

test_unreferenced_log_group_is_ignored if {
	count(policy.deny) == 0 with input as view([logging([]), log_group({}, [])])
}

test_unresolved_log_group_key_does_not_fail if {
	count(policy.deny) == 0 with input as view([
		logging(["aws_cloudwatch_log_group.bedrock"]),
		log_group({}, ["kms_key_id"]),
	])
}

test_bucket_with_sse_s3_fails if {
	findings := policy.deny with input as view([
		logging(["aws_s3_bucket.logs"]),
		bucket({}, []),
		sse("AES256", ["aws_s3_bucket.logs"], []),
	])
	count(findings) == 1
	some f in findings
	f.attribute == "logging_config.s3_config"
}

test_bucket_without_encryption_config_fails if {
	count(policy.deny) == 1 with input as view([logging(["aws_s3_bucket.logs"]), bucket({}, [])])
}

test_bucket_with_kms_passes if {
	count(policy.deny) == 0 with input as view([
		logging(["aws_s3_bucket.logs"]),
		bucket({}, []),
		sse("aws:kms", ["aws_s3_bucket.logs"], []),
	])
	inline := {"server_side_encryption_configuration": [{"rule": [{
		"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms", "kms_master_key_id": key}],
	}]}]}
	count(policy.deny) == 0 with input as view([logging(["aws_s3_bucket.logs"]), bucket(inline, [])])
}

test_unresolved_sse_algorithm_does_not_fail if {
	unknown := sse(null, ["aws_s3_bucket.logs"], ["rule.0.apply_server_side_encryption_by_default.0.sse_algorithm"])
	count(policy.deny) == 0 with input as view([logging(["aws_s3_bucket.logs"]), bucket({}, []), unknown])
}

test_dangling_sse_config_does_not_fail if {
	dangling := sse("aws:kms", [], ["bucket"])
	count(policy.deny) == 0 with input as view([logging(["aws_s3_bucket.logs"]), bucket({}, []), dangling])
}

test_unresolved_inline_encryption_does_not_fail if {
	unresolved := ["server_side_encryption_configuration.0.rule.0.apply_server_side_encryption_by_default.0.sse_algorithm"]
	count(policy.deny) == 0 with input as view([logging(["aws_s3_bucket.logs"]), bucket({}, unresolved)])
}

test_bucket_data_source_is_ignored if {
	data_bucket := object.union(bucket({}, []), {"id": "data.aws_s3_bucket.logs"})
	count(policy.deny) == 0 with input as view([logging(["data.aws_s3_bucket.logs"]), data_bucket])
}
