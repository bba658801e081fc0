"""The summary's figures counted by the database, under the data view's filter.

The service (``services/summary_query.py``) finds the questions by name and
turns the counts into figures; this module holds the SQL. Every figure is
one pass over one question's range of the (path, value) index, testing
``interview_id`` against the filter's set (:func:`chosen_set`). The
temporary tables live in memory (temp_store) and go with the read's
rollback, so every function here runs inside one read.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, NewType

from testimonio.vault.db import Db, marks
from testimonio.vault.repo_dataview import Filter, where

#: How a query tests that an interview is chosen (made by :func:`chosen_set`, passed back).
Chosen = NewType("Chosen", str)
_SET = Chosen("IN (SELECT id FROM temp.summary_set)")


def chosen_set(db: Db, f: Filter, entry: str | None) -> tuple[Counter[str], Chosen]:
    """Keep the filter's interviews in memory once: their count by site, and the SQL test.

    The smaller side is kept: the interviews the filter lets through, or
    (when that is most of the vault) the ones it keeps out, tested with NOT
    IN; none at all when it keeps nothing out. Every answer belongs to an
    interview (foreign key), so each test picks the same answers. A filter
    that reads answers or the alias index is evaluated once, into the set.
    Also keeps the interviews refused entry (answer ``entry`` is
    "refused"), for the "... of those refused" figures.
    """
    condition, params = where(f)
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
        db.execute(f"INSERT INTO temp.summary_set SELECT i.id, i.site FROM interviews i "
                   f"WHERE {condition}", params)
        return by_site("SELECT site, count(*) FROM temp.summary_set GROUP BY site", []), _SET
    sites = by_site(f"SELECT i.site, count(*) FROM interviews i WHERE {condition} "
                    "GROUP BY i.site", params)
    row = db.execute("SELECT count(*) FROM interviews").fetchone()
    everyone = 0 if row is None else int(row[0])
    if 2 * sum(sites.values()) <= everyone:
        db.execute(f"INSERT INTO temp.summary_set SELECT i.id, i.site FROM interviews i "
                   f"WHERE {condition}", params)
        return sites, _SET
    db.execute(f"INSERT INTO temp.summary_set SELECT i.id, NULL FROM interviews i "
               f"WHERE NOT coalesce(({condition}), 0)", params)
    if db.execute("SELECT 1 FROM temp.summary_set LIMIT 1").fetchone() is None:
        return sites, Chosen("IS NOT NULL")  # the filter keeps every interview
    return sites, Chosen("NOT IN (SELECT id FROM temp.summary_set)")


def grouped(db: Db, path: str, member: Chosen) -> list[tuple[str, int]]:
    """(stored value, how many) of the answers at ``path`` of the chosen interviews."""
    return [(str(v), int(n)) for v, n in db.execute(
        "SELECT a.value, count(*) FROM answers a INDEXED BY answers_path_value "
        f"WHERE a.path = ? AND a.interview_id {member} GROUP BY a.value", (path,))]


def _with_refused(db: Db, condition: str, args: tuple[Any, ...], member: Chosen) -> tuple[int, int]:
    # (how many interviews meet the condition on answer d, how many of those were
    # refused): one pass over the index range of answer d, probing the small
    # in-memory sets made by chosen_set.
    row = db.execute(
        "SELECT count(*), count(r.interview_id) FROM answers d INDEXED BY answers_path_value "
        "LEFT JOIN temp.summary_refused r ON r.interview_id = d.interview_id "
        f"WHERE {condition} AND d.interview_id {member}", args).fetchone()
    return (0, 0) if row is None else (int(row[0]), int(row[1]))


def containing(db: Db, path: str, choice: str, member: Chosen) -> tuple[int, int]:
    """(chosen interviews whose select_multiple answer at ``path`` holds ``choice``, of those refused)."""
    return _with_refused(db, "d.path = ? AND d.value LIKE ?", (path, f'%"{choice}"%'), member)


def one_of(db: Db, path: str, values: tuple[str, ...], member: Chosen) -> tuple[int, int]:
    """(chosen interviews whose stored answer at ``path`` is one of ``values``, of those refused)."""
    return _with_refused(db, f"d.path = ? AND d.value IN ({marks(len(values))})",
                         (path, *values), member)


def any_choice_unless(db: Db, path: str, unless: str, member: Chosen) -> tuple[int, int]:
    """(chosen interviews with a choice but "none" at ``path`` and no answer at ``unless``,
    of those refused)."""
    return _with_refused(
        db, "d.path = ? AND d.value NOT IN ('[\"none\"]', '[]') AND d.interview_id NOT IN "
        "(SELECT interview_id FROM answers INDEXED BY answers_path_value WHERE path = ?)",
        (path, unless), member)


def days_by_site_gender(db: Db, days: str, gender: str | None,
                        member: Chosen) -> list[tuple[str, str | None, str | None, str, int]]:
    """(site, stored gender or None, why the export withheld the gender or None, stored days,
    how many) of the chosen interviews (withheld_answers: schema 10)."""
    return [(str(s), None if g is None else str(g), None if w is None else str(w), str(d), int(n))
            for s, g, w, d, n in db.execute(
        "SELECT i.site, g.value, w.reason, d.value, count(*) FROM answers d "
        "INDEXED BY answers_path_value JOIN interviews i ON i.id = d.interview_id "
        "LEFT JOIN answers g ON g.interview_id = d.interview_id AND g.path = ? "
        "LEFT JOIN withheld_answers w ON w.interview_id = d.interview_id AND w.path = ? "
        "AND w.reason != 'generalised' "
        f"WHERE d.path = ? AND d.interview_id {member} GROUP BY i.site, g.value, w.reason, d.value",
        (gender or "", gender or "", days)).fetchall()]


def answered(db: Db, path: str, member: Chosen) -> int:
    """How many chosen interviews have an answer at ``path``."""
    row = db.execute("SELECT count(*) FROM answers a INDEXED BY answers_path_value "
                     f"WHERE a.path = ? AND a.interview_id {member}", (path,)).fetchone()
    return 0 if row is None else int(row[0])


def withheld(db: Db, path: str, member: Chosen) -> list[tuple[str, int]]:
    """(reason, how many) of the chosen interviews whose export withheld the answer at
    ``path`` and sent no value (every reason but "generalised")."""
    return [(str(r), int(n)) for r, n in db.execute(
        "SELECT w.reason, count(*) FROM withheld_answers w WHERE w.path = ? "
        f"AND w.reason != 'generalised' AND w.interview_id {member} GROUP BY w.reason", (path,))]


def any_unsaid(db: Db, member: Chosen) -> bool:
    """Whether a chosen interview came in a bundle that did not say what it withheld
    (an older program's): stops at the first one."""
    return db.execute("SELECT 1 FROM imported_origin o WHERE o.withheld_known = 0 "
                      f"AND o.interview_id {member} LIMIT 1").fetchone() is not None
