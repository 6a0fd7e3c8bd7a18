package aipolicy.lib.iam_test

import rego.v1

import data.aipolicy.lib.iam

admin := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`

test_document_parses_strings_and_objects if {
	iam.document(admin).Version == "2012-10-17"
	iam.document({"Statement": []}) == {"Statement": []}
}

test_document_undefined_for_malformed_input if {
	not iam.document("{not json")
	not iam.document(`"a string"`)
	not iam.document(42)
}

test_statement_object_or_array if {
	count(iam.statements(iam.document(admin))) == 1
	doc := {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::b/*"]}, "junk"]}
	[s] := iam.statements(doc)
	s.actions == ["s3:getobject"]
	s.resources == ["arn:aws:s3:::b/*"]
	not s.has_not_action
}

test_full_wildcard if {
	iam.allows_wildcard(iam.document(admin), "*")
	iam.allows_wildcard(iam.document(admin), "sagemaker")
	iam.allows_wildcard({"Statement": [{"Effect": "Allow", "Action": ["*:*"], "Resource": ["*"]}]}, "*")
}

test_service_wildcard_case_insensitive if {
	doc := {"Statement": [{"Effect": "Allow", "Action": ["SageMaker:*"], "Resource": "*"}]}
	iam.allows_wildcard(doc, "sagemaker")
	not iam.allows_wildcard(doc, "bedrock")
	not iam.allows_wildcard(doc, "*")
}

test_scoped_resource_or_action_is_not_wildcard if {
	not iam.allows_wildcard(
		{"Statement": [{
			"Effect": "Allow",
			"Action": "bedrock:*",
			"Resource": "arn:aws:bedrock:eu-west-1::foundation-model/x",
		}]},
		"bedrock",
	)
	not iam.allows_wildcard(
		{"Statement": [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"}]},
		"bedrock",
	)
	not iam.allows_wildcard(
		{"Statement": [{"Effect": "Allow", "Action": "sagemaker:List*", "Resource": "*"}]},
		"sagemaker",
	)
}

test_deny_is_not_wildcard if {
	not iam.allows_wildcard({"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}, "*")
}

test_not_action_is_wildcard_unless_service_excluded if {
	doc := {"Statement": [{"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}]}
	iam.allows_wildcard(doc, "*")
	iam.allows_wildcard(doc, "sagemaker")
	excluded := {"Statement": [{"Effect": "Allow", "NotAction": "sagemaker:*", "Resource": "*"}]}
	not iam.allows_wildcard(excluded, "sagemaker")
	iam.allows_wildcard(excluded, "bedrock")
	not iam.allows_wildcard({"Statement": [{"Effect": "Allow", "NotAction": "*", "Resource": "*"}]}, "bedrock")
}

test_not_resource_covers_everything_else if {
	iam.allows_wildcard({"Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::audit"}]}, "*")
	not iam.allows_wildcard({"Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "*"}]}, "*")
}

test_document_statements_default_effect_allow if {
	[s] := iam.document_statements([{"actions": ["bedrock:*"], "resources": ["*"]}])
	s.effect == "Allow"
	iam.statement_allows_wildcard(s, "bedrock")
	[d] := iam.document_statements([{"effect": "Deny", "actions": ["*"], "resources": ["*"]}])
	not iam.statement_allows_wildcard(d, "*")
	[n] := iam.document_statements([{"effect": "Allow", "not_actions": ["iam:*"], "resources": ["*"]}])
	iam.statement_allows_wildcard(n, "*")
	[e] := iam.document_statements([{
		"effect": "Allow",
		"not_actions": [],
		"actions": ["s3:GetObject"],
		"resources": ["*"],
	}])
	not iam.statement_allows_wildcard(e, "*")
}

test_arn_parts if {
	iam.arn_parts("arn:aws:iam::111122223333:role/x") == ["arn", "aws", "iam", "", "111122223333", "role/x"]
	count(iam.arn_parts("arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:a")) == 7
	not iam.arn_parts("arn:aws:iam::111122223333")
	not iam.arn_parts("arn:azure:iam::1:role/x")
	not iam.arn_parts("arn:aws_cn:iam::1:role/x")
	not iam.arn_parts("urn:aws:iam::1:role/x")
	not iam.arn_parts(42)
}
