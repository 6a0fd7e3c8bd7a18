# METADATA
# title: ECR repository policies do not grant access to everyone
# description: >-
#   A repository policy statement that allows Principal "*" (or {"AWS": "*"}, or allows with
#   NotPrincipal) without a condition restricting the caller lets any AWS account pull the
#   model-serving images (and the weights and secrets baked into them) or, with push
#   actions, replace them. A condition restricts unless it only tests aws:SecureTransport
#   or an aws:SourceIp range open to the whole internet. Judged: the policy of
#   aws_ecr_repository_policy; one whose text is unknown at plan time is not judged.
# custom:
#   id: AIP-AWS-ECR-004
#   severity: HIGH
#   category: access-control
#   guidelines: [development/supply-chain, deployment/infrastructure]
#   resource_types: [aws_ecr_repository_policy]
#   remediation: >-
#     Name the accounts or roles that pull the images, or restrict the statement with a
#     condition such as aws:PrincipalOrgID.
package aipolicy.aws.ecr.repository_policy_public

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_ecr_repository_policy")
	doc := data.aipolicy.lib.iam.document(object.get(r.attributes, "policy", null))
	data.aipolicy.lib.principals.is_public(doc)
	data.aipolicy.lib.resources.known(r, "policy")
	finding := data.aipolicy.lib.resources.finding(
		r, "policy",
		"repository policy allows everyone without a condition restricting the caller",
	)
}
