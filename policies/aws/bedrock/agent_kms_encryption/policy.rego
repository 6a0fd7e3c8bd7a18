# METADATA
# title: Bedrock agents are encrypted with a customer-managed KMS key
# description: >-
#   customer_encryption_key_arn encrypts the agent's resources: its instructions, prompt
#   templates and session data. Without it Bedrock uses an AWS-owned key whose use you
#   cannot restrict or audit. An absent or empty customer_encryption_key_arn fails.
# custom:
#   id: AIP-AWS-BR-008
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_bedrockagent_agent]
#   remediation: >-
#     Set customer_encryption_key_arn to the ARN of a customer-managed KMS key whose key
#     policy lets the agent's role and Bedrock use it.
package aipolicy.aws.bedrock.agent_kms_encryption

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrockagent_agent")
	object.get(r.attributes, "customer_encryption_key_arn", null) in {null, ""}
	data.aipolicy.lib.resources.known(r, "customer_encryption_key_arn")
	finding := data.aipolicy.lib.resources.finding(
		r, "customer_encryption_key_arn",
		"agent is not encrypted with a customer-managed KMS key",
	)
}
