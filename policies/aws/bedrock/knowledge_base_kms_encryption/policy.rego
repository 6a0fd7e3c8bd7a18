# METADATA
# title: Managed Bedrock knowledge bases are encrypted with a customer-managed KMS key
# description: >-
#   In a knowledge base of type MANAGED, Amazon Bedrock stores the document chunks and
#   their embeddings itself. Without
#   managed_knowledge_base_configuration.server_side_encryption_configuration.kms_key_arn
#   they are encrypted with an AWS-owned key, whose use you cannot restrict or audit. A
#   MANAGED knowledge base fails when that kms_key_arn is absent or empty. Knowledge bases
#   that keep vectors in a store you operate (storage_configuration) are encrypted by that
#   store and are not judged here.
# custom:
#   id: AIP-AWS-BR-012
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_bedrockagent_knowledge_base]
#   remediation: >-
#     Add managed_knowledge_base_configuration { server_side_encryption_configuration {
#     kms_key_arn = <customer-managed key ARN> } } (the knowledge base is replaced).
package aipolicy.aws.bedrock.knowledge_base_kms_encryption

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrockagent_knowledge_base")
	some i, config in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "knowledge_base_configuration", null))
	config.type == "MANAGED"
	not _has_key(object.get(config, "managed_knowledge_base_configuration", null))
	data.aipolicy.lib.resources.known(r, sprintf("knowledge_base_configuration.%d.type", [i]))
	path := sprintf("knowledge_base_configuration.%d.managed_knowledge_base_configuration", [i])
	data.aipolicy.lib.resources.known(r, path)
	finding := data.aipolicy.lib.resources.finding(
		r, path,
		"managed knowledge base is not encrypted with a customer-managed KMS key",
	)
}

_has_key(managed) if {
	some config in data.aipolicy.lib.blocks.elements(managed)
	some encryption in data.aipolicy.lib.blocks.elements(object.get(config, "server_side_encryption_configuration", null))
	key := object.get(encryption, "kms_key_arn", null)
	is_string(key)
	key != ""
}
