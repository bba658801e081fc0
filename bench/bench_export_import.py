"""Export and import of 10 000 complete interviews, each against its floor.

The floors do the least any export or import must, on the same vault data,
in the same run, interleaved with the real thing:

- export floor: read the same interviews and answers out of the encrypted
  vault, decode them, write them as JSON lines and seal them with the
  bundle's AEAD (ChaCha20-Poly1305 in 64 KiB chunks);
- import floor: open that sealed payload, parse it and insert the interviews
  and answers into a vault in one transaction.

Targets (issue 17): export ≤ 3 s and ≤ 2× its floor; import ≤ 3 s and ≤ 1.5×
its floor. Run on the shipped border questionnaire (more logic per interview)
and on a generated 40-question one. Then, on its own, the time pictures take
to be re-encoded for export (exchange/scrub.py), per megapixel.

    .venv/bin/python bench/bench_export_import.py [--interviews N] [--form border|generated|both]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import time
import uuid
import zlib
from pathlib import Path
from typing import Any, NamedTuple

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from figures import report, written_back  # noqa: E402
from testimonio.exchange.bundle import encode_records, open_bundle  # noqa: E402
from testimonio.exchange.scrub import reencode  # noqa: E402
from testimonio.exchange.stream import CHUNK_SIZE, chunk_nonce  # noqa: E402
from testimonio.paths import shipped_forms_dir  # noqa: E402
from testimonio.services import export_ready  # noqa: E402
from testimonio.services.export import ExportService  # noqa: E402
from testimonio.services.export_ready import ExportReady  # noqa: E402
from testimonio.services.import_ import ImportService  # noqa: E402
from testimonio.services.keys import KeyService  # noqa: E402
from testimonio.services.questionnaires import QuestionnaireService  # noqa: E402
from testimonio.services.team import Researcher, TeamService  # noqa: E402
from testimonio.vault import KdfParams, Vault, repo_export, repo_imports  # noqa: E402
from testimonio.vault.repo_imports import ImportedInterview  # noqa: E402

N_QUESTIONS = 40


def generated_form(path: Path) -> None:
    """A 40-question XLSForm: 10 selects, 10 integers, 8 dates, 8 safe texts, 4 others."""
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "privacy", "relevant"])
    survey.append(["text", "real_name", "Name", "identifier", ""])
    survey.append(["text", "alias", "Alias", "safe", ""])
    survey.append(["select_one g", "gender", "Gender", "quasi", ""])
    survey.append(["integer", "age", "Age", "quasi", ""])
    for i in range(10):
        survey.append(["select_one yn", f"s{i}", f"S{i}", "", "${age} > 0" if i % 3 == 0 else ""])
    for i in range(10):
        survey.append(["integer", f"n{i}", f"N{i}", "", ""])
    for i in range(8):
        survey.append(["date", f"d{i}", f"D{i}", "", ""])
    for i in range(6):
        survey.append(["text", f"t{i}", f"T{i}", "safe", ""])
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for name in ("yes", "no"):
        choices.append(["yn", name, name])
    for name in ("f", "m"):
        choices.append(["g", name, name])
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["bench", "1"])
    wb.save(path)


def answers_for(questions: dict[str, Any], rng: random.Random) -> dict[str, object]:
    """Plausible answers of every question (choices from the questionnaire)."""
    out: dict[str, object] = {}
    for q in questions.values():
        names = [c.name for c in q.choices]
        if q.type == "integer":
            out[q.path] = rng.randint(18, 80)
        elif q.type == "date":
            out[q.path] = f"2019-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif q.type == "select_one" and names:
            out[q.path] = rng.choice(names)
        elif q.type == "select_multiple" and names:
            out[q.path] = [rng.choice(names)]
        elif q.type == "text" and q.name == "real_name":
            out[q.path] = f"{rng.choice(_NAMES)} {rng.choice(_SURNAMES)} {rng.choice(_SURNAMES)}"
        # Identifiers and the alias as people give them (the safety net compares
        # every text that leaves with them: words taken from the notes' word
        # list would make it find them everywhere).
        elif q.type == "text" and "document" in q.name:
            out[q.path] = f"V-{rng.randint(10, 30)}.{rng.randint(100, 999)}.{rng.randint(100, 999)}"
        elif q.type == "text" and "phone" in q.name:
            out[q.path] = f"+58 4{rng.randint(12, 26)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        elif q.type == "text" and q.name == "alias":
            out[q.path] = f"{rng.choice(_ALIASES)} {rng.randint(1, 99)}"
        elif q.type == "text":
            # Words, as typed notes are; the safety net reads every one of them.
            out[q.path] = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 9)))
    return out


_ALIASES = ("Rosa", "Colibrí", "Araguaney", "Turpial", "Samán", "Cumbia", "Mango", "Orquídea")
_NAMES = ("María", "José", "Luis", "Ana", "Carmen", "Pedro", "Yoselin", "Jesús")
_SURNAMES = ("González", "Rodríguez", "Pérez", "Añez", "Urdaneta", "Quispe", "Hernández")
_WORDS = ("we", "walked", "three", "days", "bus", "border", "night", "cold", "the", "officer",
          "said", "no", "papers", "family", "waited", "outside", "rain", "food", "child")


def fill(vault: Vault, form_id: str, version: str, answers: list[dict[str, object]]) -> None:
    """Complete interviews written straight into the tables, as the interview service stores them."""
    with vault.transaction() as db:
        for n, a in enumerate(answers):
            iid = uuid.uuid4().hex
            db.execute(
                "INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, alias, "
                "status, created_at, updated_at, revision) VALUES (?, ?, ?, ?, 'r', 'en', ?, 'complete', "
                "?, ?, 2)", (iid, form_id, version, f"site{n % 5}", f"a{n}",
                            "2019-11-20T10:00:00.000Z", "2019-11-20T11:00:00.000Z"))
            db.executemany("INSERT INTO answers (interview_id, path, value) VALUES (?, ?, ?)",
                           [(iid, p, json.dumps(v, separators=(",", ":"))) for p, v in a.items()])


def stored_metadata(q: Any) -> dict[str, object]:
    """The top-level start, end and today answers the program stores with an interview."""
    stamps = {"start": "2019-11-20T10:00:00-05:00", "end": "2019-11-20T11:00:00-05:00", "today": "2019-11-20"}
    return {m.path: stamps[m.type] for m in q.questions() if m.type in stamps and not _in_repeat(q, m.path)}


def _in_repeat(q: Any, path: str) -> bool:
    parts = path.split("/")
    return any(getattr(q.node("/".join(parts[:i])), "repeat", False) for i in range(1, len(parts)))


def export_floor(vault: Vault, key: bytes) -> tuple[float, list[bytes]]:
    """Read the complete interviews and their answers, decode, write JSON lines, seal.

    Streamed, as an export that does not grow with the number of interviews
    must be, and read the fastest way we know: SQLite joins each interview's
    stored JSON texts into one object (what vault.records.answers_of does), one
    ``json.loads`` an interview; its line written and the payload sealed
    64 KiB at a time. (Earlier floors decoded row by row, or held every row at
    once: slower, they made the export look closer to its floor than it is.)
    One thread: the export also reads ahead on a second one.
    """
    start = time.perf_counter()
    aead = ChaCha20Poly1305(key)
    sealed: list[bytes] = []
    buf = bytearray()
    with vault.read() as db:
        rows = db.execute(
            "SELECT i.id, i.form_id, i.form_version, i.revision, i.site, i.language, i.created_at, i.updated_at, "
            "(SELECT '{' || group_concat(json_quote(a.path) || ':' || a.value, ',' ORDER BY a.path) || '}' "
            " FROM answers a WHERE a.interview_id = i.id AND a.value != 'null') "
            "FROM interviews i WHERE i.status = 'complete' ORDER BY i.id")
        for h in rows:
            if buf:
                buf += b"\n"
            buf += json.dumps({"export_id": h[0], "form_id": h[1], "form_version": h[2], "revision": h[3],
                               "site": h[4], "language": h[5], "started": h[6][:10], "completed": h[7][:10],
                               "answers": json.loads(h[8]) if h[8] else {}, "attachments": []},
                              separators=(",", ":")).encode()
            while len(buf) > CHUNK_SIZE:
                sealed.append(aead.encrypt(chunk_nonce(len(sealed), False), bytes(buf[:CHUNK_SIZE]), None))
                del buf[:CHUNK_SIZE]
    sealed.append(aead.encrypt(chunk_nonce(len(sealed), True), bytes(buf), None))
    return time.perf_counter() - start, sealed


def import_floor(vault: Vault, key: bytes, sealed: list[bytes], rows: ImportedRows) -> float:
    """Open the sealed records (the bundle's own, compressed as it holds them), inflate and
    parse them, and insert the interviews and answers an import gives the lead.

    The same rows :class:`ImportService` writes for them (ids consecutive under
    a random prefix, the alias answer, days as timestamps, the roster name and
    key id, the same JSON texts), in one transaction, into ``vault`` (a fresh
    copy of the lead's vault, as the real import gets): none of its checks,
    no origins, withheld answers or log.
    """
    start = time.perf_counter()
    aead = ChaCha20Poly1305(key)
    payload = b"".join(aead.decrypt(chunk_nonce(n, n == len(sealed) - 1), c, None) for n, c in enumerate(sealed))
    records = [json.loads(line) for line in zlib.decompress(payload).splitlines()]
    prefix = secrets.token_hex(8)
    interviews: list[ImportedInterview] = []
    answer_rows: dict[str, dict[str, str]] = {}
    for n, r in enumerate(records, 1):
        iid = f"{prefix}{n:016x}"
        answers = r["answers"]
        alias = answers.get(rows.alias_path, "") if rows.alias_path else ""
        updated = _floor_day(r["completed"])
        interviews.append(ImportedInterview(
            iid, r["form_id"], r["form_version"], r["site"], rows.interviewer, r["language"],
            alias if isinstance(alias, str) else "", _floor_day(r["started"]), updated, r["revision"]))
        answer_rows[iid] = {p: _floor_json(v) for p, v in answers.items()}
    with vault.transaction(references_kept_by_caller=True) as db:
        # The vault's own insert, as the import writes them (interview rows many to a
        # statement, for the alias's full-text trigger; answers in one statement), here
        # all at once, on this thread: the import writes in batches on a second one.
        # Without SQLite's reference checks, as the import's transaction.
        repo_imports.add_interviews(db, interviews, answer_rows, rows.researcher_key)
    return time.perf_counter() - start


class ImportedRows(NamedTuple):
    """What an import writes with each record that the record itself does not say."""

    interviewer: str  # the researcher's roster name
    researcher_key: str  # their key id
    alias_path: str | None  # the path of the question named "alias", if any


_floor_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _floor_day(day: str | None) -> str:
    """An exported day or month as the import stores it (services/import_._day_time)."""
    if day is None:
        return "1970-01-01T00:00:00.000Z"
    return f"{day}-01T00:00:00.000Z" if len(day) == 7 else f"{day}T00:00:00.000Z"


def _seal(payload: bytes, key: bytes) -> list[bytes]:
    """``payload`` sealed as a bundle seals it: ChaCha20-Poly1305 in chunks of CHUNK_SIZE."""
    aead = ChaCha20Poly1305(key)
    chunks = [payload[i:i + CHUNK_SIZE] for i in range(0, len(payload), CHUNK_SIZE)] or [b""]
    return [aead.encrypt(chunk_nonce(n, n == len(chunks) - 1), chunk, None) for n, chunk in enumerate(chunks)]


def bundle_records(vault: Vault, bundle: Path) -> tuple[bytes, float]:
    """The bundle's records as it holds them (zlib-compressed JSON lines), read with the
    lead's keys, and how many answers a record holds on average."""
    try:
        service = ImportService(vault)
        with open_bundle(bundle, recipient=service.keys.ensure(),
                         known_signers={k: v[0] for k, v in service.roster().items()}) as opened:
            records = list(opened.records())
    finally:
        vault.lock()
    blob, _ = encode_records(records)
    return blob, sum(len(r["answers"]) for r in records) / max(1, len(records))


def fresh_copy(clean: Path, dest: Path) -> Vault:
    """A copy of a locked vault's folder, unlocked: every import run starts from the same vault."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(clean, dest)
    written_back()  # the copy, and the previous run's import, not left for the timed one's commit
    return Vault.unlock(dest, "pw")


def import_rounds(lead: Vault, runs: Path, bundle: Path,
                  rows: ImportedRows) -> tuple[list[float], list[float], Any, float]:
    """The import and its floor, three rounds, interleaved (floor, import; import, floor;
    floor, import): the medians are compared (on a shared 2-core machine one
    run of either can be a quarter slower than the next).

    Each run gets a fresh copy of the lead's vault as it was before any
    import: none meets the rows or freed pages of another. Returns the
    import's times, the floor's times, an import's result and the answers per record.
    """
    lead.lock()
    clean = runs / "clean"
    shutil.copytree(lead.path, clean)
    key = secrets.token_bytes(32)
    blob, per_record = bundle_records(fresh_copy(clean, runs / "run"), bundle)
    sealed = _seal(blob, key)
    imports: list[float] = []
    floors: list[float] = []
    result: Any = None
    for order in (("floor", "import"), ("import", "floor"), ("floor", "import")):
        for what in order:
            vault = fresh_copy(clean, runs / "run")
            try:
                if what == "floor":
                    floors.append(import_floor(vault, key, sealed, rows))
                else:
                    start = time.perf_counter()
                    result = ImportService(vault).import_file(bundle)
                    imports.append(time.perf_counter() - start)
            finally:
                vault.lock()
    return imports, floors, result, per_record


def one_form(kind: str, n: int, tmp: Path, rng: random.Random) -> None:
    """Export and import ``n`` interviews of one questionnaire, interleaved with the floors."""
    if kind == "generated":
        form = tmp / "bench.xlsx"
        generated_form(form)
    else:
        form = shipped_forms_dir() / "border_testimony.xlsx"
    lead, _ = Vault.create(tmp / f"lead-{kind}", "pw", kdf=KdfParams.FAST)
    researcher, _ = Vault.create(tmp / f"researcher-{kind}", "pw", kdf=KdfParams.FAST)
    q = QuestionnaireService(lead).install(form)
    team_file = tmp / f"team-{kind}.tmt"
    TeamService(lead).create("bench", team_file)
    rteam = TeamService(researcher)
    rteam.join(rteam.read_team_file(team_file))
    rkey = KeyService(researcher).public()
    TeamService(lead).add_researcher(Researcher("bench", rkey))
    try:
        alias_path: str | None = q.by_name("alias").path
    except KeyError:
        alias_path = None
    # Top-level questions only: a repeat's answers need instance numbers.
    questions = {n.name: n for n in q.questions() if n.takes_input and not _in_repeat(q, n.path)}
    # With the metadata the program stores when an interview starts and ends (the
    # export reads the border form's interview_date; without it, the clock).
    meta = stored_metadata(q)
    answers = [{**answers_for(questions, rng), **meta} for _ in range(n)]
    per = sum(len(a) for a in answers) / max(1, len(answers))
    fill(researcher, q.form_id, q.version, answers)
    print(f"  {n} interviews written, and written back to the disk in {written_back():.1f} s")
    with researcher.read() as db:
        ids = repo_export.candidate_ids(db, True)
    forms = QuestionnaireService(researcher)
    forms.get(q.form_id, q.version)  # completing parses it first, to check the answers
    start = time.perf_counter()
    ExportReady(researcher, forms).prepare(ids[:1])  # what completing one interview adds (services/interviews.py)
    one = time.perf_counter() - start
    start = time.perf_counter()
    kept = ExportReady(researcher).prepare(ids[1:]) + 1  # the others, as if each had been completed
    took = time.perf_counter() - start
    print(f"  records worked out as the interviews were completed: {kept} of {n} kept; one completion "
          f"{one * 1000:.0f} ms more, the other {n - 1} in one batch {took:.1f} s "
          f"({took / max(1, n - 1) * 1000:.2f} ms each); written back in {written_back():.1f} s")
    key = secrets.token_bytes(32)
    exports: list[float] = []
    colds: list[float] = []
    export_floors: list[float] = []
    out = tmp / f"bundle-{kind}.tmb"
    sealed: list[bytes] = []
    # Interleaved, three rounds, medians compared. "export": the records kept when the
    # interviews were completed are taken (what a researcher meets at the end of a day);
    # "cold": the same export by a program whose rules changed since (every record
    # worked out again at export, as after an update).
    for order in (("floor", "export", "cold"), ("cold", "export", "floor"), ("floor", "export", "cold")):
        for what in order:
            if what == "floor":
                took, sealed = export_floor(researcher, key)
                export_floors.append(took)
                continue
            out.unlink(missing_ok=True)
            rules = export_ready.RULES
            if what == "cold":
                export_ready.RULES = f"{rules} (a newer program)"
            try:
                start = time.perf_counter()
                result = ExportService(researcher).write(out, all_=True, accept_risk=True)  # all of them
                (colds if what == "cold" else exports).append(time.perf_counter() - start)
            finally:
                export_ready.RULES = rules
    imports, import_floors, imported, per_record = import_rounds(lead, tmp / f"lead-{kind}-runs", out,
                                                     ImportedRows("bench", rkey.key_id, alias_path))
    t_import, i_floor = statistics.median(imports), statistics.median(import_floors)
    t_export = statistics.median(exports)
    e_floor = statistics.median(export_floors)
    print(f"form: {kind} ({q.form_id}), interviews: {result.interviews}, answers each: {per:.0f} "
          f"({per_record:.0f} in the bundle), bundle: {os.path.getsize(out) / 1e6:.1f} MB, "
          f"imported: {imported.added} new")
    print(f"  export: {', '.join(f'{t:.2f}' for t in exports)} s; its floor (read + JSON + AEAD, streamed): "
          f"{', '.join(f'{t:.2f}' for t in export_floors)} s -> {t_export / e_floor:.2f}x")
    t_cold = statistics.median(colds)
    print(f"  export with every record worked out at export (after an update of the program): "
          f"{', '.join(f'{t:.2f}' for t in colds)} s -> {t_cold / e_floor:.2f}x its floor")
    print(f"  import: {', '.join(f'{t:.2f}' for t in imports)} s; its floor (decrypt + parse + insert), "
          f"interleaved: {', '.join(f'{t:.2f}' for t in import_floors)} s -> {t_import / i_floor:.2f}x")
    label = f"{n // 1000}k {kind}" if n >= 1000 else f"{n} {kind}"
    report(f"export {label}", t_export, 3.0, " s")
    report(f"export {label} / its floor", t_export / e_floor, 2.0, "x")
    report(f"export {label}, every record worked out at export", t_cold, 3.0, " s")
    report(f"import {label}", t_import, 3.0, " s")
    report(f"import {label} / its floor", t_import / i_floor, 1.5, "x")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--form", choices=("generated", "border", "both"), default="both")
    args = parser.parse_args()
    rng = random.Random(5)
    kinds = ("border", "generated") if args.form == "both" else (args.form,)
    with tempfile.TemporaryDirectory() as tmp_name:
        for kind in kinds:
            one_form(kind, args.interviews, Path(tmp_name), rng)
    pictures()
    return 0


def pictures() -> None:
    """Seconds per megapixel to re-encode phone-sized photos (noise: the worst case)."""
    import io

    from PIL import Image

    for fmt, size in (("JPEG", (4000, 3000)), ("JPEG", (2000, 1500)), ("PNG", (2000, 1500))):
        noise = Image.effect_noise(size, 60).convert("RGB")
        buf = io.BytesIO()
        noise.save(buf, fmt, **({"quality": 92} if fmt == "JPEG" else {}))
        data = buf.getvalue()
        start = time.perf_counter()
        rounds = 3
        for _ in range(rounds):
            clean = reencode(data)
        took = (time.perf_counter() - start) / rounds
        mp = size[0] * size[1] / 1e6
        print(f"picture re-encoding, {fmt} {size[0]}x{size[1]} ({len(data) / 1e6:.1f} MB): "
              f"{took:.2f} s, {took / mp:.3f} s per megapixel -> {clean.width}x{clean.height}, "
              f"{len(clean.data) / 1e6:.2f} MB")


if __name__ == "__main__":
    raise SystemExit(main())
