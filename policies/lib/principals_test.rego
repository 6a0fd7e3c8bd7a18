package aipolicy.lib.principals_test

import rego.v1

import data.aipolicy.lib.principals

doc(statement) := {"Version": "2012-10-17", "Statement": statement}

allow(principal, condition) := {
	"Effect": "Allow",
	"Principal": principal,
	"Action": "s3:GetObject",
	"Resource": "*",
	"Condition": condition,
}

test_everyone_principal_forms if {
	principals.everyone("*")
	principals.everyone({"AWS": "*"})
	principals.everyone({"AWS": ["arn:aws:iam::111122223333:root", "*"]})
	not principals.everyone({"AWS": "arn:aws:iam::111122223333:root"})
	not principals.everyone({"Service": "sagemaker.amazonaws.com"})
	not principals.everyone(null)
}

test_public_without_condition if {
	principals.is_public(doc([allow("*", null)]))
	principals.is_public(doc(allow({"AWS": "*"}, {})))
	principals.is_public(doc([{
		"Effect": "Allow",
		"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"},
		"Action": "*",
	}]))
}

test_not_public if {
	not principals.is_public(doc([allow({"AWS": "arn:aws:iam::111122223333:root"}, null)]))
	not principals.is_public(doc([{"Effect": "Deny", "Principal": "*", "Action": "*"}]))
	not principals.is_public(doc([]))
	not principals.is_public({})
	not principals.is_public("not a document")
}

test_restricting_conditions_make_it_private if {
	not principals.is_public(doc([allow("*", {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}})]))
	not principals.is_public(doc([allow("*", {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8"]}})]))
	not principals.is_public(doc([allow(
		"*",
		{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c"}, "Bool": {"aws:SecureTransport": "true"}},
	)]))
	not principals.is_public(doc([allow("*", {"NotIpAddress": {"aws:SourceIp": "0.0.0.0/0"}})]))
	not principals.is_public(doc([allow("*", {"StringEquals": "malformed"})]))
}

test_non_restricting_conditions_stay_public if {
	principals.is_public(doc([allow("*", {"Bool": {"aws:SecureTransport": "true"}})]))
	principals.is_public(doc([allow("*", {"IpAddress": {"aws:SourceIp": ["0.0.0.0/0", "::/0"]}})]))
	principals.is_public(doc([allow("*", {"IpAddressIfExists": {"AWS:SourceIp": "0.0.0.0/0"}})]))
}

test_statements_normalise if {
	[s] := principals.statements(doc({"Effect": "Allow", "Principal": "*", "Action": ["S3:GetObject"]}))
	s.actions == ["s3:getobject"]
	s.everyone
	not s.has_not_action
	s.condition == {}
	principals.statements("x") == []
}

test_action_matches if {
	principals.action_matches("iam:PassRole", "iam:passrole")
	principals.action_matches("iam:*", "iam:passrole")
	principals.action_matches("iam:Pass*", "iam:PassRole")
	principals.action_matches("*", "iam:passrole")
	principals.action_matches("iam:Pa?sRole", "iam:passrole")
	not principals.action_matches("iam:Get*", "iam:passrole")
	not principals.action_matches("iam:PassRole(", "iam:passrole")
	not principals.action_matches(["iam:*"], "iam:passrole")
	not principals.action_matches("sagemaker:*", "iam:passrole")
	not principals.action_matches("", "iam:passrole")
	principals.action_matches("iam:*Role", "iam:passrole")
	principals.action_matches("i?m:*", "iam:passrole")
	not principals.action_matches("iam:Pass", "iam:passrole")
}

test_allows_action if {
	[s] := principals.statements(doc({"Effect": "Allow", "Action": ["s3:GetObject", "iam:Pass*"]}))
	principals.allows_action(s, "iam:passrole")
	[n] := principals.statements(doc({"Effect": "Allow", "NotAction": "s3:*"}))
	principals.allows_action(n, "iam:passrole")
	[x] := principals.statements(doc({"Effect": "Allow", "NotAction": "iam:*"}))
	not principals.allows_action(x, "iam:passrole")
}
