"""Opening an interview of a generated 300-question questionnaire.

Target: <= 300 ms from asking for the view to the first page on screen.
Prints the cold open (the questionnaire parsed from the vault for the first
time), warm opens (the questionnaire service's cache, as in the running
program), a page turn and one answer change, as medians over several runs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_interview_open.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from openpyxl import Workbook  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures import report  # noqa: E402

GROUPS, PER_GROUP = 15, 20  # 300 questions
KINDS = ["text", "integer", "select_one yn", "date", "select_multiple many", "decimal",
         "select_one many", "text", "integer", "note"]


def write_form(path: Path) -> Path:
    """A bilingual form: 15 pages of 20 questions, relevance on every third."""
    book = Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    survey.append(["type", "name", "label::English (en)", "label::Español (es)",
                   "relevant", "constraint", "required", "calculation"])
    survey.append(["select_one yn", "consent", "Consent?", "¿Consiente?", "", "", "yes", ""])
    for g in range(GROUPS):
        survey.append(["begin group", f"g{g}", f"Page {g}", f"Página {g}", "${consent} = 'yes'", "", "", ""])
        for i in range(PER_GROUP):
            kind = KINDS[i % len(KINDS)]
            name = f"q{g}_{i}"
            relevant = f"${{q{g}_{i - 1}}} != ''" if i % 3 == 2 and KINDS[(i - 1) % len(KINDS)] != "note" else ""
            constraint = ". >= 0 and . <= 120" if kind == "integer" else ""
            survey.append([kind, name, f"Question {g}.{i} about ${{q0_0}}", f"Pregunta {g}.{i}",
                           relevant, constraint, "yes" if i % 5 == 0 and kind != "note" else "", ""])
        survey.append(["calculate", f"calc{g}", "", "", "", "", "", f"${{q{g}_1}} + 1"])
        survey.append(["end group", "", "", "", "", "", "", ""])
    survey.append(["begin repeat", "people", "Person", "Persona", "", "", "", ""])
    survey.append(["text", "who", "Who", "Quién", "", "", "", ""])
    survey.append(["end repeat", "", "", "", "", "", "", ""])
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label::English (en)", "label::Español (es)"])
    choices.append(["yn", "yes", "Yes", "Sí"])
    choices.append(["yn", "no", "No", "No"])
    for c in range(20):
        choices.append(["many", f"c{c}", f"Choice {c}", f"Opción {c}"])
    settings = book.create_sheet("settings")
    settings.append(["form_id", "version", "form_title", "default_language"])
    settings.append(["bench300", "1", "Bench 300", "English (en)"])
    book.save(path)
    return path


def answers() -> dict[str, Any]:
    found: dict[str, Any] = {"consent": "yes", "people": 3}
    for g in range(GROUPS):
        for i in range(PER_GROUP):
            kind = KINDS[i % len(KINDS)]
            name = f"g{g}/q{g}_{i}"
            if kind == "text":
                found[name] = f"answer {g} {i}"
            elif kind == "integer":
                found[name] = i
            elif kind == "select_one yn":
                found[name] = "yes"
            elif kind == "date":
                found[name] = "2019-11-20"
    for p in range(1, 4):
        found[f"people[{p}]/who"] = f"person {p}"
    return found


def main() -> None:
    from testimonio.gui.context import AppContext
    from testimonio.gui.views.interview_view import InterviewView
    from testimonio.vault import KdfParams

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        form = write_form(Path(tmp) / "bench300.xlsx")
        context = AppContext(Path(tmp) / "vault", kdf=KdfParams.FAST)
        context.create("bench passphrase")
        questionnaire = context.questionnaires.install(form)
        questions = sum(1 for _ in questionnaire.questions())
        interview_id = context.interviews.start("bench300", "1", "Tumbes", "bench", "en")
        for path, value in answers().items():
            context.interviews.set_answer(interview_id, path, value, "bench")
        context.lock()
        context.unlock("bench passphrase")

        def open_once() -> tuple[float, InterviewView]:
            start = time.perf_counter()
            view = InterviewView(context, interview_id)
            view.resize(1366, 768)
            view.show()
            app.processEvents()
            return time.perf_counter() - start, view

        cold, view = open_once()
        view.close()
        view.deleteLater()
        app.processEvents()
        warm: list[float] = []
        turns: list[float] = []
        edits: list[float] = []
        for run in range(7):
            elapsed, view = open_once()
            warm.append(elapsed)
            start = time.perf_counter()
            view.show_page(3 + run)
            app.processEvents()
            turns.append(time.perf_counter() - start)
            start = time.perf_counter()
            view._committed(f"g{3 + run}/q{3 + run}_0", f"changed {run}")  # one saved edit
            app.processEvents()
            edits.append(time.perf_counter() - start)
            view.close()
            view.deleteLater()
            app.processEvents()
        context.lock()
    print(f"questionnaire: {questions} questions in {GROUPS} pages, {len(answers())} answers")
    print(f"open interview, cold (questionnaire parsed): {cold * 1000:7.1f} ms")
    print(f"open interview, warm (median of 7):          {statistics.median(warm) * 1000:7.1f} ms  "
          f"(max {max(warm) * 1000:.1f}; target <= 300)")
    print(f"turn to another page (median):              {statistics.median(turns) * 1000:7.1f} ms")
    print(f"one answer changed and saved (median):      {statistics.median(edits) * 1000:7.1f} ms")
    report("open an interview of 300 questions, warm, median", statistics.median(warm) * 1000,
           300, " ms")


if __name__ == "__main__":
    main()
