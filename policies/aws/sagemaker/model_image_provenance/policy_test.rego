package aipolicy.aws.sagemaker.model_image_provenance_test

import rego.v1

import data.aipolicy.aws.sagemaker.model_image_provenance as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_model.llm": {
		"id": "aws_sagemaker_model.llm",
		"type": "aws_sagemaker_model",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_model": ["aws_sagemaker_model.llm"]},
}

role := "arn:aws:iam::111122223333:role/sagemaker-execution"

digest := "@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

own_ecr := "111122223333.dkr.ecr.eu-west-1.amazonaws.com/llm-serving:1.4"

aws_dlc := "763104351884.dkr.ecr.eu-west-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4-tgi2.3-gpu-py311-cu124-ubuntu22.04"

public := "ghcr.io/huggingface/text-generation-inference:2.3"

model(image) := {"execution_role_arn": role, "primary_container": [{"image": image}]}

test_public_tag_fails if {
	findings := policy.deny with input as view(model(public), [])
	count(findings) == 1
	some f in findings
	f.attribute == "primary_container.0.image"
}

test_public_digest_passes if {
	count(policy.deny) == 0 with input as view(
		model(concat("", ["ghcr.io/huggingface/text-generation-inference", digest])),
		[],
	)
}

test_own_ecr_tag_passes if {
	count(policy.deny) == 0 with input as view(model(own_ecr), [])
}

test_other_account_ecr_tag_fails if {
	count(policy.deny) == 1 with input as view(model(aws_dlc), [])
}

test_other_account_ecr_digest_passes if {
	count(policy.deny) == 0 with input as view(model(concat("", ["763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference", digest])), [])
}

test_ecr_not_judged_when_account_unresolved if {
	count(policy.deny) == 0 with input as view({"primary_container": [{"image": aws_dlc}]}, ["execution_role_arn"])
}

test_public_fails_even_when_account_unresolved if {
	count(policy.deny) == 1 with input as view({"primary_container": [{"image": public}]}, ["execution_role_arn"])
}

test_pipeline_containers_are_judged if {
	findings := policy.deny with input as view(
		{"execution_role_arn": role, "container": [{"image": own_ecr}, {"image": "docker.io/acme/postprocess:latest"}]},
		[],
	)
	count(findings) == 1
	some f in findings
	f.attribute == "container.1.image"
}

test_unresolved_image_does_not_fail if {
	count(policy.deny) == 0 with input as view(
		{"execution_role_arn": role, "primary_container": [{}]},
		["primary_container.0.image"],
	)
}

test_absent_image_is_not_judged if {
	count(policy.deny) == 0 with input as view({"execution_role_arn": role, "primary_container": [{"model_package_name": "arn:aws:sagemaker:eu-west-1:111122223333:model-package/llm/3"}]}, [])
	count(policy.deny) == 0 with input as view({"execution_role_arn": role}, [])
}
