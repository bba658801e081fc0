"""Compile a syntax tree once into nested closures.

``compile_expr(tree)`` gives a function of a :class:`Context` that computes
the expression: every decision that depends only on the tree (which
operator, which function, how many arguments, constant sub-expressions) is
taken once, here, instead of on each evaluation. Semantics are those of
``forms.expr.ops`` and ``forms.expr.functions`` (XPath 1.0 as ODK applies
it). Compiled functions are cached per tree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

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
from testimonio.forms.expr.context import Context
from testimonio.forms.expr.functions import FUNCTIONS
from testimonio.forms.expr.ops import CMP_OPS, arithmetic, compare, union
from testimonio.forms.expr.values import EMPTY, NodeSet, Value, to_boolean, to_number, to_string
from testimonio.forms.secondary import SecondaryInstance

Compiled = Callable[[Context], Value]

# Compiled trees by id; the tree is kept alongside so its id stays its own.
_CACHE: dict[int, tuple[Expr, Compiled]] = {}
_MAX_CACHE = 20_000


def compile_expr(expr: Expr) -> Compiled:
    """A function computing ``expr`` in a context (cached per tree)."""
    hit = _CACHE.get(id(expr))
    if hit is not None and hit[0] is expr:
        return hit[1]
    fn = _compile(expr)
    if len(_CACHE) >= _MAX_CACHE:
        _CACHE.clear()
    _CACHE[id(expr)] = (expr, fn)
    return fn


def _compile(e: Expr) -> Compiled:
    if isinstance(e, (Literal, Number)):
        constant: Value = e.value
        return lambda c: constant
    if isinstance(e, Ref):
        name = e.name
        return lambda c: c.lookup(name)
    if isinstance(e, Binary):
        return _binary(e)
    if isinstance(e, Call):
        return _call(e)
    if isinstance(e, Path):
        return _path(e)
    if isinstance(e, Unary):
        inner = _compile(e.operand)
        return lambda c: -to_number(inner(c))
    if isinstance(e, FilterPath):
        return _filter_path(e)
    raise ExpressionError("The expression contains something that cannot be evaluated.")


def _binary(e: Binary) -> Compiled:
    left = _compile(e.left)
    right = _compile(e.right)
    op = e.op
    if op == "or":
        return lambda c: to_boolean(left(c)) or to_boolean(right(c))
    if op == "and":
        return lambda c: to_boolean(left(c)) and to_boolean(right(c))
    if op in CMP_OPS:
        return lambda c: compare(op, left(c), right(c))
    if op == "|":
        return lambda c: union(left(c), right(c))
    if op == "+":
        return lambda c: to_number(left(c)) + to_number(right(c))
    if op == "-":
        return lambda c: to_number(left(c)) - to_number(right(c))
    if op == "*":
        return lambda c: to_number(left(c)) * to_number(right(c))
    return lambda c: arithmetic(op, to_number(left(c)), to_number(right(c)))


def _call(e: Call) -> Compiled:
    name = e.name
    args = [_compile(a) for a in e.args]
    if name == "if":  # only the chosen branch is evaluated
        test, then, other = args
        return lambda c: then(c) if to_boolean(test(c)) else other(c)
    if name == "indexed-repeat":
        return _indexed_repeat(args)
    if name == "current":
        return _current
    entry = FUNCTIONS.get(name)
    if entry is None:
        raise ExpressionError(f"Unknown function {name}().")
    low, high, fn = entry
    if len(args) < low or (high is not None and len(args) > high):
        raise ExpressionError(f"{name}() called with {len(args)} argument(s).")
    if not args:
        return lambda c: fn(c, ())
    if len(args) == 1:
        one = args[0]
        return lambda c: fn(c, (one(c),))
    if len(args) == 2:
        first, second = args
        return lambda c: fn(c, (first(c), second(c)))
    return lambda c: fn(c, [a(c) for a in args])


def _current(c: Context) -> Value:
    return NodeSet((c.here,), (c.value_at(c.here),))


def _indexed_repeat(args: Sequence[Compiled]) -> Compiled:
    """ODK's indexed-repeat: the node in the i-th instance of a repeat.

    The target and repeats are read from the top of the form (every instance),
    wherever the expression sits; the indexes are read where it sits.
    """
    target_fn = args[0]
    repeat_fns = args[1::2]
    index_fns = args[2::2]

    def run(c: Context) -> Value:
        here = c.here
        try:
            c.here = ""
            target = target_fn(c)
            repeats = [f(c) for f in repeat_fns]
        finally:
            c.here = here
        indexes = [to_number(f(c)) for f in index_fns]
        if not isinstance(target, NodeSet):
            raise ExpressionError("indexed-repeat() needs ${name} references to a question and its repeats.")
        prefix = ""
        for repeat, index in zip(repeats, indexes, strict=True):
            if not isinstance(repeat, NodeSet):
                raise ExpressionError("indexed-repeat() needs ${name} references to a question and its repeats.")
            inside = [p for p in repeat.paths if not prefix or p.startswith(prefix + "/")]
            if math.isnan(index) or not 1 <= index <= len(inside):
                return EMPTY
            prefix = inside[int(index) - 1]
        keep = [i for i, p in enumerate(target.paths) if p.startswith(prefix + "/")]
        return NodeSet(tuple(target.paths[i] for i in keep), tuple(target.values[i] for i in keep))

    return run


def _path(e: Path) -> Compiled:
    steps = e.steps
    absolute = e.absolute
    if not absolute and len(steps) == 1 and steps[0] not in (".", ".."):
        name = steps[0]

        def column_or_child(c: Context) -> Value:
            # In a predicate a bare name is a field of the item tested; in a
            # choice_filter, a column of the choice.
            item = c.item
            if item is not None:
                return NodeSet((f"#item/{name}",), (item.get(name, ""),))
            column = c.choice_column(name)
            if column is not None:
                return NodeSet((f"#choice/{name}",), (column,))
            return _walk(c, [c.here], steps)

        return column_or_child
    if absolute:
        rest = steps[1:]  # the first step names the form's root element
        return lambda c: _walk(c, [""], rest)
    if steps == (".",):
        return lambda c: NodeSet((c.here,), (c.value_at(c.here),))
    return lambda c: _walk(c, [c.here], steps)


def _walk(c: Context, paths: list[str], steps: Sequence[str]) -> Value:
    for step in steps:
        nxt: list[str] = []
        for p in paths:
            if step == ".":
                nxt.append(p)
            elif step == "..":
                parent = c.parent(p)
                if parent is not None:
                    nxt.append(parent)
            else:
                nxt.extend(c.children(p, step).paths)
        paths = list(dict.fromkeys(nxt)) if len(nxt) > 1 else nxt  # document order, no repeats
    if not paths:
        return EMPTY
    return NodeSet(tuple(paths), tuple(c.value_at(p) for p in paths))


def _filter_path(e: FilterPath) -> Compiled:
    if e.base.name == "current":
        names = tuple(s.name for s in e.steps)
        return lambda c: _walk(c, [c.here], names)
    instance_id = _compile(e.base.args[0])
    steps = [(s.name, [_predicate(p) for p in s.predicates], _key_lookup(s)) for s in e.steps]

    def run(c: Context) -> Value:
        name = to_string(instance_id(c))
        data = c.instance(name)
        if data is None:
            raise ExpressionError(f"This form has no list or attachment called {name!r} for instance().")
        if not steps or steps[0][0] != data.root:
            return EMPTY
        if len(steps) == 1:
            return NodeSet((f"instance('{name}')/{data.root}",), ("",))
        step, predicates, key = steps[1]
        if step != data.item:
            return EMPTY
        chosen = _select(c, data, predicates, key)
        base = f"instance('{name}')/{data.root}/{data.item}"
        if len(steps) == 2:
            return NodeSet(tuple(f"{base}[{i + 1}]" for i in chosen),
                           tuple("".join(data.items[i].values()) for i in chosen))
        if len(steps) > 3 or steps[2][1]:
            return EMPTY  # items are flat: nothing below a field
        field = steps[2][0]
        keep = [i for i in chosen if field in data.items[i]]
        return NodeSet(tuple(f"{base}[{i + 1}]/{field}" for i in keep),
                       tuple(data.items[i][field] for i in keep))

    return run


Predicate = Callable[[Context], Value]
KeyLookup = tuple[str, Compiled] | None


def _predicate(e: Expr) -> Predicate:
    return _compile(e)


def _key_lookup(step: Step) -> KeyLookup:
    """``[field = expr]`` as the only predicate: answered from an index, not a scan."""
    if len(step.predicates) != 1:
        return None
    p = step.predicates[0]
    if not (isinstance(p, Binary) and p.op == "="):
        return None
    for field_side, other in ((p.left, p.right), (p.right, p.left)):
        if (isinstance(field_side, Path) and not field_side.absolute and len(field_side.steps) == 1
                and field_side.steps[0] not in (".", "..") and isinstance(other, (Ref, Literal))):
            return field_side.steps[0], _compile(other)
    return None


def _select(c: Context, data: SecondaryInstance, predicates: list[Predicate], key: KeyLookup) -> list[int]:
    if key is not None:
        wanted = key[1](c)
        if isinstance(wanted, NodeSet):
            found: list[int] = []
            for s in dict.fromkeys(wanted.strings()):
                found.extend(data.positions(key[0], s))
            return sorted(found)
        if isinstance(wanted, str):
            return list(data.positions(key[0], wanted))
    chosen = list(range(len(data.items)))
    saved = c.item, c.item_position
    try:
        for predicate in predicates:
            kept: list[int] = []
            for position, i in enumerate(chosen, 1):
                c.item, c.item_position = data.items[i], position
                result = predicate(c)
                if isinstance(result, float) and not isinstance(result, bool):
                    if result == position:
                        kept.append(i)
                elif to_boolean(result):
                    kept.append(i)
            chosen = kept
    finally:
        c.item, c.item_position = saved
    return chosen
