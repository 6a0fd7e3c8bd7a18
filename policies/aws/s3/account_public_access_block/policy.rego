# METADATA
# title: The account blocks public access to S3 where buckets are managed
# description: >-
#   An account-level S3 public access block is the secure default that protects every
#   bucket, including the ones a later project forgets to protect. Every
#   aws_s3_account_public_access_block fails for each of block_public_acls,
#   block_public_policy, ignore_public_acls and restrict_public_buckets that is not true
#   (the provider's default is false). In addition, the check is view-wide: when this
#   configuration manages S3 buckets but has no aws_s3_account_public_access_block, each
#   bucket is reported. A Terraform scan sees only its own configuration: where the account
#   block is managed in another stack, waive the finding or scan both stacks together.
#   Per-bucket blocks are judged by AIP-AWS-S3-001.
# custom:
#   id: AIP-AWS-S3-008
#   severity: MEDIUM
#   category: access-control
#   guidelines: [deployment/secure-defaults, development/assets]
#   resource_types: [aws_s3_account_public_access_block, aws_s3_bucket]
#   remediation: >-
#     Add an aws_s3_account_public_access_block with block_public_acls,
#     block_public_policy, ignore_public_acls and restrict_public_buckets all set to true.
package aipolicy.aws.s3.account_public_access_block

import rego.v1

flags := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

deny contains finding if {
	some block in data.aipolicy.lib.resources.of_type(input, "aws_s3_account_public_access_block")
	some flag in flags
	object.get(block.attributes, flag, false) != true
	data.aipolicy.lib.resources.known(block, flag)
	finding := data.aipolicy.lib.resources.finding(
		block, flag,
		concat("", ["account public access block does not turn on ", flag]),
	)
}

deny contains finding if {
	count(data.aipolicy.lib.resources.of_type(input, "aws_s3_account_public_access_block")) == 0
	some bucket in data.aipolicy.lib.resources.of_type(input, "aws_s3_bucket")
	finding := data.aipolicy.lib.resources.finding(
		bucket, "account_public_access_block",
		"buckets are managed but this configuration sets no account-level public access block",
	)
}
