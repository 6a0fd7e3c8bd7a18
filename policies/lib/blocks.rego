# METADATA
# title: Nested-block helpers
# description: >-
#   Terraform nested blocks reach the view as arrays of objects (SDKv2 list and set
#   blocks) or as single objects (plugin-framework single nested blocks). These helpers
#   read either shape, and test whether any element of a repeated block is unresolved
#   through path patterns where "*" stands for any list index.
package aipolicy.lib.blocks

import rego.v1

# first returns the only (or first) element of a block that may be an object or an array.
first(value) := value if is_object(value)

first(value) := value[0] if {
	is_array(value)
	count(value) > 0
	is_object(value[0])
}

# elements returns the object elements of a block as an array, whatever its shape; empty when
# absent. Anything that is not an object is dropped, so callers can use object.get safely.
elements(value) := objects if {
	is_array(value)
	objects := [element | some element in value; is_object(element)]
}

elements(value) := [value] if is_object(value)

elements(value) := [] if {
	not is_array(value)
	not is_object(value)
}

# present holds when a block value holds at least one element (an object or a non-empty array).
present(value) if is_object(value)

present(value) if {
	is_array(value)
	count(value) > 0
}

# unresolved_pattern holds when an unresolved path of r overlaps the dotted pattern, where a
# "*" segment of the pattern matches any list index: "rule.*.apply.*.sse_algorithm".
# The pattern is split only for a resource with unresolved paths: most have none.
unresolved_pattern(r, pattern) if {
	unresolved := object.get(r, "unresolved", [])
	count(unresolved) > 0
	p := split(pattern, ".")
	some u in unresolved
	s := split(u, ".")
	n := min([count(p), count(s)])
	every i in numbers.range(0, n - 1) {
		_segment_matches(p[i], s[i])
	}
}

_segment_matches(p, s) if p == s

_segment_matches("*", s) if {
	s != ""
	trim(s, "0123456789") == "" # a list index; string functions, as regorus compiles a regex per call
}

# known_pattern holds when no path matching the pattern is (partly) unresolved.
known_pattern(r, pattern) if not unresolved_pattern(r, pattern)
