package aipolicy.aws.guardduty.detector_enabled_test

import rego.v1

import data.aipolicy.aws.guardduty.detector_enabled as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

detector(attributes, unresolved) := {
	"id": "aws_guardduty_detector.main",
	"type": "aws_guardduty_detector",
	"attributes": attributes,
	"unresolved": unresolved,
}

feature(attributes, unresolved) := {
	"id": "aws_guardduty_detector_feature.s3",
	"type": "aws_guardduty_detector_feature",
	"attributes": attributes,
	"unresolved": array.concat(["detector_id"], unresolved),
}

test_disabled_detector_fails if {
	policy.deny == {{
		"resource": "aws_guardduty_detector.main",
		"attribute": "enable",
		"message": "GuardDuty detector is disabled",
	}} with input as mkview([detector({"enable": false}, [])])
}

test_enabled_or_default_detector_passes if {
	count(policy.deny) == 0 with input as mkview([detector({"enable": true}, [])])
	count(policy.deny) == 0 with input as mkview([detector({}, [])])
}

test_unknown_enable_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([detector({}, ["enable"])])
}

test_legacy_datasources if {
	off := {
		"enable": true,
		"datasources": [{"s3_logs": [{"enable": false}], "kubernetes": [{"audit_logs": [{"enable": false}]}]}],
	}
	policy.deny == {
		{
			"resource": "aws_guardduty_detector.main",
			"attribute": "datasources.0.s3_logs.0.enable",
			"message": "GuardDuty S3 protection is disabled",
		},
		{
			"resource": "aws_guardduty_detector.main",
			"attribute": "datasources.0.kubernetes.0.audit_logs.0.enable",
			"message": "GuardDuty EKS audit log monitoring is disabled",
		},
	} with input as mkview([detector(off, [])])
	on := {"datasources": [{"s3_logs": [{"enable": true}], "kubernetes": [{"audit_logs": [{"enable": true}]}]}]}
	count(policy.deny) == 0 with input as mkview([detector(on, [])])
	count(policy.deny) == 0 with input as mkview([detector(
		{"datasources": [{"s3_logs": [{}]}]},
		["datasources.0.s3_logs.0.enable"],
	)])
}

test_disabled_feature_fails if {
	policy.deny == {{
		"resource": "aws_guardduty_detector_feature.s3",
		"attribute": "status",
		"message": "GuardDuty protection for model stores or clusters is disabled",
	}} with input as mkview([feature({"name": "S3_DATA_EVENTS", "status": "DISABLED"}, [])])
	count(policy.deny) == 1 with input as mkview([feature({"name": "RUNTIME_MONITORING", "status": "DISABLED"}, [])])
}

test_enabled_or_other_features_pass if {
	count(policy.deny) == 0 with input as mkview([feature({"name": "S3_DATA_EVENTS", "status": "ENABLED"}, [])])
	count(policy.deny) == 0 with input as mkview([feature({"name": "RDS_LOGIN_EVENTS", "status": "DISABLED"}, [])])
}

test_unknown_feature_values_do_not_fail if {
	count(policy.deny) == 0 with input as mkview([feature({"name": "S3_DATA_EVENTS"}, ["status"])])
	count(policy.deny) == 0 with input as mkview([feature({"status": "DISABLED"}, ["name"])])
}
