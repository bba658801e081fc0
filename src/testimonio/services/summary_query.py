"""The summary's figures counted in SQL, under the data view's filters.

The same figures as :func:`testimonio.services.summary.summarise` (visa held
and refused, exceptions met and refused, asylum outcomes, entry results,
days waited by site and gender), but counted by the database over the
interviews a :class:`~testimonio.services.data_view.DataFilter` lets
through, reading only the handful of answers the figures use: a filter
change over 100 000 interviews is recomputed in a fraction of a second.
Questions are found by name in each questionnaire, as ``summarise`` does.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import replace

from testimonio.exchange.kanon import DEFAULT_K
from testimonio.forms.model import Question, Questionnaire
from testimonio.services.data_view import DataFilter, DataViewService
from testimonio.services.settings import small_counts_k
from testimonio.services.summary import (
    BLANK_CHECKED,
    HUMANITARIAN_VISA,
    NOT_GIVEN,
    WITHHELD_GROUP,
    Count,
    Distribution,
    Summary,
    _number,
    blank_counts,
    fewer_than_k,
)
from testimonio.vault import Vault, repo_summary
from testimonio.vault.db import Db
from testimonio.vault.repo_summary import Chosen

_NAMES = ("documents_held", "entry_result", "exception_met", "exception_criteria", "decision",
          "days_waited", "gender")
_YES = ('"yes"', '"1"', "1", '"true"')


def _path(q: Questionnaire, name: str) -> str | None:
    try:
        node = q.by_name(name)
    except KeyError:
        return None
    return node.path if isinstance(node, Question) else None


def _label(q: Questionnaire, name: str, key: str, lang: str | None) -> str:
    try:
        node = q.by_name(name)
    except KeyError:
        return key
    for choice in getattr(node, "choices", ()):
        if choice.name == key:
            return str(choice.label.get(lang, q.default_language) or key)
    return key


class SummaryQuery:
    """Counts the summary's figures for one filter."""

    def __init__(self, vault: Vault, data: DataViewService | None = None) -> None:
        self.vault = vault
        self.data = data or DataViewService(vault)  # shared: it keeps the questionnaires read

    def summary(self, f: DataFilter, lang: str | None = None) -> Summary:
        """The figures over the interviews ``f`` lets through (every questionnaire if its form_id is "")."""
        forms = [f.form_id] if f.form_id else [form_id for form_id, _ in self.data.questionnaires()]
        total = Summary()
        for form_id in forms:
            total = _merge(total, self._one(replace(f, form_id=form_id), lang))
        with self.vault.read() as db:  # cells under k hidden unless the lead chose exact counts
            k = small_counts_k(db, DEFAULT_K)
        return fewer_than_k(total, k) if k else total

    def _one(self, f: DataFilter, lang: str | None) -> Summary:
        q = self.data.questionnaire(f.form_id)
        paths = {name: _path(q, name) for name in _NAMES}
        if paths["entry_result"] is None and paths["decision"] is None:
            return Summary()
        with self.vault.read() as db:
            sites, member = repo_summary.chosen_set(db, f, paths["entry_result"])

            def grouped(name: str) -> list[tuple[str, int]]:
                path = paths[name]
                return [] if path is None else repo_summary.grouped(db, path, member)

            # The "... of those refused" figures need the entry result.
            refusals = paths["entry_result"] is not None
            entry, decision = grouped("entry_result"), grouped("decision")
            held = paths["documents_held"]
            visa = (repo_summary.containing(db, held, HUMANITARIAN_VISA, member)
                    if held and refusals else (0, 0))
            exc = _exceptions(db, paths, member) if refusals else (0, 0)
            days = [] if paths["days_waited"] is None else repo_summary.days_by_site_gender(
                db, paths["days_waited"], paths["gender"], member)
            # The days query read every days answer already: its rows count them.
            known = {} if paths["days_waited"] is None else {"days_waited": sum(r[-1] for r in days)}
            blanks = _blanks(db, q, paths, member, sum(sites.values()), lang, known)
            # Interviews of older bundles may count as "not given" what was withheld.
            unsure = bool(blanks[0]) and repo_summary.any_unsaid(db, member)
        by_site: dict[str, list[float]] = defaultdict(list)
        by_gender: dict[str, list[float]] = defaultdict(list)
        by_both: dict[str, list[float]] = defaultdict(list)
        labels: dict[str, str] = {}
        for site, g, reason, raw, n in days:
            number = _number(json.loads(raw))
            if number is None:
                continue
            key = json.loads(g) if g else None
            # A gender the export withheld is not a gender "not given" (schema 10).
            label = (labels.setdefault(key, _label(q, "gender", key, lang)) if isinstance(key, str)
                     else WITHHELD_GROUP + reason if reason else NOT_GIVEN)
            values = [float(number)] * int(n)
            by_site[str(site)].extend(values)
            by_gender[label].extend(values)
            by_both[f"{site} · {label}"].extend(values)

        def counts(found: list[tuple[str, int]], name: str) -> tuple[Count, ...]:
            counter: Counter[str] = Counter()
            for raw, n in found:
                counter[str(json.loads(raw))] += n
            return tuple(Count(k, _label(q, name, k, lang), n) for k, n in counter.most_common())

        def dists(groups: dict[str, list[float]]) -> tuple[Distribution, ...]:
            return tuple(Distribution(g, tuple(sorted(v))) for g, v in sorted(groups.items()))

        return Summary(
            testimonies=sum(sites.values()), visa_held=visa[0], visa_held_refused=visa[1],
            exception_met=exc[0], exception_met_refused=exc[1],
            asylum_claims=sum(n for _, n in decision), asylum_outcomes=counts(decision, "decision"),
            entry_results=counts(entry, "entry_result"), days_waited_by_site=dists(by_site),
            days_waited_by_gender=dists(by_gender), days_waited_by_site_gender=dists(by_both),
            sites=tuple(Count(s, s, n) for s, n in sites.most_common()),
            not_given=blanks[0], withheld=blanks[1],
            unsure=unsure)



