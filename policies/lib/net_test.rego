package aipolicy.lib.net_test

import rego.v1

test_parse_ipv4 if {
	data.aipolicy.lib.net.parse("10.1.2.3") == {"version": 4, "groups": [10, 1, 2, 3], "prefix": 32}
	data.aipolicy.lib.net.parse("10.0.0.0/8") == {"version": 4, "groups": [10, 0, 0, 0], "prefix": 8}
	data.aipolicy.lib.net.parse("010.001.0.08/08").groups == [10, 1, 0, 8]
}

test_parse_ipv6 if {
	data.aipolicy.lib.net.parse("::/0") == {"version": 6, "groups": [0, 0, 0, 0, 0, 0, 0, 0], "prefix": 0}
	data.aipolicy.lib.net.parse("2001:db8::/32").groups == [8193, 3512, 0, 0, 0, 0, 0, 0]
	data.aipolicy.lib.net.parse("fe80::1").prefix == 128
	data.aipolicy.lib.net.parse("FE80:0:0:0:0:0:0:FFFF/64").groups == [65152, 0, 0, 0, 0, 0, 0, 65535]
	data.aipolicy.lib.net.parse("::1").groups == [0, 0, 0, 0, 0, 0, 0, 1]
}

test_malformed_values_do_not_parse if {
	every value in [
		"", "10.0.0", "10.0.0.256", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8/8", "1::2::3",
		":::", "2001:db8::/129", "12345::", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8",
		"0.0.0.0/-1", 42, null, ["0.0.0.0/0"],
	] {
		not data.aipolicy.lib.net.parse(value)
	}
}

test_is_cidr if {
	data.aipolicy.lib.net.is_cidr("0.0.0.0/0")
	data.aipolicy.lib.net.is_ipv4_cidr("192.168.0.0/16")
	data.aipolicy.lib.net.is_ipv6_cidr("::/0")
	not data.aipolicy.lib.net.is_cidr("192.168.0.1")
	not data.aipolicy.lib.net.is_ipv4_cidr("::/0")
	not data.aipolicy.lib.net.is_ipv6_cidr("0.0.0.0/0")
}

test_open_to_world if {
	data.aipolicy.lib.net.open_to_world("0.0.0.0/0")
	data.aipolicy.lib.net.open_to_world(" 0.0.0.0/0 ")
	data.aipolicy.lib.net.open_to_world("::/0")
	data.aipolicy.lib.net.open_to_world("0:0:0:0:0:0:0:0/0")
	data.aipolicy.lib.net.open_to_world("10.0.0.0/0")
	not data.aipolicy.lib.net.open_to_world("0.0.0.0/1")
	not data.aipolicy.lib.net.open_to_world("0.0.0.0")
	not data.aipolicy.lib.net.open_to_world("10.0.0.0/8")
	not data.aipolicy.lib.net.open_to_world("2001:db8::/32")
	not data.aipolicy.lib.net.open_to_world("*")
}

test_any_open_to_world if {
	data.aipolicy.lib.net.any_open_to_world(["10.0.0.0/8", "::/0"])
	data.aipolicy.lib.net.any_open_to_world("0.0.0.0/0")
	not data.aipolicy.lib.net.any_open_to_world(["10.0.0.0/8", "192.168.0.0/16"])
	not data.aipolicy.lib.net.any_open_to_world([])
	not data.aipolicy.lib.net.any_open_to_world(null)
}

test_cidr_contains_ipv4 if {
	data.aipolicy.lib.net.cidr_contains("10.0.0.0/8", "10.20.30.40")
	data.aipolicy.lib.net.cidr_contains("10.0.0.0/8", "10.128.0.0/9")
	data.aipolicy.lib.net.cidr_contains("0.0.0.0/0", "203.0.113.7")
	data.aipolicy.lib.net.cidr_contains("172.16.0.0/12", "172.31.255.255/32")
	data.aipolicy.lib.net.cidr_contains("192.168.1.0/24", "192.168.1.0/24")
	not data.aipolicy.lib.net.cidr_contains("172.16.0.0/12", "172.32.0.0")
	not data.aipolicy.lib.net.cidr_contains("10.128.0.0/9", "10.0.0.0/8")
	not data.aipolicy.lib.net.cidr_contains("10.0.0.0/8", "11.0.0.0/8")
	not data.aipolicy.lib.net.cidr_contains("10.0.0.0/8", "::/0")
	not data.aipolicy.lib.net.cidr_contains("10.0.0.0/8", "not a cidr")
}

test_cidr_contains_ipv6 if {
	data.aipolicy.lib.net.cidr_contains("::/0", "2001:db8::1")
	data.aipolicy.lib.net.cidr_contains("2001:db8::/32", "2001:db8:ffff::/48")
	data.aipolicy.lib.net.cidr_contains("fe80::/10", "febf::1")
	not data.aipolicy.lib.net.cidr_contains("fe80::/10", "fec0::1")
	not data.aipolicy.lib.net.cidr_contains("2001:db8::/32", "2001:db9::/32")
	not data.aipolicy.lib.net.cidr_contains("::/0", "0.0.0.0/0")
}

test_overlaps if {
	data.aipolicy.lib.net.overlaps("10.0.0.0/8", "10.1.0.0/16")
	data.aipolicy.lib.net.overlaps("10.1.0.0/16", "10.0.0.0/8")
	not data.aipolicy.lib.net.overlaps("10.0.0.0/16", "10.1.0.0/16")
}
