package aipolicy.aws.s3.bucket_tls_only_test

import rego.v1

import data.aipolicy.aws.s3.bucket_tls_only as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

bucket(attributes, unresolved) := {
	"id": "aws_s3_bucket.models",
	"type": "aws_s3_bucket",
	"attributes": object.union({"bucket": "acme-ml-models"}, attributes),
	"unresolved": unresolved,
}

bucket_policy(attributes, unresolved, refs) := {
	"id": "aws_s3_bucket_policy.models",
	"type": "aws_s3_bucket_policy",
	"attributes": attributes,
	"unresolved": unresolved,
	"references": {"bucket": refs},
}

doc(statements) := json.marshal({"Version": "2012-10-17", "Statement": statements})

tls_deny(principal, action, condition) := {
	"Sid": "DenyInsecureTransport",
	"Effect": "Deny",
	"Principal": principal,
	"Action": action,
	"Resource": ["arn:aws:s3:::acme-ml-models", "arn:aws:s3:::acme-ml-models/*"],
	"Condition": condition,
}

insecure := {"Bool": {"aws:SecureTransport": "false"}}

reader := {
	"Effect": "Allow",
	"Principal": {"AWS": "arn:aws:iam::111122223333:role/inference"},
	"Action": "s3:GetObject",
	"Resource": "arn:aws:s3:::acme-ml-models/*",
}

finding := {
	"resource": "aws_s3_bucket.models",
	"attribute": "policy",
	"message": "bucket policy does not deny requests that do not use TLS",
}

test_bucket_without_policy_fails if {
	policy.deny == {finding} with input as mkview([bucket({}, [])])
}

test_separate_policy_with_tls_deny_passes if {
	p := bucket_policy({"policy": doc([reader, tls_deny("*", "s3:*", insecure)])}, ["bucket"], ["aws_s3_bucket.models"])
	count(policy.deny) == 0 with input as mkview([bucket({}, []), p])
}

test_separate_policy_without_tls_deny_fails if {
	p := bucket_policy({"policy": doc([reader])}, ["bucket"], ["aws_s3_bucket.models"])
	policy.deny == {finding} with input as mkview([bucket({}, []), p])
}

test_inline_policy if {
	count(policy.deny) == 0 with input as mkview([bucket(
		{"policy": doc([tls_deny({"AWS": "*"}, ["s3:GetObject", "s3:PutObject"], insecure)])},
		[],
	)])
	count(policy.deny) == 1 with input as mkview([bucket({"policy": doc([reader])}, [])])
}

test_condition_forms if {
	every condition in [
		{"Bool": {"aws:SecureTransport": false}},
		{"BoolIfExists": {"aws:securetransport": "False"}},
		{"Bool": {"aws:SecureTransport": ["false"]}},
	] {
		count(policy.deny) == 0 with input as mkview([bucket({"policy": doc([tls_deny("*", "*", condition)])}, [])])
	}
}

test_weak_denies_do_not_count if {
	every statement in [
		tls_deny("*", "s3:*", {"Bool": {"aws:SecureTransport": "true"}}),
		tls_deny("*", "s3:*", {}),
		tls_deny({"AWS": "arn:aws:iam::111122223333:root"}, "s3:*", insecure),
		tls_deny("*", "s3:PutObject", insecure),
		object.union(tls_deny("*", "s3:*", insecure), {"Effect": "Allow"}),
	] {
		count(policy.deny) == 1 with input as mkview([bucket({"policy": doc([statement])}, [])])
	}
}

test_malformed_policy_fails if {
	count(policy.deny) == 1 with input as mkview([bucket({"policy": "{not json"}, [])])
}

test_unknown_policies_are_not_judged if {
	count(policy.deny) == 0 with input as mkview([bucket({}, ["policy"])])
	count(policy.deny) == 0 with input as mkview([
		bucket({}, []),
		bucket_policy({}, ["bucket", "policy"], ["aws_s3_bucket.models"]),
	])
}

test_dangling_bucket_policy_leaves_buckets_unjudged if {
	count(policy.deny) == 0 with input as mkview([
		bucket({}, []),
		bucket_policy({"policy": doc([reader])}, ["bucket"], []),
	])
}

test_policy_of_another_bucket_does_not_count if {
	p := bucket_policy({"policy": doc([tls_deny("*", "s3:*", insecure)])}, ["bucket"], ["aws_s3_bucket.other"])
	count(policy.deny) == 1 with input as mkview([bucket({}, []), p])
}
