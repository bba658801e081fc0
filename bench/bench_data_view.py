"""Data view and summary figures over a lead's vault of imported interviews.

Builds a lead's vault with the border questionnaire and N imported
interviews (default 100 000) of about 40 answers each, from 6 researchers
at 10 sites over a year, then, in a fresh process (so the memory figure is
the data view's, not the build's), measures:

- opening the data view: the columns, the count and the first page of 100
  rows, as the table model asks for them (target <= 300 ms);
- a filter change (site, researcher, a select question, a date range,
  several together): count + first page, median (target <= 150 ms);
- the summary's figures recomputed after a filter change (<= 500 ms);
- peak RSS of the measuring process (<= 300 MB).

    .venv/bin/python bench/bench_data_view.py [--interviews N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from figures import peak_rss_mb, report  # noqa: E402
from testimonio.services.data_view import DataFilter, DataViewService  # noqa: E402
from testimonio.services.questionnaires import QuestionnaireService  # noqa: E402
from testimonio.vault import KdfParams, Vault  # noqa: E402

PASS = "bench pass phrase"
FORM = ROOT / "forms" / "border_testimony.xlsx"
SITES = ["Aguas Verdes", "Huaquillas", "Tumbes", "Zarumilla", "Arenillas", "Machala",
         "Santa Rosa", "Pasaje", "Zorritos", "Máncora"]


def _value(rng: random.Random, q: object) -> object:
    kind = getattr(q, "type", "")
    choices = [c.name for c in getattr(q, "choices", ())]
    if kind == "select_one" and choices:
        return rng.choice(choices)
    if kind == "select_multiple" and choices:
        return sorted(rng.sample(choices, k=min(len(choices), rng.randint(1, 2))))
    if kind in ("integer", "decimal"):
        return rng.randint(0, 60)
    if kind == "date":
        return f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind == "text":
        return f"texto {rng.randint(1, 999)}"
    return None


def build(folder: Path, count: int) -> None:
    """A lead's vault with ``count`` imported interviews, written straight into the tables."""
    vault, _ = Vault.create(folder, PASS, kdf=KdfParams.FAST)
    q = QuestionnaireService(vault).install(FORM)
    questions = [n for n in q.questions() if n.takes_input and "[" not in n.path
                 and not n.is_attachment and _value(random.Random(0), n) is not None][:40]
    rng = random.Random(7)
    researchers = [(uuid.uuid4().hex + uuid.uuid4().hex, f"Researcher {n}") for n in range(6)]
    with vault.transaction() as db:
        for key_id, name in researchers:
            fingerprint = " ".join(key_id[i:i + 4].upper() for i in range(0, 32, 4))
            db.execute("INSERT INTO roster (key_id, public, name, fingerprint, confirmed_at) "
                       "VALUES (?, ?, ?, ?, '2026-01-01')", (key_id, bytes(64), name, fingerprint))
    # Bulk loading: the answer indexes are made once at the end, not kept up row by row.
    with vault.transaction() as db:
        db.execute("DROP INDEX answers_path_value")
        db.execute("DROP INDEX interviews_form_created")
    done = 0
    while done < count:
        batch = min(25_000, count - done)
        interviews, answers, origins = [], [], []
        for _ in range(batch):
            iid = uuid.uuid4().hex
            day = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            key_id, name = rng.choice(researchers)
            interviews.append((iid, q.form_id, q.version, rng.choice(SITES), name, "es",
                               f"Persona {done}", f"{day}T00:00:00.000Z", f"{day}T00:00:00.000Z"))
            origins.append((iid, key_id, uuid.uuid4().hex, 1, "bundle"))
            for question in questions:
                value = _value(rng, question)
                if value is not None and rng.random() > 0.05:
                    answers.append((iid, question.path, json.dumps(value, ensure_ascii=False)))
            done += 1
        with vault.transaction() as db:
            db.executemany("INSERT INTO interviews (id, form_id, form_version, site, interviewer, "
                           "language, alias, status, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, 'complete', ?, ?)", interviews)
            db.executemany("INSERT INTO answers (interview_id, path, value) VALUES (?, ?, ?)",
                           answers)
            db.executemany("INSERT INTO imported_origin (interview_id, researcher, export_id, "
                           "revision, bundle_id) VALUES (?, ?, ?, ?, ?)", origins)
        print(f"  built {done} interviews", file=sys.stderr)
    with vault.transaction() as db:
        db.execute("CREATE INDEX answers_path_value ON answers (path, value)")
        db.execute("CREATE INDEX interviews_form_created ON interviews "
                   "(form_id, status, created_at, site, id)")
    vault.lock()


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def measure(folder: Path) -> dict[str, float]:
    """The figures, in this process (run fresh after :func:`build`)."""
    vault = Vault.unlock(folder, PASS)
    service = DataViewService(vault)
    start = time.perf_counter()
    form_id, _ = service.questionnaires()[0]
    q = service.questionnaire(form_id)
    loaded = _ms(start)  # reading the XLSForm: once per session, shared by every view
    start = time.perf_counter()
    service.columns(q, "es")
    base = DataFilter(form_id)
    service.count(base)
    service.page(base, 0, 100)
    first = _ms(start)
    researcher = service.researchers()[2][0]
    filters = [
        DataFilter(form_id, site="Tumbes"),
        DataFilter(form_id, researcher=researcher),
        DataFilter(form_id, choices=(("person/gender", "female"),)),
        DataFilter(form_id, date_from="2026-03-01", date_to="2026-05-31"),
        DataFilter(form_id, site="Huaquillas", researcher=researcher,
                   choices=(("entry/entry_result", "refused"),)),
        DataFilter(form_id, choices=(("leaving/reasons", "food"),)),
        DataFilter(form_id, search="Persona 12"),
        base,
    ]
    changes = []
    for f in filters * 2:
        start = time.perf_counter()
        service.count(f)
        service.page(f, 0, 100)
        changes.append(_ms(start))
    from testimonio.services.summary_query import SummaryQuery

    summaries = []
    summary = SummaryQuery(vault, service)
    for f in filters[:5]:
        start = time.perf_counter()
        summary.summary(f, "es")
        summaries.append(_ms(start))
    vault.lock()
    rss = peak_rss_mb()  # VmHWM: this process's own peak, not the build parent's
    return {"questionnaire_ms": loaded, "first_page_ms": first, "filter_change_median_ms": statistics.median(changes),
            "filter_change_max_ms": max(changes), "summary_median_ms": statistics.median(summaries),
            "summary_max_ms": max(summaries), "rss_mb": rss}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build into (or reuse) this folder")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-data-view-")) / "vault"
    try:
        if not (folder / "vault.db").exists() and not any(folder.glob("*.db")):
            start = time.perf_counter()
            build(folder, args.interviews)
            print(f"built {args.interviews} interviews in {time.perf_counter() - start:.0f} s")
        done = subprocess.run([sys.executable, __file__, "--measure", str(folder)],
                              capture_output=True, text=True, check=True)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"data view, {args.interviews} interviews x ~40 answers:")
        print(f"  questionnaire read (once)  {figures['questionnaire_ms']:8.1f} ms")
        print(f"  first page after opening   {figures['first_page_ms']:8.1f} ms   (target <= 300)")
        print(f"  filter change, median      {figures['filter_change_median_ms']:8.1f} ms   "
              f"(target <= 150; worst {figures['filter_change_max_ms']:.1f})")
        print(f"  summary after a filter     {figures['summary_median_ms']:8.1f} ms   "
              f"(target <= 500; worst {figures['summary_max_ms']:.1f})")
        print(f"  peak RSS                   {figures['rss_mb']:8.1f} MB   (target <= 300)")
        n = f"{args.interviews:,}".replace(",", " ")
        report(f"data view over {n}: first page after opening", figures["first_page_ms"], 300, " ms")
        report(f"data view over {n}: filter change, median", figures["filter_change_median_ms"],
               150, " ms")
        report(f"data view over {n}: summary after a filter, median", figures["summary_median_ms"],
               500, " ms")
        report(f"data view over {n}: peak RSS", figures["rss_mb"], 300, " MB")
    finally:
        if args.keep is None:
            shutil.rmtree(folder.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
