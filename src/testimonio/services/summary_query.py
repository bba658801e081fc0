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
from typing import Any

from testimonio.exchange.kanon import DEFAULT_K
from testimonio.forms.model import Question, Questionnaire
from testimonio.services.data_view import DataFilter, DataViewService, _where
from testimonio.services.settings import small_counts_k
from testimonio.services.summary import (
    HUMANITARIAN_VISA,
    Count,
    Distribution,
    Summary,
    _number,
    fewer_than_k,
)
from testimonio.vault import Vault

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
        where, params = _where(f)
        with self.vault.read() as db:
            sites, member = _chosen_set(db, f, where, params, paths["entry_result"])

            def grouped(name: str) -> list[tuple[str, int]]:
                if paths[name] is None:
                    return []
                return [(str(v), int(n)) for v, n in db.execute(
                    "SELECT a.value, count(*) FROM answers a INDEXED BY answers_path_value "
                    f"WHERE a.path = ? AND a.interview_id {member} GROUP BY a.value", (paths[name],))]

            def with_refused(condition: str, *args: Any) -> tuple[int, int]:
                # (how many interviews meet the condition on answer d, how many of those were
                # refused): one pass over the index range of answer d, probing the small
                # in-memory sets made once above.
                if paths["entry_result"] is None:
                    return 0, 0
                total, refused = db.execute(
                    "SELECT count(*), count(r.interview_id) FROM answers d INDEXED BY answers_path_value "
                    "LEFT JOIN temp.summary_refused r ON r.interview_id = d.interview_id "
                    f"WHERE {condition} AND d.interview_id {member}", args).fetchone()
                return int(total), int(refused)

            entry, decision = grouped("entry_result"), grouped("decision")
            visa = (with_refused("d.path = ? AND d.value LIKE ?", paths["documents_held"],
                                 f'%"{HUMANITARIAN_VISA}"%') if paths["documents_held"] else (0, 0))
            exc = self._exceptions(paths, with_refused)
            days = [] if paths["days_waited"] is None else db.execute(
                "SELECT i.site, g.value, d.value, count(*) FROM answers d INDEXED BY answers_path_value "
                "JOIN interviews i ON i.id = d.interview_id LEFT JOIN answers g "
                "ON g.interview_id = d.interview_id AND g.path = ? "
                f"WHERE d.path = ? AND d.interview_id {member} GROUP BY i.site, g.value, d.value",
                (paths["gender"] or "", paths["days_waited"])).fetchall()
        by_site: dict[str, list[float]] = defaultdict(list)
        by_gender: dict[str, list[float]] = defaultdict(list)
        by_both: dict[str, list[float]] = defaultdict(list)
        labels: dict[str, str] = {}
        for site, g, raw, n in days:
            number = _number(json.loads(raw))
            if number is None:
                continue
            key = json.loads(g) if g else None
            label = (labels.setdefault(key, _label(q, "gender", key, lang)) if isinstance(key, str) else "—")
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
            sites=tuple(Count(s, s, n) for s, n in sites.most_common()))

    @staticmethod
    def _exceptions(paths: dict[str, str | None], with_refused: Any) -> tuple[int, int]:
        """Interviews that met a humanitarian exception (``exception_met``, else any criterion)."""
        met, criteria = paths["exception_met"], paths["exception_criteria"]
        marks = ",".join("?" * len(_YES))
        # As summarise(): "exception_met" answered yes; when it is unanswered (or not
        # asked), any criterion but "none". Two queries, each over one question's
        # range of the (path, value) index: an OR of two paths would read all of it.
        total, refused = 0, 0
        if met is not None:
            found = with_refused(f"d.path = ? AND d.value IN ({marks})", met, *_YES)
            total, refused = total + found[0], refused + found[1]
        if criteria is not None:
            found = with_refused(
                "d.path = ? AND d.value NOT IN ('[\"none\"]', '[]') AND d.interview_id NOT IN "
                "(SELECT interview_id FROM answers INDEXED BY answers_path_value WHERE path = ?)",
                criteria, met or "")
            total, refused = total + found[0], refused + found[1]
        return total, refused


def _chosen_set(db: Any, f: DataFilter, where: str, params: list[Any],
                entry: str | None) -> tuple[Counter[str], str]:
    """Keep the filter's interviews in memory once: their count by site, and the SQL test.

    Every figure is one pass over one question's range of the (path, value)
    index, testing ``interview_id`` against this set. The smaller side is
    kept: the interviews the filter lets through, or (when that is most of
    the vault) the ones it keeps out, tested with NOT IN; none at all when
    it keeps nothing out. Every answer belongs to an interview (foreign
    key), so each test picks the same answers. A filter that reads answers
    or the alias index is evaluated once, into the set. The temporary tables
    live in memory (temp_store) and go with the read's rollback. Also keeps
    the interviews refused entry, for the "... of those refused" figures.
    """
    db.execute("DROP TABLE IF EXISTS temp.summary_set")  # left by an enclosing read
    db.execute("DROP TABLE IF EXISTS temp.summary_refused")
    db.execute("CREATE TEMP TABLE summary_set (id TEXT PRIMARY KEY, site TEXT) WITHOUT ROWID")
    db.execute("CREATE TEMP TABLE summary_refused (interview_id TEXT PRIMARY KEY) WITHOUT ROWID")
    if entry is not None:
        db.execute("INSERT INTO temp.summary_refused SELECT interview_id FROM answers "
                   "INDEXED BY answers_path_value WHERE path = ? AND value = '\"refused\"'", (entry,))

    def by_site(sql: str, args: list[Any]) -> Counter[str]:
        return Counter({str(s): int(n) for s, n in db.execute(sql, args)})

    if f.choices or (f.search or "").strip():
        db.execute(f"INSERT INTO temp.summary_set SELECT i.id, i.site FROM interviews i WHERE {where}",
                   params)
        return by_site("SELECT site, count(*) FROM temp.summary_set GROUP BY site", []), \
            "IN (SELECT id FROM temp.summary_set)"
    sites = by_site(f"SELECT i.site, count(*) FROM interviews i WHERE {where} GROUP BY i.site", params)
    everyone = int(db.execute("SELECT count(*) FROM interviews").fetchone()[0])
    if 2 * sum(sites.values()) <= everyone:
        db.execute(f"INSERT INTO temp.summary_set SELECT i.id, i.site FROM interviews i WHERE {where}",
                   params)
        return sites, "IN (SELECT id FROM temp.summary_set)"
    db.execute(f"INSERT INTO temp.summary_set SELECT i.id, NULL FROM interviews i "
               f"WHERE NOT coalesce(({where}), 0)", params)
    if db.execute("SELECT 1 FROM temp.summary_set LIMIT 1").fetchone() is None:
        return sites, "IS NOT NULL"  # the filter keeps every interview
    return sites, "NOT IN (SELECT id FROM temp.summary_set)"


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
        dists(a.days_waited_by_site_gender, b.days_waited_by_site_gender), counts(a.sites, b.sites))
