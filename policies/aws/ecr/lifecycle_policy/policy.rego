# METADATA
# title: ECR repositories have a lifecycle policy
# description: >-
#   Without a lifecycle policy every image ever pushed stays pullable: superseded
#   model-serving images with known vulnerabilities and outdated models accumulate and can
#   still be deployed by mistake or on purpose. A repository fails when no
#   aws_ecr_lifecycle_policy references it (through repository). A lifecycle policy whose
#   repository is unknown at plan time might be any repository's, so repositories are not
#   judged then. What the policy's rules expire is not judged.
# custom:
#   id: AIP-AWS-ECR-005
#   severity: LOW
#   category: supply-chain
#   guidelines: [development/technical-debt, development/supply-chain]
#   resource_types: [aws_ecr_repository, aws_ecr_lifecycle_policy]
#   remediation: >-
#     Add an aws_ecr_lifecycle_policy for the repository that expires untagged images and
#     keeps only the images still deployed (for example the last N release tags).
package aipolicy.aws.ecr.lifecycle_policy

import rego.v1

deny contains finding if {
	not data.aipolicy.lib.resources.dangling(input, "aws_ecr_lifecycle_policy", "repository")
	some repo in data.aipolicy.lib.resources.of_type(input, "aws_ecr_repository")
	count(data.aipolicy.lib.resources.referencing(input, "aws_ecr_lifecycle_policy", "repository", repo.id)) == 0
	not _named_by_constant(repo)
	finding := data.aipolicy.lib.resources.finding(
		repo, "lifecycle_policy",
		"repository has no lifecycle policy",
	)
}

# A lifecycle policy may name the repository with a literal instead of a reference.
_named_by_constant(repo) if {
	name := object.get(repo.attributes, "name", null)
	is_string(name)
	some lifecycle in data.aipolicy.lib.resources.of_type(input, "aws_ecr_lifecycle_policy")
	lifecycle.attributes.repository == name
}
