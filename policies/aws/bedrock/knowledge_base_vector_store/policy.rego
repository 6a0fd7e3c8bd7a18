# METADATA
# title: Bedrock knowledge bases keep their vectors in AWS or on a private connection
# description: >-
#   A knowledge base's vector store holds chunks of the source documents in clear text next
#   to their embeddings. Pinecone and Redis Enterprise Cloud stores are third-party services
#   reached over the internet and protected only by an API key in Secrets Manager; a MongoDB
#   Atlas store is reached over the internet unless endpoint_service_name names an AWS
#   PrivateLink endpoint service. A knowledge base fails when its storage_configuration type
#   is PINECONE or REDIS_ENTERPRISE_CLOUD, or MONGO_DB_ATLAS without an
#   endpoint_service_name. AWS stores (OpenSearch, RDS, Neptune Analytics, S3 Vectors) and
#   knowledge bases without storage_configuration (Kendra, SQL, managed) pass.
# custom:
#   id: AIP-AWS-BR-011
#   severity: LOW
#   category: network
#   guidelines: [deployment/infrastructure, development/assets]
#   resource_types: [aws_bedrockagent_knowledge_base]
#   remediation: >-
#     Use an AWS vector store (OpenSearch Serverless, Aurora PostgreSQL, Neptune Analytics or
#     S3 Vectors), or connect MongoDB Atlas through PrivateLink by setting
#     endpoint_service_name.
package aipolicy.aws.bedrock.knowledge_base_vector_store

import rego.v1

internet_stores := {"PINECONE", "REDIS_ENTERPRISE_CLOUD"}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrockagent_knowledge_base")
	some i, storage in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "storage_configuration", null))
	object.get(storage, "type", null) in internet_stores
	data.aipolicy.lib.resources.known(r, sprintf("storage_configuration.%d.type", [i]))
	finding := data.aipolicy.lib.resources.finding(
		r, sprintf("storage_configuration.%d.type", [i]),
		"knowledge base stores its vectors in a third-party service reached over the internet",
	)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_bedrockagent_knowledge_base")
	some i, storage in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "storage_configuration", null))
	storage.type == "MONGO_DB_ATLAS"
	not _private_link(object.get(storage, "mongo_db_atlas_configuration", null))
	data.aipolicy.lib.resources.known(r, sprintf("storage_configuration.%d.type", [i]))
	path := sprintf("storage_configuration.%d.mongo_db_atlas_configuration", [i])
	data.aipolicy.lib.resources.known(r, path)
	finding := data.aipolicy.lib.resources.finding(
		r, path,
		"knowledge base reaches its MongoDB Atlas vector store without PrivateLink",
	)
}

_private_link(configs) if {
	some config in data.aipolicy.lib.blocks.elements(configs)
	name := object.get(config, "endpoint_service_name", null)
	is_string(name)
	name != ""
}
