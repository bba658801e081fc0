"""What telling withheld answers from unanswered ones costs the lead's data view and summary.

Builds a lead's vault as bench_data_view.py does (N imported interviews,
default 50 000), then marks what their bundles said they withheld (schema
10): every interview's record said (``withheld_known``), one in ten was
suppressed (its quasi-identifiers blanked and listed ``suppressed``), one
in three has an unreleased account (``not-reviewed``). Then, interleaved in
one process (the machine is shared: ratios, not absolute times, compare):

- the summary after a filter, and the part of it that counts withheld
  apart from not given (``summary_query._blanks``): its share of the whole;
- a data view page of 100 rows, and reading their withheld reasons
  (``repo_dataview.withheld``): the page with them against without.

    .venv/bin/python bench/bench_withheld.py [--interviews N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_data_view import PASS, build  # noqa: E402
from figures import report  # noqa: E402
from testimonio.services.data_view import DataFilter, DataViewService  # noqa: E402
from testimonio.services.summary_query import SummaryQuery, _blanks, _path  # noqa: E402
from testimonio.vault import Vault, repo_dataview, repo_summary  # noqa: E402

QUASI = ("person/gender", "person/age", "person/occupation", "route/left_venezuela_date",
         "route/arrival_border_date", "asylum/claim_date", "asylum/decision_date",
         "asylum/days_waited")


def mark_withheld(vault: Vault) -> tuple[int, int]:
    """Say, as bundles would, what was withheld; blank the suppressed answers."""
    rng = random.Random(11)
    with vault.transaction() as db:
        ids = [str(r[0]) for r in db.execute("SELECT interview_id FROM imported_origin")]
        db.execute("UPDATE imported_origin SET withheld_known = 1")
        suppressed = [i for i in ids if rng.random() < 0.1]
        rows = [(i, p, "suppressed") for i in suppressed for p in QUASI]
        rows += [(i, "leaving/account", "not-reviewed") for i in ids if rng.random() < 0.33]
        db.executemany("DELETE FROM answers WHERE interview_id = ? AND path = ?",
                       [(i, p) for i, p, r in rows if r == "suppressed"])
        db.executemany("INSERT OR IGNORE INTO withheld_answers (interview_id, path, reason) "
                       "VALUES (?, ?, ?)", rows)
    return len(suppressed), len(rows)


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def measure(vault: Vault, rounds: int = 5) -> dict[str, float]:
    """Interleaved timings (median of ``rounds``) of the summary, its withheld part, and pages."""
    service = DataViewService(vault)
    form_id, _ = service.questionnaires()[0]
    q = service.questionnaire(form_id)
    query = SummaryQuery(vault, service)
    paths = {name: _path(q, name) for name in ("gender", "days_waited", "entry_result")}
    filters = [DataFilter(form_id, site="Tumbes"), DataFilter(form_id),
               DataFilter(form_id, date_from="2026-03-01", date_to="2026-05-31")]
    whole, part, plain, said = [], [], [], []
    for _ in range(rounds):
        for f in filters:
            start = time.perf_counter()
            query.summary(f, "es")
            whole.append(_ms(start))
            with vault.read() as db:
                sites, member = repo_summary.chosen_set(db, f, paths["entry_result"])
                start = time.perf_counter()
                # As the summary calls it: the days answered come from its days query.
                _blanks(db, q, paths, member, sum(sites.values()), "es", {"days_waited": 0})
                repo_summary.any_unsaid(db, member)  # every bundle said: reads them all
                part.append(_ms(start))
            ids = service.ids(f, 0, 100)
            with vault.read() as db:
                # Alternate which goes first, so neither always finds the pages cached.
                for with_reasons in (len(plain) % 2 == 0, len(plain) % 2 == 1):
                    start = time.perf_counter()
                    repo_dataview.meta(db, ids)
                    repo_dataview.answers(db, ids)
                    if with_reasons:
                        repo_dataview.withheld(db, ids)
                    (said if with_reasons else plain).append(_ms(start))
    return {"summary_ms": statistics.median(whole), "blanks_ms": statistics.median(part),
            "page_ms": statistics.median(plain), "page_withheld_ms": statistics.median(said)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=50_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-withheld-")) / "vault"
    try:
        start = time.perf_counter()
        build(folder, args.interviews)
        vault = Vault.unlock(folder, PASS)
        suppressed, rows = mark_withheld(vault)
        print(f"built {args.interviews} interviews ({suppressed} suppressed, {rows} withheld "
              f"answers) in {time.perf_counter() - start:.0f} s")
        f = measure(vault)
        vault.lock()
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)
    share = f["blanks_ms"] / f["summary_ms"]
    page = f["page_withheld_ms"] / f["page_ms"]
    print(f"  summary after a filter, median     {f['summary_ms']:8.1f} ms")
    print(f"  of which withheld vs not given     {f['blanks_ms']:8.1f} ms   ({share:.0%})")
    print(f"  page of 100 rows, without reasons  {f['page_ms']:8.1f} ms")
    print(f"  page of 100 rows, with reasons     {f['page_withheld_ms']:8.1f} ms   (x{page:.2f})")
    n = f"{args.interviews:,}".replace(",", " ")
    report(f"withheld over {n}: share of the summary telling withheld from not given",
           share, 0.25)
    report(f"withheld over {n}: data view page with withheld reasons / without", page, 1.25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
