# METADATA
# title: KMS key policies do not grant access to everyone
# description: >-
#   The key policy is the only gate in front of the keys that encrypt models, training data,
#   endpoints and secrets: a statement that allows Principal "*" (or {"AWS": "*"}, or allows
#   with NotPrincipal) without a condition restricting the caller lets any AWS principal use
#   or manage the key. AWS's own pattern (Principal "*" with kms:CallerAccount and
#   kms:ViaService conditions) passes, since those conditions restrict the caller; a
#   condition that only tests aws:SecureTransport or an aws:SourceIp range open to the whole
#   internet does not. Judged: the policy of aws_kms_key and of aws_kms_key_policy. A
#   policy that is absent (the default key policy trusts the account only) or unknown at
#   plan time is not judged.
# custom:
#   id: AIP-AWS-KMS-002
#   severity: HIGH
#   category: access-control
#   guidelines: [deployment/model-protection, design/secure-by-design]
#   resource_types: [aws_kms_key, aws_kms_key_policy]
#   remediation: >-
#     Name the roles that use and administer the key in the key policy, or restrict the
#     "*" statement with conditions such as kms:CallerAccount, kms:ViaService or
#     aws:PrincipalOrgID.
package aipolicy.aws.kms.key_policy_public

import rego.v1

deny contains finding if {
	some type in ["aws_kms_key", "aws_kms_key_policy"]
	some r in data.aipolicy.lib.resources.of_type(input, type)
	doc := data.aipolicy.lib.iam.document(object.get(r.attributes, "policy", null))
	data.aipolicy.lib.principals.is_public(doc)
	data.aipolicy.lib.resources.known(r, "policy")
	finding := data.aipolicy.lib.resources.finding(
		r, "policy",
		"key policy allows everyone without a condition restricting the caller",
	)
}
