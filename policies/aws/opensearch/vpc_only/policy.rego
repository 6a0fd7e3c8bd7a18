# METADATA
# title: OpenSearch domains are reachable only from a VPC
# description: >-
#   A domain without vpc_options gets a public endpoint: its only protection is the access
#   policy (and fine-grained access control), and every credential leak or policy mistake
#   exposes the vector store and the documents behind a RAG application to the internet. A
#   domain fails when vpc_options is absent or lists no subnet_ids (there is no default
#   VPC placement); an unknown value is not judged.
# custom:
#   id: AIP-AWS-OS-005
#   severity: MEDIUM
#   category: network
#   guidelines: [deployment/infrastructure]
#   resource_types: [aws_opensearch_domain]
#   remediation: >-
#     Add vpc_options { subnet_ids = [...], security_group_ids = [...] } (this replaces the
#     domain) and reach it from the application's VPC or through a VPC endpoint.
package aipolicy.aws.opensearch.vpc_only

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_opensearch_domain")
	not in_vpc(r)
	data.aipolicy.lib.blocks.known_pattern(r, "vpc_options.*.subnet_ids")
	finding := data.aipolicy.lib.resources.finding(
		r, "vpc_options",
		"domain has a public endpoint instead of a VPC endpoint",
	)
}

# in_vpc holds when a domain's vpc_options list at least one subnet.
in_vpc(r) if {
	some options in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "vpc_options", null))
	subnets := object.get(options, "subnet_ids", [])
	is_array(subnets)
	count(subnets) > 0
}
