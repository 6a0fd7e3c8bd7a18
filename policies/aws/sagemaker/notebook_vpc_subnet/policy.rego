# METADATA
# title: SageMaker notebook instances run in a VPC subnet
# description: >-
#   A notebook instance without subnet_id runs in a network that SageMaker manages, outside
#   the VPC's security groups, network ACLs, flow logs and VPC endpoints, so its traffic
#   cannot be restricted or observed. The provider sets no subnet by default, so an absent
#   or empty subnet_id fails. Direct internet access itself is judged by AIP-AWS-SM-003.
# custom:
#   id: AIP-AWS-SM-008
#   severity: MEDIUM
#   category: network
#   guidelines: [deployment/infrastructure, design/secure-by-design]
#   resource_types: [aws_sagemaker_notebook_instance]
#   remediation: >-
#     Set subnet_id to a private subnet of your VPC and security_groups to groups that allow
#     only the traffic the notebook needs.
package aipolicy.aws.sagemaker.notebook_vpc_subnet

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_notebook_instance")
	object.get(r.attributes, "subnet_id", null) in {null, ""}
	data.aipolicy.lib.resources.known(r, "subnet_id")
	finding := data.aipolicy.lib.resources.finding(
		r, "subnet_id",
		"notebook instance is not attached to a subnet of your VPC",
	)
}
