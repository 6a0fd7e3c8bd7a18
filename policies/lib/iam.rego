# METADATA
# title: IAM policy document helpers
# description: >-
#   Parse IAM policy documents given as JSON strings (or already decoded objects) and
#   normalise their statements: Statement may be an object or an array; Action, NotAction,
#   Resource and NotResource may be a string or an array. Actions are compared in lower
#   case, as IAM does. Terraform aws_iam_policy_document statement blocks normalise to
#   the same shape, so one set of predicates judges both.
package aipolicy.lib.iam

import rego.v1

# document decodes a policy: a valid JSON string, or an object as is. Undefined otherwise, so
# a malformed string never aborts evaluation.
document(policy) := doc if {
	is_string(policy)
	json.is_valid(policy)
	doc := json.unmarshal(policy)
	is_object(doc)
}

document(policy) := policy if is_object(policy)

# arn_parts splits an ARN of an AWS partition (arn:aws, arn:aws-cn, arn:aws-us-gov, ...) at its
# colons: [arn, partition, service, region, account, resource...]; undefined for anything else.
# String functions, not a regular expression: regorus compiles one on every call.
arn_parts(value) := parts if {
	is_string(value)
	parts := split(value, ":")
	count(parts) >= 6
	parts[0] == "arn"
	startswith(parts[1], "aws")
	trim(parts[1], "abcdefghijklmnopqrstuvwxyz-") == ""
}

# statements lists the normalised statements of a decoded policy document.
statements(doc) := [s |
	some raw in _as_list(object.get(doc, "Statement", []))
	is_object(raw)
	s := {
		"effect": object.get(raw, "Effect", ""),
		"actions": _lower_strings(object.get(raw, "Action", null)),
		"not_actions": _lower_strings(object.get(raw, "NotAction", null)),
		"has_not_action": _has(raw, "NotAction"),
		"resources": _strings(object.get(raw, "Resource", null)),
		"not_resources": _strings(object.get(raw, "NotResource", null)),
		"has_not_resource": _has(raw, "NotResource"),
	}
]

# document_statements normalises the statement blocks of a Terraform aws_iam_policy_document
# (effect defaults to Allow there).
document_statements(blocks) := [s |
	some raw in _as_list(blocks)
	is_object(raw)
	s := {
		"effect": _effect(object.get(raw, "effect", null)),
		"actions": _lower_strings(object.get(raw, "actions", null)),
		"not_actions": _lower_strings(object.get(raw, "not_actions", null)),
		"has_not_action": count(_as_list(object.get(raw, "not_actions", null))) > 0,
		"resources": _strings(object.get(raw, "resources", null)),
		"not_resources": _strings(object.get(raw, "not_resources", null)),
		"has_not_resource": count(_as_list(object.get(raw, "not_resources", null))) > 0,
	}
]

# allows_wildcard holds when some statement of a decoded document allows every action of
# service ("sagemaker", "bedrock"; "*" for every service) on every resource.
allows_wildcard(doc, service) if statements_allow_wildcard(statements(doc), service)

# statements_allow_wildcard holds when some of the normalised statements allows every action
# of service on every resource.
statements_allow_wildcard(stmts, service) if {
	some s in stmts
	statement_allows_wildcard(s, service)
}

# statement_allows_wildcard judges one normalised statement. Allow with NotAction grants
# everything not listed, so it counts unless the list excludes the whole service; Allow
# with NotResource likewise covers every resource unless it excludes "*".
statement_allows_wildcard(s, service) if {
	s.effect == "Allow"
	_grants_all_of(s, lower(service))
	_covers_all_resources(s)
}

_grants_all_of(s, service) if {
	some a in s.actions
	covers_service(a, service)
}

_grants_all_of(s, service) if {
	s.has_not_action
	not _excludes(s.not_actions, service)
}

_excludes(not_actions, service) if {
	some a in not_actions
	covers_service(a, service)
}

# covers_service holds when an action pattern (lower case) covers every action of service.
covers_service(action, _) if action in {"*", "*:*"}

covers_service(action, service) if {
	service != "*"
	action == concat("", [service, ":*"])
}

_covers_all_resources(s) if "*" in s.resources

_covers_all_resources(s) if {
	s.has_not_resource
	not "*" in s.not_resources
}

_effect(value) := value if is_string(value)

_effect(value) := "Allow" if not is_string(value)

_has(obj, key) if {
	object.get(obj, key, null) != null
} else := false

_as_list(value) := value if is_array(value)

_as_list(value) := [value] if {
	not is_array(value)
	value != null
}

_as_list(null) := []

_strings(value) := [v | some v in _as_list(value); is_string(v)]

_lower_strings(value) := [lower(v) | some v in _as_list(value); is_string(v)]
