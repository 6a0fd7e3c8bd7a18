# METADATA
# title: S3 bucket policies deny requests that do not use TLS
# description: >-
#   S3 accepts plain-HTTP requests unless the bucket policy refuses them, so model artefacts
#   and training data can cross the network unencrypted and be read or altered on the way.
#   A bucket passes when its policy (an aws_s3_bucket_policy referencing it, or the inline
#   policy of aws_s3_bucket) has a Deny statement for every principal ("*" or {"AWS": "*"})
#   covering S3 reads (s3:* or s3:GetObject, or "*") with the condition Bool (or
#   BoolIfExists) aws:SecureTransport = false. A bucket without any policy fails. A policy
#   whose text is unknown at plan time (typically one rendered from the new bucket's ARN)
#   is not judged, and a bucket policy whose bucket is unknown might be any bucket's, so
#   buckets are not judged then.
# custom:
#   id: AIP-AWS-S3-006
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_s3_bucket, aws_s3_bucket_policy]
#   remediation: >-
#     Add to the bucket policy a statement { Effect = "Deny", Principal = "*", Action =
#     "s3:*", Resource = [bucket ARN, "bucket ARN/*"], Condition = { Bool = {
#     "aws:SecureTransport" = "false" } } }.
package aipolicy.aws.s3.bucket_tls_only

import rego.v1

deny contains finding if {
	not data.aipolicy.lib.resources.dangling(input, "aws_s3_bucket_policy", "bucket")
	some bucket in data.aipolicy.lib.resources.of_type(input, "aws_s3_bucket")
	policies := data.aipolicy.lib.resources.referencing(input, "aws_s3_bucket_policy", "bucket", bucket.id)
	every policy in policies {
		data.aipolicy.lib.resources.known(policy, "policy")
	}
	not _denies_insecure_transport(object.get(bucket.attributes, "policy", null))
	not _some_denies_insecure_transport(policies)
	data.aipolicy.lib.resources.known(bucket, "policy")
	finding := data.aipolicy.lib.resources.finding(
		bucket, "policy",
		"bucket policy does not deny requests that do not use TLS",
	)
}

_some_denies_insecure_transport(policies) if {
	some policy in policies
	_denies_insecure_transport(object.get(policy.attributes, "policy", null))
}

_denies_insecure_transport(policy) if {
	doc := data.aipolicy.lib.iam.document(policy)
	some s in data.aipolicy.lib.principals.statements(doc)
	s.effect == "Deny"
	s.everyone
	data.aipolicy.lib.principals.allows_action(s, "s3:getobject")
	some operator, tests in s.condition
	lower(operator) in {"bool", "boolifexists"}
	is_object(tests)
	some key, value in tests
	lower(key) == "aws:securetransport"
	_false(value)
}

_false(value) if _false_scalar(value)

_false(value) if {
	is_array(value)
	count(value) > 0
	every v in value {
		_false_scalar(v)
	}
}

_false_scalar(false) := true

_false_scalar(value) if {
	is_string(value)
	lower(value) == "false"
}
