"""Import a ~1 GB bundle of photos and measure the importing process's memory.

Issue 5: "Importing a 1 GB bundle (attachments) keeps memory under 300 MB."
Everything goes through the real services: a lead and a researcher vault
(cheap KDF), a generated XLSForm with an ``image`` question marked ``safe``,
complete interviews each holding one large JPEG ticked for export, one
export, then the lead's import in a child process that prints its own peak
RSS (VmHWM) so the parent's memory does not count.

    .venv/bin/python bench/bench_import_large.py [--size-mb 1024] [--photo-mb 64]

The export re-encodes every picture from its pixels (exchange/scrub.py),
which would shrink these synthetic photos to nothing; this bench measures
the lead's import, so on the researcher's side only, the export's picture
cleaner is replaced by one that keeps the bytes (:func:`_keep_bytes`) and
the bundle really carries ``--size-mb`` of attachments. The import is the
program's own, unchanged.

The photos are minimal JPEGs (SOI, APP0 JFIF, an EXIF APP1 the export must
drop, DQT, SOF0, DHT, SOS) whose scan data is padded to size with bytes that
are never 0xFF, then EOI: the structure exchange/scrub.py walks.
"""

from __future__ import annotations

import argparse
import os
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from figures import peak_rss_mb, report  # noqa: E402
from testimonio.services import export, export_reader  # noqa: E402
from testimonio.services.export import ExportService  # noqa: E402
from testimonio.services.import_ import ImportService  # noqa: E402
from testimonio.services.interviews import InterviewService  # noqa: E402
from testimonio.services.keys import KeyService  # noqa: E402
from testimonio.services.questionnaires import QuestionnaireService  # noqa: E402
from testimonio.services.team import Researcher, TeamService  # noqa: E402
from testimonio.vault import KdfParams, Vault  # noqa: E402

TARGET_MB = 300
MIB = 1 << 20


def form(path: Path) -> None:
    """A small questionnaire: an alias, a select, a number and a photo that may leave."""
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "privacy"])
    survey.append(["text", "alias", "Alias", "safe"])
    survey.append(["select_one yn", "crossed", "Crossed?", ""])
    survey.append(["integer", "nights", "Nights on the way", ""])
    survey.append(["image", "photo", "Photo of the document", "safe"])
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for name in ("yes", "no"):
        choices.append(["yn", name, name])
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["bench_photos", "1"])
    wb.save(path)


def _segment(marker: int, body: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(body) + 2) + body