def _blanks(db: Db, q: Questionnaire, paths: dict[str, str | None], member: Chosen, total: int,
            lang: str | None, answered: dict[str, int] | None = None,
            ) -> tuple[tuple[Count, ...], tuple[Count, ...]]:
    """(not given, withheld) counts of the BLANK_CHECKED questions over the chosen interviews.

    Withheld: the export said so and sent no value; not given: every other
    chosen interview without an answer. ``answered`` holds the answer counts
    already known (name -> count); the others cost one index range each, the
    withheld reasons another.
    """
    not_given: Counter[str] = Counter()
    withheld: Counter[str] = Counter()
    for name in BLANK_CHECKED:
        path = paths.get(name)
        if path is None:
            continue
        gone = 0
        for reason, n in repo_summary.withheld(db, path, member):
            withheld[f"{name}:{reason}"] += n
            gone += n
        given = (answered or {}).get(name)
        missing = total - (repo_summary.answered(db, path, member) if given is None else given) - gone
        if missing > 0:
            not_given[name] = missing
    return blank_counts(not_given, q, lang), blank_counts(withheld, q, lang)


def _exceptions(db: Db, paths: dict[str, str | None], member: Chosen) -> tuple[int, int]:
    """Interviews that met a humanitarian exception (``exception_met``, else any criterion)."""
    met, criteria = paths["exception_met"], paths["exception_criteria"]
    # As summarise(): "exception_met" answered yes; when it is unanswered (or not
    # asked), any criterion but "none". Two queries, each over one question's
    # range of the (path, value) index: an OR of two paths would read all of it.
    total, refused = 0, 0
    if met is not None:
        found = repo_summary.one_of(db, met, _YES, member)
        total, refused = total + found[0], refused + found[1]
    if criteria is not None:
        found = repo_summary.any_choice_unless(db, criteria, met or "", member)
        total, refused = total + found[0], refused + found[1]
    return total, refused


def _merge(a: Summary, b: Summary) -> Summary:
    """Two questionnaires' figures as one."""
    if not a.testimonies:
        return b
    if not b.testimonies:
        return a

    def counts(x: tuple[Count, ...], y: tuple[Count, ...]) -> tuple[Count, ...]:
        merged: dict[str, Count] = {}
        for c in (*x, *y):
            old = merged.get(c.key)
            merged[c.key] = Count(c.key, c.label, c.count + (old.count if old else 0))
        return tuple(sorted(merged.values(), key=lambda c: -c.count))

    def dists(x: tuple[Distribution, ...], y: tuple[Distribution, ...]) -> tuple[Distribution, ...]:
        merged: dict[str, list[float]] = defaultdict(list)
        for d in (*x, *y):
            merged[d.group].extend(d.values)
        return tuple(Distribution(g, tuple(sorted(v))) for g, v in sorted(merged.items()))

    return Summary(
        a.testimonies + b.testimonies, a.visa_held + b.visa_held, a.visa_held_refused + b.visa_held_refused,
        a.exception_met + b.exception_met, a.exception_met_refused + b.exception_met_refused,
        a.asylum_claims + b.asylum_claims, counts(a.asylum_outcomes, b.asylum_outcomes),
        counts(a.entry_results, b.entry_results), dists(a.days_waited_by_site, b.days_waited_by_site),
        dists(a.days_waited_by_gender, b.days_waited_by_gender),
        dists(a.days_waited_by_site_gender, b.days_waited_by_site_gender), counts(a.sites, b.sites),
        not_given=counts(a.not_given, b.not_given), withheld=counts(a.withheld, b.withheld),
        unsure=a.unsure or b.unsure)
