# METADATA
# title: SageMaker notebook instances have no direct internet access
# description: >-
#   A notebook with direct internet access reaches, and can be reached from, the internet
#   outside the VPC's controls, so data and model artefacts can leave without passing any
#   egress filter. The provider's default is "Enabled", so an absent
#   direct_internet_access fails.
# custom:
#   id: AIP-AWS-SM-003
#   severity: HIGH
#   category: network
#   guidelines: [deployment/infrastructure, design/secure-by-design, deployment/secure-defaults]
#   resource_types: [aws_sagemaker_notebook_instance]
#   remediation: >-
#     Set direct_internet_access = "Disabled" and give the notebook a subnet_id and
#     security_groups in a VPC whose egress you control (NAT or VPC endpoints).
package aipolicy.aws.sagemaker.notebook_direct_internet_access

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_notebook_instance")
	object.get(r.attributes, "direct_internet_access", "Enabled") != "Disabled"
	data.aipolicy.lib.resources.known(r, "direct_internet_access")
	finding := data.aipolicy.lib.resources.finding(
		r, "direct_internet_access",
		"notebook instance has direct internet access",
	)
}
