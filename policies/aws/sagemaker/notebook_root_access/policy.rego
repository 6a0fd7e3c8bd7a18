# METADATA
# title: SageMaker notebook instances do not grant root access
# description: >-
#   A notebook with root access lets any user of it change the instance, install
#   software and read every credential on it. The provider's default is "Enabled",
#   so an absent root_access fails.
# custom:
#   id: AIP-AWS-SM-002
#   severity: HIGH
#   category: access-control
#   guidelines: [deployment/infrastructure, design/secure-by-design]
#   resource_types: [aws_sagemaker_notebook_instance]
#   remediation: Set root_access = "Disabled" on the notebook instance.
package aipolicy.aws.sagemaker.notebook_root_access

import rego.v1

# Library functions are called by their full path: regorus 0.9 does not resolve function
# calls through package imports (microsoft/regorus#747).
deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_notebook_instance")
	object.get(r.attributes, "root_access", "Enabled") != "Disabled"
	data.aipolicy.lib.resources.known(r, "root_access")
	finding := data.aipolicy.lib.resources.finding(r, "root_access", "notebook instance grants root access to its users")
}
