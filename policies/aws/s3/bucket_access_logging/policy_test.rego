package aipolicy.aws.s3.bucket_access_logging_test

import rego.v1

import data.aipolicy.aws.s3.bucket_access_logging as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

bucket(name, attributes, unresolved, refs) := {
	"id": concat(".", ["aws_s3_bucket", name]),
	"type": "aws_s3_bucket",
	"attributes": object.union({"bucket": concat("-", ["acme", name])}, attributes),
	"unresolved": unresolved,
	"references": refs,
}

logging(attributes, unresolved, refs) := {
	"id": "aws_s3_bucket_logging.models",
	"type": "aws_s3_bucket_logging",
	"attributes": attributes,
	"unresolved": unresolved,
	"references": refs,
}

finding(name) := {
	"resource": concat(".", ["aws_s3_bucket", name]),
	"attribute": "logging",
	"message": "bucket has no server access logging",
}

test_bucket_without_logging_fails if {
	policy.deny == {finding("models")} with input as mkview([bucket("models", {}, [], {})])
}

test_inline_logging_passes if {
	count(policy.deny) == 0 with input as mkview([bucket(
		"models",
		{"logging": [{"target_bucket": "acme-logs", "target_prefix": "models/"}]},
		[],
		{},
	)])
	count(policy.deny) == 1 with input as mkview([bucket("models", {"logging": []}, [], {})])
}

test_inline_logging_unknown_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([bucket("models", {}, ["logging"], {})])
	count(policy.deny) == 0 with input as mkview([bucket("models", {"logging": [{}]}, ["logging.0.target_bucket"], {})])
}

test_separate_logging_passes_and_target_is_not_judged if {
	view := mkview([
		bucket("models", {}, [], {}),
		bucket("logs", {}, [], {}),
		logging(
			{"target_prefix": "models/"},
			["bucket", "target_bucket"],
			{"bucket": ["aws_s3_bucket.models"], "target_bucket": ["aws_s3_bucket.logs"]},
		),
	])
	count(policy.deny) == 0 with input as view
}

test_logging_of_another_bucket_does_not_count if {
	view := mkview([
		bucket("models", {}, [], {}),
		bucket("datasets", {}, [], {}),
		bucket("logs", {}, [], {}),
		logging(
			{},
			["bucket", "target_bucket"],
			{"bucket": ["aws_s3_bucket.models"], "target_bucket": ["aws_s3_bucket.logs"]},
		),
	])
	policy.deny == {finding("datasets")} with input as view
}

test_target_named_by_constant_is_not_judged if {
	view := mkview([
		bucket("models", {}, [], {}),
		bucket("logs", {}, [], {}),
		logging({"target_bucket": "acme-logs"}, ["bucket"], {"bucket": ["aws_s3_bucket.models"]}),
	])
	count(policy.deny) == 0 with input as view
}

test_inline_target_and_trail_bucket_are_not_judged if {
	view := mkview([
		bucket(
			"models",
			{"logging": [{"target_bucket": "x"}]},
			["logging.0.target_bucket"],
			{"logging": ["aws_s3_bucket.logs"]},
		),
		bucket("logs", {}, [], {}),
		bucket("trail", {}, [], {}),
		{
			"id": "aws_cloudtrail.main",
			"type": "aws_cloudtrail",
			"attributes": {},
			"unresolved": ["s3_bucket_name"],
			"references": {"s3_bucket_name": ["aws_s3_bucket.trail"]},
		},
	])
	count(policy.deny) == 0 with input as view
}

test_dangling_logging_leaves_buckets_unjudged if {
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		logging({"target_bucket": "acme-logs"}, ["bucket"], {}),
	])
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		bucket("logs", {}, [], {}),
		logging({}, ["bucket", "target_bucket"], {"bucket": ["aws_s3_bucket.models"]}),
	])
}

trail(attributes, unresolved, refs) := {
	"id": "aws_cloudtrail.data",
	"type": "aws_cloudtrail",
	"attributes": object.union({"name": "data"}, attributes),
	"unresolved": unresolved,
	"references": refs,
}

basic(values) := [{"read_write_type": "All", "data_resource": [{"type": "AWS::S3::Object", "values": values}]}]

