package aipolicy.lib.workloads_test

import rego.v1

import data.aipolicy.lib.workloads

view := {
	"resources": {
		"aws_sagemaker_endpoint.chat": {
			"id": "aws_sagemaker_endpoint.chat",
			"type": "aws_sagemaker_endpoint",
			"attributes": {},
		},
		"aws_bedrockagent_agent.support": {
			"id": "aws_bedrockagent_agent.support",
			"type": "aws_bedrockagent_agent",
			"attributes": {},
		},
		"aws_s3_bucket.logs": {"id": "aws_s3_bucket.logs", "type": "aws_s3_bucket", "attributes": {}},
	},
	"by_type": {
		"aws_sagemaker_endpoint": ["aws_sagemaker_endpoint.chat"],
		"aws_bedrockagent_agent": ["aws_bedrockagent_agent.support"],
		"aws_s3_bucket": ["aws_s3_bucket.logs"],
	},
}

test_ai_resources_selects_ai_types_only if {
	ids := {r.id | some r in workloads.ai_resources(view)}
	ids == {"aws_sagemaker_endpoint.chat", "aws_bedrockagent_agent.support"}
}

test_ai_resources_empty_view if {
	workloads.ai_resources({"resources": {}, "by_type": {}}) == []
	workloads.ai_resources({}) == []
}
