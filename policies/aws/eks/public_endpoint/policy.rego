# METADATA
# title: EKS cluster API endpoints are not open to the whole internet
# description: >-
#   A public Kubernetes API endpoint reachable from 0.0.0.0/0 exposes the control plane of
#   the cluster that runs model servers to credential stuffing and to any API-server
#   vulnerability. The provider's default for vpc_config endpoint_public_access is true and
#   the default public_access_cidrs is 0.0.0.0/0, so a cluster passes only when
#   endpoint_public_access is false or public_access_cidrs is set and contains neither
#   0.0.0.0/0 nor ::/0.
# custom:
#   id: AIP-AWS-EKS-001
#   severity: HIGH
#   category: access-control
#   guidelines: [deployment/infrastructure, deployment/secure-defaults]
#   resource_types: [aws_eks_cluster]
#   remediation: >-
#     Set vpc_config { endpoint_private_access = true, endpoint_public_access = false }, or
#     restrict public_access_cidrs to the networks that administer the cluster.
package aipolicy.aws.eks.public_endpoint

import rego.v1

open_cidrs := {"0.0.0.0/0", "::/0"}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_eks_cluster")
	vpc := _vpc_config(r)
	object.get(vpc, "endpoint_public_access", true) == true
	_open_to_all(object.get(vpc, "public_access_cidrs", null))
	data.aipolicy.lib.blocks.known_pattern(r, "vpc_config.*.endpoint_public_access")
	data.aipolicy.lib.blocks.known_pattern(r, "vpc_config.*.public_access_cidrs")
	finding := data.aipolicy.lib.resources.finding(
		r, "vpc_config.0.public_access_cidrs",
		"cluster API endpoint is reachable from the whole internet",
	)
}

_vpc_config(r) := data.aipolicy.lib.blocks.first(object.get(r.attributes, "vpc_config", null))

_vpc_config(r) := {} if not data.aipolicy.lib.blocks.first(object.get(r.attributes, "vpc_config", null))

_open_to_all(null) := true

_open_to_all(cidrs) if {
	is_array(cidrs)
	count(cidrs) == 0
}

_open_to_all(cidrs) if {
	is_array(cidrs)
	some cidr in cidrs
	cidr in open_cidrs
}
