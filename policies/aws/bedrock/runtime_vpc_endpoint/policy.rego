# METADATA
# title: Bedrock is reached through a private bedrock-runtime VPC endpoint
# description: >-
#   Prompts and responses sent to Bedrock travel to its public regional endpoint unless the
#   VPC has an interface endpoint for bedrock-runtime with private DNS, which keeps them on
#   the AWS network and lets an endpoint policy restrict which models may be invoked.
#   Whether workloads call Bedrock is not visible in infrastructure code, so this policy
#   uses the presence of Bedrock resources (agent, knowledge base, custom model, guardrail,
#   provisioned throughput) as the signal. It reports each Bedrock resource when the scanned
#   view contains no aws_vpc_endpoint whose service_name ends in "bedrock-runtime" (or
#   "bedrock-runtime-fips"); nothing is reported while some endpoint's service_name is
#   unresolved. It also reports a bedrock-runtime endpoint whose private_dns_enabled is not
#   true: the provider's default is false, so an absent value fails. A Terraform scan sees
#   only its own configuration: where the VPC endpoints are managed in another stack, waive
#   the finding or scan both together.
# custom:
#   id: AIP-AWS-BR-016
#   severity: MEDIUM
#   category: network
#   guidelines: [deployment/infrastructure, design/secure-by-design]
#   resource_types:
#     - aws_vpc_endpoint
#     - aws_bedrockagent_agent
#     - aws_bedrockagent_knowledge_base
#     - aws_bedrock_custom_model
#     - aws_bedrock_guardrail
#     - aws_bedrock_provisioned_model_throughput
#   remediation: >-
#     Add an aws_vpc_endpoint with service_name = "com.amazonaws.<region>.bedrock-runtime",
#     vpc_endpoint_type = "Interface", private_dns_enabled = true, private subnets and a
#     security group that admits HTTPS from the workloads, and an endpoint policy listing
#     the models they may invoke.
package aipolicy.aws.bedrock.runtime_vpc_endpoint

import rego.v1

bedrock_types := [
	"aws_bedrockagent_agent",
	"aws_bedrockagent_knowledge_base",
	"aws_bedrock_custom_model",
	"aws_bedrock_guardrail",
	"aws_bedrock_provisioned_model_throughput",
]

deny contains finding if {
	not _runtime_endpoint_declared
	not _service_name_unresolved
	some type in bedrock_types
	some r in data.aipolicy.lib.resources.of_type(input, type)
	finding := data.aipolicy.lib.resources.finding(
		r, "vpc_endpoint",
		"Bedrock is used but this configuration has no bedrock-runtime VPC endpoint",
	)
}

deny contains finding if {
	some endpoint in _runtime_endpoints
	object.get(endpoint.attributes, "private_dns_enabled", false) != true
	data.aipolicy.lib.resources.known(endpoint, "private_dns_enabled")
	finding := data.aipolicy.lib.resources.finding(
		endpoint, "private_dns_enabled",
		"bedrock-runtime VPC endpoint has private DNS disabled, so SDK calls keep using the public endpoint",
	)
}

_runtime_endpoints := [endpoint |
	some endpoint in data.aipolicy.lib.resources.of_type(input, "aws_vpc_endpoint")
	data.aipolicy.lib.resources.known(endpoint, "service_name")
	name := object.get(endpoint.attributes, "service_name", null)
	is_string(name)
	_runtime_service(name)
]

_runtime_endpoint_declared if count(_runtime_endpoints) > 0

_service_name_unresolved if {
	some endpoint in data.aipolicy.lib.resources.of_type(input, "aws_vpc_endpoint")
	data.aipolicy.lib.resources.unresolved(endpoint, "service_name")
}

_runtime_service(name) if endswith(name, ".bedrock-runtime")

_runtime_service(name) if endswith(name, ".bedrock-runtime-fips")
