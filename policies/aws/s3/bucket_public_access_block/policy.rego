# METADATA
# title: S3 buckets are covered by a public access block with all four settings on
# description: >-
#   Buckets hold training data and model artefacts; a public access block is what keeps a
#   stray ACL or bucket policy from publishing them. A bucket fails when no
#   aws_s3_bucket_public_access_block references it, and every public access block fails
#   for each of block_public_acls, block_public_policy, ignore_public_acls and
#   restrict_public_buckets that is not true (the provider's default is false). An
#   aws_s3_account_public_access_block with all four settings on covers every bucket of the
#   account, so nothing fails then. A public access block whose bucket is unknown at plan
#   time might be any bucket's, so buckets are not judged then.
# custom:
#   id: AIP-AWS-S3-001
#   severity: HIGH
#   category: access-control
#   guidelines: [deployment/infrastructure, deployment/secure-defaults, development/assets]
#   resource_types: [aws_s3_bucket, aws_s3_bucket_public_access_block, aws_s3_account_public_access_block]
#   remediation: >-
#     Add an aws_s3_bucket_public_access_block for the bucket (or an
#     aws_s3_account_public_access_block) with block_public_acls, block_public_policy,
#     ignore_public_acls and restrict_public_buckets all set to true.
package aipolicy.aws.s3.bucket_public_access_block

import rego.v1

flags := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

deny contains finding if {
	not _account_block_may_cover
	not data.aipolicy.lib.resources.dangling(input, "aws_s3_bucket_public_access_block", "bucket")
	some bucket in data.aipolicy.lib.resources.of_type(input, "aws_s3_bucket")
	count(data.aipolicy.lib.resources.referencing(input, "aws_s3_bucket_public_access_block", "bucket", bucket.id)) == 0
	finding := data.aipolicy.lib.resources.finding(
		bucket, "public_access_block",
		"bucket has no public access block",
	)
}

deny contains finding if {
	not _account_block_may_cover
	some block in data.aipolicy.lib.resources.of_type(input, "aws_s3_bucket_public_access_block")
	some flag in flags
	object.get(block.attributes, flag, false) != true
	data.aipolicy.lib.resources.known(block, flag)
	finding := data.aipolicy.lib.resources.finding(
		block, flag,
		concat("", ["public access block does not turn on ", flag]),
	)
}

# _account_block_may_cover holds when an account-level block has every setting on or unknown.
_account_block_may_cover if {
	some account in data.aipolicy.lib.resources.of_type(input, "aws_s3_account_public_access_block")
	every flag in flags {
		_on_or_unknown(account, flag)
	}
}

_on_or_unknown(r, flag) if not data.aipolicy.lib.resources.known(r, flag)

_on_or_unknown(r, flag) if r.attributes[flag] == true