advanced(arn_field) := [{"field_selector": array.concat(
	[{"field": "eventCategory", "equals": ["Data"]}, {"field": "resources.type", "equals": ["AWS::S3::Object"]}],
	arn_field,
)}]

test_trail_data_events_for_the_bucket_pass if {
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		trail(
			{"event_selector": basic(["x"])},
			["event_selector.0.data_resource.0.values"],
			{"event_selector": ["aws_s3_bucket.models"]},
		),
	])
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"event_selector": basic(["arn:aws:s3"])}, [], {}),
	])
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"advanced_event_selector": advanced([])}, [], {}),
	])
	arn := [{"field": "resources.ARN", "starts_with": ["x"]}]
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"advanced_event_selector": advanced(arn)}, [], {"advanced_event_selector": ["aws_s3_bucket.models"]}),
	])
}

test_trail_data_events_for_other_buckets_do_not_count if {
	other_refs := {"event_selector": ["aws_s3_bucket.other"]}
	count(policy.deny) == 1 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"event_selector": basic([])}, ["event_selector.0.data_resource.0.values"], other_refs),
	])
	count(policy.deny) == 1 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"event_selector": basic(["arn:aws:s3:::acme-other/"])}, [], {}),
	])
	arn := [{"field": "resources.ARN", "starts_with": ["arn:aws:s3:::acme-other/"]}]
	count(policy.deny) == 1 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"advanced_event_selector": advanced(arn)}, [], {}),
	])
	lambda := [{"data_resource": [{"type": "AWS::Lambda::Function", "values": ["arn:aws:lambda"]}]}]
	count(policy.deny) == 1 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"event_selector": lambda}, [], {"event_selector": ["aws_s3_bucket.models"]}),
	])
}

test_paused_trail_does_not_count if {
	count(policy.deny) == 1 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"enable_logging": false, "event_selector": basic(["arn:aws:s3"])}, [], {}),
	])
}

test_unknown_trail_selectors_do_not_fail if {
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"event_selector": [{"data_resource": [{}]}]}, ["event_selector.0.data_resource.0.type"], {}),
	])
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"event_selector": basic([])}, ["event_selector.0.data_resource.0.values"], {}),
	])
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		trail(
			{"advanced_event_selector": [{"field_selector": [{}]}]},
			["advanced_event_selector.0.field_selector.0.field"],
			{},
		),
	])
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		trail({}, ["advanced_event_selector"], {}),
	])
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"event_selector": basic(["arn:aws:s3"])}, ["enable_logging"], {}),
	])
}

test_trail_naming_the_bucket_by_literal_arn_passes if {
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"event_selector": basic(["arn:aws:s3:::acme-models/"])}, [], {}),
	])
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"event_selector": basic(["arn:aws-us-gov:s3:::acme-"])}, [], {}),
	])
	arn := [{"field": "resources.ARN", "starts_with": ["arn:aws:s3:::acme-models/"]}]
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"advanced_event_selector": advanced(arn)}, [], {}),
	])
}

test_trail_logging_part_of_the_bucket_does_not_count if {
	count(policy.deny) == 1 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"event_selector": basic(["arn:aws:s3:::acme-models/train/"])}, [], {}),
	])
	count(policy.deny) == 1 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"event_selector": basic(["arn:aws:s3:::acme-models-archive/"])}, [], {}),
	])
	arn := [{"field": "resources.ARN", "equals": ["arn:aws:s3:::acme-models/model.bin"]}]
	count(policy.deny) == 1 with input as mkview([
		bucket("models", {}, [], {}),
		trail({"advanced_event_selector": advanced(arn)}, [], {}),
	])
}

test_unknown_bucket_name_next_to_literal_arns_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([
		bucket("models", {}, ["bucket"], {}),
		trail({"event_selector": basic(["arn:aws:s3:::acme-models/"])}, [], {}),
	])
	count(policy.deny) == 1 with input as mkview([
		bucket("models", {}, ["bucket"], {}),
		trail({"enable_logging": false, "event_selector": basic(["arn:aws:s3:::acme-models/"])}, [], {}),
	])
}
