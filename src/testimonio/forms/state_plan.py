"""What every form state of one questionnaire shares, worked out once per graph.

:class:`Plan` holds the dependency order, the compiled expressions and, per
repeat, what a change of its number of instances must recompute;
:class:`KnownInstances` reuses the repeat chains a plan already knows.
"""

from __future__ import annotations

from collections.abc import Callable

from testimonio.forms.deps import DependencyGraph
from testimonio.forms.expr import Compiled, compile_expr
from testimonio.forms.model import Group, Node, Question, Questionnaire
from testimonio.forms.state_paths import Instances


class Plan:
    """What every recompute of one questionnaire walks, worked out once per graph.

    ``order``: (model path, node, is a repeat, static) in dependency order;
    a *static* node is in no repeat, so its only answer path is its model
    path and the instance expansion can be skipped. ``metadata``: the
    top-level questions :meth:`StateEngine._fill_metadata` may fill.
    """

    def __init__(self, q: Questionnaire, graph: DependencyGraph, chain: dict[str, tuple[str, ...]]) -> None:
        self.graph = graph
        self.chain = chain  # Instances.repeat_chain: the same for every state of the form
        # Every expression compiled once into closures, by (model path, column).
        self.compiled: dict[tuple[str, str], Compiled] = {
            key: compile_expr(expr) for key, expr in graph.exprs.items()}
        self.order: list[tuple[str, Node, bool, bool]] = []
        # Static nodes without relevance or calculation: only the parent's
        # relevance to copy. (model path, parent model path) by position in order.
        self.plain: dict[int, tuple[str, str]] = {}
        for model in graph.order:
            node = q.node(model)
            static = not chain[model]
            if static and node.relevant is None and not (isinstance(node, Question) and node.calculation):
                self.plain[len(self.order)] = (model, model.rpartition("/")[0])
            self.order.append((model, node, isinstance(node, Group) and node.repeat, static))
        self.questions = [item for item in self.order if isinstance(item[1], Question)]
        self.metadata = [question for question in q.questions() if not chain[question.path]
                         and (question.type in {"start", "today"} or question.default)]
        self.nodes: dict[str, Node] = {}  # answer path -> node, for paths that passed _node's checks
        # Questionnaire order (for exportable answers): (node, static).
        self.walk = [(node, not chain[node.path]) for node in q.walk()]
        self.repeats: dict[str, RepeatPlan | None] = {}

    def repeat(self, path: str) -> RepeatPlan | None:
        """What a change of this repeat's instances recomputes; None: everything."""
        if path not in self.repeats:
            self.repeats[path] = RepeatPlan.make(self, path)
        return self.repeats[path]


class RepeatPlan:
    """A top-level repeat without nested repeats, whose count may change alone.

    ``inner``: its nodes in dependency order (computed for a new instance);
    ``readers``: nodes that read the repeat, or a node inside it from outside
    it, in dependency order (recomputed in every instance when the number of
    instances changes). Everything else is untouched by such a change.
    """

    def __init__(self, path: str, inner: list[tuple[str, Node]], readers: list[str]) -> None:
        self.path = path
        self.inner = inner
        self.readers = readers

    @classmethod
    def make(cls, plan: Plan, path: str) -> RepeatPlan | None:
        if plan.chain[path] != (path,):
            return None  # inside another repeat: its own paths are many
        below = path + "/"
        inner = [(model, node) for model, node, _, _ in plan.order if model.startswith(below)]
        if any(isinstance(node, Group) and node.repeat for _, node in inner):
            return None
        readers = []
        graph = plan.graph
        for model, _, _, _ in plan.order:
            reads = graph.reads(model)
            if path in reads or (not model.startswith(below) and any(r.startswith(below) for r in reads)):
                readers.append(model)
        return cls(path, inner, readers)


class KnownInstances(Instances):
    """Instances whose repeat chains (a walk of the whole form) are already known."""

    def __init__(self, questionnaire: Questionnaire, count: Callable[[str], int],
                 chain: dict[str, tuple[str, ...]]) -> None:
        self.q = questionnaire
        self.count = count
        self._cache: dict[str, list[str]] = {}
        self.repeat_chain = chain  # read only
