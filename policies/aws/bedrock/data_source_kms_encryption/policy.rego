# METADATA
# title: Bedrock knowledge base data sources encrypt ingestion data with a customer-managed KMS key
# description: >-
#   While a data source is ingested, Bedrock stores the parsed documents and chunks
#   transiently. server_side_encryption_configuration.kms_key_arn encrypts that data with
#   your key; without it Bedrock uses an AWS-owned key. A data source fails when
#   server_side_encryption_configuration or its kms_key_arn is absent or empty.
# custom:
#   id: AIP-AWS-BR-013
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_bedrockagent_data_source]
#   remediation: >-
#     Add server_side_encryption_configuration { kms_key_arn = <customer-managed key ARN> }
#     to the data source.
package aipolicy.aws.bedrock.data_source_kms_encryption

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrockagent_data_source")
	not _has_key(object.get(r.attributes, "server_side_encryption_configuration", null))
	data.aipolicy.lib.resources.known(r, "server_side_encryption_configuration")
	finding := data.aipolicy.lib.resources.finding(
		r, "server_side_encryption_configuration",
		"data source ingestion data is not encrypted with a customer-managed KMS key",
	)
}

_has_key(configs) if {
	some config in data.aipolicy.lib.blocks.elements(configs)
	key := object.get(config, "kms_key_arn", null)
	is_string(key)
	key != ""
}
