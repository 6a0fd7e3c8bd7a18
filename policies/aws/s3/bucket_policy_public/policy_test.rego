package aipolicy.aws.s3.bucket_policy_public_test

import rego.v1

import data.aipolicy.aws.s3.bucket_policy_public as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

res(type, attributes, unresolved) := {
	"id": concat(".", [type, "models"]),
	"type": type,
	"attributes": attributes,
	"unresolved": unresolved,
}

doc(statements) := json.marshal({"Version": "2012-10-17", "Statement": statements})

public_read := {
	"Effect": "Allow",
	"Principal": "*",
	"Action": "s3:GetObject",
	"Resource": "arn:aws:s3:::acme-ml-models/*",
}

role_read := {
	"Effect": "Allow",
	"Principal": {"AWS": "arn:aws:iam::111122223333:role/inference"},
	"Action": "s3:GetObject",
	"Resource": "arn:aws:s3:::acme-ml-models/*",
}

test_public_statement_fails_for_both_types if {
	policy.deny == {{
		"resource": "aws_s3_bucket_policy.models",
		"attribute": "policy",
		"message": "bucket policy allows everyone without a condition restricting the caller",
	}} with input as mkview([res("aws_s3_bucket_policy", {"policy": doc([role_read, public_read])}, ["bucket"])])
	count(policy.deny) == 1 with input as mkview([res("aws_s3_bucket", {"policy": doc(public_read)}, [])])
}

test_aws_star_and_not_principal_fail if {
	count(policy.deny) == 1 with input as mkview([res(
		"aws_s3_bucket_policy",
		{"policy": doc([object.union(public_read, {"Principal": {"AWS": ["*"]}})])},
		[],
	)])
	not_principal := object.remove(
		object.union(public_read, {"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}}),
		["Principal"],
	)
	count(policy.deny) == 1 with input as mkview([res("aws_s3_bucket_policy", {"policy": doc([not_principal])}, [])])
}

test_named_principal_or_restricting_condition_passes if {
	count(policy.deny) == 0 with input as mkview([res("aws_s3_bucket_policy", {"policy": doc([role_read])}, [])])
	org := object.union(public_read, {"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}})
	count(policy.deny) == 0 with input as mkview([res("aws_s3_bucket_policy", {"policy": doc([org])}, [])])
}

test_non_restricting_condition_still_fails if {
	tls := object.union(public_read, {"Condition": {"Bool": {"aws:SecureTransport": "true"}}})
	count(policy.deny) == 1 with input as mkview([res("aws_s3_bucket_policy", {"policy": doc([tls])}, [])])
	ip := object.union(public_read, {"Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}})
	count(policy.deny) == 1 with input as mkview([res("aws_s3_bucket_policy", {"policy": doc([ip])}, [])])
}

test_deny_statement_passes if {
	deny_all := object.union(public_read, {"Effect": "Deny"})
	count(policy.deny) == 0 with input as mkview([res("aws_s3_bucket_policy", {"policy": doc([deny_all])}, [])])
}

test_absent_malformed_or_unknown_policy_passes if {
	count(policy.deny) == 0 with input as mkview([res("aws_s3_bucket", {"bucket": "acme-ml-models"}, [])])
	count(policy.deny) == 0 with input as mkview([res("aws_s3_bucket_policy", {"policy": "{not json"}, [])])
	count(policy.deny) == 0 with input as mkview([res("aws_s3_bucket_policy", {}, ["policy"])])
}
