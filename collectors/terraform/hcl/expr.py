"""HCL native-syntax expressions: a small Pratt parser producing a JSON-friendly syntax tree.

python-hcl2 4.x gives each block's structure and line numbers, but renders attribute expressions
back into strings that lose parentheses and operator precedence (`a == null ? x : y` parses as
`a == (null ? x : y)`) and print objects as Python reprs. The collector therefore takes each
attribute's exact source text and parses it here, following the HCL native syntax specification.

Nodes are lists whose first element is a tag, so parsed files cache as plain JSON:

    ["L", value]                          literal (string, number, bool, null)
    ["T", parts]                          template; parts are str, nodes, or directives
                                          ["IF", cond, then_parts, else_parts] /
                                          ["FOR", key_name, value_name, collection, parts]
    ["V", name]                           a root name (var, local, aws_s3_bucket, each, ...)
    ["A", node, name] / ["I", node, key]  attribute access / index
    ["S", node, ops]                      splat; ops are ["a", name] / ["i", key] per element
    ["C", name, args, expand_last]        function call
    ["U", op, node] / ["B", op, l, r]     unary / binary operation
    ["Q", cond, then, else]               conditional
    ["TU", items] / ["O", [[key, value]]] tuple / object constructors
    ["FL", k, v, coll, value, cond]       [for k, v in coll : value if cond]
    ["FM", k, v, coll, key, value, group, cond]
"""

from __future__ import annotations

import re
from typing import Any

Node = list[Any]

MAX_DEPTH = 64
_BINARY = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    ">": 4,
    ">=": 4,
    "<": 4,
    "<=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}
_OPERATORS = (
    "...",
    "=>",
    "==",
    "!=",
    "<=",
    ">=",
    "&&",
    "||",
    "::",
    "+",
    "-",
    "*",
    "/",
    "%",
    "!",
    "<",
    ">",
    "=",
    "?",
    ":",
    ".",
    ",",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "~",
)
# Operators by length, tried longest first (the order of _OPERATORS).
_OPS_3 = frozenset(op for op in _OPERATORS if len(op) == 3)
_OPS_2 = frozenset(op for op in _OPERATORS if len(op) == 2)
_OPS_1 = frozenset(op for op in _OPERATORS if len(op) == 1)
_IDENT_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_IDENT_CHARS = _IDENT_START | frozenset("0123456789-")
_IDENT_REST = re.compile(r"[a-zA-Z0-9_-]*")
_DIGITS = frozenset("0123456789")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


