"""The figures the team lead asks of the merged testimonies, as plain data.

From the domain brief: how many held a (Peruvian) humanitarian visa and how
many of those were still refused at migration control; how many met a
humanitarian exception (and how many of those were refused); the outcomes of
asylum claims; the days waited for a decision, by site and by gender.

Questions are found by name (``documents_held``, ``entry_result``,
``exception_met``, ``exception_criteria``, ``decision``, ``days_waited``,
``gender``) in any questionnaire that has them, so a next version of the
border questionnaire that moves a question to another group still counts.
Labels are in the language asked for. The GUI draws these as charts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from testimonio.forms.model import AnswerValue, Question, Questionnaire

HUMANITARIAN_VISA = "visa_peru"
#: Group of the interviews whose gender was not given (the GUI words it).
NOT_GIVEN = "—"
#: Prefix of the group of interviews whose gender the export withheld, then its reason
#: (``"⊘suppressed"``): told apart from "not given" (the GUI words it).
WITHHELD_GROUP = "⊘"
#: Questions the figures group by whose answers an export may withhold (quasi-identifiers).
BLANK_CHECKED = ("gender", "days_waited")


@dataclass(frozen=True)
class Count:
    """One category and how many interviews fall in it (``fewer``: under k, count hidden)."""

    key: str
    label: str
    count: int
    fewer: bool = False
    hidden: bool = False  # k or more, hidden with a small one of its chart (fewer_than_k)


@dataclass(frozen=True)
class Distribution:
    """Every value of a number in one group (e.g. days waited, one site)."""

    group: str
    values: tuple[float, ...]
    fewer: bool = False  # fewer than k interviews: values hidden
    # Values hidden although k or more: with the other groups and the totals
    # shown, this group's size would tell the size of one of fewer than k.
    hidden: bool = False


#: How a figure that is not shown is told: a cell of fewer than k interviews;
#: a figure of k or more hidden so that no such cell can be worked out from
#: the figures shown beside it; a cell of the charts hidden for that reason
#: (maybe empty, maybe not).
FEWER, AT_LEAST, NOT_SHOWN = "fewer", "at least", "not shown"

# The nested figures: of the testimonies, those that held a visa (met an
# exception); of those, the ones still refused. The charts split the
# testimonies into three cells: refused, not refused, and none.
# (whole, part, the whole less the part, the testimonies less the whole)
NESTED = (("visa_held", "visa_held_refused", "visa_not_refused", "visa_none"),
          ("exception_met", "exception_met_refused", "exception_not_refused", "exception_none"))


@dataclass(frozen=True)
class Summary:
    """The lead's figures over complete testimonies."""

    testimonies: int = 0
    visa_held: int = 0
    visa_held_refused: int = 0
    exception_met: int = 0
    exception_met_refused: int = 0
    asylum_claims: int = 0
    asylum_outcomes: tuple[Count, ...] = ()
    entry_results: tuple[Count, ...] = ()
    days_waited_by_site: tuple[Distribution, ...] = ()
    days_waited_by_gender: tuple[Distribution, ...] = ()
    days_waited_by_site_gender: tuple[Distribution, ...] = ()
    sites: tuple[Count, ...] = field(default=())
    # Interviews with no answer to a question of BLANK_CHECKED: never given (key: the
    # question's name) and withheld by the researcher's export (key "name:reason", e.g.
    # "gender:suppressed"); labels are the question's. "Not given" stays "not given".
    not_given: tuple[Count, ...] = ()
    withheld: tuple[Count, ...] = ()
    # Some interviews came in bundles of older programs, which did not say what they
    # withheld: some answers counted as not given may have been withheld.
    unsure: bool = False
    # k of the "fewer than k" rule (0: exact counts, for internal use) and the
    # figures above that were hidden by it.
    k: int = 0
    masked: frozenset[str] = frozenset()
    # Figures (and cells of NESTED) of k or more hidden with them: see fewer_than_k.
    hidden: frozenset[str] = frozenset()

    def cell(self, name: str) -> tuple[int, str]:
        """A figure of the summary, or a cell of :data:`NESTED` (``visa_none``):
        (its count, "") when shown; (0, FEWER, AT_LEAST or NOT_SHOWN) when not."""
        if name in self.masked:
            return 0, FEWER
        if name in self.hidden:
            return 0, AT_LEAST if name in _SCALARS else NOT_SHOWN
        for whole, part, inside, outside in NESTED:
            if name == inside:
                return getattr(self, whole) - getattr(self, part), ""
            if name == outside:
                return self.testimonies - getattr(self, whole), ""
        return int(getattr(self, name)), ""


