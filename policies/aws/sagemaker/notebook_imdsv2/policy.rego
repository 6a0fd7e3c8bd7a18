# METADATA
# title: SageMaker notebook instances require IMDSv2
# description: >-
#   With IMDSv1 allowed, any code in the notebook that can be made to fetch a URL (a
#   server-side request forgery in a library, a malicious notebook) can read the
#   credentials of the notebook's execution role from the instance metadata service.
#   IMDSv2 requires a session token that such requests cannot obtain. When no minimum
#   version is given, SageMaker allows IMDSv1, so an absent
#   instance_metadata_service_configuration or minimum_instance_metadata_service_version
#   fails; only "2" passes.
# custom:
#   id: AIP-AWS-SM-009
#   severity: MEDIUM
#   category: access-control
#   guidelines: [deployment/infrastructure, design/secure-by-design]
#   resource_types: [aws_sagemaker_notebook_instance]
#   remediation: >-
#     Add instance_metadata_service_configuration { minimum_instance_metadata_service_version
#     = "2" } to the notebook instance.
package aipolicy.aws.sagemaker.notebook_imdsv2

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_notebook_instance")
	not _requires_v2(r)
	data.aipolicy.lib.resources.known(r, "instance_metadata_service_configuration")
	finding := data.aipolicy.lib.resources.finding(
		r, "instance_metadata_service_configuration",
		"notebook instance allows IMDSv1 on its instance metadata service",
	)
}

_requires_v2(r) if {
	blocks := object.get(r.attributes, "instance_metadata_service_configuration", null)
	some block in data.aipolicy.lib.blocks.elements(blocks)
	object.get(block, "minimum_instance_metadata_service_version", null) in {"2", 2}
}
