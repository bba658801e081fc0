"""Vault figures: save one answer, one page of the list, unlock, size.

Builds a vault of 100 000 interviews x 40 answers (plus one edit-log row per
answer, as the service writes them) and, in the same run, a baseline database
with the same schema and data in **the same SQLite engine** (sqlcipher3's,
opened without a key, so nothing is encrypted) and the same durability: WAL,
synchronous FULL, the same page cache, automatic checkpoints off and a
background PASSIVE checkpoint as the vault has (vault/checkpoint.py). Then:

- both databases read once into the system's cache (see _prime);
- saving one answer of a random draft through InterviewService.set_answer
  (one transaction with its edit-log row and the commit counter's UPDATE,
  and for the vault also its commit record file, vault/commits.py): vault
  and baseline saves interleaved, in
  alternating order, so a slow moment of the shared disk hits both; p50 /
  p99 of each and their ratio (issue 17 targets: vault p99 <= 5 ms, p50 <=
  1.5x the baseline); with them, the disk's own commit (the pages a save
  writes, then fdatasync, as a WAL commit under synchronous FULL does), so a
  p99 the disk alone misses reads as the disk's (see _disk_commit);
- pages of 100 (issue 17: any page at any offset <= 30 ms in the service),
  read as the list reads them: a first page with its count, a deeper one
  alone (the list keeps the count it got with the first): by site and a
  search text; a search alone; the last page (with the count the list kept,
  as the list reads it); every order the list offers
  with filters of every breadth, and searches alone or with a filter, at
  the first, middle and last page (see _page_cases); each case timed three
  times, vault and baseline alternately, and taken as its median; a figure
  is its slowest case (see _pages). Printed beside them, not a figure: a
  search with a filter counted again at every depth, which no caller asks;
- unlock time (Argon2id, tuned to ~1 s) and key-to-first-query (<= 100 ms);
- vault size per 1 000 interviews.

    .venv/bin/python bench/bench_vault.py [--small] [--interviews N] [--keep DIR]

``--small`` uses 10 000 interviews. Building 4 million answers takes a few
minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import sqlcipher3  # noqa: E402

from figures import report, written_back  # noqa: E402
from testimonio.services.interviews import InterviewQuery, InterviewService  # noqa: E402
from testimonio.vault import DB_NAME, KdfParams, Vault  # noqa: E402
from testimonio.vault import slots as slotfile  # noqa: E402
from testimonio.vault.checkpoint import Checkpointer  # noqa: E402
from testimonio.vault.connection import CACHE_KIB, open_database  # noqa: E402
from testimonio.vault.migrations import migrate  # noqa: E402
from testimonio.vault.records import page as page_query  # noqa: E402

ANSWERS = 40
SITES = ["Aguas Verdes", "Huaquillas", "Tumbes", "Zarumilla", "Arenillas", "Machala",
         "Santa Rosa", "Pasaje", "Zorritos", "Máncora"]
NAMES = ["Rosa", "María", "José", "Luis", "Ana", "Carmen", "Jorge", "Quispe", "Mamani",
         "Flores", "Rodríguez", "Yupanqui", "Chávez", "Torres", "Vargas", "Huamán"]
# Three characters or more search the alias anywhere (trigram index); one or two
# find the aliases that begin with them (alias index ranges).
SEARCHES = ["quispe", "rosa 1", "yupan", "carmen fl", "ánchez", "vargas 99", "luis", "mam", "ma", "j"]


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def _rows(rng: random.Random, n_interviews: int, batch: int
          ) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Batches of (interviews, answers, edit-log rows)."""
    base = time.time() - 400 * 86400
    for start in range(0, n_interviews, batch):
        interviews, answers, logs = [], [], []
        for n in range(start, min(n_interviews, start + batch)):
            iid = uuid.UUID(int=rng.getrandbits(128), version=4).hex
            at = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(base + n * 300)) + ".000000Z"
            alias = f"{rng.choice(NAMES)} {rng.choice(NAMES)} {n}"
            site = SITES[n % len(SITES)]
            status = "complete" if n % 4 else "draft"
            interviews.append((iid, "border", "2026012601", site, "ana", "es", alias, status,
                               at, at, ANSWERS + 1))
            for q in range(ANSWERS):
                kind = q % 4
                value: Any = (alias if q == 0 else f"texto libre {rng.getrandbits(32)}" if kind == 0
                              else rng.randint(0, 90) if kind == 1
                              else [rng.choice("abcdef") for _ in range(2)] if kind == 2
                              else f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
                path = "alias" if q == 0 else f"q{q:02d}" if q < 30 else f"companions[{q - 29}]/age"
                text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                answers.append((iid, path, text))
                logs.append((iid, path, None, text, at, "ana", "set", ""))
        yield interviews, answers, logs


def _fill(db: Any, n_interviews: int, seed: int, begin: str) -> list[str]:
    rng = random.Random(seed)
    ids: list[str] = []
    for interviews, answers, logs in _rows(rng, n_interviews, 2000):
        db.execute(begin)
        db.executemany("INSERT INTO interviews (id, form_id, form_version, site, interviewer, "
                       "language, alias, status, created_at, updated_at, revision) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?)", interviews)
        db.executemany("INSERT INTO answers (interview_id, path, value) VALUES (?,?,?)", answers)
        db.executemany("INSERT INTO edit_log (interview_id, path, old_value, new_value, at, who, "
                       "action, reason) VALUES (?,?,?,?,?,?,?,?)", logs)
        db.execute("COMMIT")
        # Automatic checkpoints are off on every connection (vault/checkpoint.py).
        db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        ids.extend(row[0] for row in interviews)
        print(f"\r  {len(ids):>7} interviews", end="", flush=True)
    print()
    return ids


def _plain_connection(path: Path) -> Any:
    """sqlcipher3 without a key: the vault's SQLite engine, nothing encrypted."""
    db = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA temp_store = MEMORY")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    db.execute("PRAGMA wal_autocheckpoint = 0")
    return db


class PlainVault:
    """The vault's transaction()/read() surface over the unkeyed baseline, checkpointed alike.

    A transaction that changed rows raises the commit counter in the same
    transaction, as Vault.transaction does (the same statements, one page
    more each save): what the baseline lacks is the key and the vault's
    commit record beside the database (vault/commits.py).
    """

    def __init__(self, path: Path, checkpoints: bool = True) -> None:
        self.db = _plain_connection(path)
        self.checkpointer = Checkpointer(lambda: _plain_connection(path)) if checkpoints else None

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            before = self.db.total_changes
            yield self.db
            if self.db.total_changes != before:
                self.db.execute("UPDATE commit_counter SET commits = commits + 1 WHERE id = 1 RETURNING commits"
                                ).fetchone()
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        if self.checkpointer is not None:
            self.checkpointer.committed()

    def close(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.db.close()

    @contextmanager
    def read(self) -> Iterator[Any]:
        self.db.execute("BEGIN")
        try:
            yield self.db
        finally:
            self.db.execute("ROLLBACK")


def _saves(services: tuple[InterviewService, InterviewService], ids: list[str],
           rounds: int, pause: float, disk: Path) -> tuple[list[float], list[float], list[float]]:
    """Interleaved saves of random drafts: (vault times, baseline times, the disk's
    own commit times, see :func:`_disk_commit`, in a file ``disk`` beside them).

    ``pause`` seconds between rounds stand for the person typing the next
    answer (the background checkpoint runs in such pauses, as in use).
    """
    rng = random.Random(1)
    drafts = ids[::4]  # every fourth interview is a draft (see _rows)
    run = uuid.uuid4().hex[:8]  # a new value every time, so every save writes
    times: tuple[list[float], list[float], list[float]] = ([], [], [])
    fd = os.open(disk, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        for n in range(rounds):
            iid = rng.choice(drafts)
            path = f"q{rng.randint(1, 29):02d}"
            order = (0, 1, 2) if n % 2 == 0 else (2, 1, 0)
            for which in order:
                start = time.perf_counter()
                if which == 2:
                    _disk_commit(fd, n)
                else:
                    changed = services[which].set_answer(iid, path, f"bench {run} {n}", "bench")
                    assert changed
                times[which].append(time.perf_counter() - start)
            if pause:
                time.sleep(pause)
    finally:
        os.close(fd)
        disk.unlink(missing_ok=True)
    return times


# What one save appends to the WAL (measured: 8-9 pages of 4 KiB plus frame
# headers since migration 17, 12-15 before; see _pages_per_save), as the disk's
# own commit writes it.
_COMMIT_BYTES = 9 * (4096 + 24)
_SYNC = getattr(os, "fdatasync", os.fsync)  # SQLite syncs the WAL with fdatasync where there is one


def _disk_commit(fd: int, n: int) -> None:
    """The least a durable commit costs on this disk: the bytes a save appends to the
    WAL, written at its place in a WAL-sized file reused in turn (as the WAL is
    after each checkpoint), then fdatasync, which synchronous FULL waits for
    at every commit. No save can be quicker than this, whatever the engine."""
    os.pwrite(fd, n.to_bytes(8, "little") * (_COMMIT_BYTES // 8), (n % 256) * _COMMIT_BYTES)
    _SYNC(fd)


def _prime(paths: list[Path], chunk: int = 1 << 20) -> float:
    """Read the databases (and their WALs) once, interleaved, so both start from the
    system's cache, as a vault in use on a laptop does; returns the seconds it took.

    Without it the comparison is unequal on machines that page out file data
    left alone for a minute (this one's kernel runs DAMON's page-out: the
    vault, built first, was read back from the disk page by page while the
    baseline, built last, was still cached; save p50 2.4x and p99 64 ms
    against 1.4x and 18 ms on the same files once both were equally cold).
    """
    start = time.perf_counter()
    files = [open(p, "rb") for p in (*paths, *(Path(f"{p}-wal") for p in paths)) if p.exists()]
    try:
        while files:
            for f in list(files):
                if not f.read(chunk):
                    f.close()
                    files.remove(f)
    finally:
        for f in files:
            f.close()
    return time.perf_counter() - start


def _pages_per_save(path: Path, ids: list[str], saves: int = 200) -> float:
    """Pages one save writes (WAL frames appended), on the unkeyed baseline:
    the same schema and engine, checkpoints held off so the WAL keeps them all."""
    plain = PlainVault(path, checkpoints=False)
    try:
        plain.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        service = InterviewService(plain)  # type: ignore[arg-type]
        rng = random.Random(3)
        run = uuid.uuid4().hex[:8]
        for n in range(saves):
            service.set_answer(rng.choice(ids[::4]), f"q{rng.randint(1, 29):02d}",
                               f"pages {run} {n}", "bench")
        frames = int(plain.db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1])
    finally:
        plain.close()
    return frames / saves


def _timed(call: Any) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


SORTS = ("updated", "created", "alias", "site", "status", "form", "interviewer")
FILTERS: tuple[dict[str, str], ...] = (
    {}, {"form_id": "border"}, {"status": "complete"}, {"status": "draft"}, {"site": "Tumbes"},
    {"interviewer": "ana"}, {"form_id": "border", "status": "draft"})


def _depths(matches: int) -> list[int]:
    """The offsets of the first, middle and last page of 100 of ``matches`` rows."""
    return sorted({0, matches // 2, max(0, matches - 100)})


# One list case: its figure's name, and the call it times on a service.
_Case = tuple[str, Any]


def _page_cases(service: InterviewService, n: int) -> list[_Case]:
    """The list cases (issue 17 target: <= 30 ms each), each a call on a service.

    - site + search: a page of 100 filtered by site and a search text, with its count, read
      as the list reads its first page (``page_and_count``: one statement for both);
    - search alone: the same without a site (the search scans the most);
    - deepest page: the last page of the unfiltered list (offset n - 100);
    - any order, filter and depth: every sort the list offers, with no filter and with
      filters that match all, three quarters, a quarter and a tenth of the interviews,
      at the first page, the middle and the last;
    - a search at any depth, alone or with a filter: the first, middle and last page of
      what a search matches, in every order.

    Pages are read as the list reads them (gui/models/interview_table_model.py): the
    first with its count, in one read (``page_and_count``), when a filter or search
    is set; a deeper one alone (``page``), when the rows are scrolled or jumped to,
    the count kept and given with it (``total``: a page nearer the end is read from
    there). (The command line reads pages alone, from the first.) The cases named
    :data:`COUNTED_AGAIN` count again at every depth, which no caller does: printed, not
    reported. ``service`` only counts the matches, for the depths (the baseline holds
    the same rows).
    """
    cases: list[_Case] = []
    for k, text in enumerate(SEARCHES):
        query = InterviewQuery(site=SITES[k % len(SITES)], search=text, limit=100)
        cases.append(("page of 100, site + search, with count", lambda s, q=query: s.page_and_count(q)))
        alone = InterviewQuery(search=text, limit=100)
        cases.append(("search alone (page + count)", lambda s, q=alone: (s.page(q), s.count(q))))
    deep = InterviewQuery(offset=max(0, n - 100), limit=100)
    cases.append(("last page of the whole list", lambda s, q=deep: s.page(q, total=n)))
    for sort in SORTS:
        for filters in FILTERS:
            matches = service.count(InterviewQuery(**filters))  # type: ignore[arg-type]
            for offset in _depths(matches):
                query = InterviewQuery(sort=sort, offset=offset, limit=100, **filters)  # type: ignore[arg-type]
                cases.append(("any order, filter and depth", _as_the_list_reads(query, matches)))
        for k, text in enumerate(("ma", "quispe", "rosa 1")):
            for filters in ({}, FILTERS[1 + k]):
                name = f"search in any order and depth, {'with a filter' if filters else 'alone'}"
                matches = service.count(InterviewQuery(search=text, **filters))  # type: ignore[arg-type]
                for offset in _depths(matches):
                    query = InterviewQuery(sort=sort, search=text, offset=offset, limit=100,
                                           **filters)  # type: ignore[arg-type]
                    cases.append((name, _as_the_list_reads(query, matches)))
                    if filters and offset:
                        cases.append((COUNTED_AGAIN, lambda s, q=query: s.page_and_count(q)))
    return cases


# A search with a filter, its page and its count read together at every depth:
# what the list never asks past its first page (printed, not a figure).
COUNTED_AGAIN = "search with a filter, counted again deeper down"


def _as_the_list_reads(query: InterviewQuery, matches: int) -> Any:
    """The call the list makes for this page: the first with its count, a deeper one
    alone with the count it kept (``matches``)."""
    if query.offset:
        return lambda s, q=query: s.page(q, total=matches)
    return lambda s, q=query: s.page_and_count(q)


def _pages(services: tuple[InterviewService, InterviewService], n: int,
           rounds: int = 3) -> tuple[dict[str, list[float]], ...]:
    """Every list case timed ``rounds`` times on the vault and on the baseline, the two
    alternately, case after case: (vault, baseline), each figure name -> the median of
    every case's rounds, and (vault, baseline) -> the slowest single round of each name.

    A case's figure is the median of its rounds: one round caught by a stall of the
    shared machine (the baseline's last page, 3 ms in the median, once took 28 ms)
    does not decide which query is the slowest.
    """
    cases = _page_cases(services[0], n)
    rounds_of: list[tuple[list[float], list[float]]] = [([], []) for _ in cases]
    for r in range(rounds):
        for (_, call), taken in zip(cases, rounds_of, strict=True):
            for which in ((0, 1) if r % 2 == 0 else (1, 0)):
                taken[which].append(_timed(lambda s=services[which], c=call: c(s)))
    medians: tuple[dict[str, list[float]], dict[str, list[float]]] = ({}, {})
    slowest: tuple[dict[str, list[float]], dict[str, list[float]]] = ({}, {})
    for (name, _), taken in zip(cases, rounds_of, strict=True):
        for which in (0, 1):
            medians[which].setdefault(name, []).append(statistics.median(taken[which]))
            slowest[which].setdefault(name, []).append(max(taken[which]))
    return (*medians, *slowest)


def _build(work: Path, n: int, passphrase: str) -> tuple[KdfParams, list[str]]:
    """Build the vault and the plain database; returns the KDF and the interview ids."""
    print(f"building {n} interviews x {ANSWERS} answers in {work}")
    kdf = KdfParams.tuned()
    vault, _ = Vault.create(work / "vault", passphrase, kdf=kdf)
    with vault.transaction() as db:
        db.execute("PRAGMA cache_size = -1000000")  # only to build faster
    with vault.read():
        pass
    conn = vault._require()
    t0 = time.perf_counter()
    ids = _fill(conn, n, 7, "BEGIN IMMEDIATE")
    print(f"  vault built in {time.perf_counter() - t0:.0f} s")
    vault.lock()

    plain_path = work / "plain.db"
    plain = PlainVault(plain_path, checkpoints=False)
    migrate(plain.db)
    plain.db.execute("PRAGMA cache_size = -1000000")
    t0 = time.perf_counter()
    _fill(plain.db, n, 7, "BEGIN IMMEDIATE")
    print(f"  plain SQLite built in {time.perf_counter() - t0:.0f} s")
    plain.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    plain.close()
    return kdf, ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="10 000 interviews")
    parser.add_argument("--interviews", type=int, default=None)
    parser.add_argument("--saves", type=int, default=1000)
    parser.add_argument("--pause", type=float, default=0.005,
                        help="seconds between rounds of saves (typing); 0 for back to back")
    parser.add_argument("--keep", type=Path, default=None,
                        help="build in DIR and keep it (or reuse what an earlier run kept there)")
    args = parser.parse_args()
    n = args.interviews or (10_000 if args.small else 100_000)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-vault-"))
    work.mkdir(parents=True, exist_ok=True)
    passphrase = "bench passphrase for the vault"
    plain_path = work / "plain.db"
    try:
        if (work / "vault").exists() and (work / "plain.db").exists():
            print(f"reusing the vault and database in {work}")
            vault = Vault.unlock(work / "vault", passphrase)
            kdf = vault.kdf
            with vault.read() as db:
                ids = [r[0] for r in db.execute("SELECT id FROM interviews ORDER BY created_at")]
            vault.lock()
            n = len(ids)
        else:
            kdf, ids = _build(work, n, passphrase)
            # Whatever of the build the kernel has not yet written would delay the
            # saves' fdatasync. (On the development VM it had all been written: 0.0 s.
            # The saves' p99 there follows the disk's own commit, which moved from
            # 0.8 to 11.6 ms p99 between runs of one day.)
            print(f"  the build written back to the disk in {written_back():.1f} s")
        # Unlock: Argon2id, then key to first query.
        start = time.perf_counter()
        vault = Vault.unlock(work / "vault", passphrase)
        unlock = time.perf_counter() - start
        vault.lock()
        table = slotfile.read_slot_file(work / "vault" / "keyslots.json")
        start = time.perf_counter()
        key = slotfile.unwrap(table.vault_id, table.slot(slotfile.PASSPHRASE), passphrase)
        derive = time.perf_counter() - start
        start = time.perf_counter()
        conn = open_database(work / "vault" / DB_NAME, key)
        migrate(conn)
        page_query(conn, InterviewQuery(limit=100))
        first_query = time.perf_counter() - start
        conn.close()

        vault = Vault.unlock(work / "vault", passphrase)
        service = InterviewService(vault)
        plain = PlainVault(plain_path)
        migrate(plain.db)  # a kept baseline built by an older schema
        in_plain = {r[0] for r in plain.db.execute("SELECT id FROM interviews")}
        if len(in_plain) != len(ids):  # a kept baseline whose build was cut short
            print(f"  baseline holds {len(in_plain)} of the {len(ids)} interviews; "
                  "saves use those in both")
            ids = [i for i in ids if i in in_plain]
        plain_service = InterviewService(plain)  # type: ignore[arg-type]
        primed = _prime([work / "vault" / DB_NAME, plain_path])
        print(f"  read both databases into the system's cache in {primed:.1f} s")
        disk = work / "disk-commit.bin"
        _saves((service, plain_service), ids, 20, args.pause, disk)  # warm both caches alike
        vault_saves, plain_saves, disk_commits = _saves((service, plain_service), ids, args.saves,
                                                        args.pause, disk)
        vault_pages, plain_pages, vault_slowest, plain_slowest = _pages((service, plain_service), n)
        vault.lock()
        plain.close()

        pages = _pages_per_save(plain_path, ids)
        size = sum(p.stat().st_size for p in (work / "vault").iterdir())
        plain_size = plain_path.stat().st_size
        print()
        print(f"interviews: {n}, answers: {n * ANSWERS}, edit-log rows: {n * ANSWERS}")
        print(f"Argon2id: t={kdf.time_cost} m={kdf.memory_kib // 1024} MiB p={kdf.lanes}")
        print(f"save one answer  vault  p50 {_ms(statistics.median(vault_saves))}"
              f"  p99 {_ms(_percentile(vault_saves, 99))}")
        print(f"save one answer  base   p50 {_ms(statistics.median(plain_saves))}"
              f"  p99 {_ms(_percentile(plain_saves, 99))}")
        print(f"the disk's own commit  p50 {_ms(statistics.median(disk_commits))}"
              f"  p99 {_ms(_percentile(disk_commits, 99))}  ({_COMMIT_BYTES // 1024} KiB written, then "
              f"{_SYNC.__name__}: no save can be quicker)")
        print(f"  pages written per save (baseline, same schema): {pages:.1f}")
        print(f"  ratio vault/plain: p50 {statistics.median(vault_saves) / statistics.median(plain_saves):.2f}x"
              f"  p99 {_percentile(vault_saves, 99) / _percentile(plain_saves, 99):.2f}x")
        print("list cases, read as the list reads them (each the median of 3 rounds, vault and "
              "baseline alternately; in brackets the slowest single round):")
        for name, times in vault_pages.items():
            base = plain_pages[name]
            label = f"{name} (not a figure)" if name == COUNTED_AGAIN else name
            print(f"{label:40}  vault p50 {_ms(statistics.median(times))} worst {_ms(max(times))} "
                  f"({_ms(max(vault_slowest[name])).strip()})   base p50 {_ms(statistics.median(base))} "
                  f"worst {_ms(max(base))} ({_ms(max(plain_slowest[name])).strip()})")
        report("save one answer, random interview, p99", 1000 * _percentile(vault_saves, 99), 5, " ms")
        report("save one answer, p50 / unkeyed SQLite of the same engine",
               statistics.median(vault_saves) / statistics.median(plain_saves), 1.5, "x")
        for name, times in vault_pages.items():
            if name != COUNTED_AGAIN:
                report(f"list: {name}, worst", 1000 * max(times), 30, " ms")
        print(f"unlock (whole)          {_ms(unlock)}")
        print(f"  Argon2id derivation   {_ms(derive)}")
        print(f"  key to first query    {_ms(first_query)}")
        print(f"vault size per 1 000 interviews: {size / n * 1000 / 1e6:.2f} MB "
              f"(plain SQLite {plain_size / n * 1000 / 1e6:.2f} MB)")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