def jpeg(size: int, block: bytes, tag: int) -> bytes:
    """A JPEG of ``size`` bytes: headers, an EXIF segment, scan data, EOI."""
    head = (b"\xff\xd8"
            + _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + _segment(0xE1, b"Exif\x00\x00" + b"GPS 4.1N 80.2W" * 8)
            + _segment(0xDB, b"\x00" + bytes(range(1, 65)))
            + _segment(0xC0, b"\x08\x00\x10\x00\x10\x01\x01\x11\x00")
            + _segment(0xC4, b"\x00" + b"\x01" + b"\x00" * 15 + b"\x00")
            + _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"))
    fill = size - len(head) - 3
    reps, rest = divmod(fill, len(block))
    # A tag byte first so no two photos are equal (never 0xFF: not a marker).
    return head + bytes((tag % 255,)) + block * reps + block[:rest] + b"\xff\xd9"


def build(tmp: Path, size_mb: int, photo_mb: int) -> tuple[Vault, int, int]:
    """Lead and researcher vaults in a team; complete interviews with ticked photos."""
    xlsx = tmp / "photos.xlsx"
    form(xlsx)
    lead, _ = Vault.create(tmp / "lead", "pw", kdf=KdfParams.FAST)
    researcher, _ = Vault.create(tmp / "researcher", "pw", kdf=KdfParams.FAST)
    q = QuestionnaireService(lead).install(xlsx)
    team_file = tmp / "team.tmt"
    TeamService(lead).create("bench", team_file)
    rteam = TeamService(researcher)
    rteam.join(rteam.read_team_file(team_file))
    TeamService(lead).add_researcher(Researcher("bench", KeyService(researcher).public()))
    lead.lock()

    photo_path = next(n.path for n in q.questions() if n.name == "photo")
    block = os.urandom(MIB).replace(b"\xff", b"\xfe")
    count = max(1, -(-size_mb // photo_mb))
    photo_bytes = photo_mb * MIB
    svc = InterviewService(researcher)
    for i in range(count):
        iid = svc.start(q.form_id, q.version, f"site{i % 3}", "r", "en")
        svc.set_answer(iid, next(n.path for n in q.questions() if n.name == "alias"), f"a{i}", "r")
        svc.set_answer(iid, next(n.path for n in q.questions() if n.name == "crossed"), "yes", "r")
        svc.set_answer(iid, next(n.path for n in q.questions() if n.name == "nights"), i, "r")
        att = svc.add_attachment(iid, photo_path, jpeg(photo_bytes, block, i), "image/jpeg", who="r")
        svc.set_answer(iid, photo_path, att, "r")
        svc.complete(iid, "r")
        svc.set_attachment_export(att, True, "r")
    return researcher, count, photo_bytes


def _keep_bytes(data: bytes, media_type: str = "", max_side: int = 0) -> tuple[bytes, str]:
    """Bench only, researcher's side: the picture leaves as stored (see the module text)."""
    return data, media_type or "image/jpeg"


def child(tmp: Path) -> None:
    """The lead's import, alone in this process; prints seconds and peak RSS."""
    lead = Vault.unlock(tmp / "lead", "pw")
    start = time.perf_counter()
    result = ImportService(lead).import_file(tmp / "bundle.tmb")
    took = time.perf_counter() - start
    with lead.read() as db:
        stored = db.execute("SELECT count(*), coalesce(sum(size), 0) FROM attachments").fetchone()
    lead.lock()
    print(f"{took:.3f} {peak_rss_mb():.1f} {result.added} {stored[0]} {stored[1]}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=1024, help="attachment bytes in the bundle")
    parser.add_argument("--photo-mb", type=int, default=64, help="size of each photo")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help="work folder (default: a temp folder)")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp_name:
        tmp = Path(tmp_name)
        start = time.perf_counter()
        researcher, count, photo_bytes = build(tmp, args.size_mb, args.photo_mb)
        t_build = time.perf_counter() - start
        out = tmp / "bundle.tmb"
        start = time.perf_counter()
        export.scrub = export_reader.scrub = _keep_bytes  # type: ignore[assignment]
        exported = ExportService(researcher).write(out, accept_risk=True)
        t_export = time.perf_counter() - start
        researcher.lock()
        size = out.stat().st_size
        line = subprocess.run([sys.executable, __file__, "--child", str(tmp)], check=True,
                              capture_output=True, text=True).stdout.split()
        t_import, peak = float(line[0]), float(line[1])
        added, stored, stored_bytes = int(line[2]), int(line[3]), int(line[4])
        print(f"{count} interviews, each one {photo_bytes / MIB:.0f} MiB JPEG ticked for export "
              f"(vaults built in {t_build:.1f} s)")
        print(f"bundle: {size / MIB:.0f} MiB ({size / 1e9:.2f} GB), {exported.attachments} attachments")
        print(f"export: {t_export:.1f} s ({size / MIB / t_export:.0f} MiB/s)")
        print(f"import: {t_import:.1f} s ({size / MIB / t_import:.0f} MiB/s), {added} new, "
              f"{stored} attachments stored ({stored_bytes / MIB:.0f} MiB)")
        verdict = "meets" if peak < TARGET_MB else "MISSES"
        print(f"import peak RSS (child, VmHWM): {peak:.0f} MB; target < {TARGET_MB} MB: {verdict}")
        report(f"import of a {size / 1e9:.2f} GB bundle with attachments, peak RSS", peak,
               TARGET_MB, " MB")
        if added != count or stored != count:
            print("ERROR: the import did not store every interview and photo")
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
