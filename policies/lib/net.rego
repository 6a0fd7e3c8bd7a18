# METADATA
# title: IP address and CIDR helpers
# description: >-
#   Parse IPv4 and IPv6 addresses and CIDR blocks, and answer the questions policies ask of
#   them: is a range open to the whole internet, does one range contain another. regorus
#   lacks the net.cidr_* builtins, so these are written in plain Rego. Anything that is not
#   a well-formed address or CIDR (a string with a typo, an IPv4-mapped IPv6 address in
#   dotted form, a number) parses to nothing, so every predicate is undefined for it and
#   callers decide what an unparsable value means. Decimal parts are parsed by hand: regorus
#   aborts the whole evaluation on to_number("08").
package aipolicy.lib.net

import rego.v1

# parse returns {"version": 4|6, "groups": [...], "prefix": n} for an address or a CIDR.
# IPv4 addresses have 4 groups of 8 bits, IPv6 addresses 8 groups of 16 bits; a bare
# address has the full prefix (32 or 128).
parse(value) := {"version": 4, "groups": groups, "prefix": prefix} if {
	is_string(value)
	parts := split(trim_space(value), "/")
	groups := _ipv4_groups(parts[0])
	prefix := _prefix(parts, 32)
}

parse(value) := {"version": 6, "groups": groups, "prefix": prefix} if {
	is_string(value)
	parts := split(lower(trim_space(value)), "/")
	groups := _ipv6_groups(parts[0])
	prefix := _prefix(parts, 128)
}

# is_cidr holds for a well-formed IPv4 or IPv6 CIDR block (an explicit prefix length).
is_cidr(value) if {
	parse(value)
	contains(value, "/")
}

is_ipv4_cidr(value) if {
	is_cidr(value)
	parse(value).version == 4
}

is_ipv6_cidr(value) if {
	is_cidr(value)
	parse(value).version == 6
}

# open_to_world holds for a range that covers every address of its family: 0.0.0.0/0, ::/0
# (and any other spelling of a /0).
open_to_world(value) if parse(value).prefix == 0

# any_open_to_world holds when a CIDR string, or some string of a list, is open to the world.
any_open_to_world(values) if open_to_world(values)

any_open_to_world(values) if {
	is_array(values)
	some value in values
	open_to_world(value)
}

# cidr_contains holds when the range outer contains the address or range inner (same family).
cidr_contains(outer, inner) if {
	o := parse(outer)
	i := parse(inner)
	o.version == i.version
	i.prefix >= o.prefix
	group_bits := _group_bits(o.version)
	every n in numbers.range(0, count(o.groups) - 1) {
		_group_matches(o.groups[n], i.groups[n], o.prefix - (n * group_bits), group_bits)
	}
}

# overlaps holds when two ranges share at least one address.
overlaps(a, b) if cidr_contains(a, b)

overlaps(a, b) if cidr_contains(b, a)

_group_bits(4) := 8

_group_bits(6) := 16

# A group lies wholly inside the prefix (compare all bits), wholly after it (no bits) or
# across it (compare the leading bits).
_group_matches(a, b, remaining, group_bits) if {
	remaining >= group_bits
	a == b
}

_group_matches(_, _, remaining, _) if remaining <= 0

_group_matches(a, b, remaining, group_bits) if {
	remaining > 0
	remaining < group_bits
	divisor := _pow2[group_bits - remaining]
	floor(a / divisor) == floor(b / divisor)
}

_prefix(parts, full) := full if count(parts) == 1

_prefix(parts, full) := prefix if {
	count(parts) == 2
	_digits(parts[1], 3)
	prefix := _decimal(parts[1])
	prefix <= full
}

_ipv4_groups(address) := groups if {
	parts := split(address, ".")
	count(parts) == 4
	every part in parts {
		_digits(part, 3)
	}
	groups := [n | some part in parts; n := _decimal(part)]
	every n in groups {
		n <= 255
	}
}

_ipv6_groups(address) := groups if {
	_ipv6_text(address)
	not contains(address, "::")
	texts := split(address, ":")
	count(texts) == 8
	groups := _hex_groups(texts)
}

_ipv6_groups(address) := groups if {
	_ipv6_text(address)
	halves := split(address, "::")
	count(halves) == 2
	head := _hex_groups(_colon_split(halves[0]))
	tail := _hex_groups(_colon_split(halves[1]))
	missing := (8 - count(head)) - count(tail)
	missing >= 1
	zeros := [0 | some _ in numbers.range(1, missing)]
	groups := [n | some part in [head, zeros, tail]; some n in part]
}

_colon_split("") := []

_colon_split(text) := split(text, ":") if text != ""

_hex_groups(texts) := groups if {
	every text in texts {
		text != ""
		count(text) <= 4
		trim(text, "0123456789abcdef") == ""
	}
	groups := [n | some text in texts; n := _hex(text)]
}

_hex(text) := sum([v |
	some i in numbers.range(0, count(text) - 1)
	v := _hex_digits[substring(text, i, 1)] * _pow2[4 * ((count(text) - 1) - i)]
])

_decimal(text) := sum([v |
	some i in numbers.range(0, count(text) - 1)
	v := _hex_digits[substring(text, i, 1)] * _pow10[(count(text) - 1) - i]
])

_hex_digits := {
	"0": 0, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7,
	"8": 8, "9": 9, "a": 10, "b": 11, "c": 12, "d": 13, "e": 14, "f": 15,
}

_pow10 := [1, 10, 100, 1000]

_pow2 := [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]

# Character tests with string functions: regorus compiles a regular expression on every call,
# and these run for every address of every rule.

# _digits holds for 1 to `most` decimal digits.
_digits(text, most) if {
	text != ""
	count(text) <= most
	trim(text, "0123456789") == ""
}

_ipv6_text(address) if {
	address != ""
	trim(address, "0123456789abcdef:") == ""
}
