"""Issue 17 item 8 / issue 13: the list's search ignores accents ("jose" finds
"José"), and deep pages are read through the index (same order as a full read)."""

from __future__ import annotations

from pathlib import Path

import pytest
from vault_fixtures import PASSPHRASE

from testimonio.services.interviews import InterviewQuery, InterviewService
from testimonio.vault import KdfParams, Vault, records

ALIASES = ["José Pérez", "Jose Luis", "María Sánchez", "ROSA quispe", 'Ana "la" Flores', "Ñusta"]


def _aliases(service: InterviewService, text: str, site: str | None = None) -> list[str]:
    query = InterviewQuery(search=text, site=site, sort="alias", descending=False)
    found = [row.alias for row in service.page(query)]
    assert service.count(query) == len(found)
    return found


def test_search_ignores_accents_and_case_and_follows_changes(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf=KdfParams.FAST)
    try:
        service = InterviewService(vault)
        ids = {}
        for n, alias in enumerate(ALIASES):
            ids[alias] = service.start("form", "1", "Tumbes" if n % 2 else "Huaquillas", "ana", "es")
            service.set_answer(ids[alias], "alias", alias, "ana")
        assert _aliases(service, "jose") == ["Jose Luis", "José Pérez"]
        assert _aliases(service, "JOSÉ") == ["Jose Luis", "José Pérez"]
        assert _aliases(service, "perez") == ["José Pérez"]
        assert _aliases(service, "ánchez") == ["María Sánchez"]
        assert _aliases(service, "nusta") == ["Ñusta"]
        assert _aliases(service, "rosa q") == ["ROSA quispe"]
        assert _aliases(service, '"la"') == ['Ana "la" Flores']  # quotes are text, not syntax
        assert _aliases(service, "jose", site="Huaquillas") == ["José Pérez"]
        assert _aliases(service, "jo") == ["Jose Luis", "José Pérez"]  # short: a plain scan
        assert _aliases(service, ids["Ñusta"][:6]) == ["Ñusta"]  # the start of the id
        service.set_answer(ids["Jose Luis"], "alias", "Luis", "ana")
        assert _aliases(service, "jose") == ["José Pérez"]
        service.delete_draft(ids["José Pérez"])
        assert _aliases(service, "jose") == []
        assert _aliases(service, "zzz") == []
    finally:
        vault.lock()


def test_pages_in_any_order_join_up_to_the_whole_list(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf=KdfParams.FAST)
    try:
        service = InterviewService(vault)
        with vault.transaction() as db:  # equal times: the tie-break decides
            db.executemany(
                "INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, "
                "alias, status, created_at, updated_at) VALUES (?, 'f', '1', ?, 'ana', 'es', ?, "
                "'draft', '2026-01-01T00:00:00Z', ?)",
                [(f"{n:032x}", f"site {n % 3}", f"person {n % 7}",
                  f"2026-01-0{1 + n % 4}T00:00:00Z") for n in range(57)])
        for sort in ("updated", "alias", "site", "created"):
            for descending in (True, False):
                whole = service.page(InterviewQuery(sort=sort, descending=descending, limit=1000))
                pieces = [row for offset in range(0, 57, 10) for row in service.page(
                    InterviewQuery(sort=sort, descending=descending, offset=offset, limit=10))]
                assert [r.id for r in pieces] == [r.id for r in whole]
                assert len({r.id for r in whole}) == 57
                filtered = service.page(InterviewQuery(site="site 1", sort=sort, limit=1000))
                assert {r.site for r in filtered} == {"site 1"} and len(filtered) == 19
    finally:
        vault.lock()


