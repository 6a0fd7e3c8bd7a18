# METADATA
# title: Security Hub is enabled where AI resources are managed
# description: >-
#   Security Hub collects the findings of GuardDuty, Inspector (image and Lambda scans),
#   Macie and its own controls in one place, where they can be triaged, tracked and shared:
#   the basis for learning from incidents on the AI estate. The check is view-wide: when
#   this configuration manages AI resources (SageMaker or Bedrock, see
#   data.aipolicy.lib.workloads) and has neither an aws_securityhub_account nor an
#   aws_securityhub_organization_configuration, each AI resource is reported. A Terraform
#   scan sees only its own configuration: where Security Hub is enabled by a delegated
#   administrator or another stack, waive the finding or scan the stacks together.
# custom:
#   id: AIP-AWS-SH-001
#   severity: LOW
#   category: logging
#   guidelines: [operation/lessons-learned, operation/monitor-behaviour]
#   resource_types:
#     - aws_securityhub_account
#     - aws_securityhub_organization_configuration
#     - aws_sagemaker_endpoint
#     - aws_sagemaker_notebook_instance
#     - aws_bedrockagent_agent
#     - aws_bedrockagent_knowledge_base
#   remediation: >-
#     Add an aws_securityhub_account (with a finding aggregator in the home region), or
#     enable Security Hub for the organisation from a delegated administrator and waive
#     this finding.
package aipolicy.aws.securityhub.enabled

import rego.v1

enabling_types := ["aws_securityhub_account", "aws_securityhub_organization_configuration"]

deny contains finding if {
	not _enabled
	some r in data.aipolicy.lib.workloads.ai_resources(input)
	finding := data.aipolicy.lib.resources.finding(
		r, "securityhub",
		"AI resources are managed but this configuration does not enable Security Hub",
	)
}

_enabled if {
	some type in enabling_types
	count(data.aipolicy.lib.resources.of_type(input, type)) > 0
}
