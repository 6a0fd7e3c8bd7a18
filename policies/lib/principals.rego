# METADATA
# title: Resource-based policy helpers (principals, conditions, action patterns)
# description: >-
#   Bucket, repository, key, domain and trust policies name who they let in. These helpers
#   normalise the statements of a decoded policy document (see data.aipolicy.lib.iam.document)
#   with their Principal, NotPrincipal and Condition, and decide whether a statement lets
#   everyone in. A statement is public when it allows Principal "*" (or {"AWS": "*"}, or a
#   list holding "*"), or allows with NotPrincipal, and has no condition that restricts the
#   caller. A condition restricts unless every key it tests is aws:SecureTransport or an
#   aws:SourceIp IpAddress test whose ranges are all open to the whole internet. Actions are
#   compared in lower case and may hold the IAM wildcards "*" and "?".
package aipolicy.lib.principals

import rego.v1

# statements lists the normalised statements of a decoded resource-based policy document.
statements(doc) := [s |
	is_object(doc)
	some raw in _as_list(object.get(doc, "Statement", []))
	is_object(raw)
	s := {
		"effect": object.get(raw, "Effect", ""),
		"everyone": _everyone(object.get(raw, "Principal", null)),
		"has_not_principal": object.get(raw, "NotPrincipal", null) != null,
		"actions": _lower_strings(object.get(raw, "Action", null)),
		"not_actions": _lower_strings(object.get(raw, "NotAction", null)),
		"has_not_action": object.get(raw, "NotAction", null) != null,
		"condition": _object_or_empty(object.get(raw, "Condition", null)),
	}
]

# public_statements lists the statements of a decoded document that allow everyone without a
# restricting condition.
public_statements(doc) := [s |
	some s in statements(doc)
	public(s)
]

# is_public holds when some statement of a decoded document allows everyone unconditionally.
is_public(doc) if count(public_statements(doc)) > 0

# public holds for a normalised statement that allows everyone without a restricting condition.
public(s) if {
	s.effect == "Allow"
	_lets_everyone_in(s)
	not restricting_condition(s.condition)
}

_lets_everyone_in(s) if s.everyone

_lets_everyone_in(s) if s.has_not_principal

# restricting_condition holds when a Condition object tests something about the caller or the
# request that narrows who can use the statement.
restricting_condition(condition) if {
	some operator, tests in condition
	some key, values in _object_or_empty(tests)
	not _non_restricting(operator, lower(key), values)
}

# A condition block that is not an object (malformed) is taken to restrict: never a finding
# built on a guess.
restricting_condition(condition) if {
	some tests in condition
	not is_object(tests)
}

_non_restricting(_, "aws:securetransport", _) := true

_non_restricting(operator, "aws:sourceip", values) if {
	lower(operator) in {"ipaddress", "ipaddressifexists"}
	ranges := _as_list(values)
	count(ranges) > 0
	every range in ranges {
		data.aipolicy.lib.net.open_to_world(range)
	}
}

# allows_action holds when a normalised statement's Action (or NotAction) covers an action
# ("iam:passrole", lower case).
allows_action(s, action) if {
	some pattern in s.actions
	action_matches(pattern, action)
}

allows_action(s, action) if {
	s.has_not_action
	not _excludes(s.not_actions, action)
}

_excludes(patterns, action) if {
	some pattern in patterns
	action_matches(pattern, action)
}

# action_matches holds when an IAM action pattern (with "*" and "?") matches an action; both are
# compared in lower case. Patterns with characters IAM does not use in actions never match.
# Exact actions, "*" and "service:*" are compared as strings: regorus compiles a regular
# expression on every call, and policies match every action of every statement.
action_matches(pattern, action) if {
	p := _action_pattern(pattern)
	_action_pattern_matches(_pattern_kind(p), p, lower(action))
}

_action_pattern(pattern) := p if {
	is_string(pattern)
	p := lower(pattern)
	p != ""
	trim(p, "abcdefghijklmnopqrstuvwxyz0123456789:*?_-") == ""
}

_pattern_kind(p) := "exact" if {
	not contains(p, "*")
	not contains(p, "?")
} else := "any" if {
	p == "*"
} else := "service" if {
	endswith(p, ":*")
	prefix := substring(p, 0, count(p) - 1)
	not contains(prefix, "*")
	not contains(prefix, "?")
} else := "wildcard"

_action_pattern_matches("exact", p, action) if p == action

_action_pattern_matches("any", _, _) := true

_action_pattern_matches("service", p, action) if startswith(action, substring(p, 0, count(p) - 1))

_action_pattern_matches("wildcard", p, action) if {
	expression := concat("", ["^", replace(replace(p, "*", ".*"), "?", "."), "$"])
	regex.match(expression, action)
}

# everyone holds for a Principal value that names every principal.
everyone(principal) if _everyone(principal)

_everyone("*") := true

_everyone(principal) if {
	is_object(principal)
	"*" in _as_list(object.get(principal, "AWS", null))
}

_everyone(principal) := false if {
	principal != "*"
	not _aws_everyone(principal)
}

_aws_everyone(principal) if {
	is_object(principal)
	"*" in _as_list(object.get(principal, "AWS", null))
}

_object_or_empty(value) := value if is_object(value)

_object_or_empty(value) := {} if not is_object(value)

_as_list(value) := value if is_array(value)

_as_list(value) := [value] if {
	not is_array(value)
	value != null
}

_as_list(null) := []

_lower_strings(value) := [lower(v) | some v in _as_list(value); is_string(v)]
