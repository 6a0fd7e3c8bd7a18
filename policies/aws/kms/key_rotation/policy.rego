# METADATA
# title: Symmetric KMS keys rotate their key material automatically
# description: >-
#   Keys that encrypt models, training data and endpoints should rotate so that a
#   compromised key version protects only a bounded amount of data. Automatic rotation is
#   available for symmetric encryption keys only, so keys whose customer_master_key_spec is
#   absent or SYMMETRIC_DEFAULT are judged (asymmetric and HMAC keys are not). The
#   provider's default for enable_key_rotation is false, so an absent value fails.
# custom:
#   id: AIP-AWS-KMS-001
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection]
#   resource_types: [aws_kms_key]
#   remediation: Set enable_key_rotation = true (optionally rotation_period_in_days) on the key.
package aipolicy.aws.kms.key_rotation

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_kms_key")
	object.get(r.attributes, "customer_master_key_spec", "SYMMETRIC_DEFAULT") in {null, "SYMMETRIC_DEFAULT"}
	object.get(r.attributes, "enable_key_rotation", false) != true
	data.aipolicy.lib.resources.known(r, "enable_key_rotation")
	data.aipolicy.lib.resources.known(r, "customer_master_key_spec")
	finding := data.aipolicy.lib.resources.finding(
		r, "enable_key_rotation",
		"symmetric KMS key does not rotate its key material automatically",
	)
}
