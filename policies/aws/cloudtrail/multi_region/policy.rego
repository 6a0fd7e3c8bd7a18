# METADATA
# title: CloudTrail trails record every region
# description: >-
#   A single-region trail misses activity in every other region: an attacker who starts a
#   notebook, copies a model or invokes Bedrock in an unused region leaves no record in it.
#   The provider's default for is_multi_region_trail is false, so a trail fails when it is
#   absent or false; an unknown value is not judged.
# custom:
#   id: AIP-AWS-CT-001
#   severity: MEDIUM
#   category: logging
#   guidelines: [deployment/incident-management]
#   resource_types: [aws_cloudtrail]
#   remediation: >-
#     Set is_multi_region_trail = true (and include_global_service_events = true).
package aipolicy.aws.cloudtrail.multi_region

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")
	object.get(r.attributes, "is_multi_region_trail", false) != true
	data.aipolicy.lib.resources.known(r, "is_multi_region_trail")
	finding := data.aipolicy.lib.resources.finding(r, "is_multi_region_trail", "trail records only its home region")
}
