# METADATA
# title: SageMaker models run their containers with network isolation
# description: >-
#   With enable_network_isolation the model's containers can make no inbound or outbound
#   network calls, so a compromised or malicious model server cannot exfiltrate weights,
#   prompts or responses, nor fetch code at run time. The provider sends an absent
#   enable_network_isolation as false, so absent fails.
# custom:
#   id: AIP-AWS-SM-013
#   severity: MEDIUM
#   category: network
#   guidelines: [deployment/infrastructure, deployment/model-protection, design/secure-by-design]
#   resource_types: [aws_sagemaker_model]
#   remediation: >-
#     Set enable_network_isolation = true and package everything the container needs (model
#     artefacts in model_data_url, dependencies in the image) so that it needs no network.
package aipolicy.aws.sagemaker.model_network_isolation

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_model")
	object.get(r.attributes, "enable_network_isolation", false) != true
	data.aipolicy.lib.resources.known(r, "enable_network_isolation")
	finding := data.aipolicy.lib.resources.finding(
		r, "enable_network_isolation",
		"model containers are not network-isolated",
	)
}
