"""Recursive-descent parser from expression text to the syntax tree.

Grammar (XPath 1.0 §3, without axes, predicates or wildcards, plus ``${name}``)::

    expr     := or
    or       := and ('or' and)*
    and      := eq ('and' eq)*
    eq       := rel (('=' | '!=') rel)*
    rel      := add (('<' | '<=' | '>' | '>=') add)*
    add      := mul (('+' | '-') mul)*
    mul      := unary (('*' | 'div' | 'mod') unary)*
    unary    := '-' unary | union
    union    := primary ('|' primary)*
    primary  := NUMBER | STRING | ${name} | name '(' args ')' | '(' expr ')' | path
    path     := '/'? step ('/' step)*       step := '.' | '..' | name
"""

from __future__ import annotations

from functools import lru_cache

from testimonio.errors import ExpressionError
from testimonio.forms.expr.ast import (
    Binary,
    Call,
    Expr,
    FilterPath,
    Literal,
    Number,
    Path,
    Ref,
    Step,
    Unary,
)
from testimonio.forms.expr.functions import FUNCTIONS
from testimonio.forms.expr.lexer import (
    END,
    FUNC,
    NAME,
    NUMBER,
    OP,
    PUNCT,
    REF,
    STRING,
    Token,
    tokenize,
)

# A tree deeper than this is refused: the evaluator and printer recurse once a
# level. Long flat chains (a or b or c ...) are left-deep, hence the margin.
MAX_DEPTH = 150
# Brackets, calls and unary minus recurse through the whole grammar (about ten
# Python frames each), so they get a tighter limit of their own.
MAX_NESTING = 40

_LEVELS: tuple[frozenset[str], ...] = (
    frozenset({"or"}),
    frozenset({"and"}),
    frozenset({"=", "!="}),
    frozenset({"<", "<=", ">", ">="}),
    frozenset({"+", "-"}),
    frozenset({"*", "div", "mod"}),
)


def parse(text: str) -> Expr:
    """Parse an expression; the same text always gives the same (cached) tree.

    Raises :class:`ExpressionError` with a sentence for anything malformed,
    too long or too deeply nested.
    """
    if not isinstance(text, str):
        raise ExpressionError("An expression must be text.")
    return _parse_cached(text)


