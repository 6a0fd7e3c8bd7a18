# METADATA
# title: SageMaker models without network isolation run in a VPC
# description: >-
#   vpc_config places the model's containers in your subnets, behind your security groups
#   and VPC endpoints; without it (and without network isolation) they reach the internet
#   from a SageMaker-managed network you cannot filter or log. A model whose
#   enable_network_isolation is true makes no network calls and passes. Otherwise an absent
#   vpc_config fails.
# custom:
#   id: AIP-AWS-SM-014
#   severity: MEDIUM
#   category: network
#   guidelines: [deployment/infrastructure, design/secure-by-design]
#   resource_types: [aws_sagemaker_model]
#   remediation: >-
#     Add a vpc_config block with private subnets and security_group_ids, or set
#     enable_network_isolation = true when the container needs no network.
package aipolicy.aws.sagemaker.model_vpc_config

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_model")
	object.get(r.attributes, "enable_network_isolation", false) != true
	not data.aipolicy.lib.blocks.present(object.get(r.attributes, "vpc_config", null))
	data.aipolicy.lib.resources.known(r, "enable_network_isolation")
	data.aipolicy.lib.resources.known(r, "vpc_config")
	finding := data.aipolicy.lib.resources.finding(
		r, "vpc_config",
		"model containers are neither in a VPC nor network-isolated",
	)
}
