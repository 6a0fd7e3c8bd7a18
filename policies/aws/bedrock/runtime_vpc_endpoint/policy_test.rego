package aipolicy.aws.bedrock.runtime_vpc_endpoint_test

import rego.v1

import data.aipolicy.aws.bedrock.runtime_vpc_endpoint as policy

agent := {
	"id": "aws_bedrockagent_agent.a",
	"type": "aws_bedrockagent_agent",
	"attributes": {"agent_name": "support"},
	"unresolved": [],
}

endpoint(id, attributes, unresolved) := {
	"id": id,
	"type": "aws_vpc_endpoint",
	"attributes": attributes,
	"unresolved": unresolved,
}

runtime(private_dns) := endpoint(
	"aws_vpc_endpoint.bedrock_runtime",
	{
		"service_name": "com.amazonaws.eu-west-1.bedrock-runtime",
		"vpc_endpoint_type": "Interface",
		"private_dns_enabled": private_dns,
	},
	[],
)

s3 := endpoint(
	"aws_vpc_endpoint.s3",
	{"service_name": "com.amazonaws.eu-west-1.s3", "vpc_endpoint_type": "Gateway"},
	[],
)

view(resources) := {
	"resources": {r.id: r | some r in resources},
	"by_type": {r2.type: [r.id | some r in resources; r.type == r2.type] | some r2 in resources},
}

test_bedrock_without_endpoint_fails if {
	findings := policy.deny with input as view([agent, s3])
	count(findings) == 1
	some f in findings
	f.resource == "aws_bedrockagent_agent.a"
	f.attribute == "vpc_endpoint"
}

test_every_bedrock_type_is_reported if {
	every type in policy.bedrock_types {
		resource := {"id": "r", "type": type, "attributes": {}, "unresolved": []}
		count(policy.deny) == 1 with input as view([resource])
	}
}

test_private_runtime_endpoint_passes if {
	count(policy.deny) == 0 with input as view([agent, s3, runtime(true)])
}

test_fips_endpoint_passes if {
	fips := endpoint(
		"aws_vpc_endpoint.fips",
		{"service_name": "com.amazonaws.us-east-1.bedrock-runtime-fips", "private_dns_enabled": true},
		[],
	)
	count(policy.deny) == 0 with input as view([agent, fips])
}

test_agent_runtime_endpoint_alone_fails if {
	agent_runtime := endpoint(
		"aws_vpc_endpoint.agent_runtime",
		{"service_name": "com.amazonaws.eu-west-1.bedrock-agent-runtime", "private_dns_enabled": true},
		[],
	)
	count(policy.deny) == 1 with input as view([agent, agent_runtime])
}

test_runtime_endpoint_without_private_dns_fails if {
	findings := policy.deny with input as view([agent, runtime(false)])
	count(findings) == 1
	some f in findings
	f.resource == "aws_vpc_endpoint.bedrock_runtime"
	f.attribute == "private_dns_enabled"
}

test_absent_private_dns_fails_because_default_is_false if {
	count(policy.deny) == 1 with input as view([runtime(null)])
	bare := endpoint("aws_vpc_endpoint.bedrock_runtime", {"service_name": "com.amazonaws.eu-west-1.bedrock-runtime"}, [])
	count(policy.deny) == 1 with input as view([bare])
}

test_unresolved_private_dns_does_not_fail if {
	unknown := endpoint(
		"aws_vpc_endpoint.bedrock_runtime",
		{"service_name": "com.amazonaws.eu-west-1.bedrock-runtime"},
		["private_dns_enabled"],
	)
	count(policy.deny) == 0 with input as view([agent, unknown])
}

test_unresolved_service_name_does_not_fail if {
	unknown := endpoint("aws_vpc_endpoint.any", {"vpc_endpoint_type": "Interface"}, ["service_name"])
	count(policy.deny) == 0 with input as view([agent, unknown])
}

test_no_bedrock_no_finding if {
	count(policy.deny) == 0 with input as view([s3])
}
