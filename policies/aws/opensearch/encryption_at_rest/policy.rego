# METADATA
# title: OpenSearch domains encrypt data at rest
# description: >-
#   OpenSearch domains used as vector stores for retrieval-augmented generation hold the
#   embeddings and the source passages of the documents a model may quote. A domain fails
#   when encrypt_at_rest is absent or its enabled is not true (the provider's default when
#   the block is absent is false); an unknown value is not judged.
# custom:
#   id: AIP-AWS-OS-001
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_opensearch_domain]
#   remediation: >-
#     Add encrypt_at_rest { enabled = true, kms_key_id = <customer-managed key ARN> }
#     (OpenSearch 1.0+ can enable it in place).
package aipolicy.aws.opensearch.encryption_at_rest

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_opensearch_domain")
	not _enabled(r)
	data.aipolicy.lib.blocks.known_pattern(r, "encrypt_at_rest.*.enabled")
	finding := data.aipolicy.lib.resources.finding(r, "encrypt_at_rest.0.enabled", "domain does not encrypt data at rest")
}

_enabled(r) if {
	some block in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "encrypt_at_rest", null))
	block.enabled == true
}
