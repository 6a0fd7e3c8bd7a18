# METADATA
# title: IAM roles cannot be assumed by everyone
# description: >-
#   A trust policy that allows Principal "*" (or {"AWS": "*"}, or allows with NotPrincipal)
#   without a condition restricting the caller lets any AWS account assume the role: for a
#   SageMaker, Bedrock or pipeline role that is everything the role can reach, models and
#   training data included. A condition restricts unless it only tests aws:SecureTransport
#   or an aws:SourceIp range open to the whole internet; sts:ExternalId,
#   aws:PrincipalOrgID, aws:PrincipalArn and the like pass. Judged: assume_role_policy of
#   aws_iam_role; an unknown one is not judged.
# custom:
#   id: AIP-AWS-IAM-004
#   severity: CRITICAL
#   category: access-control
#   guidelines: [design/secure-by-design, deployment/infrastructure]
#   resource_types: [aws_iam_role]
#   remediation: >-
#     Name the trusted principal (a service such as sagemaker.amazonaws.com, or specific
#     account or role ARNs), or restrict the statement with aws:PrincipalOrgID or
#     sts:ExternalId.
package aipolicy.aws.iam.role_trust_everyone

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_iam_role")
	doc := data.aipolicy.lib.iam.document(object.get(r.attributes, "assume_role_policy", null))
	data.aipolicy.lib.principals.is_public(doc)
	data.aipolicy.lib.resources.known(r, "assume_role_policy")
	finding := data.aipolicy.lib.resources.finding(
		r, "assume_role_policy",
		"role can be assumed by any AWS principal",
	)
}
