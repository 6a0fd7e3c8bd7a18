# METADATA
# title: Public OpenSearch domains do not let everyone in
# description: >-
#   A domain access policy that allows Principal "*" (or {"AWS": "*"}, or allows with
#   NotPrincipal) without a condition restricting the caller, on a domain with a public
#   endpoint (no vpc_options subnets) and without fine-grained access control, lets anyone
#   on the internet read, overwrite or delete the vector indices behind a RAG application.
#   Inside a VPC, or with fine-grained access control authenticating every request, an
#   open access policy is AWS's recommended set-up and passes. A condition restricts unless
#   it only tests aws:SecureTransport or an aws:SourceIp range open to the whole internet
#   (see data.aipolicy.lib.net). Judged: access_policies of aws_opensearch_domain and of
#   aws_opensearch_domain_policy (joined to its domain through a reference in domain_name,
#   or by equal domain_name). Unknown policies, VPC settings or security options are not
#   judged.
# custom:
#   id: AIP-AWS-OS-006
#   severity: HIGH
#   category: access-control
#   guidelines: [deployment/infrastructure, development/assets]
#   resource_types: [aws_opensearch_domain, aws_opensearch_domain_policy]
#   remediation: >-
#     Name the roles that use the domain in the access policy, or move the domain into a
#     VPC, or enable fine-grained access control (advanced_security_options) so that every
#     request is authenticated.
package aipolicy.aws.opensearch.access_policy_public

import rego.v1

message := "access policy lets everyone into a public domain without fine-grained access control"

deny contains finding if {
	some domain in data.aipolicy.lib.resources.of_type(input, "aws_opensearch_domain")
	_public_policy(domain)
	_exposed(domain)
	finding := data.aipolicy.lib.resources.finding(domain, "access_policies", message)
}

deny contains finding if {
	some policy in data.aipolicy.lib.resources.of_type(input, "aws_opensearch_domain_policy")
	_public_policy(policy)
	some domain in _domains_of(policy)
	_exposed(domain)
	finding := data.aipolicy.lib.resources.finding(policy, "access_policies", message)
}

_public_policy(r) if {
	data.aipolicy.lib.resources.known(r, "access_policies")
	doc := data.aipolicy.lib.iam.document(object.get(r.attributes, "access_policies", null))
	data.aipolicy.lib.principals.is_public(doc)
}

_domains_of(policy) := domains if {
	refs := data.aipolicy.lib.resources.references_of(policy, "domain_name")
	count(refs) > 0
	domains := [domain |
		some domain in data.aipolicy.lib.resources.of_type(input, "aws_opensearch_domain")
		domain.id in refs
	]
}

# Without a reference, the policy names its domain by a literal domain_name.
_domains_of(policy) := domains if {
	count(data.aipolicy.lib.resources.references_of(policy, "domain_name")) == 0
	name := object.get(policy.attributes, "domain_name", null)
	is_string(name)
	domains := [domain |
		some domain in data.aipolicy.lib.resources.of_type(input, "aws_opensearch_domain")
		domain.attributes.domain_name == name
	]
}

# _exposed holds when a domain is known to have a public endpoint and no fine-grained access control.
_exposed(domain) if {
	data.aipolicy.lib.blocks.known_pattern(domain, "vpc_options.*.subnet_ids")
	not _in_vpc(domain)
	data.aipolicy.lib.blocks.known_pattern(domain, "advanced_security_options.*.enabled")
	not _fine_grained(domain)
}

_in_vpc(domain) if {
	some options in data.aipolicy.lib.blocks.elements(object.get(domain.attributes, "vpc_options", null))
	subnets := object.get(options, "subnet_ids", [])
	is_array(subnets)
	count(subnets) > 0
}

_fine_grained(domain) if {
	some options in data.aipolicy.lib.blocks.elements(object.get(domain.attributes, "advanced_security_options", null))
	options.enabled == true
}
