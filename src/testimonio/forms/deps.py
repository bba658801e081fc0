"""The dependency graph of a questionnaire's expressions.

Built once when a form loads: every expression is parsed (a bad one is refused
naming its row and column), every ``${name}`` must name a node, and the
values that drive other values -- ``relevant``, ``calculation`` and
``repeat_count`` -- must not depend on themselves. The form-state engine then
asks, for a changed node, which nodes to recompute and in what order.

Nodes are model paths (``"companions/age"``); a group is the parent of its
children, so a change of a group's relevance reaches everything inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from testimonio.errors import ExpressionError, FormError
from testimonio.forms.expr import Expr, Path, Ref, parse, references
from testimonio.forms.model import Group, Node, Question, Questionnaire

#: Columns whose result drives other values (cycles among them are refused).
DRIVING = ("relevant", "calculation", "repeat_count")
#: Columns whose result is only shown (a change stops there).
SHOWN = ("required", "constraint", "read_only", "choice_filter", "label", "hint")

_LABEL_REF = re.compile(r"\$\{([^}]*)\}")
# A default is a literal ("18.31", "a c") unless it calls a function or
# refers to another answer, as in pyxform's "dynamic defaults".
_DYNAMIC_DEFAULT = re.compile(r"\$\{|\(")


@dataclass(frozen=True)
class DependencyGraph:
    """Parsed expressions of a form and who reads whom.

    ``exprs`` maps ``(path, column)`` to the parsed expression; label and hint
    substitutions map to the names they insert. ``order`` is every node path
    in an order where each comes after everything its driving columns read.
    """

    exprs: Mapping[tuple[str, str], Expr]
    label_refs: Mapping[tuple[str, str], tuple[str, ...]]
    order: tuple[str, ...]
    rank: Mapping[str, int]
    driving_dependents: Mapping[str, tuple[str, ...]]
    shown_dependents: Mapping[str, tuple[str, ...]]
    _reads: Mapping[str, frozenset[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, questionnaire: Questionnaire) -> DependencyGraph:
        """Parse and check every expression of ``questionnaire``.

        Raises :class:`FormError` (or its :class:`ExpressionError`) naming the
        row and column of a bad expression, an unknown ``${name}`` or a cycle.
        """
        return _Builder(questionnaire).build()

    def reads(self, path: str) -> frozenset[str]:
        """The node paths any expression of the node at ``path`` reads."""
        return self._reads.get(path, frozenset())

    def affected(self, changed: Iterable[str]) -> list[str]:
        """Nodes to recompute after ``changed`` nodes changed, in dependency order.

        Conservative: follows driving columns transitively, then adds nodes
        that only show something read from any of them.
        """
        seen: set[str] = set()
        stack = list(changed)
        while stack:
            path = stack.pop()
            for dep in self.driving_dependents.get(path, ()):
                if dep not in seen:
                    seen.add(dep)
                    stack.append(dep)
        reached = seen | set(changed)
        for path in list(reached):
            seen.update(self.shown_dependents.get(path, ()))
        return sorted(seen, key=self.rank.__getitem__)


class _Builder:
    def __init__(self, questionnaire: Questionnaire) -> None:
        self.q = questionnaire
        self.exprs: dict[tuple[str, str], Expr] = {}
        self.label_refs: dict[tuple[str, str], tuple[str, ...]] = {}
        self.driving: dict[str, set[str]] = {}  # node -> nodes its driving columns read
        self.shown: dict[str, set[str]] = {}

    def error(self, node: Node, column: str, message: str) -> FormError:
        return FormError(message, file=self.q.source_name or None, sheet="survey", row=node.row, column=column)

    def build(self) -> DependencyGraph:
        nodes = list(self.q.walk())
        # Sets are made only for nodes that read something: most nodes of a
        # large form read nothing, and this runs on every load.
        for node in nodes:
            for column, text in expressions(node):
                self.add_expression(node, column, text)
            # Most labels and hints insert no ${name}: looked for in all their languages at once.
            if "${" in "".join(node.label.by_lang.values()):
                self.add_label(node, "label", node.label.by_lang.values())
            if isinstance(node, Question) and "${" in "".join(node.hint.by_lang.values()):
                self.add_label(node, "hint", node.hint.by_lang.values())
        order = self.topological(nodes)
        driving_dependents: dict[str, list[str]] = {}
        shown_dependents: dict[str, list[str]] = {}
        for node in nodes:  # in form order, so each list of dependents is too
            for src in self.driving.get(node.path, ()):
                driving_dependents.setdefault(src, []).append(node.path)
            for src in self.shown.get(node.path, ()):
                shown_dependents.setdefault(src, []).append(node.path)
            if isinstance(node, Group):  # a group's relevance and instances reach its children
                driving_dependents.setdefault(node.path, []).extend(child.path for child in node.children)
        reads = {p: frozenset(self.driving.get(p, set()) | self.shown.get(p, set()))
                 for p in {*self.driving, *self.shown}}
        return DependencyGraph(
            exprs=MappingProxyType(self.exprs),
            label_refs=MappingProxyType(self.label_refs),
            order=tuple(order),
            rank=MappingProxyType({p: i for i, p in enumerate(order)}),
            driving_dependents=MappingProxyType({k: tuple(v) for k, v in driving_dependents.items()}),
            shown_dependents=MappingProxyType({k: tuple(v) for k, v in shown_dependents.items()}),
            _reads=MappingProxyType(reads),
        )

    def add_expression(self, node: Node, column: str, text: str) -> None:
        try:
            expr, read = _parsed(text)
        except ExpressionError as exc:
            raise ExpressionError(
                f"The expression {text!r} cannot be read: {exc.reason}",
                file=self.q.source_name or None, sheet="survey", row=node.row, column=column,
            ) from None
        self.exprs[(node.path, column)] = expr
        targets = self.driving if column in DRIVING else self.shown
        for ref in read:
            path = self.resolve(node, column, ref)
            if path is None:
                continue
            if path == node.path and isinstance(ref, Path):
                continue  # '.' reads the node's own answer, as constraints do
            targets.setdefault(node.path, set()).add(path)

    def add_label(self, node: Node, column: str, texts: Iterable[str]) -> None:
        names: list[str] = []
        for text in texts:
            if "${" not in text:
                continue  # most labels: nothing to look for
            for raw in _LABEL_REF.findall(text):
                name = raw.strip()
                if not _has_name(self.q, name):
                    raise self.error(node, column, f"${{{name}}} refers to no question or group in this form.")
                if name not in names:
                    names.append(name)
                self.shown.setdefault(node.path, set()).add(self.q.by_name(name).path)
        if names:
            self.label_refs[(node.path, column)] = tuple(names)

    def resolve(self, node: Node, column: str, ref: Ref | Path) -> str | None:
        """The model path a reference reads, or None if it reads no answer."""
        if isinstance(ref, Ref):
            if not _has_name(self.q, ref.name):
                raise self.error(node, column, f"${{{ref.name}}} refers to no question or group in this form.")
            return self.q.by_name(ref.name).path
        if column == "choice_filter" and not ref.absolute and ref.steps and ref.steps[0] not in (".", ".."):
            return None  # a column of the choices sheet
        parts = [] if ref.absolute else node.path.split("/")
        steps = ref.steps[1:] if ref.absolute else ref.steps
        for step in steps:
            if step == "..":
                if not parts:
                    return None
                parts.pop()
            elif step != ".":
                parts.append(step)
        path = "/".join(parts)
        return path if path and self.q.has_path(path) else None

    def topological(self, nodes: list[Node]) -> list[str]:
        """Order nodes so each follows what it reads; refuse cycles."""
        # A node follows what its driving columns read and the group it is in.
        parent: dict[str, str] = {}
        for node in nodes:
            if isinstance(node, Group):
                for child in node.children:
                    parent[child.path] = node.path
        empty: set[str] = set()

        def edges(path: str) -> list[str]:
            reads = self.driving.get(path, empty)
            above = parent.get(path)
            if above is None:
                return sorted(reads) if reads else []
            return sorted(reads | {above}) if reads else [above]

        order: list[str] = []
        state: dict[str, int] = {}  # 1 visiting, 2 done
        for start in (n.path for n in nodes):
            if state.get(start):
                continue
            if start not in self.driving and state.get(parent.get(start, ""), 2) == 2:
                # Reads nothing and its group is placed (most nodes): what the search below does.
                state[start] = 2
                order.append(start)
                continue
            # Iterative depth-first search: forms can be thousands of nodes deep in references.
            stack: list[tuple[str, list[str]]] = [(start, edges(start))]
            state[start] = 1
            while stack:
                path, pending = stack[-1]
                if pending:
                    nxt = pending.pop()
                    if state.get(nxt) == 1:
                        cycle = [p for p, _ in stack][[p for p, _ in stack].index(nxt):] + [nxt]
                        raise self.cycle_error({n.path: n for n in nodes}, cycle)
                    if not state.get(nxt):
                        state[nxt] = 1
                        stack.append((nxt, edges(nxt)))
                else:
                    state[path] = 2
                    order.append(path)
                    stack.pop()
        return order

    def cycle_error(self, by_path: Mapping[str, Node], cycle: list[str]) -> FormError:
        # The cycle was walked from reader to what it reads; name the first reader.
        node = by_path[cycle[0]]
        column = next((c for c in DRIVING if (node.path, c) in self.exprs), "relevant")
        names = " → ".join(by_path[p].name for p in reversed(cycle))
        return self.error(node, column, f"These depend on each other in a circle: {names}.")


@lru_cache(maxsize=8192)
def _parsed(text: str) -> tuple[Expr, tuple[Ref | Path, ...]]:
    """An expression's tree and what it reads, worked out once per text (as
    parse() keeps the tree): the same expressions come back on every load."""
    expr = parse(text)
    return expr, tuple(references(expr))


def _has_name(q: Questionnaire, name: str) -> bool:
    try:
        q.by_name(name)
    except KeyError:
        return False
    return True


def expressions(node: Node) -> list[tuple[str, str]]:
    """(column, text) of every expression of ``node``, in the order they are checked."""
    out: list[tuple[str, str]] = []
    if node.relevant:
        out.append(("relevant", node.relevant))
    if isinstance(node, Group):
        if node.repeat and node.repeat_count:
            out.append(("repeat_count", node.repeat_count))
        return out
    # Column by column, in this order (the first bad one is the one named).
    if node.required:
        out.append(("required", node.required))
    if node.constraint:
        out.append(("constraint", node.constraint))
    if node.calculation:
        out.append(("calculation", node.calculation))
    if node.read_only:
        out.append(("read_only", node.read_only))
    if node.choice_filter:
        out.append(("choice_filter", node.choice_filter))
    if node.default and _DYNAMIC_DEFAULT.search(node.default):
        out.append(("default", node.default))
    return out
