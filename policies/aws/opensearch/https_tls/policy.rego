# METADATA
# title: OpenSearch domains require HTTPS with TLS 1.2 or later
# description: >-
#   Queries to a vector-store domain carry user prompts and return the passages fed to the
#   model; they must not cross the network in clear text or over broken TLS versions. A
#   domain fails when domain_endpoint_options sets enforce_https = false (the provider's
#   default is true, so an absent value passes), and when its tls_security_policy is not a
#   Policy-Min-TLS-1-2-* policy. An absent tls_security_policy fails: the provider leaves it
#   to AWS, whose historical default (Policy-Min-TLS-1-0-2019-07) accepts TLS 1.0. Unknown
#   values are not judged.
# custom:
#   id: AIP-AWS-OS-003
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, deployment/infrastructure]
#   resource_types: [aws_opensearch_domain]
#   remediation: >-
#     Set domain_endpoint_options { enforce_https = true, tls_security_policy =
#     "Policy-Min-TLS-1-2-PFS-2023-10" }.
package aipolicy.aws.opensearch.https_tls

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_opensearch_domain")
	some options in _options(r)
	options.enforce_https == false
	data.aipolicy.lib.blocks.known_pattern(r, "domain_endpoint_options.*.enforce_https")
	finding := data.aipolicy.lib.resources.finding(
		r, "domain_endpoint_options.0.enforce_https",
		"domain accepts plain HTTP",
	)
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_opensearch_domain")
	not _tls12(r)
	data.aipolicy.lib.blocks.known_pattern(r, "domain_endpoint_options.*.tls_security_policy")
	finding := data.aipolicy.lib.resources.finding(
		r, "domain_endpoint_options.0.tls_security_policy",
		"domain does not require TLS 1.2 or later",
	)
}

_options(r) := data.aipolicy.lib.blocks.elements(object.get(r.attributes, "domain_endpoint_options", null))

_tls12(r) if {
	some options in _options(r)
	policy := object.get(options, "tls_security_policy", null)
	is_string(policy)
	startswith(policy, "Policy-Min-TLS-1-2")
}
