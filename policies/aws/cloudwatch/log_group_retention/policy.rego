# METADATA
# title: CloudWatch log groups keep events for at least a year
# description: >-
#   Poisoned training data, a leaked model or an abused inference API is often noticed
#   months after the fact; the investigation then needs the invocation, endpoint and access
#   logs of that time. A log group fails when retention_in_days is set to a value between 1
#   and 364. An absent value or 0 means events never expire (the provider's and CloudWatch
#   Logs' default), which serves forensics and so passes (its cost is a separate concern);
#   an unknown value is not judged.
# custom:
#   id: AIP-AWS-CW-002
#   severity: LOW
#   category: logging
#   guidelines: [deployment/incident-management]
#   resource_types: [aws_cloudwatch_log_group]
#   remediation: >-
#     Set retention_in_days to 365 or more (or archive the logs to S3 with a lifecycle that
#     keeps them at least a year and waive the finding).
package aipolicy.aws.cloudwatch.log_group_retention

import rego.v1

minimum_days := 365

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_cloudwatch_log_group")
	days := object.get(r.attributes, "retention_in_days", 0)
	is_number(days)
	days > 0
	days < minimum_days
	data.aipolicy.lib.resources.known(r, "retention_in_days")
	finding := data.aipolicy.lib.resources.finding(
		r, "retention_in_days",
		"log group keeps events for less than a year",
	)
}
