package aipolicy.lib.blocks_test

import rego.v1

import data.aipolicy.lib.blocks

test_first_reads_both_shapes if {
	blocks.first({"a": 1}) == {"a": 1}
	blocks.first([{"a": 1}, {"a": 2}]) == {"a": 1}
	not blocks.first([])
	not blocks.first(null)
}

test_elements_reads_both_shapes if {
	blocks.elements([{"a": 1}]) == [{"a": 1}]
	blocks.elements({"a": 1}) == [{"a": 1}]
	blocks.elements(null) == []
}

test_present if {
	blocks.present({})
	blocks.present([{}])
	not blocks.present([])
	not blocks.present(null)
}

test_unresolved_pattern_matches_any_index if {
	r := {"unresolved": ["rule.1.apply.0.alg"]}
	blocks.unresolved_pattern(r, "rule.*.apply.*.alg")
	blocks.unresolved_pattern(r, "rule")
	blocks.unresolved_pattern(r, "rule.*.apply.*.alg.deeper")
	not blocks.unresolved_pattern(r, "rule.*.apply.*.key")
	not blocks.unresolved_pattern(r, "rule.*.other")
}

test_unresolved_pattern_parent_unresolved if {
	r := {"unresolved": ["rule"]}
	blocks.unresolved_pattern(r, "rule.*.apply.*.alg")
	not blocks.known_pattern(r, "rule.*.apply.*.alg")
}

test_star_does_not_match_names if {
	r := {"unresolved": ["rule.x"]}
	not blocks.unresolved_pattern(r, "rule.*")
	blocks.known_pattern({}, "rule.*")
}

test_elements_drops_non_objects if {
	blocks.elements([{"a": 1}, null, "x"]) == [{"a": 1}]
}
