# METADATA
# title: ECR repositories scan images on push
# description: >-
#   Model-serving and training images carry many third-party packages; scanning on push
#   reports known vulnerabilities before the image is deployed. A repository fails when
#   image_scanning_configuration is absent or scan_on_push is not true, unless an
#   aws_ecr_registry_scanning_configuration has a rule scanning on push or continuously
#   whose repository filter matches the repository (then the registry setting governs).
# custom:
#   id: AIP-AWS-ECR-002
#   severity: MEDIUM
#   category: supply-chain
#   guidelines: [development/supply-chain]
#   resource_types: [aws_ecr_repository, aws_ecr_registry_scanning_configuration]
#   remediation: >-
#     Add image_scanning_configuration { scan_on_push = true } to the repository, or an
#     aws_ecr_registry_scanning_configuration (ENHANCED) rule with scan_frequency
#     SCAN_ON_PUSH or CONTINUOUS_SCAN covering it.
package aipolicy.aws.ecr.scan_on_push

import rego.v1

scanning_frequencies := {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_ecr_repository")
	not _scans_on_push(r)
	not _registry_may_scan(r)
	data.aipolicy.lib.resources.known(r, "image_scanning_configuration")
	finding := data.aipolicy.lib.resources.finding(
		r, "image_scanning_configuration",
		"repository does not scan images on push",
	)
}

_scans_on_push(r) if {
	some configuration in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "image_scanning_configuration", null))
	configuration.scan_on_push == true
}

# A registry configuration whose rules are unknown might cover the repository.
_registry_may_scan(_) if {
	some registry in data.aipolicy.lib.resources.of_type(input, "aws_ecr_registry_scanning_configuration")
	not data.aipolicy.lib.resources.known(registry, "rule")
}

_registry_may_scan(r) if {
	some registry in data.aipolicy.lib.resources.of_type(input, "aws_ecr_registry_scanning_configuration")
	some rule in data.aipolicy.lib.blocks.elements(object.get(registry.attributes, "rule", null))
	object.get(rule, "scan_frequency", "") in scanning_frequencies
	some filter in data.aipolicy.lib.blocks.elements(object.get(rule, "repository_filter", null))
	_filter_may_match(object.get(filter, "filter", ""), r)
}

_filter_may_match("*", _) := true

_filter_may_match(_, r) if not data.aipolicy.lib.resources.known(r, "name")

_filter_may_match(pattern, r) if {
	name := object.get(r.attributes, "name", "")
	regex.match(_wildcard_regex(pattern), name)
}

# ECR repository filters use "*" as their only wildcard.
_wildcard_regex(pattern) := concat("", ["^", concat(".*", [_escape(part) | some part in split(pattern, "*")]), "$"])

_escape(text) := replace(replace(text, ".", `\.`), "+", `\+`)
