# METADATA
# title: OpenSearch Serverless network policies do not allow public access
# description: >-
#   Vector-search collections of OpenSearch Serverless (the default store of Bedrock
#   knowledge bases) are reachable from the internet when a network security policy rule
#   sets AllowFromPublic = true; data-access policies are then the only protection of the
#   embeddings and documents. An aws_opensearchserverless_security_policy of type "network"
#   fails when some rule of its policy (a JSON list of rules, or a single rule) has
#   AllowFromPublic true. Policies whose type or text is unknown at plan time are not
#   judged.
# custom:
#   id: AIP-AWS-OS-007
#   severity: HIGH
#   category: network
#   guidelines: [deployment/infrastructure, development/assets]
#   resource_types: [aws_opensearchserverless_security_policy]
#   remediation: >-
#     Set "AllowFromPublic": false and list "SourceVPCEs" (an
#     aws_opensearchserverless_vpc_endpoint) or "SourceServices": ["bedrock.amazonaws.com"].
package aipolicy.aws.opensearch.serverless_public_network

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_opensearchserverless_security_policy")
	r.attributes.type == "network"
	some rule in _rules(object.get(r.attributes, "policy", null))
	rule.AllowFromPublic == true
	data.aipolicy.lib.resources.known(r, "type")
	data.aipolicy.lib.resources.known(r, "policy")
	finding := data.aipolicy.lib.resources.finding(
		r, "policy",
		"network policy allows public access to collections",
	)
}

_rules(policy) := rules if {
	is_string(policy)
	json.is_valid(policy)
	doc := json.unmarshal(policy)
	rules := _objects(doc)
}

_objects(doc) := [doc] if is_object(doc)

_objects(doc) := objects if {
	is_array(doc)
	objects := [o | some o in doc; is_object(o)]
}
