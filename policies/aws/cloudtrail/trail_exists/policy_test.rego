package aipolicy.aws.cloudtrail.trail_exists_test

import rego.v1

import data.aipolicy.aws.cloudtrail.trail_exists as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

endpoint := {
	"id": "aws_sagemaker_endpoint.chat",
	"type": "aws_sagemaker_endpoint",
	"attributes": {"name": "chat"},
	"unresolved": [],
}

agent := {
	"id": "aws_bedrockagent_agent.support",
	"type": "aws_bedrockagent_agent",
	"attributes": {"agent_name": "support"},
	"unresolved": [],
}

trail := {
	"id": "aws_cloudtrail.main",
	"type": "aws_cloudtrail",
	"attributes": {"name": "main"},
	"unresolved": ["s3_bucket_name"],
}

bucket := {"id": "aws_s3_bucket.models", "type": "aws_s3_bucket", "attributes": {}, "unresolved": []}

test_ai_resources_without_trail_fail if {
	policy.deny == {
		{
			"resource": "aws_sagemaker_endpoint.chat",
			"attribute": "cloudtrail",
			"message": "AI resources are managed but this configuration defines no CloudTrail trail",
		},
		{
			"resource": "aws_bedrockagent_agent.support",
			"attribute": "cloudtrail",
			"message": "AI resources are managed but this configuration defines no CloudTrail trail",
		},
	} with input as mkview([endpoint, agent])
}

test_trail_present_passes if {
	count(policy.deny) == 0 with input as mkview([endpoint, agent, trail])
}

test_no_ai_resources_no_finding if {
	count(policy.deny) == 0 with input as mkview([bucket])
}