def test_interviewers_are_read_name_by_name_through_their_index(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf=KdfParams.FAST)
    try:
        service = InterviewService(vault)
        for who in ("bruno", "Ana", "carla", "ana", "Bruno", "Ana", "Ñandú", "Zoe"):
            service.start("form", "1", "Tumbes", who, "es")
        with vault.read() as db:
            plain = [r[0] for r in db.execute(
                "SELECT DISTINCT interviewer FROM interviews ORDER BY interviewer COLLATE NOCASE")]
            plan = " ".join(str(r[-1]) for r in db.execute(
                "EXPLAIN QUERY PLAN SELECT min(interviewer) FROM interviews WHERE interviewer > ?",
                ("Ana",)))
        def nocase(name: str) -> tuple[str, str]:  # SQLite's NOCASE folds ASCII letters only
            return "".join(c.lower() if c.isascii() else c for c in name), name

        assert service.interviewers() == sorted(plain, key=nocase)  # what the full read gives
        assert service.interviewers()[:2] == ["Ana", "ana"] and len(plain) == 7
        assert "interviews_interviewer" in plan and "SCAN interviews" not in plan
    finally:
        vault.lock()


def test_short_searches_find_aliases_that_begin_so_whatever_the_accents(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf=KdfParams.FAST)
    try:
        service = InterviewService(vault)
        for alias in ("Álvaro Ruiz", "alberto", "Ñusta", "nubia", "Pérez", "Óscar", "ÑA"):
            iid = service.start("form", "1", "Tumbes", "ana", "es")
            service.set_answer(iid, "alias", alias, "ana")
        assert _aliases(service, "al") == ["alberto", "Álvaro Ruiz"]
        assert _aliases(service, "Á") == ["alberto", "Álvaro Ruiz"]
        assert _aliases(service, "nu") == ["nubia", "Ñusta"]
        assert _aliases(service, "ña") == ["ÑA"]
        assert _aliases(service, "os") == ["Óscar"]
        assert _aliases(service, "ez") == []  # not inside: three characters are needed for that
        assert _aliases(service, "rez") == ["Pérez"]
        assert _aliases(service, "%") == [] and _aliases(service, "_") == []  # no wildcards
    finally:
        vault.lock()


def test_a_search_with_many_matches_gives_the_same_pages_through_the_sort_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf=KdfParams.FAST)
    try:
        service = InterviewService(vault)
        with vault.transaction() as db:
            db.executemany(
                "INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, "
                "alias, status, created_at, updated_at) VALUES (?, 'f', '1', ?, 'ana', 'es', ?, "
                "'draft', '2026-01-01T00:00:00Z', ?)",
                [(f"{n:032x}", f"site {n % 3}", f"María {'Quispe' if n % 2 else 'Rosa'} {n}",
                  f"2026-01-0{1 + n % 4}T00:00:00Z") for n in range(40)])
        queries = [InterviewQuery(search=text, site=site, sort=sort, offset=offset, limit=7)
                   for text in ("quispe", "ma", "maría", "m") for site in (None, "site 1")
                   for sort in ("updated", "alias") for offset in (0, 7, 14)]
        few = [([r.id for r in service.page(q)], service.count(q)) for q in queries]
        monkeypatch.setattr(records, "MANY_MATCHES", 3)  # every search above counts as many
        many = [([r.id for r in service.page(q)], service.count(q)) for q in queries]
        assert many == few and sum(len(ids) for ids, _ in few) > 100
        with vault.read() as db:
            order = records._order(InterviewQuery(search="m", descending=True))
            plan = " ".join(str(r[-1]) for r in db.execute(
                f"EXPLAIN QUERY PLAN SELECT rowid FROM interviews WHERE +rowid IN (SELECT 1) {order} LIMIT 7"))
        assert "interviews_order_updated" in plan and "TEMP B-TREE" not in plan  # walks the order index
    finally:
        vault.lock()


