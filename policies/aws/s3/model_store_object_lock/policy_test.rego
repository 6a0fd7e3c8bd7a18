package aipolicy.aws.s3.model_store_object_lock_test

import rego.v1

import data.aipolicy.aws.s3.model_store_object_lock as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

model_tags := {"team": "ml-platform", "Purpose": "Model-Artifacts"}

bucket(attributes, unresolved) := {
	"id": "aws_s3_bucket.models",
	"type": "aws_s3_bucket",
	"attributes": object.union({"bucket": "acme-ml-models"}, attributes),
	"unresolved": unresolved,
}

separate(type, attributes, unresolved, refs) := {
	"id": concat(".", [type, "models"]),
	"type": type,
	"attributes": attributes,
	"unresolved": unresolved,
	"references": {"bucket": refs},
}

lock(refs) := separate(
	"aws_s3_bucket_object_lock_configuration",
	{"rule": [{"default_retention": [{"mode": "GOVERNANCE", "days": 30}]}]},
	[],
	refs,
)

replication(rules, unresolved, refs) := separate(
	"aws_s3_bucket_replication_configuration",
	{"rule": rules},
	unresolved,
	refs,
)

finding := {
	"resource": "aws_s3_bucket.models",
	"attribute": "object_lock_enabled",
	"message": "model or training-data bucket has neither object lock nor replication",
}

test_model_store_without_protection_fails if {
	policy.deny == {finding} with input as mkview([bucket({"tags": model_tags}, [])])
}

test_store_recognised_through_tags_all_and_any_case if {
	count(policy.deny) == 1 with input as mkview([bucket(
		{"tags_all": {"DATA-CLASSIFICATION": "training-data"}},
		["tags"],
	)])
	count(policy.deny) == 1 with input as mkview([bucket({"tags": {"asset-type": "DATASETS"}}, [])])
}

test_untagged_or_other_buckets_not_judged if {
	count(policy.deny) == 0 with input as mkview([bucket({}, [])])
	count(policy.deny) == 0 with input as mkview([bucket({"tags": {"purpose": "logs"}}, [])])
	count(policy.deny) == 0 with input as mkview([bucket({"tags": {"owner": "model"}}, [])])
	count(policy.deny) == 0 with input as mkview([bucket({"tags": "not a map"}, [])])
}

test_unknown_tags_not_judged if {
	count(policy.deny) == 0 with input as mkview([bucket({}, ["tags", "tags_all"])])
}

test_object_lock_enabled_passes if {
	count(policy.deny) == 0 with input as mkview([bucket({"tags": model_tags, "object_lock_enabled": true}, [])])
	count(policy.deny) == 1 with input as mkview([bucket({"tags": model_tags, "object_lock_enabled": false}, [])])
}

test_object_lock_unknown_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([bucket({"tags": model_tags}, ["object_lock_enabled"])])
}

test_inline_object_lock_configuration if {
	count(policy.deny) == 0 with input as mkview([bucket(
		{"tags": model_tags, "object_lock_configuration": [{"object_lock_enabled": "Enabled"}]},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([bucket(
		{"tags": model_tags},
		["object_lock_configuration.0.object_lock_enabled"],
	)])
}

test_inline_replication if {
	count(policy.deny) == 0 with input as mkview([bucket(
		{"tags": model_tags, "replication_configuration": [{"role": "r", "rules": [{"status": "Enabled"}]}]},
		[],
	)])
	count(policy.deny) == 1 with input as mkview([bucket(
		{"tags": model_tags, "replication_configuration": [{"role": "r", "rules": [{"status": "Disabled"}]}]},
		[],
	)])
	count(policy.deny) == 0 with input as mkview([bucket({"tags": model_tags}, ["replication_configuration"])])
}

test_separate_object_lock_configuration_passes if {
	count(policy.deny) == 0 with input as mkview([bucket({"tags": model_tags}, []), lock(["aws_s3_bucket.models"])])
}

test_lock_for_another_bucket_does_not_count if {
	count(policy.deny) == 1 with input as mkview([bucket({"tags": model_tags}, []), lock(["aws_s3_bucket.other"])])
}

test_separate_replication if {
	count(policy.deny) == 0 with input as mkview([
		bucket({"tags": model_tags}, []),
		replication([{"status": "Enabled"}], [], ["aws_s3_bucket.models"]),
	])
	count(policy.deny) == 1 with input as mkview([
		bucket({"tags": model_tags}, []),
		replication([{"status": "Disabled"}], [], ["aws_s3_bucket.models"]),
	])
	count(policy.deny) == 0 with input as mkview([
		bucket({"tags": model_tags}, []),
		replication([{}], ["rule.0.status"], ["aws_s3_bucket.models"]),
	])
}

test_dangling_separate_resources_leave_buckets_unjudged if {
	dangling_lock := object.union(lock([]), {"unresolved": ["bucket"]})
	count(policy.deny) == 0 with input as mkview([bucket({"tags": model_tags}, []), dangling_lock])
	count(policy.deny) == 0 with input as mkview([
		bucket({"tags": model_tags}, []),
		replication([{"status": "Enabled"}], ["bucket"], []),
	])
}
