# METADATA
# title: KMS keys keep a deletion window of at least 14 days
# description: >-
#   Deleting a key makes everything encrypted with it (model artefacts, training data,
#   endpoint volumes) unreadable for good. The waiting period is the only time in which a
#   mistaken or malicious ScheduleKeyDeletion can be noticed and cancelled. A key fails
#   when deletion_window_in_days is below 14; the provider's default is 30 (the maximum),
#   so an absent value passes, and an unknown one is not judged.
# custom:
#   id: AIP-AWS-KMS-003
#   severity: LOW
#   category: resilience
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_kms_key]
#   remediation: Set deletion_window_in_days = 30 (or at least 14) on the key.
package aipolicy.aws.kms.deletion_window

import rego.v1

minimum_days := 14

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_kms_key")
	days := object.get(r.attributes, "deletion_window_in_days", null)
	is_number(days)
	days < minimum_days
	data.aipolicy.lib.resources.known(r, "deletion_window_in_days")
	finding := data.aipolicy.lib.resources.finding(
		r, "deletion_window_in_days",
		"key deletion window is shorter than 14 days",
	)
}
