"""The expression parser: HCL precedence, templates, heredocs, for expressions, limits."""

from __future__ import annotations

import pytest

from aipolicy.collectors.terraform.hcl.expr import MAX_DEPTH, ParseError, parse_expression, parse_template


def test_precedence_follows_the_hcl_spec() -> None:
    # python-hcl2 4.x reads this as `a == (null ? x : y)`; HCL's conditional binds loosest
    assert parse_expression('var.a == null ? "x" : "y"') == [
        "Q",
        ["B", "==", ["A", ["V", "var"], "a"], ["L", None]],
        ["L", "x"],
        ["L", "y"],
    ]
    assert parse_expression("1 + 2 * 3 > 4 || !x && y") == [
        "B",
        "||",
        ["B", ">", ["B", "+", ["L", 1], ["B", "*", ["L", 2], ["L", 3]]], ["L", 4]],
        ["B", "&&", ["U", "!", ["V", "x"]], ["V", "y"]],
    ]
    assert parse_expression("(1 + 2) * 3") == ["B", "*", ["B", "+", ["L", 1], ["L", 2]], ["L", 3]]
    assert parse_expression("a - b - c") == ["B", "-", ["B", "-", ["V", "a"], ["V", "b"]], ["V", "c"]]
    assert parse_expression("-3") == ["L", -3]


def test_templates_escapes_and_single_interpolation() -> None:
    assert parse_expression('"${var.x}"') == ["A", ["V", "var"], "x"]
    assert parse_expression('"a-${var.x}-b"') == ["T", ["a-", ["A", ["V", "var"], "x"], "-b"]]
    assert parse_expression(r'"q\"uote\n $${lit} %%{lit}"') == ["L", 'q"uote\n ${lit} %{lit}']
    node = parse_expression('"%{ if var.on }yes%{ else }no%{ endif }"')
    assert node == ["T", [["IF", ["A", ["V", "var"], "on"], ["yes"], ["no"]]]]
    assert parse_expression('"a ${~ x ~} b"') == ["T", ["a", ["V", "x"], "b"]]


def test_heredocs_keep_their_final_newline_and_strip_indentation() -> None:
    assert parse_expression("<<EOT\nhello ${x}\nEOT\n") == ["T", ["hello ", ["V", "x"], "\n"]]
    assert parse_expression("<<-EOT\n    a\n      b\n    EOT\n") == ["L", "a\n  b\n"]
    assert parse_template('{"a": "${v}"}') == ["T", ['{"a": "', ["V", "v"], '"}']]


def test_traversals_splats_and_calls() -> None:
    assert parse_expression('a.b["c"].d[0].e') == [
        "A",
        ["I", ["A", ["I", ["A", ["V", "a"], "b"], ["L", "c"]], "d"], ["L", 0]],
        "e",
    ]
    assert parse_expression("aws_s3_bucket.x[*].id") == [
        "S",
        ["A", ["V", "aws_s3_bucket"], "x"],
        [["a", "id"]],
    ]
    assert parse_expression("x.*.id") == ["S", ["V", "x"], [["a", "id"]]]
    assert parse_expression("a.0.1") == ["I", ["I", ["V", "a"], ["L", 0]], ["L", 1]]
    assert parse_expression("merge(a, b...)") == ["C", "merge", [["V", "a"], ["V", "b"]], True]
    assert parse_expression("provider::aws::arn_parse(x)")[1] == "provider::aws::arn_parse"
    assert parse_expression("var.my-name") == ["A", ["V", "var"], "my-name"]


def test_collections_and_for_expressions() -> None:
    assert parse_expression('{ a = 1\n  "b" = 2, (k) = 3\n}') == [
        "O",
        [[["L", "a"], ["L", 1]], [["L", "b"], ["L", 2]], [["V", "k"], ["L", 3]]],
    ]
    assert parse_expression("[1, 2,\n 3,\n]") == ["TU", [["L", 1], ["L", 2], ["L", 3]]]
    assert parse_expression('[for k, v in m : upper(v) if k != "x"]')[0] == "FL"
    assert parse_expression("{for k, v in m : v => k...}")[6] is True
    assert parse_expression("{ for = 1 }") == ["O", [[["L", "for"], ["L", 1]]]]


@pytest.mark.parametrize(
    "source",
    ['"unterminated', "a +", "{ a = 1 b = 2 }", "f(a,", "[1 2]", '"${x"', "a ? b", "<<EOT\nno end\n", "@"],
)
def test_malformed_expressions_raise_parse_errors(source: str) -> None:
    with pytest.raises(ParseError):
        parse_expression(source)


def test_deep_nesting_is_refused_not_a_stack_overflow() -> None:
    with pytest.raises(ParseError, match="nested deeper"):
        parse_expression("(" * 5000 + "1" + ")" * 5000)
    with pytest.raises(ParseError, match="nested deeper"):
        parse_expression("-" * 5000 + "1")
    assert parse_expression("[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2))[0] == "TU"
