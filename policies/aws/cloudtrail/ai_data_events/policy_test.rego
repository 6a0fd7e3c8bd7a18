package aipolicy.aws.cloudtrail.ai_data_events_test

import rego.v1

import data.aipolicy.aws.cloudtrail.ai_data_events as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

bucket := {
	"id": "aws_s3_bucket.models",
	"type": "aws_s3_bucket",
	"attributes": {"bucket": "acme-ml-models"},
	"unresolved": [],
}

agent := {
	"id": "aws_bedrockagent_agent.support",
	"type": "aws_bedrockagent_agent",
	"attributes": {"agent_name": "support"},
	"unresolved": [],
}

trail(name, attributes, unresolved) := {
	"id": concat(".", ["aws_cloudtrail", name]),
	"type": "aws_cloudtrail",
	"attributes": object.union({"name": name, "s3_bucket_name": "acme-cloudtrail"}, attributes),
	"unresolved": unresolved,
}

advanced(resource_type) := [{
	"name": resource_type,
	"field_selector": [
		{"field": "eventCategory", "equals": ["Data"]},
		{"field": "resources.type", "equals": [resource_type]},
	],
}]

basic_s3 := [{
	"read_write_type": "All",
	"include_management_events": true,
	"data_resource": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}],
}]

s3_message := "no trail in this configuration records S3 object data events for the buckets it manages"

bedrock_message := "no trail in this configuration records Bedrock data events for the Bedrock resources it manages"

test_trail_without_data_events_fails_where_buckets_exist if {
	policy.deny == {{
		"resource": "aws_cloudtrail.main",
		"attribute": "advanced_event_selector",
		"message": s3_message,
	}} with input as mkview([bucket, trail("main", {}, [])])
}

test_every_trail_is_reported if {
	count(policy.deny) == 2 with input as mkview([bucket, trail("main", {}, []), trail("security", {}, [])])
}

test_no_buckets_or_no_trails_no_finding if {
	count(policy.deny) == 0 with input as mkview([trail("main", {}, [])])
	count(policy.deny) == 0 with input as mkview([bucket])
}

test_basic_s3_selector_passes if {
	count(policy.deny) == 0 with input as mkview([bucket, trail("main", {"event_selector": basic_s3}, [])])
}

test_advanced_s3_selector_passes if {
	count(policy.deny) == 0 with input as mkview([
		bucket,
		trail("main", {"advanced_event_selector": advanced("AWS::S3::Object")}, []),
	])
}

test_other_data_events_do_not_count if {
	lambda_only := [{
		"read_write_type": "All",
		"data_resource": [{"type": "AWS::Lambda::Function", "values": ["arn:aws:lambda"]}],
	}]
	count(policy.deny) == 1 with input as mkview([bucket, trail("main", {"event_selector": lambda_only}, [])])
	count(policy.deny) == 1 with input as mkview([
		bucket,
		trail("main", {"advanced_event_selector": advanced("AWS::DynamoDB::Table")}, []),
	])
}

test_one_recording_trail_is_enough if {
	count(policy.deny) == 0 with input as mkview([
		bucket,
		trail("main", {}, []),
		trail("data", {"event_selector": basic_s3}, []),
	])
}

test_paused_trail_does_not_count if {
	count(policy.deny) == 1 with input as mkview([
		bucket,
		trail("main", {"event_selector": basic_s3, "enable_logging": false}, []),
	])
}

test_bedrock_needs_bedrock_selector if {
	policy.deny == {{
		"resource": "aws_cloudtrail.main",
		"attribute": "advanced_event_selector",
		"message": bedrock_message,
	}} with input as mkview([agent, trail("main", {"advanced_event_selector": advanced("AWS::S3::Object")}, [])])
	count(policy.deny) == 0 with input as mkview([
		agent,
		trail("main", {"advanced_event_selector": advanced("AWS::Bedrock::AgentAlias")}, []),
	])
	count(policy.deny) == 2 with input as mkview([agent, bucket, trail("main", {}, [])])
}

test_unknown_arn_values_do_not_stop_judging if {
	arn_unknown := [{"field_selector": [
		{"field": "eventCategory", "equals": ["Data"]},
		{"field": "resources.type", "equals": ["AWS::DynamoDB::Table"]},
		{"field": "resources.ARN"},
	]}]
	count(policy.deny) == 1 with input as mkview([bucket, trail("main", {"advanced_event_selector": arn_unknown}, ["advanced_event_selector.0.field_selector.2.starts_with"])])
	basic_unknown := [{"read_write_type": "All", "data_resource": [{"type": "AWS::Lambda::Function"}]}]
	count(policy.deny) == 1 with input as mkview([
		bucket,
		trail("main", {"event_selector": basic_unknown}, ["event_selector.0.data_resource.0.values"]),
	])
}

test_unknown_selectors_do_not_fail if {
	type_unknown := [{"field_selector": [{"field": "eventCategory", "equals": ["Data"]}, {"field": "resources.type"}]}]
	count(policy.deny) == 0 with input as mkview([
		bucket,
		trail("main", {"advanced_event_selector": type_unknown}, ["advanced_event_selector.0.field_selector.1.equals"]),
	])
	count(policy.deny) == 0 with input as mkview([bucket, agent, trail("main", {}, ["advanced_event_selector"])])
	count(policy.deny) == 0 with input as mkview([
		bucket,
		trail("main", {"event_selector": [{"data_resource": [{}]}]}, ["event_selector.0.data_resource.0.type"]),
	])
	count(policy.deny) == 0 with input as mkview([
		bucket,
		trail("main", {"event_selector": basic_s3}, ["enable_logging"]),
		trail("other", {}, []),
	])
	count(policy.deny) == 0 with input as mkview([bucket, trail("main", {}, []), trail("other", {}, ["event_selector"])])
}
