package aipolicy.aws.bedrock.threat_model_tag_test

import rego.v1

import data.aipolicy.aws.bedrock.threat_model_tag as policy

view(type, attributes, unresolved) := {
	"resources": {"r": {
		"id": "r",
		"type": type,
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {type: ["r"]},
}

types := ["aws_bedrockagent_agent", "aws_bedrockagent_knowledge_base", "aws_bedrock_custom_model"]

test_untagged_ai_resources_fail if {
	every type in types {
		count(policy.deny) == 1 with input as view(type, {"tags": {"team": "ml"}, "tags_all": {"team": "ml"}}, [])
	}
	count(policy.deny) == 1 with input as view("aws_bedrockagent_agent", {}, [])
}

test_empty_value_fails if {
	count(policy.deny) == 1 with input as view("aws_bedrockagent_agent", {"tags": {"threat_model": ""}}, [])
}

test_tag_passes if {
	count(policy.deny) == 0 with input as view(
		"aws_bedrockagent_agent",
		{"tags": {"threat-model": "https://wiki.acme.example/tm/support-agent"}},
		[],
	)
	count(policy.deny) == 0 with input as view("aws_bedrock_custom_model", {"tags_all": {"ThreatModel": "TM-7"}}, [])
}

test_unresolved_tags_do_not_fail if {
	count(policy.deny) == 0 with input as view("aws_bedrockagent_agent", {}, ["tags"])
	count(policy.deny) == 0 with input as view("aws_bedrockagent_agent", {"tags": {}}, ["tags_all"])
}

test_other_types_are_ignored if {
	count(policy.deny) == 0 with input as view("aws_bedrock_guardrail", {}, [])
}
