# METADATA
# title: A security contact is registered where AI resources are managed
# description: >-
#   AWS sends abuse reports, compromised-credential notices and security advisories to the
#   account's security contact; without one they reach a billing or root mailbox that the
#   team running the AI system may never read, and lessons from incidents are lost. The
#   check is view-wide: when this configuration manages AI resources (SageMaker or Bedrock,
#   see data.aipolicy.lib.workloads) and has no aws_account_alternate_contact whose
#   alternate_contact_type is "SECURITY", each AI resource is reported. An alternate
#   contact whose type is unknown at plan time might be the security one, so nothing is
#   reported then. Where the contact is managed elsewhere (for example for every account
#   from the organisation's management account), waive the finding or scan the stacks
#   together.
# custom:
#   id: AIP-AWS-ACCT-001
#   severity: LOW
#   category: resilience
#   guidelines: [operation/lessons-learned, deployment/incident-management]
#   resource_types:
#     - aws_account_alternate_contact
#     - aws_sagemaker_endpoint
#     - aws_sagemaker_notebook_instance
#     - aws_bedrockagent_agent
#     - aws_bedrockagent_knowledge_base
#   remediation: >-
#     Add an aws_account_alternate_contact with alternate_contact_type = "SECURITY" and
#     the security team's shared mailbox and phone number.
package aipolicy.aws.account.security_contact

import rego.v1

deny contains finding if {
	not _security_contact_may_exist
	some r in data.aipolicy.lib.workloads.ai_resources(input)
	finding := data.aipolicy.lib.resources.finding(
		r, "security_contact",
		"AI resources are managed but this configuration registers no security contact",
	)
}

_security_contact_may_exist if {
	some contact in data.aipolicy.lib.resources.of_type(input, "aws_account_alternate_contact")
	not data.aipolicy.lib.resources.known(contact, "alternate_contact_type")
}

_security_contact_may_exist if {
	some contact in data.aipolicy.lib.resources.of_type(input, "aws_account_alternate_contact")
	contact.attributes.alternate_contact_type == "SECURITY"
}
