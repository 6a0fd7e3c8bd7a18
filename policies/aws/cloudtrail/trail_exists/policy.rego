# METADATA
# title: A CloudTrail trail exists where AI resources are managed
# description: >-
#   Without a trail, AWS keeps only 90 days of management events in the event history and
#   no data events at all, so an incident on the AI estate cannot be reconstructed. This
#   check is view-wide: when this configuration manages AI resources (SageMaker or Bedrock,
#   see data.aipolicy.lib.workloads) and defines no aws_cloudtrail, each AI resource is
#   reported. A Terraform scan sees only its own configuration: where trails are managed
#   elsewhere (an organization trail in the management account, a security stack), waive
#   the finding or scan the stacks together.
# custom:
#   id: AIP-AWS-CT-005
#   severity: LOW
#   category: logging
#   guidelines: [deployment/incident-management, operation/monitor-behaviour]
#   resource_types:
#     - aws_cloudtrail
#     - aws_sagemaker_domain
#     - aws_sagemaker_endpoint
#     - aws_sagemaker_model
#     - aws_sagemaker_notebook_instance
#     - aws_bedrockagent_agent
#     - aws_bedrockagent_knowledge_base
#     - aws_bedrock_custom_model
#   remediation: >-
#     Add a multi-region aws_cloudtrail with log file validation and KMS encryption (or
#     rely on an organization trail and waive this finding, naming the trail).
package aipolicy.aws.cloudtrail.trail_exists

import rego.v1

deny contains finding if {
	count(data.aipolicy.lib.resources.of_type(input, "aws_cloudtrail")) == 0
	some r in data.aipolicy.lib.workloads.ai_resources(input)
	finding := data.aipolicy.lib.resources.finding(
		r, "cloudtrail",
		"AI resources are managed but this configuration defines no CloudTrail trail",
	)
}