class ParseError(Exception):
    """An expression that is not valid HCL; `offset` is the character offset in the source."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


class _Token:
    __slots__ = ("end", "kind", "start", "value")

    def __init__(self, kind: str, value: str, start: int, end: int):
        self.kind = kind  # ident, num, op, str, heredoc, nl, eof
        self.value = value
        self.start = start
        self.end = end


def parse_expression(source: str) -> Node:
    """Parse one complete expression; raises ParseError."""
    parser = _Parser(source)
    node = parser.expression()
    tok = parser.peek()
    if tok.kind != "eof":
        raise ParseError(f"unexpected {tok.value!r} after the expression", tok.start)
    return node


def parse_template(source: str) -> Node:
    """Parse a whole string as template text (a heredoc body, a templatefile)."""
    parser = _Parser(source)
    parts, _ = parser.template_parts(heredoc=True, stops=())
    return _template_node(parts)


def _template_node(parts: list[Any]) -> Node:
    if not parts:
        return ["L", ""]
    if len(parts) == 1 and isinstance(parts[0], str):
        return ["L", parts[0]]
    if len(parts) == 1 and isinstance(parts[0], list) and parts[0][0] not in ("IF", "FOR"):
        return list(parts[0])  # "${x}" alone yields x's value unconverted, as in HCL
    return ["T", parts]


class _Parser:
    def __init__(self, source: str):
        self.src = source
        self.pos = 0
        self.depth = 0
        # the last token peeked, by (position, newlines): expressions peek the same token many times
        self._peeked: tuple[int, bool, _Token] | None = None

    # -- lexing -------------------------------------------------------------------------

    def _skip(self, newlines: bool) -> int:
        src, pos, n = self.src, self.pos, len(self.src)
        while pos < n:
            c = src[pos]
            if c in " \t\r" or (newlines and c == "\n"):
                pos += 1
            elif c == "#" or (c == "/" and src.startswith("//", pos)):
                end = src.find("\n", pos)
                pos = n if end < 0 else end
            elif c == "/" and src.startswith("/*", pos):
                end = src.find("*/", pos + 2)
                if end < 0:
                    raise ParseError("unterminated /* comment", pos)
                pos = end + 2
            else:
                break
        return pos

    def peek(self, newlines: bool = False) -> _Token:
        """The next token; newlines are skipped unless asked for (object element separators)."""
        peeked = self._peeked
        if peeked is not None and peeked[0] == self.pos and peeked[1] == newlines:
            return peeked[2]
        tok = self._lex(newlines)
        self._peeked = (self.pos, newlines, tok)
        return tok

    def _lex(self, newlines: bool) -> _Token:
        src = self.src
        pos = self._skip(not newlines)
        if pos >= len(src):
            return _Token("eof", "end of expression", pos, pos)
        c = src[pos]
        if c == "\n":
            return _Token("nl", "\n", pos, pos + 1)
        if c in _IDENT_START:
            end = _IDENT_REST.match(src, pos + 1).end()  # type: ignore[union-attr]
            return _Token("ident", src[pos:end], pos, end)
        if c in _DIGITS:
            end = pos
            while end < len(src) and src[end] in _DIGITS:
                end += 1
            if end + 1 < len(src) and src[end] == "." and src[end + 1] in _DIGITS:
                end += 1
                while end < len(src) and src[end] in _DIGITS:
                    end += 1
            if end < len(src) and src[end] in "eE":
                probe = end + 1
                if probe < len(src) and src[probe] in "+-":
                    probe += 1
                if probe < len(src) and src[probe] in _DIGITS:
                    end = probe
                    while end < len(src) and src[end] in _DIGITS:
                        end += 1
            return _Token("num", src[pos:end], pos, end)
        if c == '"':
            return _Token("str", '"', pos, pos + 1)
        if src.startswith("<<", pos) and (
            pos + 2 < len(src) and (src[pos + 2] in _IDENT_START or src[pos + 2] == "-")
        ):
            return _Token("heredoc", "<<", pos, pos + 2)
        op = src[pos : pos + 3]
        if op in _OPS_3:
            return _Token("op", op, pos, pos + 3)
        op = op[:2]
        if op in _OPS_2:
            return _Token("op", op, pos, pos + 2)
        if c in _OPS_1:
            return _Token("op", c, pos, pos + 1)
        raise ParseError(f"unexpected character {c!r}", pos)

    def advance(self, tok: _Token) -> None:
        self.pos = tok.end

    def expect(self, value: str) -> _Token:
        tok = self.peek()
        if tok.value != value or tok.kind not in ("op", "ident"):
            raise ParseError(f"expected {value!r}, found {tok.value!r}", tok.start)
        self.advance(tok)
        return tok

    def ident(self) -> str:
        tok = self.peek()
        if tok.kind != "ident":
            raise ParseError(f"expected a name, found {tok.value!r}", tok.start)
        self.advance(tok)
        return tok.value

    def _is_op(self, tok: _Token, value: str) -> bool:
        return tok.kind == "op" and tok.value == value

    # -- expressions ----------------------------------------------------------------------

    def expression(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(f"expression nested deeper than {MAX_DEPTH} levels", self.pos)
        try:
            cond = self.binary(1)
            tok = self.peek()
            if self._is_op(tok, "?"):
                self.advance(tok)
                then = self.expression()
                self.expect(":")
                other = self.expression()
                return ["Q", cond, then, other]
            return cond
        finally:
            self.depth -= 1

    def binary(self, min_prec: int) -> Node:
        left = self.unary()
        while True:
            tok = self.peek()
            prec = _BINARY.get(tok.value) if tok.kind == "op" else None
            if prec is None or prec < min_prec:
                return left
            self.advance(tok)
            right = self.binary(prec + 1)
            left = ["B", tok.value, left, right]

    def unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "op" and tok.value in ("-", "!"):
            self.advance(tok)
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ParseError(f"expression nested deeper than {MAX_DEPTH} levels", tok.start)
            try:
                operand = self.unary()
            finally:
                self.depth -= 1
            if tok.value == "-" and operand[0] == "L" and type(operand[1]) in (int, float):
                return ["L", -operand[1]]
            return ["U", tok.value, operand]
        return self.postfix(self.primary())

    def primary(self) -> Node:
        tok = self.peek()
        kind, value = tok.kind, tok.value
        if kind == "num":
            self.advance(tok)
            number = float(value) if any(c in value for c in ".eE") else int(value)
            if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
                return ["L", int(number)]
            return ["L", number]
        if kind == "str":
            self.advance(tok)
            parts, _ = self.template_parts(heredoc=False, stops=())
            return _template_node(parts)
        if kind == "heredoc":
            return self.heredoc(tok)
        if kind == "ident":
            self.advance(tok)
            if value == "true":
                return ["L", True]
            if value == "false":
                return ["L", False]
            if value == "null":
                return ["L", None]
            nxt = self.peek()
            name = value
            if self._is_op(nxt, "::"):
                while self._is_op(nxt, "::"):
                    self.advance(nxt)
                    name += "::" + self.ident()
                    nxt = self.peek()
                if not self._is_op(nxt, "("):
                    raise ParseError(f"expected '(' after {name}", nxt.start)
            if self._is_op(nxt, "("):
                self.advance(nxt)
                return self.call(name)
            return ["V", name]
        if kind == "op":
            if value == "(":
                self.advance(tok)
                inner = self.expression()
                self.expect(")")
                return inner
            if value == "[":
                self.advance(tok)
                return self.tuple_or_for()
            if value == "{":
                self.advance(tok)
                return self.object_or_for()
        raise ParseError(f"unexpected {value!r}", tok.start)

    def call(self, name: str) -> Node:
        args: list[Node] = []
        expand = False
        tok = self.peek()
        if self._is_op(tok, ")"):
            self.advance(tok)
            return ["C", name, args, False]
        while True:
            args.append(self.expression())
            tok = self.peek()
            if self._is_op(tok, "..."):
                self.advance(tok)
                expand = True
                tok = self.peek()
            if self._is_op(tok, ","):
                self.advance(tok)
                tok = self.peek()
                if self._is_op(tok, ")"):
                    self.advance(tok)
                    break
                if expand:
                    raise ParseError("'...' must follow the last argument", tok.start)
                continue
            if self._is_op(tok, ")"):
                self.advance(tok)
                break
            raise ParseError(f"expected ',' or ')' in the call of {name}, found {tok.value!r}", tok.start)
        return ["C", name, args, expand]

    def postfix(self, node: Node) -> Node:
        while True:
            tok = self.peek()
            if self._is_op(tok, "."):
                self.advance(tok)
                nxt = self.peek()
                if self._is_op(nxt, "*"):
                    self.advance(nxt)
                    node = ["S", node, self.splat_ops(attributes_only=True)]
                elif nxt.kind == "num" and nxt.value.isdigit():
                    self.advance(nxt)
                    node = ["I", node, ["L", int(nxt.value)]]
                elif nxt.kind == "num":
                    # a.0.1 lexes as the number 0.1: split it into two legacy index steps
                    self.advance(nxt)
                    for piece in nxt.value.split("."):
                        node = ["I", node, ["L", int(piece)]]
                elif nxt.kind == "ident":
                    self.advance(nxt)
                    node = ["A", node, nxt.value]
                else:
                    raise ParseError(f"expected a name after '.', found {nxt.value!r}", nxt.start)
            elif self._is_op(tok, "["):
                if self._full_splat():
                    node = ["S", node, self.splat_ops(attributes_only=False)]
                else:
                    self.advance(tok)
                    key = self.expression()
                    self.expect("]")
                    node = ["I", node, key]
            else:
                return node

    def _full_splat(self) -> bool:
        saved = self.pos
        tok = self.peek()
        self.advance(tok)
        star = self.peek()
        if self._is_op(star, "*"):
            self.advance(star)
            close = self.peek()
            if self._is_op(close, "]"):
                self.advance(close)
                return True
        self.pos = saved
        return False

    def splat_ops(self, attributes_only: bool) -> list[Any]:
        ops: list[Any] = []
        while True:
            tok = self.peek()
            if self._is_op(tok, "."):
                saved = self.pos
                self.advance(tok)
                nxt = self.peek()
                if nxt.kind == "ident":
                    self.advance(nxt)
                    ops.append(["a", nxt.value])
                    continue
                if nxt.kind == "num" and nxt.value.isdigit() and not attributes_only:
                    self.advance(nxt)
                    ops.append(["i", ["L", int(nxt.value)]])
                    continue
                self.pos = saved
                return ops
            if self._is_op(tok, "[") and not attributes_only:
                saved = self.pos
                if self._full_splat():
                    self.pos = saved
                    return ops
                self.advance(tok)
                key = self.expression()
                self.expect("]")
                ops.append(["i", key])
                continue
            return ops

    def _for_intro(self) -> tuple[str | None, str, Node]:
        self.expect("for")
        first = self.ident()
        second: str | None = None
        tok = self.peek()
        if self._is_op(tok, ","):
            self.advance(tok)
            second = self.ident()
        self.expect("in")
        collection = self.expression()
        self.expect(":")
        if second is None:
            return None, first, collection
        return first, second, collection

    def _starts_for(self) -> bool:
        tok = self.peek()
        if tok.kind != "ident" or tok.value != "for":
            return False
        saved = self.pos
        self.advance(tok)
        nxt = self.peek()
        self.pos = saved
        return nxt.kind == "ident"

    def _for_condition(self) -> Node | None:
        tok = self.peek()
        if tok.kind == "ident" and tok.value == "if":
            self.advance(tok)
            return self.expression()
        return None

    def tuple_or_for(self) -> Node:
        if self._starts_for():
            key, value, collection = self._for_intro()
            result = self.expression()
            cond = self._for_condition()
            self.expect("]")
            return ["FL", key, value, collection, result, cond]
        items: list[Node] = []
        while True:
            tok = self.peek()
            if self._is_op(tok, "]"):
                self.advance(tok)
                return ["TU", items]
            items.append(self.expression())
            tok = self.peek()
            if self._is_op(tok, ","):
                self.advance(tok)
            elif not self._is_op(tok, "]"):
                raise ParseError(f"expected ',' or ']' in a list, found {tok.value!r}", tok.start)

    def object_or_for(self) -> Node:
        if self._starts_for():
            key_name, value_name, collection = self._for_intro()
            key_node = self.expression()
            self.expect("=>")
            value = self.expression()
            group = False
            tok = self.peek()
            if self._is_op(tok, "..."):
                self.advance(tok)
                group = True
            cond = self._for_condition()
            self.expect("}")
            return ["FM", key_name, value_name, collection, key_node, value, group, cond]
        items: list[list[Node]] = []
        while True:
            tok = self.peek()
            if self._is_op(tok, "}"):
                self.advance(tok)
                return ["O", items]
            key: Node
            if tok.kind == "ident":
                saved = self.pos
                self.advance(tok)
                sep = self.peek()
                if sep.kind == "op" and sep.value in ("=", ":"):
                    key = ["L", tok.value]
                else:
                    self.pos = saved
                    key = self.expression()
            else:
                key = self.expression()
            sep = self.peek()
            if not (sep.kind == "op" and sep.value in ("=", ":")):
                raise ParseError(f"expected '=' after an object key, found {sep.value!r}", sep.start)
            self.advance(sep)
            items.append([key, self.expression()])
            tok = self.peek(newlines=True)
            if tok.kind == "nl" or self._is_op(tok, ","):
                self.advance(tok)
            elif not self._is_op(tok, "}"):
                raise ParseError(
                    f"expected ',' or a new line between object items, found {tok.value!r}", tok.start
                )

    # -- templates -------------------------------------------------------------------------

    def heredoc(self, tok: _Token) -> Node:
        src = self.src
        pos = tok.end
        trim = src.startswith("-", pos)
        if trim:
            pos += 1
        start = pos
        while pos < len(src) and src[pos] in _IDENT_CHARS:
            pos += 1
        marker = src[start:pos]
        line_end = src.find("\n", pos)
        if not marker or line_end < 0 or src[pos:line_end].strip():
            raise ParseError("malformed heredoc introducer", tok.start)
        body_start = line_end + 1
        cursor = body_start
        while True:
            end = src.find("\n", cursor)
            line = src[cursor : len(src) if end < 0 else end]
            if line.strip() == marker:
                body = src[body_start:cursor]
                self.pos = len(src) if end < 0 else cursor + len(line)
                break
            if end < 0:
                raise ParseError(f"heredoc {marker} is not closed", tok.start)
            cursor = end + 1
        if trim:
            lines = body.split("\n")
            indents = [len(x) - len(x.lstrip(" \t")) for x in lines if x.strip()]
            cut = min(indents) if indents else 0
            body = "\n".join(x[cut:] for x in lines)
        sub = _Parser(body)
        sub.depth = self.depth
        parts, _ = sub.template_parts(heredoc=True, stops=())
        return _template_node(parts)

    def template_parts(self, heredoc: bool, stops: tuple[str, ...]) -> tuple[list[Any], str | None]:
        """Template text up to the closing quote (or end of a heredoc body) or a stop directive."""
        src = self.src
        n = len(src)
        parts: list[Any] = []
        buf: list[str] = []
        strip_next = False

        def flush(strip_trailing: bool = False) -> None:
            nonlocal strip_next
            text = "".join(buf)
            buf.clear()
            if strip_next:
                text = text.lstrip()
                strip_next = False
            if strip_trailing:
                text = text.rstrip()
                if not text and parts and isinstance(parts[-1], str):
                    parts[-1] = parts[-1].rstrip()
            if text:
                if parts and isinstance(parts[-1], str):
                    parts[-1] += text
                else:
                    parts.append(text)

        while True:
            if self.pos >= n:
                if heredoc:
                    flush()
                    return parts, None
                raise ParseError("unterminated string", self.pos)
            c = src[self.pos]
            if c == '"' and not heredoc:
                self.pos += 1
                flush()
                return parts, None
            if c == "\\" and not heredoc:
                self.pos += 1
                buf.append(self._escape())
                continue
            if c == "\n" and not heredoc:
                raise ParseError("a quoted string cannot span lines (use a heredoc)", self.pos)
            if c in "$%" and src.startswith(c + c + "{", self.pos):
                buf.append(c + "{")
                self.pos += 3
                continue
            if c == "$" and src.startswith("${", self.pos):
                self.pos += 2
                strip = src.startswith("~", self.pos)
                if strip:
                    self.pos += 1
                flush(strip_trailing=strip)
                node = self.expression()
                strip_next = self._close_interpolation()
                parts.append(node)
                continue
            if c == "%" and src.startswith("%{", self.pos):
                self.pos += 2
                strip = src.startswith("~", self.pos)
                if strip:
                    self.pos += 1
                flush(strip_trailing=strip)
                keyword = self.ident()
                if keyword in stops:
                    strip_next = self._close_interpolation()
                    return parts, keyword
                if keyword == "if":
                    parts.append(self._if_directive(heredoc))
                elif keyword == "for":
                    parts.append(self._for_directive(heredoc))
                else:
                    raise ParseError(f"unexpected template directive {keyword!r}", self.pos)
                continue
            buf.append(c)
            self.pos += 1

    def _close_interpolation(self) -> bool:
        self.pos = self._skip(True)
        strip = self.src.startswith("~}", self.pos)
        if strip:
            self.pos += 2
            return True
        if self.src.startswith("}", self.pos):
            self.pos += 1
            return False
        raise ParseError("expected '}' to close the interpolation", self.pos)

    def _if_directive(self, heredoc: bool) -> list[Any]:
        cond = self.expression()
        self._close_interpolation()
        then, stop = self.template_parts(heredoc, ("else", "endif"))
        other: list[Any] = []
        if stop == "else":
            other, stop = self.template_parts(heredoc, ("endif",))
        if stop != "endif":
            raise ParseError("%{ if } without %{ endif }", self.pos)
        return ["IF", cond, then, other]

    def _for_directive(self, heredoc: bool) -> list[Any]:
        first = self.ident()
        second: str | None = None
        tok = self.peek()
        if self._is_op(tok, ","):
            self.advance(tok)
            second = self.ident()
        self.expect("in")
        collection = self.expression()
        self._close_interpolation()
        body, stop = self.template_parts(heredoc, ("endfor",))
        if stop != "endfor":
            raise ParseError("%{ for } without %{ endfor }", self.pos)
        if second is None:
            return ["FOR", None, first, collection, body]
        return ["FOR", first, second, collection, body]

    def _escape(self) -> str:
        src = self.src
        if self.pos >= len(src):
            raise ParseError("unterminated escape", self.pos)
        c = src[self.pos]
        if c in _ESCAPES:
            self.pos += 1
            return _ESCAPES[c]
        if c in "uU":
            width = 4 if c == "u" else 8
            digits = src[self.pos + 1 : self.pos + 1 + width]
            try:
                code = int(digits, 16)
                char = chr(code)
            except ValueError:
                raise ParseError(f"invalid \\{c} escape", self.pos) from None
            self.pos += 1 + width
            return char
        raise ParseError(f"invalid escape \\{c}", self.pos)