def share_base(counts: Iterable[Count], total: int) -> int | None:
    """The total a chart of ``counts`` may give shares of: none when one of them is
    hidden (the shares would tell the hidden count, or be shares of the rest)."""
    return None if any(c.fewer or c.hidden for c in counts) else total


@dataclass(frozen=True)
class SummaryInput:
    """One complete interview: its questionnaire, site and answers."""

    questionnaire: Questionnaire
    site: str
    answers: Mapping[str, AnswerValue]
    # Answer path -> why the export withheld it (None: an older bundle did not say).
    withheld: Mapping[str, str] | None = None


class _Lookup:
    """Answers of one interview by question name (outside repeats)."""

    def __init__(self, item: SummaryInput) -> None:
        self.q = item.questionnaire
        self.answers = item.answers

    def question(self, name: str) -> Question | None:
        try:
            node = self.q.by_name(name)
        except KeyError:
            return None
        return node if isinstance(node, Question) else None

    def get(self, name: str) -> AnswerValue:
        question = self.question(name)
        return None if question is None else self.answers.get(question.path)


_BAND = re.compile(r"^(-?\d+)-(-?\d+)$")


def _number(value: AnswerValue) -> float | None:
    """A number answer; a band (``"40-49"``, how derived day counts arrive) as its middle."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        band = _BAND.match(value.strip())
        if band:
            return (int(band.group(1)) + int(band.group(2))) / 2
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _label(items: Iterable[SummaryInput], name: str, key: str, lang: str | None) -> str:
    for item in items:
        question = _Lookup(item).question(name)
        if question is not None:
            for choice in question.choices:
                if choice.name == key:
                    return choice.label.get(lang, item.questionnaire.default_language) or key
    return key


def summarise(items: Iterable[SummaryInput], lang: str | None = None) -> Summary:
    """The figures over ``items`` (interviews without the questions are skipped)."""
    data = [i for i in items if _Lookup(i).question("entry_result") or _Lookup(i).question("decision")]
    visa = visa_refused = exc = exc_refused = claims = 0
    outcomes: Counter[str] = Counter()
    entry: Counter[str] = Counter()
    sites: Counter[str] = Counter()
    by_site: dict[str, list[float]] = defaultdict(list)
    by_gender: dict[str, list[float]] = defaultdict(list)
    by_both: dict[str, list[float]] = defaultdict(list)
    not_given: Counter[str] = Counter()
    withheld: Counter[str] = Counter()
    unsure = False
    for item in data:
        a = _Lookup(item)
        sites[item.site] += 1
        refused = a.get("entry_result") == "refused"
        if isinstance(result := a.get("entry_result"), str):
            entry[result] += 1
        held = a.get("documents_held")
        if isinstance(held, list) and HUMANITARIAN_VISA in held:
            visa += 1
            visa_refused += refused
        met = a.get("exception_met")
        if met is None:
            criteria = a.get("exception_criteria")
            met = "yes" if isinstance(criteria, list) and set(criteria) - {"none"} else None
        if met in ("yes", "1", 1, "true"):
            exc += 1
            exc_refused += refused
        decision = a.get("decision")
        if isinstance(decision, str):
            claims += 1
            outcomes[decision] += 1
        gone = _blanks(item, a, not_given, withheld)
        unsure = unsure or item.withheld is None
        days = _number(a.get("days_waited"))
        if days is not None:
            gender = a.get("gender")
            gender_label = (_label(data, "gender", gender, lang) if isinstance(gender, str)
                            else WITHHELD_GROUP + gone["gender"] if "gender" in gone else NOT_GIVEN)
            by_site[item.site].append(days)
            by_gender[gender_label].append(days)
            by_both[f"{item.site} · {gender_label}"].append(days)

    def counts(counter: Counter[str], name: str) -> tuple[Count, ...]:
        return tuple(Count(k, _label(data, name, k, lang), n) for k, n in counter.most_common())

    def dists(groups: dict[str, list[float]]) -> tuple[Distribution, ...]:
        return tuple(Distribution(g, tuple(sorted(v))) for g, v in sorted(groups.items()))

    return Summary(
        testimonies=len(data), visa_held=visa, visa_held_refused=visa_refused,
        exception_met=exc, exception_met_refused=exc_refused, asylum_claims=claims,
        asylum_outcomes=counts(outcomes, "decision"), entry_results=counts(entry, "entry_result"),
        days_waited_by_site=dists(by_site), days_waited_by_gender=dists(by_gender),
        days_waited_by_site_gender=dists(by_both),
        sites=tuple(Count(s, s, n) for s, n in sites.most_common()),
        not_given=blank_counts(not_given, data[0].questionnaire if data else None, lang),
        withheld=blank_counts(withheld, data[0].questionnaire if data else None, lang),
        unsure=unsure,
    )


def _blanks(item: SummaryInput, a: _Lookup, not_given: Counter[str],
            withheld: Counter[str]) -> dict[str, str]:
    """Count the questions of BLANK_CHECKED ``item`` has no answer to; name -> reason withheld."""
    gone: dict[str, str] = {}
    for name in BLANK_CHECKED:
        question = a.question(name)
        if question is None or a.answers.get(question.path) not in (None, "", []):
            continue
        reason = (item.withheld or {}).get(question.path)
        if reason is not None and reason != "generalised":
            gone[name] = reason
            withheld[f"{name}:{reason}"] += 1
        else:
            not_given[name] += 1
    return gone


def blank_counts(counter: Counter[str], q: Questionnaire | None, lang: str | None) -> tuple[Count, ...]:
    """Counts of :attr:`Summary.not_given` / :attr:`Summary.withheld`, labelled by question."""
    def label(key: str) -> str:
        name = key.split(":", 1)[0]
        try:
            node = q.by_name(name) if q is not None else None
        except KeyError:
            node = None
        return (node.label.get(lang, q.default_language) or name) if node is not None and q else name
    return tuple(Count(k, label(k), n) for k, n in sorted(counter.items()))



_SCALARS = ("testimonies", "visa_held", "visa_held_refused", "exception_met",
            "exception_met_refused", "asylum_claims")


def fewer_than_k(summary: Summary, k: int) -> Summary:
    """The summary with every cell of fewer than ``k`` interviews hidden.

    A count from 1 to k-1 becomes 0 with ``fewer`` set (a scalar figure is
    named in ``masked``); a distribution of fewer than k values loses them.
    A chart then says "fewer than k" instead of a number that, with the
    other figures, could point at one person. Zero stays zero.

    A small cell must not be worked out from the figures shown beside it
    either. Of 7 testimonies with a visa, 5 still refused, the 2 not refused
    are a cell: the 5 is hidden too ("at least k", in ``hidden``), and so are
    the 7 when the testimonies without a visa are fewer than k. The categories
    of one chart (entry results), whose sizes add up to a known total, lose a
    second one when only one is small: the smallest of the rest. The groups
    of days waited (by site, by gender, by both) lose more until no small one
    follows from the sizes shown (:func:`_days_protected`).
    """
    def small(n: int) -> bool:
        return 0 < n < k

    def counts(items: tuple[Count, ...]) -> tuple[Count, ...]:
        return tuple(Count(c.key, c.label, 0, True) if small(c.count) else c for c in items)

    def chart(items: tuple[Count, ...]) -> tuple[Count, ...]:
        """counts() of one chart's categories, whose total may be known (the testimonies)."""
        out = list(counts(items))
        shown = [n for n, c in enumerate(out) if c.count]
        if sum(c.fewer for c in out) == 1 and shown:
            smallest = min(shown, key=lambda n: out[n].count)
            out[smallest] = Count(out[smallest].key, out[smallest].label, 0, False, True)
        return tuple(out)

    def dists(items: tuple[Distribution, ...]) -> tuple[Distribution, ...]:
        return tuple(Distribution(d.group, (), True) if small(len(d.values)) else d for d in items)

    sizes = _sizes(summary.days_waited_by_site, summary.days_waited_by_gender, summary.days_waited_by_site_gender)
    by_site, by_gender, by_both = _days_protected(
        dists(summary.days_waited_by_site), dists(summary.days_waited_by_gender),
        dists(summary.days_waited_by_site_gender), sizes, k)
    masked = {name for name in _SCALARS if small(getattr(summary, name))}
    hidden: set[str] = set()
    for whole, part, inside, outside in NESTED:
        w, p = getattr(summary, whole), getattr(summary, part)
        masked |= {name for name, n in ((inside, w - p), (outside, summary.testimonies - w)) if small(n)}
        # Two figures shown would give a small cell by their difference: hide one more.
        if inside in masked and not {whole, part} & masked:
            hidden.add(part)
        if outside in masked and not {whole, "testimonies"} & masked:
            hidden.add(whole)
        # A cell whose figures are not shown is not shown either (unless it is small).
        if {whole, part} & (masked | hidden) and inside not in masked:
            hidden.add(inside)
        if {whole, "testimonies"} & (masked | hidden) and outside not in masked:
            hidden.add(outside)
    scalars: dict[str, Any] = {name: 0 for name in (masked | hidden) & set(_SCALARS)}
    return replace(
        summary, **scalars, asylum_outcomes=chart(summary.asylum_outcomes),
        entry_results=chart(summary.entry_results), sites=counts(summary.sites),
        days_waited_by_site=by_site, days_waited_by_gender=by_gender, days_waited_by_site_gender=by_both,
        not_given=counts(summary.not_given), withheld=counts(summary.withheld),
        k=k, masked=frozenset(masked), hidden=frozenset(hidden))


