"""Form-state engine: time to a consistent state after one answer change.

Generates a questionnaire of 1 000 questions (in groups of 20, two repeats)
with 300 relevance and 100 calculate expressions that read earlier answers,
as real forms do, then times ``FormState.set`` (which returns only once every
affected relevance, calculation, constraint and choice list is recomputed)
over random answer changes. Target (issue 3): p99 <= 5 ms.

Also prints the time to open (build the state of) a 300-question form and the
1 000-question one, for the GUI issue, and the dependency-graph build time.

    .venv/bin/python bench/bench_form_state.py [--changes N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from testimonio.forms.deps import DependencyGraph  # noqa: E402
from testimonio.forms.model import Choice, Group, Node, Question, Questionnaire, Text  # noqa: E402
from testimonio.forms.state import FormState  # noqa: E402

YES_NO = (Choice("yes", Text({"en": "Yes", "es": "Sí"})), Choice("no", Text({"en": "No", "es": "No"})))
COLOURS = tuple(Choice(c, Text({"en": c, "es": c})) for c in ("red", "green", "blue", "other"))


def generate(questions: int, relevant: int, calculate: int, seed: int = 1) -> Questionnaire:
    """A questionnaire of ``questions`` questions with that many expressions."""
    rng = random.Random(seed)
    kinds = ["integer", "select_one", "text", "select_multiple", "decimal", "date"]
    made: list[tuple[str, str]] = []  # (name, type) of answerable questions so far
    relevant_at = set(rng.sample(range(20, questions), relevant))
    calc_at = set(rng.sample(sorted(set(range(20, questions)) - relevant_at), calculate))
    groups: list[Node] = []
    for g in range(questions // 20):
        children: list[Node] = []
        repeat = g in (10, 30)
        for i in range(g * 20, g * 20 + 20):
            name = f"q{i}"
            if i in calc_at:
                numbers = [n for n, t in made if t == "integer"][-40:]
                picked = rng.sample(numbers, min(3, len(numbers)))
                children.append(Question(name, name, "calculate", calculation=" + ".join(f"${{{n}}}" for n in picked)))
                continue
            kind = kinds[i % len(kinds)]
            q = Question(name, name, kind, label=Text({"en": f"Question {i}", "es": f"Pregunta {i}"}),
                         choices=YES_NO if kind == "select_one" else COLOURS if kind == "select_multiple" else (),
                         constraint=". >= 0 and . < 150" if kind == "integer" else None,
                         required="true()" if i % 7 == 0 else None)
            if i in relevant_at:
                # A fifth of the rules hang on a few early "gate" questions (consent,
                # has companions...), as in real forms: those changes fan out widely.
                earlier = made[:6] if rng.random() < 0.2 else made[-60:]
                ref, ref_type = rng.choice(earlier)
                condition = {
                    "integer": f"${{{ref}}} > 18",
                    "select_one": f"${{{ref}}} = 'yes'",
                    "select_multiple": f"selected(${{{ref}}}, 'red')",
                    "decimal": f"${{{ref}}} >= 1.5",
                    "date": f"${{{ref}}} < today()",
                    "text": f"string-length(${{{ref}}}) > 2",
                }[ref_type]
                q = replace(q, relevant=condition)
            children.append(q)
            if not repeat:
                made.append((name, kind))
        groups.append(Group(f"g{g}", f"g{g}", children=tuple(children), repeat=repeat))
    root = Group("", "", children=tuple(_rebase(n, "") for n in groups))
    return Questionnaire("bench", "1", Text({"en": "Bench"}), root, ("en", "es"), "en")


def _rebase(node: Node, parent: str) -> Node:
    path = f"{parent}/{node.name}" if parent else node.name
    if isinstance(node, Group):
        return replace(node, path=path, children=tuple(_rebase(c, path) for c in node.children))
    return replace(node, path=path)


def _value(q: Question, rng: random.Random) -> object:
    return {
        "integer": rng.randint(0, 40),
        "decimal": rng.choice([0.5, 1.5, 2.5]),
        "select_one": rng.choice(["yes", "no"]),
        "select_multiple": rng.choice([["red"], ["green", "blue"], []]),
        "date": rng.choice(["2020-01-01", "2030-01-01"]),
        "text": rng.choice(["ab", "abcd", ""]),
    }[q.type]


def _percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changes", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    big = generate(1000, 300, 100)
    exprs = sum(1 for q in big.questions() if q.relevant), sum(1 for q in big.questions() if q.calculation)
    t0 = time.perf_counter()
    graph = DependencyGraph.build(big)
    graph_ms = (time.perf_counter() - t0) * 1000
    print(f"questionnaire: {sum(1 for _ in big.questions())} questions, {exprs[0]} relevance, "
          f"{exprs[1]} calculate expressions")
    print(f"dependency graph build: {graph_ms:.1f} ms")

    for size in (300, 1000):
        form = generate(size, size * 3 // 10, size // 10, seed=size)
        timings = []
        for _ in range(5):
            t0 = time.perf_counter()
            FormState(form, {}, "en")
            timings.append((time.perf_counter() - t0) * 1000)
        print(f"open a {size}-question form (graph + state): first {timings[0]:.1f} ms "
              f"(expressions parsed), then median {statistics.median(timings[1:]):.1f} ms")

    state = FormState(big, {}, "en", graph=graph)
    for repeat in ("g10", "g30"):
        for _ in range(3):
            state.add_instance(repeat)
    targets = [(p, q) for q in big.questions() if q.takes_input for p in state._inst.expand(q.path)]
    # Warm up (parse caches, first evaluation of each expression).
    for path, q in rng.sample(targets, 200):
        state.set(path, _value(q, rng))
    samples: list[float] = []
    touched: list[int] = []
    for _ in range(args.changes):
        path, q = rng.choice(targets)
        value = _value(q, rng)
        while value == state.value(path) or (value in ("", []) and state.value(path) is None):
            value = _value(q, rng)  # every timed change really changes the answer
        t0 = time.perf_counter()
        changed = state.set(path, value)
        samples.append((time.perf_counter() - t0) * 1000)
        touched.append(len(changed))
    print(f"one answer change -> consistent state, {args.changes} changes: "
          f"p50 {_percentile(samples, 50):.3f} ms, p99 {_percentile(samples, 99):.3f} ms, "
          f"max {max(samples):.3f} ms (target p99 <= 5 ms); "
          f"paths changed per change: mean {statistics.mean(touched):.1f}, max {max(touched)}")
    fresh = FormState(big, state.answers(), "en", graph=graph)
    same = all(
        (state.value(p), state.is_relevant(p), state.error(p)) == (fresh.value(p), fresh.is_relevant(p), fresh.error(p))
        for q in big.walk() for p in state._inst.expand(q.path)
    )
    print(f"after the changes, equal to a state rebuilt from the answers: {'yes' if same else 'NO'}")
    big_fan = [s for s, n in zip(samples, touched, strict=True) if n >= 5]
    if big_fan:
        print(f"changes that reached >= 5 paths: {len(big_fan)}, median {statistics.median(big_fan):.3f} ms, "
              f"max {max(big_fan):.3f} ms")
    t0 = time.perf_counter()
    state.problems()
    print(f"problems() over the whole form: {(time.perf_counter() - t0) * 1000:.1f} ms")
    t0 = time.perf_counter()
    state.exportable_answers()
    print(f"exportable_answers(): {(time.perf_counter() - t0) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
