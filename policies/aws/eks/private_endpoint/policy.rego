# METADATA
# title: EKS clusters enable the private API endpoint
# description: >-
#   Without the private endpoint, kubelets, controllers and operators inside the VPC reach
#   the Kubernetes API of the cluster that runs model servers through its public endpoint,
#   so the public endpoint must stay open to the nodes' egress addresses. The provider's
#   default for vpc_config endpoint_private_access is false, so a cluster fails when it is
#   absent or false. Whether the public endpoint is open to the world is judged by
#   AIP-AWS-EKS-001.
# custom:
#   id: AIP-AWS-EKS-006
#   severity: LOW
#   category: network
#   guidelines: [deployment/infrastructure]
#   resource_types: [aws_eks_cluster]
#   remediation: >-
#     Set vpc_config { endpoint_private_access = true } and then narrow or close the public
#     endpoint.
package aipolicy.aws.eks.private_endpoint

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_eks_cluster")
	not _private_access(r)
	data.aipolicy.lib.blocks.known_pattern(r, "vpc_config.*.endpoint_private_access")
	finding := data.aipolicy.lib.resources.finding(
		r, "vpc_config.0.endpoint_private_access",
		"cluster API has no private endpoint in the VPC",
	)
}

_private_access(r) if {
	some vpc in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "vpc_config", null))
	vpc.endpoint_private_access == true
}
