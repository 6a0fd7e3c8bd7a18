# METADATA
# title: CloudTrail trails deliver events to CloudWatch Logs
# description: >-
#   Delivering trail events to a CloudWatch Logs group lets metric filters and alarms
#   react within minutes to unusual activity against the AI estate (a model bucket policy
#   change, a deleted guardrail, a new access key), instead of someone reading S3 logs after
#   the fact. A trail fails when cloud_watch_logs_group_arn is absent or empty (there is no
#   default); an unknown value is not judged.
# custom:
#   id: AIP-AWS-CT-007
#   severity: LOW
#   category: logging
#   guidelines: [operation/monitor-behaviour]
#   resource_types: [aws_cloudtrail]
#   remediation: >-
#     Set cloud_watch_logs_group_arn ("<log group ARN>:*") and cloud_watch_logs_role_arn on
#     the trail, then add metric filters and alarms.
package aipolicy.aws.cloudtrail.cloudwatch_logs

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")
	not _set(object.get(r.attributes, "cloud_watch_logs_group_arn", null))
	data.aipolicy.lib.resources.known(r, "cloud_watch_logs_group_arn")
	finding := data.aipolicy.lib.resources.finding(
		r, "cloud_watch_logs_group_arn",
		"trail does not deliver events to CloudWatch Logs",
	)
}

_set(value) if {
	is_string(value)
	value != ""
}
