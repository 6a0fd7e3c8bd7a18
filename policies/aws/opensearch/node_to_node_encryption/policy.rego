# METADATA
# title: OpenSearch domains encrypt traffic between nodes
# description: >-
#   Without node-to-node encryption, documents, embeddings and queries travel between the
#   nodes of a vector-store domain in clear text inside the VPC. A domain fails when
#   node_to_node_encryption is absent or its enabled is not true (the provider's default when
#   the block is absent is false); an unknown value is not judged.
# custom:
#   id: AIP-AWS-OS-002
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection]
#   resource_types: [aws_opensearch_domain]
#   remediation: >-
#     Add node_to_node_encryption { enabled = true }.
package aipolicy.aws.opensearch.node_to_node_encryption

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_opensearch_domain")
	not _enabled(r)
	data.aipolicy.lib.blocks.known_pattern(r, "node_to_node_encryption.*.enabled")
	finding := data.aipolicy.lib.resources.finding(
		r, "node_to_node_encryption.0.enabled",
		"domain does not encrypt traffic between its nodes",
	)
}

_enabled(r) if {
	some block in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "node_to_node_encryption", null))
	block.enabled == true
}
