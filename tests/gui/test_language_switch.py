"""The interface language: applied at once from Settings (the open interview
comes back at the same question), remembered per vault (the unlock screen
of one vault is not changed by opening another), and interviews added from
the command line open in the questionnaire's default language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from conftest import build_qm
from testimonio.gui.i18n import languages, remember_language, remembered_language


def test_a_new_language_in_settings_applies_at_once(qtbot: Any, app: Any, context: Any,
                                                    interviews: list[str]) -> None:
    from testimonio.gui.main_window import MainWindow

    build_qm()
    window = MainWindow(context, languages(app))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.open_interview(interviews[2], "person/age")
    qtbot.waitUntil(lambda: window.views["interview"].current_path() == "person/age", timeout=2000)
    context.preferences.set("language", "es")
    window._apply_settings()
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Archivo" in titles and "&File" not in titles
    assert window.list_view.search.placeholderText() != "Alias or the start of the interview id"
    view = window.views["interview"]
    qtbot.waitUntil(lambda: view.current_path() == "person/age", timeout=2000)
    assert view.complete_button.text() == QApplication.translate("InterviewView", "Complete…")
    assert view.complete_button.text() != "Complete…"
    assert remembered_language(context.vault_dir) == "es"


def test_each_vault_keeps_its_own_unlock_language(tmp_path: Path) -> None:
    researcher, lead = tmp_path / "researcher", tmp_path / "lead"
    remember_language("es", researcher)
    remember_language("en", lead)  # opening the lead's vault in English…
    assert remembered_language(researcher) == "es"  # …leaves the researcher's in Spanish
    assert remembered_language(lead) == "en"
    remember_language("es")  # the first-run wizard's choice: for vaults with none yet
    assert remembered_language(tmp_path / "new") == "es"


def test_the_no_team_sentence_of_the_services_is_shown_in_spanish(qtbot: Any, app: Any) -> None:
    from testimonio.errors import BadInput
    from testimonio.gui.jobs import Job

    def plan() -> None:
        raise BadInput("This vault has not joined a team: run 'team join TEAM_FILE' first.")

    build_qm()
    languages(app).install("es")
    try:
        job = Job(plan, with_callbacks=False)
        with qtbot.waitSignal(job.failed, timeout=5000) as caught:
            job.start()
        message = caught.args[0]
        assert "todavía no se unió a un equipo" in message and "team join" not in message
    finally:
        languages(app).install("en")
