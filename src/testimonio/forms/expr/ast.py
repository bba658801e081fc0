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


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a :class:`FilterPath`: a name, ``.`` or ``..``, with predicates."""

    name: str
    predicates: tuple[Expr, ...] = ()


@dataclass(frozen=True, slots=True)
class FilterPath:
    """A path that starts at a function's nodes.

    ``instance('list')/root/item[name = ${x}]/label`` reads a secondary
    instance (a choice list or a form attachment); ``current()/../name`` is a
    path from the question the expression belongs to. Predicates are kept
    per step.
    """

    base: Call
    steps: tuple[Step, ...]
    depth: int = field(default=0, compare=False, repr=False)

    def __post_init__(self) -> None:
        inner = [p.depth for s in self.steps for p in s.predicates]
        object.__setattr__(self, "depth", max([self.base.depth, *inner]) + 1)


Expr = Literal | Number | Ref | Path | Unary | Binary | Call | FilterPath

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
    if isinstance(expr, FilterPath):
        return (expr.base, *(p for s in expr.steps for p in s.predicates))
    return ()
