"""The immutable syntax tree of an XLSForm expression.

Every node records its ``depth`` (not part of equality) so that the parser can
refuse trees too deep to evaluate without exhausting Python's stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Literal:
    """A quoted string, e.g. ``'yes'``."""

    value: str
    depth: int = field(default=1, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Number:
    """A numeric literal (always non-negative; minus is a :class:`Unary`)."""

    value: float
    depth: int = field(default=1, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Ref:
    """``${name}``: the node of that name, resolved like ODK does."""

    name: str
    depth: int = field(default=1, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Path:
    """A location path: steps are ``'.'``, ``'..'`` or a node name.

    ``absolute`` paths start at the document root (``/data/name``); their first
    step is the form's root element, whatever it is called.
    """

    steps: tuple[str, ...]
    absolute: bool = False
    depth: int = field(default=1, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Unary:
    """Unary minus."""

    operand: Expr
    depth: int = field(default=0, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "depth", self.operand.depth + 1)


@dataclass(frozen=True, slots=True)
class Binary:
    """A binary operator: or and = != < <= > >= + - * div mod |."""

    op: str
    left: Expr
    right: Expr
    depth: int = field(default=0, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "depth", max(self.left.depth, self.right.depth) + 1)


@dataclass(frozen=True, slots=True)
class Call:
    """A function call, e.g. ``selected(${x}, 'a')``."""

    name: str
    args: tuple[Expr, ...] = ()
    depth: int = field(default=0, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "depth", max((a.depth for a in self.args), default=0) + 1)


Expr = Literal | Number | Ref | Path | Unary | Binary | Call

# Binding strength of binary operators, loosest first (XPath 1.0 §3).
PRECEDENCE: dict[str, int] = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
    "|": 8,
}
UNARY_PRECEDENCE = 7


def children(expr: Expr) -> tuple[Expr, ...]:
    """The direct sub-expressions of a node."""
    if isinstance(expr, Unary):
        return (expr.operand,)
    if isinstance(expr, Binary):
        return (expr.left, expr.right)
    if isinstance(expr, Call):
        return expr.args
    return ()