Days = tuple[Distribution, ...]


def _days_protected(by_site: Days, by_gender: Days, by_both: Days, sizes: dict[str, int],
                    k: int) -> tuple[Days, Days, Days]:
    """The groups of days waited (small ones already hidden, ``fewer``) with more
    hidden (``hidden``) until no small group follows from the sizes shown.

    What adds up (:func:`_adding_up`): a site is the sum of its groups by
    gender ("Tumbes · Woman"), a gender the sum of its groups by site, and all
    the sites as many as all the genders, a total taken as known (the
    testimonies less the blanks) unless it is small. While a small group can
    be worked out, the smallest group by both still shown is hidden, else the
    smallest site or gender.
    """
    sums = _adding_up(by_site, by_gender, by_both)
    families = (by_site, by_gender, by_both)
    shown = {d.group for family in families for d in family if d.values}
    while _small_follows(shown, sizes, sums, k):
        choices = [d.group for d in by_both if d.group in shown] or \
            [d.group for d in (*by_site, *by_gender) if d.group in shown]
        if not choices:
            break
        shown.discard(min(choices, key=lambda name: sizes[name]))

    def kept(items: Days) -> Days:
        return tuple(d if d.group in shown or not d.values else Distribution(d.group, (), False, True)
                     for d in items)

    return kept(by_site), kept(by_gender), kept(by_both)