def test_a_page_and_its_count_in_one_read_agree_with_both_apart(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """page_and_count (one statement for a search with a filter) gives the rows and count
    that page and count give, an alias and id matching alike is one row, and a page
    past the end still has its count. A page in the second half of its matches is read
    from the end of the order (reversed): the same rows, in the same order, as page's walk
    from the start, for searches that match few or many, filters, and the whole list."""
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf=KdfParams.FAST)
    try:
        service = InterviewService(vault)
        with vault.transaction() as db:
            db.executemany(
                "INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, "
                "alias, status, created_at, updated_at) VALUES (?, 'f', '1', ?, 'ana', 'es', ?, "
                "?, '2026-01-01T00:00:00Z', ?)",
                [(f"{'abc' if n == 5 else ''}{n:029x}", f"site {n % 3}",
                  "abc" if n == 5 else f"María {'Quispe' if n % 2 else 'Rosa'} {n}",
                  "complete" if n % 4 else "draft", f"2026-01-0{1 + n % 4}T00:00:00Z")
                 for n in range(60)])
        queries = [InterviewQuery(search=text, site=site, status=status, sort=sort,
                                  descending=descending, offset=offset, limit=7)
                   for text in ("quispe", "ma", "m", "abc", "zzz", "")
                   for site, status in ((None, None), ("site 2", None), (None, "complete"))
                   for sort in ("updated", "alias", "site") for descending in (True, False)
                   for offset in (0, 7, 12, 24, 38, 53, 56, 59, 70)]
        reversed_pages = 0
        for many_matches in (records.MANY_MATCHES, 3):  # then every search above counts as many
            monkeypatch.setattr(records, "MANY_MATCHES", many_matches)
            for query in queries:
                rows, total = service.page_and_count(query)
                assert (rows, total) == (service.page(query), service.count(query)), query
                # The list's deeper pages: read alone, with the count it kept.
                assert service.page(query, total=total) == rows, query
                reversed_pages += bool(rows) and query.offset > total - query.offset - len(rows)
        assert reversed_pages > 100  # pages read from the end were compared too
        assert service.page_and_count(InterviewQuery(search="abc", site="site 2"))[1] == 1
        assert service.page_and_count(InterviewQuery(search="quispe", site="site 1"))[1] == 10
    finally:
        vault.lock()


