"""Import bundles that declare 512 MiB of records; print the importing process's peak RSS.

Issue 15 item 3: "importing a bundle that declares 512 MiB of records stays
under 300 MB RSS (refused or imported)". Each bundle is signed by a
researcher on the lead's roster (the project's own writer), so it passes
authentication and reaches record parsing:

* ``valid``: ~5 300 records with a 100 000-character ``safe`` answer each
  (512 MiB of JSON, a few MiB compressed): imported.
* ``nested``: records of 4 MiB whose answer is ``[[],[],...]``, the JSON
  that costs most memory per byte: refused after the first problems.
* ``declared``: a manifest declaring more than 512 MiB: refused at once.
* ``many``: 50 000 small records (issue 17: import memory must not grow
  with the number of interviews): imported.
* ``photos``: six 4 MiB attachments (inserted with their row, written
  once) and two 64 MiB ones (streamed through blob I/O): imported.

Every import runs in a child process that prints its own peak RSS (VmHWM),
beside a child that only unlocks the vault (the floor).

    .venv/bin/python bench/bench_import_hostile.py [--mib 512]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from figures import peak_rss_mb, report  # noqa: E402
from testimonio.errors import TestimonioError  # noqa: E402
from testimonio.exchange.bundle import AttachmentSource, write_bundle  # noqa: E402
from testimonio.exchange.manifest import Limits  # noqa: E402
from testimonio.services.import_ import ImportService  # noqa: E402
from testimonio.services.keys import KeyService  # noqa: E402
from testimonio.services.questionnaires import QuestionnaireService  # noqa: E402
from testimonio.services.team import Researcher, TeamService  # noqa: E402
from testimonio.vault import KdfParams, Vault  # noqa: E402

TARGET_MB = 300
MIB = 1 << 20
STORY = 100_000  # characters: the longest answer import accepts


def form(path: Path) -> None:
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "privacy"])
    survey.append(["text", "alias", "Alias", "safe"])
    survey.append(["text", "story", "Story", "safe"])
    survey.append(["image", "photo", "Photo", "safe"])
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["bench_hostile", "1"])
    wb.save(path)


def record(n: int, answers: Any) -> dict[str, Any]:
    return {"export_id": uuid.UUID(int=n + 1).hex, "form_id": "bench_hostile", "form_version": "1",
            "revision": 1, "site": "Tumbes", "language": "es", "started": "2026-01-01",
            "completed": "2026-01-01", "answers": answers, "attachments": []}


def build(tmp: Path, mib: int) -> dict[str, Path]:
    xlsx = tmp / "form.xlsx"
    form(xlsx)
    lead, _ = Vault.create(tmp / "lead", "pw", kdf=KdfParams.FAST)
    researcher, _ = Vault.create(tmp / "researcher", "pw", kdf=KdfParams.FAST)
    QuestionnaireService(lead).install(xlsx)
    TeamService(lead).create("bench", tmp / "team.tmt")
    TeamService(lead).add_researcher(Researcher("bench", KeyService(researcher).public()))
    sender, lead_public = KeyService(researcher).ensure(), KeyService(lead).public()
    lead.lock()
    researcher.lock()
    story = "ñandú " * (STORY // 6)  # one string shared by every record: the parent stays small
    per_valid = len(story.encode()) + 300
    nested_answer = {"story": [[]] * ((4 * MIB - 400) // 3)}
    bundles = {
        "valid": [record(n, {"alias": f"a{n}", "story": story}) for n in range(mib * MIB // per_valid)],
        "nested": [record(n, nested_answer) for n in range(mib // 4 - 1)],
        "many": [record(10**6 + n, {"alias": f"a{n}", "story": "short"}) for n in range(50_000)],
    }
    out = {}
    for n, (name, records) in enumerate(bundles.items(), start=1):
        out[name] = tmp / f"{name}.tmb"
        write_bundle(out[name], sender=sender, recipient=lead_public, sequence=n, records=records)
    out["photos"] = tmp / "photos.tmb"
    records, sources = photos()
    write_bundle(out["photos"], sender=sender, recipient=lead_public, sequence=len(bundles) + 1,
                 records=records, attachments=sources)
    return out


def photos() -> tuple[list[dict[str, Any]], list[AttachmentSource]]:
    """Records with one attachment each: six of 4 MiB, two of 64 MiB."""
    records, sources = [], []
    for n, mib in enumerate((4,) * 6 + (64,) * 2):
        data = os.urandom(MIB) * mib
        rec = record(2 * 10**6 + n, {})
        name = f"{rec['export_id']}-1.jpg"
        rec["answers"] = {"alias": f"p{n}", "photo": name}
        rec["attachments"] = [{"name": name, "path": "photo", "mime": "image/jpeg",
                               "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}]
        records.append(rec)
        sources.append(AttachmentSource(name, "image/jpeg", len(data), data,
                                        f"{rec['export_id']}/photo"))
    return records, sources


def child(lead: Path, bundle: str) -> None:
    vault = Vault.unlock(lead, "pw")
    start = time.perf_counter()
    if bundle == "floor":
        outcome = "unlocked only"
    elif bundle == "declared":
        # The same valid bundle read with a lower limit: the manifest declares too much.
        try:
            ImportService(vault, Limits(max_records_bytes=MIB)).import_file(lead.parent / "valid.tmb")
            outcome = "imported"
        except TestimonioError as error:
            outcome = "refused: " + str(error).splitlines()[0][:70]
    else:
        try:
            result = ImportService(vault).import_file(lead.parent / f"{bundle}.tmb")
            outcome = f"imported, {result.added} new"
        except TestimonioError as error:
            outcome = "refused: " + str(error).splitlines()[0][:70]
    took = time.perf_counter() - start
    vault.lock()
    print(f"{took:.2f}|{peak_rss_mb():.0f}|{outcome}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=512, help="declared size of the records")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help="work folder (default: a temp folder)")
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1])
        return 0
    worst = 0.0
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp_name:
        tmp = Path(tmp_name)
        start = time.perf_counter()
        paths = build(tmp, args.mib)
        sizes = ", ".join(f"{k} {p.stat().st_size / MIB:.1f} MiB" for k, p in paths.items())
        print(f"bundles declaring {args.mib} MiB of records built in "
              f"{time.perf_counter() - start:.0f} s ({sizes} on disk)")
        for name in ("floor", "declared", "nested", "valid", "many", "photos"):
            line = subprocess.run([sys.executable, __file__, "--child", str(tmp / "lead"), name],
                                  check=True, capture_output=True, text=True).stdout.strip()
            took, peak, outcome = line.split("|", 2)
            if name != "floor":
                worst = max(worst, float(peak))
            print(f"{name:9} {float(took):7.1f} s  peak RSS {float(peak):5.0f} MB  {outcome}")
    verdict = "meets" if worst < TARGET_MB else "MISSES"
    print(f"import of bundles declaring {args.mib} MiB of records, 50 000 records or 152 MiB of "
          f"attachments: peak RSS {worst:.0f} MB; "
          f"target < {TARGET_MB} MB: {verdict}")
    report(f"hostile bundles declaring {args.mib} MiB of records, import peak RSS", worst,
           TARGET_MB, " MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
