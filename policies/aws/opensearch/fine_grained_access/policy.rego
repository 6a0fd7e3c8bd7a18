# METADATA
# title: OpenSearch domains use fine-grained access control without anonymous access
# description: >-
#   Fine-grained access control authenticates every request to a vector-store domain and
#   limits users and roles to the indices (and documents and fields) they need; without it,
#   anyone the domain access policy lets in reads and overwrites every index, and can poison
#   the retrieval corpus. A domain fails when advanced_security_options is absent or its
#   enabled is not true (the provider's default when the block is absent is false), and when
#   anonymous_auth_enabled is true. Unknown values are not judged.
# custom:
#   id: AIP-AWS-OS-004
#   severity: MEDIUM
#   category: access-control
#   guidelines: [deployment/infrastructure, design/secure-by-design]
#   resource_types: [aws_opensearch_domain]
#   remediation: >-
#     Add advanced_security_options { enabled = true, anonymous_auth_enabled = false,
#     master_user_options { master_user_arn = <admin role ARN> } } and map backend roles to
#     index-scoped OpenSearch roles.
package aipolicy.aws.opensearch.fine_grained_access

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_opensearch_domain")
	not _enabled(r)
	data.aipolicy.lib.blocks.known_pattern(r, "advanced_security_options.*.enabled")
	finding := data.aipolicy.lib.resources.finding(
		r, "advanced_security_options.0.enabled",
		"domain does not use fine-grained access control",
	)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_opensearch_domain")
	some options in _options(r)
	options.anonymous_auth_enabled == true
	finding := data.aipolicy.lib.resources.finding(
		r, "advanced_security_options.0.anonymous_auth_enabled",
		"domain allows anonymous access",
	)
}

_options(r) := data.aipolicy.lib.blocks.elements(object.get(r.attributes, "advanced_security_options", null))

_enabled(r) if {
	some options in _options(r)
	options.enabled == true
}
