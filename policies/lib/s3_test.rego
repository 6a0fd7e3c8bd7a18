package aipolicy.lib.s3_test

import rego.v1

import data.aipolicy.lib.s3

view(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: [r.id | some r in rs; r.type == x.type] | some x in rs},
}

logs := {"id": "aws_s3_bucket.logs", "type": "aws_s3_bucket", "attributes": {"bucket": "acme-logs"}}

models := {"id": "aws_s3_bucket.models", "type": "aws_s3_bucket", "attributes": {"bucket": "acme-models"}}

logging(target, refs) := {
	"id": "aws_s3_bucket_logging.models",
	"type": "aws_s3_bucket_logging",
	"attributes": {"bucket": "acme-models", "target_bucket": target},
	"references": {"bucket": ["aws_s3_bucket.models"], "target_bucket": refs},
}

test_target_by_reference if {
	v := view([logs, models, logging("x", ["aws_s3_bucket.logs"])])
	s3.access_log_target(logs) with input as v
	not s3.access_log_target(models) with input as v
}

test_target_by_literal_name if {
	v := view([logs, models, logging("acme-logs", [])])
	s3.access_log_target(logs) with input as v
	not s3.access_log_target(models) with input as v
}

test_target_of_inline_logging if {
	inline := object.union(models, {"references": {"logging": ["aws_s3_bucket.logs"]}})
	s3.access_log_target(logs) with input as view([logs, inline])
}

test_no_logging_no_target if {
	not s3.access_log_target(logs) with input as view([logs, models])
}
