"""``import --folder`` over a shared folder of bundles: first and second pass.

A researcher exports N bundles (default 200, one interview each) into a
folder, as a sync tool would fill it; the lead imports the folder twice
through the real service (the same the command line and the program call).
The second pass must change nothing and take <= 2 s in all: bundles already
imported are known by the hash of their first bytes, nothing is decrypted.

    .venv/bin/python bench/bench_folder_import.py [--bundles N]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from figures import report  # noqa: E402
from testimonio.services.export import ExportService  # noqa: E402
from testimonio.services.folder_import import IMPORTED, FolderImporter  # noqa: E402
from testimonio.services.interviews import InterviewService  # noqa: E402
from testimonio.services.keys import KeyService  # noqa: E402
from testimonio.services.questionnaires import QuestionnaireService  # noqa: E402
from testimonio.services.settings import SettingsService  # noqa: E402
from testimonio.services.team import TeamService  # noqa: E402
from testimonio.vault import KdfParams, Vault  # noqa: E402


def _form(path: Path) -> Path:
    """A two-question questionnaire: what is measured is the folder, not the form."""
    from openpyxl import Workbook

    book = Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    for row in (["type", "name", "label", "privacy"], ["text", "alias", "Alias", "safe"],
                ["select_one yn", "refused", "Refused?", ""]):
        survey.append(row)
    choices = book.create_sheet("choices")
    for row in (["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]):
        choices.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["bench", "1"])
    book.save(path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=200)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-folder-"))
    try:
        lead, _ = Vault.create(tmp / "lead", "pass phrase", kdf=KdfParams.FAST)
        researcher, _ = Vault.create(tmp / "researcher", "pass phrase", kdf=KdfParams.FAST)
        form = QuestionnaireService(lead).install(_form(tmp / "bench.xlsx"))
        InterviewService(lead).add_site("Tumbes")
        TeamService(lead).create("Bench", tmp / "team.tteam")
        team = TeamService(researcher)
        team.join(team.read_team_file(tmp / "team.tteam"))
        KeyService(researcher).export_public(tmp / "r.tkey", "Ana")
        TeamService(lead).add_researcher(TeamService(lead).read_public_key_file(tmp / "r.tkey"))
        SettingsService(researcher).set("team.k", "1")  # below any lead's k: bench data only
        SettingsService(researcher).set("pref.k_anonymity", "1")
        shared = tmp / "shared"
        shared.mkdir()
        interviews, export = InterviewService(researcher), ExportService(researcher)
        start = time.perf_counter()
        for n in range(args.bundles):
            iid = interviews.start(form.form_id, form.version, "Tumbes", "Ana", "es")
            for path, value in (("alias", f"P{n}"), ("refused", "yes")):
                interviews.set_answer(iid, path, value, "Ana")
            interviews.complete(iid, "Ana")
            export.write(shared / f"bundle-{n:04d}.tbundle", suppress_small_groups=True)
        print(f"{args.bundles} bundles exported in {time.perf_counter() - start:.1f} s",
              file=sys.stderr)
        importer = FolderImporter(lead)
        start = time.perf_counter()
        first = importer.run(shared)
        first_s = time.perf_counter() - start
        start = time.perf_counter()
        second = importer.run(shared)
        second_s = time.perf_counter() - start
        imported = sum(1 for i in first.items if i.outcome == IMPORTED)
        print(f"import --folder, {args.bundles} bundles:")
        print(f"  first pass   {first_s:7.2f} s   ({imported} imported)")
        print(f"  second pass  {second_s:7.2f} s   (target <= 2; {second.known} known, "
              f"{len(second.items)} handled)")
        report(f"import --folder, second pass over {args.bundles} known bundles", second_s, 2, " s")
        lead.lock()
        researcher.lock()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
