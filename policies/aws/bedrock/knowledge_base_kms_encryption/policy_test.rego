package aipolicy.aws.bedrock.knowledge_base_kms_encryption_test

import rego.v1

import data.aipolicy.aws.bedrock.knowledge_base_kms_encryption as policy

view(attributes, unresolved) := {
	"resources": {"aws_bedrockagent_knowledge_base.kb": {
		"id": "aws_bedrockagent_knowledge_base.kb",
		"type": "aws_bedrockagent_knowledge_base",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_bedrockagent_knowledge_base": ["aws_bedrockagent_knowledge_base.kb"]},
}

key := "arn:aws:kms:eu-west-1:111122223333:key/6f1c2a9e-4b1d-4c55-9a43-1f2e3d4c5b6a"

managed(encryption) := {"knowledge_base_configuration": [{
	"type": "MANAGED",
	"managed_knowledge_base_configuration": [{
		"embedding_model_type": "MANAGED",
		"server_side_encryption_configuration": encryption,
	}],
}]}

test_managed_without_key_fails if {
	findings := policy.deny with input as view(managed([]), [])
	count(findings) == 1
	count(policy.deny) == 1 with input as view(managed([{"kms_key_arn": null}]), [])
	count(policy.deny) == 1 with input as view({"knowledge_base_configuration": [{"type": "MANAGED"}]}, [])
	some f in findings
	f.attribute == "knowledge_base_configuration.0.managed_knowledge_base_configuration"
}

test_managed_with_key_passes if {
	count(policy.deny) == 0 with input as view(managed([{"kms_key_arn": key}]), [])
}

test_vector_knowledge_base_is_not_judged if {
	vector := {"knowledge_base_configuration": [{"type": "VECTOR", "vector_knowledge_base_configuration": [{"embedding_model_arn": "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0"}]}]}
	count(policy.deny) == 0 with input as view(vector, [])
	count(policy.deny) == 0 with input as view({}, [])
}

test_unresolved_values_do_not_fail if {
	count(policy.deny) == 0 with input as view(managed([{}]), ["knowledge_base_configuration.0.managed_knowledge_base_configuration.0.server_side_encryption_configuration.0.kms_key_arn"])
	count(policy.deny) == 0 with input as view(
		{"knowledge_base_configuration": [{}]},
		["knowledge_base_configuration.0.type"],
	)
}
