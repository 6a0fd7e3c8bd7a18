# METADATA
# title: SageMaker model images are pinned by digest or come from the account's own ECR
# description: >-
#   The inference image decides what code serves the model. An image referenced by a tag
#   from a public or third-party registry can be replaced by whoever controls that tag. An
#   image passes when it is pinned by digest (@sha256:...) or when it comes from a private
#   Amazon ECR registry of the model's own account (taken from execution_role_arn); images
#   from public registries, from a private registry reached through the VPC, or from
#   another account's ECR (including AWS-provided framework images) must be pinned by
#   digest. When the model's account cannot be told (execution_role_arn unresolved at plan
#   time), an ECR image is not judged. Containers given by model_package_name without an
#   image are not judged.
# custom:
#   id: AIP-AWS-SM-015
#   severity: MEDIUM
#   category: supply-chain
#   guidelines: [development/supply-chain]
#   resource_types: [aws_sagemaker_model]
#   remediation: >-
#     Reference the image by digest (repository@sha256:<digest>), or copy it into an ECR
#     repository of this account with immutable tags and scanning on push and reference it
#     from there.
package aipolicy.aws.sagemaker.model_image_provenance

import rego.v1

container_blocks := ["primary_container", "container"]

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_model")
	some block in container_blocks
	some i, container in data.aipolicy.lib.blocks.elements(object.get(r.attributes, block, null))
	path := sprintf("%s.%d.image", [block, i])
	image := object.get(container, "image", null)
	is_string(image)
	image != ""
	not data.aipolicy.lib.images.pinned_by_digest(image)
	data.aipolicy.lib.resources.known(r, path)
	message := _problem(r, image)
	finding := data.aipolicy.lib.resources.finding(r, path, message)
}

# A private ECR image: judged only when the model's account is known.
_problem(r, image) := "model image comes from another account's ECR registry and is not pinned by digest" if {
	registry_account := data.aipolicy.lib.images.ecr_account(image)
	registry_account != _model_account(r)
}

_problem(_, image) := "model image comes from outside Amazon ECR and is not pinned by digest" if {
	not data.aipolicy.lib.images.from_private_ecr(image)
}

_model_account(r) := account if {
	data.aipolicy.lib.resources.known(r, "execution_role_arn")
	account := data.aipolicy.lib.images.arn_account(object.get(r.attributes, "execution_role_arn", null))
}