def _adding_up(by_site: Days, by_gender: Days, by_both: Days) -> list[tuple[str, list[str]]]:
    """(total, its parts) of the groups of days waited: each site of its groups by
    gender, each gender of its groups by site, the total ("") of the sites and of the genders."""
    cells = [d.group for d in by_both]
    sums = [(r.group, [c for c in cells if c.startswith(f"{r.group} · ")]) for r in by_site]
    sums += [(g.group, [c for c in cells if c.endswith(f" · {g.group}")]) for g in by_gender]
    return [(total, parts) for total, parts in sums if parts] + \
        [("", [r.group for r in by_site]), ("", [g.group for g in by_gender])]


def _sizes(by_site: Days, *others: Days) -> dict[str, int]:
    """Each group's size, and ("") the total of the sites."""
    sizes = {d.group: len(d.values) for family in (by_site, *others) for d in family}
    sizes[""] = sum(len(d.values) for d in by_site)
    return sizes


def _small_follows(shown: set[str], sizes: dict[str, int], sums: list[tuple[str, list[str]]], k: int) -> bool:
    """Whether a small group's size follows from the sizes ``shown`` by what adds up."""
    known = set(shown) | ({""} if sizes[""] >= k else set())  # a small total is not said either
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            unknown = [x for x in parts if x not in known]
            if total in known and len(unknown) == 1:
                known.add(unknown[0])
            elif total not in known and not unknown:
                known.add(total)
            else:
                continue
            changed = True
    return any(0 < sizes[name] < k for name in known if name)
