"""The researcher's export in a fresh process: its peak memory does not follow the number
of interviews (issue 17: records are planned a chunk at a time and encoded at once)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from exchange_world import small_form, team_of, with_peak_memory

from testimonio.services.interviews import InterviewService
from testimonio.services.questionnaires import QuestionnaireService

# bench/bench_export_memory.py measured 83 MB at 10 000 interviews of its 40-question
# form and 103 MB at 50 000; before records were streamed, 585 MB at 50 000. Here:
# 81 MB, and 143 MB when the reader kept what it read of every chunk.
PEAK_MB = 120
INTERVIEWS = 20_000
STORY = "we walked three days to the border and waited in the rain " * 30  # 1 770 characters
STORIES = [("text", "alias", "Alias", "safe"), ("text", "story", "Story", "safe"),
           ("integer", "nights", "Nights on the road", "safe")]


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_export_memory_does_not_follow_the_interviews(tmp_path: Path) -> None:
    _, (r,) = team_of(tmp_path)
    form = QuestionnaireService(r.vault).install(small_form(tmp_path / "stories.xlsx", "stories", STORIES))
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
        db.execute(f"{series}INSERT INTO answers (interview_id, path, value) "
                   "SELECT printf('%032x', k), path, CASE path WHEN ? THEN '\"Rosa ' || k || '\"' "
                   "WHEN ? THEN CAST(k % 90 AS TEXT) ELSE value END "
                   "FROM answers, n WHERE interview_id = ?",
                   (INTERVIEWS - 1, form.by_name("alias").path, form.by_name("nights").path, first))
    r.vault.lock()
    records, peak = with_peak_memory(
        r, "from testimonio.services.export import ExportService",
        "ExportService(vault).write(Path(args[0]), all_=True, accept_risk=True).interviews",
        str(tmp_path / "all.tmb"))
    assert int(records) == INTERVIEWS
    assert peak < PEAK_MB, f"{peak} MB"
