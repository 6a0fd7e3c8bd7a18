# METADATA
# title: GuardDuty detectors and their S3, EKS and runtime protections are not switched off
# description: >-
#   GuardDuty is the account's behaviour monitor: it flags anomalous access to model and
#   data buckets, credential misuse by notebook and endpoint roles, and cryptominers or
#   reverse shells in model-serving containers. An aws_guardduty_detector fails when
#   enable is false (the provider's default is true, so an absent value passes), or when
#   its legacy datasources block turns off s3_logs or kubernetes audit_logs. An
#   aws_guardduty_detector_feature fails when it sets status "DISABLED" for
#   S3_DATA_EVENTS, EKS_AUDIT_LOGS, RUNTIME_MONITORING or EKS_RUNTIME_MONITORING. Unknown
#   values are not judged. Whether a detector exists at all is not judged (GuardDuty is
#   usually enabled organisation-wide from a delegated administrator).
# custom:
#   id: AIP-AWS-GD-001
#   severity: MEDIUM
#   category: logging
#   guidelines: [operation/monitor-behaviour]
#   resource_types: [aws_guardduty_detector, aws_guardduty_detector_feature]
#   remediation: >-
#     Remove enable = false from the detector, and set status = "ENABLED" on the S3,
#     EKS and runtime monitoring features (or drop the aws_guardduty_detector_feature that
#     disables them).
package aipolicy.aws.guardduty.detector_enabled

import rego.v1

monitored_features := {"S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING"}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_guardduty_detector")
	r.attributes.enable == false
	data.aipolicy.lib.resources.known(r, "enable")
	finding := data.aipolicy.lib.resources.finding(r, "enable", "GuardDuty detector is disabled")
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_guardduty_detector")
	some i, sources in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "datasources", null))
	some j, s3 in data.aipolicy.lib.blocks.elements(object.get(sources, "s3_logs", null))
	s3.enable == false
	path := sprintf("datasources.%d.s3_logs.%d.enable", [i, j])
	data.aipolicy.lib.resources.known(r, path)
	finding := data.aipolicy.lib.resources.finding(r, path, "GuardDuty S3 protection is disabled")
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_guardduty_detector")
	some i, sources in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "datasources", null))
	some j, kubernetes in data.aipolicy.lib.blocks.elements(object.get(sources, "kubernetes", null))
	some k, audit in data.aipolicy.lib.blocks.elements(object.get(kubernetes, "audit_logs", null))
	audit.enable == false
	path := sprintf("datasources.%d.kubernetes.%d.audit_logs.%d.enable", [i, j, k])
	data.aipolicy.lib.resources.known(r, path)
	finding := data.aipolicy.lib.resources.finding(r, path, "GuardDuty EKS audit log monitoring is disabled")
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_guardduty_detector_feature")
	name := object.get(r.attributes, "name", "")
	name in monitored_features
	r.attributes.status == "DISABLED"
	data.aipolicy.lib.resources.known(r, "name")
	data.aipolicy.lib.resources.known(r, "status")
	finding := data.aipolicy.lib.resources.finding(
		r, "status",
		"GuardDuty protection for model stores or clusters is disabled",
	)
}
