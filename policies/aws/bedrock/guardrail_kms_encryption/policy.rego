# METADATA
# title: Bedrock guardrails are encrypted with a customer-managed KMS key
# description: >-
#   A guardrail's configuration (denied topics with examples, word lists, regular
#   expressions for sensitive data) describes what an application must not say or leak.
#   Without kms_key_arn Bedrock encrypts it with an AWS-owned key, whose use you cannot
#   restrict or audit. An absent or empty kms_key_arn fails.
# custom:
#   id: AIP-AWS-BR-006
#   severity: LOW
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_bedrock_guardrail]
#   remediation: Set kms_key_arn to the ARN of a customer-managed KMS key.
package aipolicy.aws.bedrock.guardrail_kms_encryption

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrock_guardrail")
	object.get(r.attributes, "kms_key_arn", null) in {null, ""}
	data.aipolicy.lib.resources.known(r, "kms_key_arn")
	finding := data.aipolicy.lib.resources.finding(
		r, "kms_key_arn",
		"guardrail is not encrypted with a customer-managed KMS key",
	)
}
