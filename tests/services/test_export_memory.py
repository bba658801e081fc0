"""The researcher's export in a fresh process: its peak memory does not follow the number
of interviews (issue 17: records are planned a chunk at a time and encoded at once)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from exchange_world import team_of

from testimonio.services.interviews import InterviewService
from testimonio.services.questionnaires import QuestionnaireService

# bench/bench_export_memory.py measured 83 MB at 10 000 interviews of its 40-question
# form and 103 MB at 50 000; before records were streamed, 585 MB at 50 000. Here:
# 81 MB, and 143 MB when the reader kept what it read of every chunk.
PEAK_MB = 120
INTERVIEWS = 20_000
STORY = "we walked three days to the border and waited in the rain " * 30  # 1 770 characters

CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from testimonio.services.export import ExportService
    from testimonio.vault import Vault
    vault = Vault.unlock(Path(sys.argv[1]), "pass phrase")
    records = ExportService(vault).write(Path(sys.argv[2]), all_=True, accept_risk=True).interviews
    vault.lock()
    peak = next(int(line.split()[1]) // 1024 for line in open("/proc/self/status")
                if line.startswith("VmHWM:"))
    print(records, peak)
""")


def _form(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "privacy"])
    survey.append(["text", "alias", "Alias", "safe"])
    survey.append(["text", "story", "Story", "safe"])
    survey.append(["integer", "nights", "Nights on the road", "safe"])
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["stories", "1"])
    wb.save(path)
    return path


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_export_memory_does_not_follow_the_interviews(tmp_path: Path) -> None:
    _, (r,) = team_of(tmp_path)
    form = QuestionnaireService(r.vault).install(_form(tmp_path / "stories.xlsx"))
    service = InterviewService(r.vault)
    service.add_site("CEBAF Peru")
    first = service.start(form.form_id, form.version, "CEBAF Peru", r.name, "es")
    for name, value in (("alias", "Rosa"), ("story", STORY), ("nights", 3)):
        service.set_answer(first, form.by_name(name).path, value, r.name)
    service.complete(first, r.name)
    # The service's own rows, copied under new ids (each its own alias and nights).
    with r.vault.transaction() as db:
        columns = [c[1] for c in db.execute("PRAGMA table_info(interviews)") if c[1] not in ("id", "alias")]
        listed = ", ".join(columns)
        series = ("WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ?) ")
        db.execute(f"{series}INSERT INTO interviews (id, alias, {listed}) SELECT printf('%032x', k), "
                   f"'Rosa ' || k, {listed} FROM interviews, n WHERE id = ?", (INTERVIEWS - 1, first))
        db.execute(f"{series}INSERT INTO answers (interview_id, path, value, updated_at) "
                   "SELECT printf('%032x', k), path, CASE path WHEN ? THEN '\"Rosa ' || k || '\"' "
                   "WHEN ? THEN CAST(k % 90 AS TEXT) ELSE value END, updated_at "
                   "FROM answers, n WHERE interview_id = ?",
                   (INTERVIEWS - 1, form.by_name("alias").path, form.by_name("nights").path, first))
    r.vault.lock()
    out = subprocess.run([sys.executable, "-c", CHILD, str(r.dir), str(tmp_path / "all.tmb")],
                         capture_output=True, text=True, check=True).stdout.split()
    records, peak = int(out[0]), int(out[1])
    assert records == INTERVIEWS
    assert peak < PEAK_MB, f"{peak} MB"
