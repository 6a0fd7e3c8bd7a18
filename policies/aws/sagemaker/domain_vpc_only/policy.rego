# METADATA
# title: SageMaker domains send Studio traffic through the VPC only
# description: >-
#   With app_network_access_type "PublicInternetOnly" Studio apps of the domain get internet
#   access through a SageMaker-managed network that the VPC's security groups, network ACLs
#   and VPC endpoints do not control. The provider's default is "PublicInternetOnly", so an
#   absent app_network_access_type fails.
# custom:
#   id: AIP-AWS-SM-007
#   severity: HIGH
#   category: network
#   guidelines: [deployment/infrastructure, design/secure-by-design, deployment/secure-defaults]
#   resource_types: [aws_sagemaker_domain]
#   remediation: >-
#     Set app_network_access_type = "VpcOnly" and provide the subnet_ids and security groups
#     (plus VPC endpoints or NAT) that Studio apps should use.
package aipolicy.aws.sagemaker.domain_vpc_only

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_domain")
	object.get(r.attributes, "app_network_access_type", "PublicInternetOnly") != "VpcOnly"
	data.aipolicy.lib.resources.known(r, "app_network_access_type")
	finding := data.aipolicy.lib.resources.finding(
		r, "app_network_access_type",
		"domain lets Studio apps reach the internet outside the VPC",
	)
}