@lru_cache(maxsize=8192)
def _parse_cached(text: str) -> Expr:
    try:
        return _Parser(text).parse()
    except RecursionError as exc:  # belt and braces: depth is limited below
        raise ExpressionError("The expression is nested too deeply.") from exc


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = tokenize(text)
        self.i = 0
        self.nesting = 0

    # -- helpers -------------------------------------------------------------

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def at(self, kind: str, text: str | None = None) -> bool:
        tok = self.tokens[self.i]
        return tok.kind == kind and (text is None or tok.text == text)

    def expect_punct(self, text: str) -> None:
        if not self.at(PUNCT, text):
            raise ExpressionError(self.where(f"Expected '{text}'"))
        self.advance()

    def where(self, what: str) -> str:
        tok = self.tok
        if tok.kind == END:
            return f"{what} but the expression ended."
        return f"{what} at character {tok.pos + 1}, found {tok.text!r}."

    def checked(self, node: Expr) -> Expr:
        if node.depth > MAX_DEPTH:
            raise ExpressionError(f"The expression is nested too deeply (more than {MAX_DEPTH} levels).")
        return node

    # -- grammar -------------------------------------------------------------

    def parse(self) -> Expr:
        if not self.text.strip():
            raise ExpressionError("The expression is empty.")
        node = self.binary(0)
        if not self.at(END):
            raise ExpressionError(self.where("Unexpected text"))
        return node

    def binary(self, level: int) -> Expr:
        if level == len(_LEVELS):
            return self.unary()
        ops = _LEVELS[level]
        left = self.binary(level + 1)
        while self.tok.kind == OP and self.tok.text in ops:
            op = self.advance().text
            right = self.binary(level + 1)
            left = self.checked(Binary(op, left, right))
        return left

    def unary(self) -> Expr:
        if self.at(OP, "-"):
            self.advance()
            self.enter()
            operand = self.unary()
            self.nesting -= 1
            return self.checked(Unary(operand))
        return self.union()

    def union(self) -> Expr:
        left = self.primary()
        while self.at(OP, "|"):
            self.advance()
            left = self.checked(Binary("|", left, self.primary()))
        return left

    def enter(self) -> None:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise ExpressionError(f"The expression is nested too deeply (more than {MAX_NESTING} levels).")

    def primary(self) -> Expr:
        tok = self.tok
        if tok.kind == NUMBER:
            self.advance()
            value = float(tok.text)
            if value == float("inf"):
                raise ExpressionError(f"The number at character {tok.pos + 1} is too large.")
            return Number(value)
        if tok.kind == STRING:
            self.advance()
            return Literal(tok.text)
        if tok.kind == REF:
            self.advance()
            return Ref(tok.text)
        if tok.kind == FUNC:
            return self.call()
        if tok.kind == PUNCT and tok.text == "(":
            self.advance()
            self.enter()
            inner = self.binary(0)
            self.nesting -= 1
            self.expect_punct(")")
            return inner
        if tok.kind == NAME or (tok.kind == PUNCT and tok.text in (".", "..", "/")):
            return self.path()
        if tok.kind == OP and tok.text in ("and", "or", "div", "mod"):
            raise ExpressionError(self.where(f"'{tok.text}' needs something on its left"))
        raise ExpressionError(self.where("Expected a value, a ${name} or a function"))

    def call(self) -> Expr:
        tok = self.advance()
        name = tok.text
        if name not in FUNCTIONS:
            raise ExpressionError(f"Unknown function {name}() at character {tok.pos + 1}.")
        self.expect_punct("(")
        self.enter()
        args: list[Expr] = []
        if not self.at(PUNCT, ")"):
            args.append(self.binary(0))
            while self.at(PUNCT, ","):
                self.advance()
                args.append(self.binary(0))
        self.nesting -= 1
        self.expect_punct(")")
        low, high = FUNCTIONS[name][0], FUNCTIONS[name][1]
        if len(args) < low or (high is not None and len(args) > high):
            wanted = str(low) if low == high else (f"at least {low}" if high is None else f"{low} to {high}")
            raise ExpressionError(f"{name}() takes {wanted} argument(s), not {len(args)}.")
        if name == "indexed-repeat" and len(args) % 2 == 0:
            raise ExpressionError("indexed-repeat() takes a name, then pairs of a repeat and a position.")
        if name == "weighted-checklist" and len(args) % 2:
            raise ExpressionError("weighted-checklist() takes a minimum, a maximum, then pairs of a value and a weight.")
        node = Call(name, tuple(args))
        self.checked(node)
        if name in ("instance", "current") and self.at(PUNCT, "/"):
            return self.filter_path(node)
        return node

    def filter_path(self, base: Call) -> Expr:
        """``instance('id')/root/item[pred]/field`` or ``current()/../name``."""
        steps: list[Step] = []
        while self.at(PUNCT, "/"):
            self.advance()
            name = self.step()
            predicates: list[Expr] = []
            while self.at(PUNCT, "["):
                if base.name != "instance":
                    raise ExpressionError(self.where("Predicates are supported on instance('…') paths only"))
                self.advance()
                self.enter()
                predicates.append(self.binary(0))
                self.nesting -= 1
                self.expect_punct("]")
            steps.append(Step(name, tuple(predicates)))
        if self.at(PUNCT, "//") or self.at(PUNCT, "@") or self.at(PUNCT, "["):
            raise ExpressionError(self.where("This form of path is not supported"))
        return self.checked(FilterPath(base, tuple(steps)))

    def path(self) -> Expr:
        absolute = False
        steps: list[str] = []
        if self.at(PUNCT, "/"):
            self.advance()
            absolute = True
            if not (self.at(NAME) or self.at(PUNCT, ".") or self.at(PUNCT, "..")):
                return Path((), True)  # "/" alone: the document root
        steps.append(self.step())
        while self.at(PUNCT, "/"):
            self.advance()
            steps.append(self.step())
        if self.at(PUNCT, "//") or self.at(PUNCT, "[") or self.at(PUNCT, "@"):
            raise ExpressionError(self.where("This form of path is not supported"))
        return Path(tuple(steps), absolute)

    def step(self) -> str:
        tok = self.tok
        if tok.kind == NAME or (tok.kind == PUNCT and tok.text in (".", "..")):
            self.advance()
            return tok.text
        raise ExpressionError(self.where("Expected a name, '.' or '..' in the path"))
