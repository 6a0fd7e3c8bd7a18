package aipolicy.aws.bedrock.agent_kms_encryption_test

import rego.v1

import data.aipolicy.aws.bedrock.agent_kms_encryption as policy

view(attributes, unresolved) := {
	"resources": {"aws_bedrockagent_agent.a": {
		"id": "aws_bedrockagent_agent.a",
		"type": "aws_bedrockagent_agent",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_bedrockagent_agent": ["aws_bedrockagent_agent.a"]},
}

test_absent_fails if {
	count(policy.deny) == 1 with input as view({"agent_name": "support"}, [])
	count(policy.deny) == 1 with input as view({"customer_encryption_key_arn": null}, [])
	count(policy.deny) == 1 with input as view({"customer_encryption_key_arn": ""}, [])
}

test_key_passes if {
	count(policy.deny) == 0 with input as view({"customer_encryption_key_arn": "arn:aws:kms:eu-west-1:111122223333:key/6f1c2a9e-4b1d-4c55-9a43-1f2e3d4c5b6a"}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view({}, ["customer_encryption_key_arn"])
}
