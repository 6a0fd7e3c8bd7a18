# METADATA
# title: CloudTrail trails are not paused
# description: >-
#   enable_logging = false keeps the trail resource but stops it recording, which leaves
#   the AI estate without an audit record while looking configured. The provider's default
#   is true, so a trail fails only when enable_logging is false; an absent or unknown value
#   passes.
# custom:
#   id: AIP-AWS-CT-006
#   severity: MEDIUM
#   category: logging
#   guidelines: [deployment/incident-management, operation/monitor-behaviour]
#   resource_types: [aws_cloudtrail]
#   remediation: >-
#     Remove enable_logging = false (or set it to true).
package aipolicy.aws.cloudtrail.logging_enabled

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")
	r.attributes.enable_logging == false
	data.aipolicy.lib.resources.known(r, "enable_logging")
	finding := data.aipolicy.lib.resources.finding(r, "enable_logging", "trail logging is turned off")
}
