# METADATA
# title: CloudTrail trails validate their log files
# description: >-
#   Log file validation writes signed digest files, so investigators can prove that the
#   audit record of who touched the models and training data was not altered or deleted
#   after delivery. The provider's default for enable_log_file_validation is false, so a
#   trail fails when it is absent or false; an unknown value is not judged.
# custom:
#   id: AIP-AWS-CT-002
#   severity: MEDIUM
#   category: logging
#   guidelines: [deployment/incident-management]
#   resource_types: [aws_cloudtrail]
#   remediation: >-
#     Set enable_log_file_validation = true on the trail.
package aipolicy.aws.cloudtrail.log_file_validation

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")
	object.get(r.attributes, "enable_log_file_validation", false) != true
	data.aipolicy.lib.resources.known(r, "enable_log_file_validation")
	finding := data.aipolicy.lib.resources.finding(
		r, "enable_log_file_validation",
		"trail does not validate its log files",
	)
}
