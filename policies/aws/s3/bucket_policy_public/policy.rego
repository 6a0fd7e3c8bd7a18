# METADATA
# title: S3 bucket policies do not grant access to everyone
# description: >-
#   A bucket policy statement that allows Principal "*" (or {"AWS": "*"}, or allows with
#   NotPrincipal) without a condition restricting the caller publishes the bucket's models
#   or training data to every AWS principal and, for object reads, to the anonymous
#   internet. Judged: the policy of aws_s3_bucket_policy and the inline policy of
#   aws_s3_bucket. A condition restricts unless it only tests aws:SecureTransport or an
#   aws:SourceIp range open to the whole internet (see data.aipolicy.lib.principals). A
#   public access block with block_public_policy refuses such a policy at apply time, but
#   the configuration still states the intent to publish, so it is reported regardless. A
#   policy whose text is unknown at plan time is not judged.
# custom:
#   id: AIP-AWS-S3-007
#   severity: HIGH
#   category: access-control
#   guidelines: [development/assets, deployment/infrastructure]
#   resource_types: [aws_s3_bucket_policy, aws_s3_bucket]
#   remediation: >-
#     Name the principals that need the bucket (role ARNs, or a service principal with
#     aws:SourceArn / aws:SourceAccount conditions), or add a condition such as
#     aws:PrincipalOrgID or aws:SourceVpce that limits the statement to your organisation.
package aipolicy.aws.s3.bucket_policy_public

import rego.v1

deny contains finding if {
	some type in ["aws_s3_bucket_policy", "aws_s3_bucket"]
	some r in data.aipolicy.lib.resources.of_type(input, type)
	doc := data.aipolicy.lib.iam.document(object.get(r.attributes, "policy", null))
	data.aipolicy.lib.principals.is_public(doc)
	data.aipolicy.lib.resources.known(r, "policy")
	finding := data.aipolicy.lib.resources.finding(
		r, "policy",
		"bucket policy allows everyone without a condition restricting the caller",
	)
}
