package aipolicy.aws.sagemaker.model_documentation_test

import rego.v1

import data.aipolicy.aws.sagemaker.model_documentation as policy

view(type, attributes, unresolved) := {
	"resources": {"r": {
		"id": "r",
		"type": type,
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {type: ["r"]},
}

group := "aws_sagemaker_model_package_group"

model := "aws_sagemaker_model"

test_group_without_description_fails if {
	findings := policy.deny with input as view(group, {"model_package_group_name": "llm", "tags": {}, "tags_all": {}}, [])
	count(findings) == 1
	count(policy.deny) == 1 with input as view(group, {"model_package_group_description": "  "}, [])
	some f in findings
	f.attribute == "model_package_group_description"
}

test_group_with_description_passes if {
	count(policy.deny) == 0 with input as view(
		group,
		{"model_package_group_description": "Support assistant LLM; see model card llm-support"},
		[],
	)
}

test_group_with_doc_tag_passes if {
	count(policy.deny) == 0 with input as view(
		group,
		{"tags": {"documentation": "https://wiki.acme.example/models/llm"}},
		[],
	)
}

test_group_unresolved_description_does_not_fail if {
	count(policy.deny) == 0 with input as view(group, {}, ["model_package_group_description"])
	count(policy.deny) == 0 with input as view(group, {}, ["tags"])
}

test_model_without_doc_fails if {
	findings := policy.deny with input as view(
		model,
		{"primary_container": [{"image": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/llm:1"}], "tags": {"team": "ml"}},
		[],
	)
	count(findings) == 1
	count(policy.deny) == 1 with input as view(model, {}, [])
	some f in findings
	f.attribute == "tags"
}

test_model_doc_tag_spellings_pass if {
	every key in ["model-card", "model_card", "ModelCard", "Documentation", "docs"] {
		count(policy.deny) == 0 with input as view(model, {"tags_all": {key: "llm-support-v3"}}, [])
	}
}

test_model_from_model_package_passes if {
	package_arn := "arn:aws:sagemaker:eu-west-1:111122223333:model-package/llm/3"
	count(policy.deny) == 0 with input as view(model, {"primary_container": [{"model_package_name": package_arn}]}, [])
	count(policy.deny) == 0 with input as view(
		model,
		{"container": [{"image": "x"}, {"model_package_name": package_arn}]},
		[],
	)
}

test_model_unresolved_values_do_not_fail if {
	count(policy.deny) == 0 with input as view(
		model,
		{"primary_container": [{}]},
		["primary_container.0.model_package_name"],
	)
	count(policy.deny) == 0 with input as view(model, {}, ["tags_all"])
}
