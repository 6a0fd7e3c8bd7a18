# METADATA
# title: SageMaker models and model package groups point to their documentation
# description: >-
#   The guidelines ask for documentation of models (data, intended use, limitations, known
#   risks), for example a model card. A model package group passes when
#   model_package_group_description is set or when it carries a documentation tag; a model
#   passes when one of its containers is created from a registered model package
#   (model_package_name, documented in the registry) or when it carries a documentation
#   tag. Documentation tags are "documentation", "docs", "model-card", "model_card" or
#   "ModelCard" (keys compared case-insensitively) with a non-empty value, looked up in
#   tags_all and tags. Values unresolved at plan time are not judged.
# custom:
#   id: AIP-AWS-SM-027
#   severity: LOW
#   category: supply-chain
#   guidelines: [development/documentation]
#   resource_types: [aws_sagemaker_model, aws_sagemaker_model_package_group]
#   remediation: >-
#     Give model package groups a model_package_group_description, register models in a
#     model package group (with a SageMaker model card), or tag the model with
#     model-card = <model card name or documentation URL>.
package aipolicy.aws.sagemaker.model_documentation

import rego.v1

doc_tag_keys := {"documentation", "docs", "model-card", "model_card", "modelcard"}

container_blocks := ["primary_container", "container"]

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_model_package_group")
	_tags_known(r)
	not _non_empty(object.get(r.attributes, "model_package_group_description", null))
	not _doc_tagged(r)
	data.aipolicy.lib.resources.known(r, "model_package_group_description")
	finding := data.aipolicy.lib.resources.finding(
		r, "model_package_group_description",
		"model package group has neither a description nor a documentation tag",
	)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_model")
	_tags_known(r)
	every block in container_blocks {
		data.aipolicy.lib.blocks.known_pattern(r, concat(".", [block, "*", "model_package_name"]))
	}
	not _from_model_package(r)
	not _doc_tagged(r)
	finding := data.aipolicy.lib.resources.finding(
		r, "tags",
		"model is neither registered as a model package nor tagged with its documentation",
	)
}

_tags_known(r) if {
	data.aipolicy.lib.resources.known(r, "tags")
	data.aipolicy.lib.resources.known(r, "tags_all")
}

_from_model_package(r) if {
	some block in container_blocks
	some container in data.aipolicy.lib.blocks.elements(object.get(r.attributes, block, null))
	_non_empty(object.get(container, "model_package_name", null))
}

_doc_tagged(r) if {
	some attribute in ["tags_all", "tags"]
	tags := object.get(r.attributes, attribute, null)
	is_object(tags)
	some key, value in tags
	lower(key) in doc_tag_keys
	_non_empty(value)
}

_non_empty(value) if {
	is_string(value)
	trim_space(value) != ""
}
