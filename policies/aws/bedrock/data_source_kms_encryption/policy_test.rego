package aipolicy.aws.bedrock.data_source_kms_encryption_test

import rego.v1

import data.aipolicy.aws.bedrock.data_source_kms_encryption as policy

view(attributes, unresolved) := {
	"resources": {"aws_bedrockagent_data_source.docs": {
		"id": "aws_bedrockagent_data_source.docs",
		"type": "aws_bedrockagent_data_source",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_bedrockagent_data_source": ["aws_bedrockagent_data_source.docs"]},
}

test_absent_fails if {
	findings := policy.deny with input as view({"name": "docs"}, [])
	count(findings) == 1
	count(policy.deny) == 1 with input as view({"server_side_encryption_configuration": []}, [])
	count(policy.deny) == 1 with input as view({"server_side_encryption_configuration": [{"kms_key_arn": null}]}, [])
	some f in findings
	f.attribute == "server_side_encryption_configuration"
}

test_key_passes if {
	count(policy.deny) == 0 with input as view({"server_side_encryption_configuration": [{"kms_key_arn": "arn:aws:kms:eu-west-1:111122223333:key/6f1c2a9e-4b1d-4c55-9a43-1f2e3d4c5b6a"}]}, [])
}

test_unresolved_does_not_fail if {
	count(policy.deny) == 0 with input as view(
		{"server_side_encryption_configuration": [{}]},
		["server_side_encryption_configuration.0.kms_key_arn"],
	)
	count(policy.deny) == 0 with input as view({}, ["server_side_encryption_configuration"])
}
