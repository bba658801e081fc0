"""Export 10 000 complete interviews (40 answers each) and import the bundle.

Beside it, in the same run, a baseline that only serialises the same records
to JSON and encrypts them with AES-256-GCM: the least any export must do.
Targets (issue 5): export <= 5 s, import <= 10 s, both <= 3x the baseline.
Then, on its own, the time pictures take to be re-encoded for export
(exchange/scrub.py: decode, orient, cap the long side, write afresh), per
megapixel of the stored photo, for JPEG and PNG sources.

    .venv/bin/python bench/bench_export_import.py [--interviews N] [--form border]

``--form generated`` (default) uses a generated 40-question questionnaire with
the mix of a real one (selects, numbers, dates, quasi-identifiers, an
identifier, free text, a few relevance rules); ``--form border`` uses the
shipped border_testimony.xlsx (fewer answers per interview, more logic).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from testimonio.exchange.scrub import reencode  # noqa: E402
from testimonio.paths import shipped_forms_dir  # noqa: E402
from testimonio.services.export import ExportService  # noqa: E402
from testimonio.services.import_ import ImportService  # noqa: E402
from testimonio.services.keys import KeyService  # noqa: E402
from testimonio.services.questionnaires import QuestionnaireService  # noqa: E402
from testimonio.services.team import Researcher, TeamService  # noqa: E402
from testimonio.vault import KdfParams, Vault  # noqa: E402

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
        elif q.type == "text":
            # Words, as typed notes are; the safety net reads every one of them.
            out[q.path] = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 9)))
    return out


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
            db.executemany("INSERT INTO answers (interview_id, path, value, updated_at) VALUES (?, ?, ?, ?)",
                           [(iid, p, json.dumps(v, separators=(",", ":")), "x") for p, v in a.items()])


def _in_repeat(q: Any, path: str) -> bool:
    parts = path.split("/")
    return any(getattr(q.node("/".join(parts[:i])), "repeat", False) for i in range(1, len(parts)))


def baseline(records: list[dict[str, object]]) -> float:
    key = AESGCM.generate_key(bit_length=256)
    start = time.perf_counter()
    payload = "\n".join(json.dumps(r, separators=(",", ":")) for r in records).encode()
    AESGCM(key).encrypt(secrets.token_bytes(12), payload, None)
    return time.perf_counter() - start


def read_floor(vault: Vault) -> float:
    """What any export must do before the baseline's work: read the answers
    (one query, no decoding) out of the encrypted vault."""
    start = time.perf_counter()
    with vault.read() as db:
        rows = db.execute("SELECT interview_id, path, value FROM answers").fetchall()
    elapsed = time.perf_counter() - start
    del rows
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--form", choices=("generated", "border"), default="generated")
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.form == "generated":
            form = tmp / "bench.xlsx"
            generated_form(form)
        else:
            form = shipped_forms_dir() / "border_testimony.xlsx"
        lead, _ = Vault.create(tmp / "lead", "pw", kdf=KdfParams.FAST)
        researcher, _ = Vault.create(tmp / "researcher", "pw", kdf=KdfParams.FAST)
        q = QuestionnaireService(lead).install(form)
        team_file = tmp / "team.tmt"
        TeamService(lead).create("bench", team_file)
        rteam = TeamService(researcher)
        rteam.join(rteam.read_team_file(team_file))
        TeamService(lead).add_researcher(Researcher("bench", KeyService(researcher).public()))
        # Top-level questions only: a repeat's answers need instance numbers.
        questions = {n.name: n for n in q.questions() if n.takes_input and "/" not in n.path
                     or n.takes_input and not _in_repeat(q, n.path)}
        answers = [answers_for(questions, rng) for _ in range(args.interviews)]
        per = sum(len(a) for a in answers) / max(1, len(answers))
        start = time.perf_counter()
        fill(researcher, q.form_id, q.version, answers)
        write_floor = time.perf_counter() - start
        records = [{"export_id": secrets.token_hex(16), "answers": a} for a in answers]
        base = baseline(records)
        floor = read_floor(researcher)

        out = tmp / "bundle.tmb"
        start = time.perf_counter()
        result = ExportService(researcher).write(out, accept_risk=True)
        t_export = time.perf_counter() - start
        start = time.perf_counter()
        imported = ImportService(lead).import_file(out)
        t_import = time.perf_counter() - start
        size = os.path.getsize(out)
        print(f"form: {args.form} ({q.form_id}), interviews: {result.interviews}, "
              f"answers each: {per:.0f}, bundle: {size / 1e6:.1f} MB")
        print(f"baseline (JSON + AES-256-GCM): {base:.2f} s")
        print(f"floor: reading the answers out of the vault, nothing else: {floor:.2f} s "
              f"({floor / base:.1f}x baseline)")
        print(f"floor: writing them into a vault, nothing else: {write_floor:.2f} s "
              f"({write_floor / base:.1f}x baseline)")
        print(f"export: {t_export:.2f} s  ({t_export / base:.1f}x baseline; target <= 5 s, <= 3x)")
        print(f"import: {t_import:.2f} s  ({t_import / base:.1f}x baseline; target <= 10 s, <= 3x)")
        print(f"imported: {imported.added} new")
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