def test_a_filtered_page_walks_its_order_when_many_match_with_the_same_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A filter walks the order's index (which holds the filtered columns) when
    enough rows match: the pages are those of the sort over the filter's matches,
    in every order, either way, and at any depth."""
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf=KdfParams.FAST)
    try:
        service = InterviewService(vault)
        with vault.transaction() as db:
            db.executemany(
                "INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, "
                "alias, status, created_at, updated_at) VALUES (?, ?, '1', ?, ?, 'es', ?, "
                "?, ?, ?)",
                [(f"{n:032x}", f"form {n % 2}", f"site {n % 5}", ("ana", "Luis", "beto")[n % 3],
                  f"Persona {n % 13:02d}", "complete" if n % 3 else "draft",
                  f"2026-01-{1 + n % 7:02d}T00:00:00Z", f"2026-01-{1 + n % 9:02d}T00:00:00Z")
                 for n in range(90)])
        queries = [InterviewQuery(site=site, status=status, form_id=form, sort=sort,
                                  descending=descending, offset=offset, limit=8)
                   for site, status, form in (("site 1", None, None), (None, "complete", None),
                                              (None, None, "form 0"), ("site 9", None, None),
                                              ("site 2", "draft", None))
                   for sort in ("alias", "updated", "created", "site", "status", "form",
                                "interviewer")
                   for descending in (True, False) for offset in (0, 8, 40)]
        monkeypatch.setattr(records, "WALK_MATCHES", 10**9)  # the filter's index, then a sort
        with vault.read() as db:
            assert not any(records._walk_in_order(db, q) for q in queries)
        sorted_ = [service.page_and_count(q) for q in queries]
        monkeypatch.setattr(records, "WALK_MATCHES", 1)  # walks wherever it may
        with vault.read() as db:
            walked = [records._walk_in_order(db, q) for q in queries]
        assert [service.page_and_count(q) for q in queries] == sorted_
        assert sum(len(rows) for rows, _ in sorted_) > 600
        # By alias a site filter walks; with no match ("site 9") it does not; by last
        # change a site or status filter alone walks too (migration 17 dropped their
        # own indexes), as a questionnaire does.
        assert walked[queries.index(InterviewQuery(site="site 1", sort="alias", limit=8))]
        assert not walked[queries.index(InterviewQuery(site="site 9", sort="alias", limit=8))]
        assert walked[queries.index(InterviewQuery(site="site 1", limit=8))]
        assert walked[queries.index(InterviewQuery(status="complete", limit=8))]
        assert walked[queries.index(InterviewQuery(site="site 2", status="draft", limit=8))]
        assert walked[queries.index(InterviewQuery(form_id="form 0", limit=8))]
        with vault.read() as db:
            for sort in ("alias", "updated", "created", "site", "status", "form", "interviewer"):
                query = InterviewQuery(site="site 1", status="draft", sort=sort, descending=True)
                where, params = records._where(query, walk=True)
                plan = " ".join(str(r[-1]) for r in db.execute(
                    f"EXPLAIN QUERY PLAN SELECT rowid FROM interviews{where} "
                    f"{records._order(query)} LIMIT 8", params))
                # The order's own index, alone: no row read, no sort.
                assert "COVERING INDEX interviews_order_" in plan and "TEMP B-TREE" not in plan, plan
    finally:
        vault.lock()


def test_short_searches_are_counted_in_the_alias_index_as_the_matches_are(tmp_path: Path) -> None:
    """count() of a one- or two-character search (alias ranges per spelling, then the ids
    that begin with it and whose alias did not match) gives what counting the distinct
    matching rows gives: an alias and an id both matching is one interview; any filter."""
    import random

    from testimonio.vault import search

    rnd = random.Random(17)
    starts = ["Ma", "MA", "ma", "má", "MÁ", "mÀ", "Ña", "ña", "Na", "nA", "j", "J", "Jó", "x", ""]
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf=KdfParams.FAST)
    try:
        with vault.transaction() as db:
            db.executemany(
                "INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, "
                "alias, status, created_at, updated_at) VALUES (?, ?, '1', ?, ?, 'es', ?, ?, "
                "'2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')",
                [(f"{rnd.choice(['ma', 'na', 'j', 'ab', ''])}{n:08x}", rnd.choice(["border", "other"]),
                  rnd.choice(["site 1", "site 2"]), rnd.choice(["ana", "luis"]),
                  rnd.choice(starts) + rnd.choice(["ria", "nuel", "", " 7"]), rnd.choice(["draft", "complete"]))
                 for n in range(400)])
        service = InterviewService(vault)
        compared = 0
        with vault.read() as db:
            for text in ("ma", "MA", "má", "m", "ña", "na", "j", "jo", "J ", "x", "ab", "zz", "%"):
                for filters in ({}, {"site": "site 1"}, {"form_id": "border", "status": "draft"},
                                {"interviewer": "luis", "site": "site 2", "status": "complete"}):
                    query = InterviewQuery(search=text, **filters)  # type: ignore[arg-type]
                    found, params = search.matches(text.strip())  # distinct rowids
                    clauses, more = records._filters(query)
                    where = "".join(f" AND {c}" for c in clauses)
                    expected = db.execute(f"SELECT count(*) FROM interviews WHERE rowid IN ({found}){where}",
                                          [*params, *more]).fetchone()[0]
                    assert records.count(db, query) == expected, (text, filters)
                    compared += expected > 0
        assert compared > 30
        both = service.count(InterviewQuery(search="ma"))
        ma_alias = " OR ".join(f"alias LIKE '{start}%'" for start in ("ma", "má", "mÁ", "mà", "mÀ"))
        with vault.read() as db:  # the interviews whose alias and id both begin with "ma" count once
            overlap = db.execute(f"SELECT count(*) FROM interviews WHERE id LIKE 'ma%' AND ({ma_alias})"
                                 ).fetchone()[0]
            ids = db.execute("SELECT count(*) FROM interviews WHERE id LIKE 'ma%'").fetchone()[0]
            aliases = db.execute(f"SELECT count(*) FROM interviews WHERE {ma_alias}").fetchone()[0]
        assert overlap > 5 and both == ids + aliases - overlap
    finally:
        vault.lock()
