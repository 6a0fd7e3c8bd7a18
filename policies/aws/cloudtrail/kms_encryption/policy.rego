# METADATA
# title: CloudTrail trails encrypt their logs with a KMS key
# description: >-
#   Trail logs describe every call against the AI estate (who read which model, which
#   role invoked which endpoint) and are themselves sensitive. With kms_key_id set, reading
#   them needs kms:Decrypt on a key whose policy the security team controls; without it the
#   logs use SSE-S3 and anyone who can read the bucket can read them. A trail fails when
#   kms_key_id is absent or empty (there is no default key); an unknown value is not judged.
# custom:
#   id: AIP-AWS-CT-003
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/incident-management]
#   resource_types: [aws_cloudtrail]
#   remediation: >-
#     Set kms_key_id to the ARN of a customer-managed KMS key whose policy lets CloudTrail
#     encrypt and the security team decrypt.
package aipolicy.aws.cloudtrail.kms_encryption

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")
	not _set(object.get(r.attributes, "kms_key_id", null))
	data.aipolicy.lib.resources.known(r, "kms_key_id")
	finding := data.aipolicy.lib.resources.finding(r, "kms_key_id", "trail logs are not encrypted with a KMS key")
}

_set(value) if {
	is_string(value)
	value != ""
}
