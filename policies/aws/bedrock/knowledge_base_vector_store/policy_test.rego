package aipolicy.aws.bedrock.knowledge_base_vector_store_test

import rego.v1

import data.aipolicy.aws.bedrock.knowledge_base_vector_store as policy

view(attributes, unresolved) := {
	"resources": {"aws_bedrockagent_knowledge_base.kb": {
		"id": "aws_bedrockagent_knowledge_base.kb",
		"type": "aws_bedrockagent_knowledge_base",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_bedrockagent_knowledge_base": ["aws_bedrockagent_knowledge_base.kb"]},
}

storage(type, fields) := {"storage_configuration": [object.union({"type": type}, fields)]}

mongo(service) := storage("MONGO_DB_ATLAS", {"mongo_db_atlas_configuration": [{
	"collection_name": "chunks",
	"database_name": "kb",
	"endpoint": "cluster0.abcde.mongodb.net",
	"endpoint_service_name": service,
	"credentials_secret_arn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kb/mongo-AbCdEf",
	"vector_index_name": "vector_index",
}]})

test_pinecone_and_redis_fail if {
	every type in ["PINECONE", "REDIS_ENTERPRISE_CLOUD"] {
		findings := policy.deny with input as view(storage(type, {}), [])
		count(findings) == 1
		[f.attribute | some f in findings] == ["storage_configuration.0.type"]
	}
}

test_aws_stores_pass if {
	every type in ["OPENSEARCH_SERVERLESS", "OPENSEARCH_MANAGED_CLUSTER", "RDS", "NEPTUNE_ANALYTICS", "S3_VECTORS"] {
		count(policy.deny) == 0 with input as view(storage(type, {}), [])
	}
}

test_mongo_without_private_link_fails if {
	findings := policy.deny with input as view(mongo(null), [])
	count(findings) == 1
	count(policy.deny) == 1 with input as view(storage("MONGO_DB_ATLAS", {}), [])
	some f in findings
	f.attribute == "storage_configuration.0.mongo_db_atlas_configuration"
}

test_mongo_with_private_link_passes if {
	count(policy.deny) == 0 with input as view(mongo("com.amazonaws.vpce.eu-west-1.vpce-svc-0a1b2c3d4e5f60718"), [])
}

test_without_storage_configuration_passes if {
	count(policy.deny) == 0 with input as view({"storage_configuration": []}, [])
	count(policy.deny) == 0 with input as view({}, [])
}

test_unresolved_values_do_not_fail if {
	count(policy.deny) == 0 with input as view({"storage_configuration": [{}]}, ["storage_configuration.0.type"])
	count(policy.deny) == 0 with input as view(mongo(null), ["storage_configuration.0.mongo_db_atlas_configuration.0.endpoint_service_name"])
}
