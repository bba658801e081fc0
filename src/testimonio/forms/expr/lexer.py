"""Tokenizer for XLSForm expressions (XPath 1.0 plus ``${name}``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from testimonio.errors import ExpressionError

MAX_LENGTH = 10_000

# Token kinds.
NUMBER = "number"
STRING = "string"
REF = "ref"
NAME = "name"
FUNC = "func"  # a name followed by '('
OP = "op"
PUNCT = "punct"  # ( ) , /  //  .  ..  [ ] @
END = "end"

# XML NCName letters, optionally prefixed (jr:choice-name). '.' and '-' may
# appear inside a name, as in XPath: "a-1" is one name, "a - 1" a subtraction.
_NAME = r"[^\W\d][\w.\-]*(?::[^\W\d][\w.\-]*)?"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<number>\d+(?:\.\d*)?|\.\d+)
  | (?P<string>'[^']*'|"[^"]*")
  | (?P<ref>\$\{{\s*(?P<refname>{_NAME})\s*\}})
  | (?P<name>{_NAME})
  | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\|)
  | (?P<punct>\.\.|\.|//|/|\(|\)|,|\[|\]|@)
    """,
    re.VERBOSE,
)
_OPERATOR_NAMES = frozenset({"and", "or", "div", "mod"})
# After these, a name such as "div" is a name, not an operator (XPath §3.7).
_NAME_CONTEXT = frozenset({"(", ",", "[", "@", "/", "//"})
_FOLLOWED_BY_PAREN = re.compile(r"\s*\(")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its kind, text (unquoted for strings) and offset."""

    kind: str
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; ExpressionError on anything unknown."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"The expression is {len(text)} characters long; the limit is {MAX_LENGTH}."
        )
    tokens: list[Token] = []
    pos = 0
    end = len(text)
    while pos < end:
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ExpressionError(_unexpected(text, pos))
        kind = m.lastgroup
        if kind == "refname":  # the named group inside "ref" matched last
            kind = REF
        value = m.group()
        if kind == "ws":
            pos = m.end()
            continue
        if kind == STRING:
            tokens.append(Token(STRING, value[1:-1], pos))
        elif kind == REF:
            tokens.append(Token(REF, m.group("refname"), pos))
        elif kind == NAME:
            tokens.append(_name_token(tokens, value, pos, text, m.end()))
        elif kind is not None:
            tokens.append(Token(kind, value, pos))
        pos = m.end()
    tokens.append(Token(END, "", end))
    return tokens


def _name_token(tokens: list[Token], value: str, pos: int, text: str, after: int) -> Token:
    if value in _OPERATOR_NAMES and tokens:
        prev = tokens[-1]
        if prev.kind != OP and not (prev.kind == PUNCT and prev.text in _NAME_CONTEXT):
            return Token(OP, value, pos)
    if _FOLLOWED_BY_PAREN.match(text, after):
        return Token(FUNC, value, pos)
    return Token(NAME, value, pos)


def _unexpected(text: str, pos: int) -> str:
    snippet = text[pos : pos + 12]
    if text[pos] in "'\"":
        return f"A text in quotes starting at character {pos + 1} is never closed."
    if text.startswith("${", pos):
        return f"The reference at character {pos + 1} is malformed: write ${{name}}."
    return f"Unexpected {snippet!r} at character {pos + 1} of the expression."
