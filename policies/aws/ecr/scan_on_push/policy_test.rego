package aipolicy.aws.ecr.scan_on_push_test

import rego.v1

import data.aipolicy.aws.ecr.scan_on_push as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

repo(attributes, unresolved) := {
	"id": "aws_ecr_repository.serving",
	"type": "aws_ecr_repository",
	"attributes": object.union({"name": "ml/serving"}, attributes),
	"unresolved": unresolved,
}

registry(rules, unresolved) := {
	"id": "aws_ecr_registry_scanning_configuration.this",
	"type": "aws_ecr_registry_scanning_configuration",
	"attributes": {"scan_type": "ENHANCED", "rule": rules},
	"unresolved": unresolved,
}

rule(frequency, filter) := {
	"scan_frequency": frequency,
	"repository_filter": [{"filter": filter, "filter_type": "WILDCARD"}],
}

test_absent_fails if {
	policy.deny == {{
		"resource": "aws_ecr_repository.serving",
		"attribute": "image_scanning_configuration",
		"message": "repository does not scan images on push",
	}} with input as mkview([repo({}, [])])
}

test_scan_on_push_false_fails if {
	count(policy.deny) == 1 with input as mkview([repo({"image_scanning_configuration": [{"scan_on_push": false}]}, [])])
}

test_scan_on_push_true_passes if {
	count(policy.deny) == 0 with input as mkview([repo({"image_scanning_configuration": [{"scan_on_push": true}]}, [])])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([repo({}, ["image_scanning_configuration"])])
	count(policy.deny) == 0 with input as mkview([repo(
		{"image_scanning_configuration": [{}]},
		["image_scanning_configuration.0.scan_on_push"],
	)])
}

test_registry_rule_covering_all_repositories_passes if {
	count(policy.deny) == 0 with input as mkview([repo({}, []), registry([rule("CONTINUOUS_SCAN", "*")], [])])
}

test_registry_rule_matching_filter_passes if {
	count(policy.deny) == 0 with input as mkview([repo({}, []), registry([rule("SCAN_ON_PUSH", "ml/*")], [])])
}

test_registry_rule_for_other_repositories_fails if {
	count(policy.deny) == 1 with input as mkview([repo({}, []), registry([rule("SCAN_ON_PUSH", "web/*")], [])])
	count(policy.deny) == 1 with input as mkview([repo({}, []), registry([rule("SCAN_ON_PUSH", "ml.serving")], [])])
}

test_registry_manual_rule_fails if {
	count(policy.deny) == 1 with input as mkview([repo({}, []), registry([rule("MANUAL", "*")], [])])
}

test_registry_unresolved_may_cover if {
	count(policy.deny) == 0 with input as mkview([repo({}, []), registry([], ["rule"])])
	count(policy.deny) == 0 with input as mkview([repo({}, ["name"]), registry([rule("SCAN_ON_PUSH", "ml/*")], [])])
}
