package aipolicy.aws.sagemaker.threat_model_tag_test

import rego.v1

import data.aipolicy.aws.sagemaker.threat_model_tag as policy

view(type, attributes, unresolved) := {
	"resources": {"r": {
		"id": "r",
		"type": type,
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {type: ["r"]},
}

types := ["aws_sagemaker_notebook_instance", "aws_sagemaker_domain", "aws_sagemaker_model", "aws_sagemaker_endpoint"]

test_untagged_ai_resources_fail if {
	every type in types {
		count(policy.deny) == 1 with input as view(type, {"tags": {"team": "ml"}, "tags_all": {"team": "ml"}}, [])
	}
}

test_absent_tags_fail if {
	count(policy.deny) == 1 with input as view("aws_sagemaker_model", {}, [])
	count(policy.deny) == 1 with input as view("aws_sagemaker_model", {"tags": null, "tags_all": {}}, [])
}

test_empty_value_fails if {
	count(policy.deny) == 1 with input as view("aws_sagemaker_endpoint", {"tags": {"threat-model": " "}}, [])
}

test_tag_spellings_pass if {
	every key in ["threat-model", "threat_model", "ThreatModel", "Threat-Model"] {
		count(policy.deny) == 0 with input as view(
			"aws_sagemaker_endpoint",
			{"tags": {key: "https://wiki.acme.example/tm/llm"}},
			[],
		)
	}
}

test_default_tags_in_tags_all_pass if {
	count(policy.deny) == 0 with input as view(
		"aws_sagemaker_domain",
		{"tags": null, "tags_all": {"threat-model": "TM-42"}},
		[],
	)
}

test_unresolved_tags_do_not_fail if {
	count(policy.deny) == 0 with input as view("aws_sagemaker_model", {}, ["tags"])
	count(policy.deny) == 0 with input as view("aws_sagemaker_model", {"tags": {"team": "ml"}}, ["tags_all"])
	count(policy.deny) == 0 with input as view("aws_sagemaker_model", {"tags": {"team": "ml"}}, ["tags.threat-model"])
}

test_other_types_are_ignored if {
	count(policy.deny) == 0 with input as view("aws_sagemaker_feature_group", {}, [])
}
