# METADATA
# title: SageMaker notebook instances run on a supported platform
# description: >-
#   platform_identifier selects the notebook's operating system and JupyterLab version.
#   Amazon Linux 1 (notebook-al1-v1) reached end of life on notebook instances on
#   2024-03-31; Amazon Linux 2 (notebook-al2-v1, -v2 and -v3) reached end of support on
#   2026-06-30, after which AL2 notebooks receive no security updates and cannot be
#   restarted. end_of_life_platforms lists the identifiers past end of support when the
#   policy was last reviewed (2026-11-26); any other identifier, including one published
#   after the review, passes. An absent platform_identifier lets SageMaker choose its
#   default, which has been notebook-al2023-v1 since 2026-05-15, so it passes.
# custom:
#   id: AIP-AWS-SM-010
#   severity: HIGH
#   category: updates
#   guidelines: [operation/secure-updates, development/technical-debt]
#   resource_types: [aws_sagemaker_notebook_instance]
#   remediation: >-
#     Set platform_identifier = "notebook-al2023-v1" (the notebook instance is replaced;
#     keep data in S3 or migrate the volume first) and update lifecycle scripts from yum to
#     dnf.
package aipolicy.aws.sagemaker.notebook_platform_supported

import rego.v1

# Platform identifiers past end of support, as of 2026-11-26.
end_of_life_platforms := {"notebook-al1-v1", "notebook-al2-v1", "notebook-al2-v2", "notebook-al2-v3"}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_notebook_instance")
	object.get(r.attributes, "platform_identifier", null) in end_of_life_platforms
	data.aipolicy.lib.resources.known(r, "platform_identifier")
	finding := data.aipolicy.lib.resources.finding(
		r, "platform_identifier",
		"notebook instance runs on a platform that no longer receives security updates",
	)
}
