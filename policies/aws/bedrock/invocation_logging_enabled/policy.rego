# METADATA
# title: Bedrock model invocation logging is configured where Bedrock is used
# description: >-
#   Model invocation logging is an account-and-region setting with no resource to attach a
#   finding to when it is missing. This policy therefore reports each Bedrock resource
#   (agent, knowledge base, custom model, guardrail, provisioned throughput) when the scanned
#   view contains no aws_bedrock_model_invocation_logging_configuration. A Terraform scan
#   sees only its own configuration: where logging is managed in another stack, waive the
#   finding or scan that stack together with this one; a scan of an AWS account sees the
#   account's setting directly. The content of an existing configuration is judged by
#   AIP-AWS-BR-002.
# custom:
#   id: AIP-AWS-BR-001
#   severity: MEDIUM
#   category: logging
#   guidelines: [operation/monitor-inputs, deployment/incident-management]
#   resource_types:
#     - aws_bedrockagent_agent
#     - aws_bedrockagent_knowledge_base
#     - aws_bedrock_custom_model
#     - aws_bedrock_guardrail
#     - aws_bedrock_provisioned_model_throughput
#     - aws_bedrock_model_invocation_logging_configuration
#   remediation: >-
#     Add an aws_bedrock_model_invocation_logging_configuration with a logging_config that
#     delivers text data to CloudWatch Logs or S3 in every region where Bedrock is used.
package aipolicy.aws.bedrock.invocation_logging_enabled

import rego.v1

bedrock_types := [
	"aws_bedrockagent_agent",
	"aws_bedrockagent_knowledge_base",
	"aws_bedrock_custom_model",
	"aws_bedrock_guardrail",
	"aws_bedrock_provisioned_model_throughput",
]

deny contains finding if {
	count(data.aipolicy.lib.resources.of_type(input, "aws_bedrock_model_invocation_logging_configuration")) == 0
	some type in bedrock_types
	some r in data.aipolicy.lib.resources.of_type(input, type)
	finding := data.aipolicy.lib.resources.finding(
		r, "model_invocation_logging",
		"Bedrock is used but model invocation logging is not configured",
	)
}
