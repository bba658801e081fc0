"""Unticking an attachment in the export dialog (the interview also has a select_multiple).

This used to crash the dialog (``TypeError: unhashable type: 'list'``); the
rule now lives in the export service, and the dialog only records the tick.
Real vaults, a real team file with a small questionnaire, real bundles.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from exchange_setup import new_context, wait_privacy_checked
from openpyxl import Workbook
from PIL import Image
from PySide6.QtCore import Qt

from testimonio.gui.views.export_dialog import ExportDialog
from testimonio.vault.records import InterviewQuery

CANARY = "CANARY-GPS-7781"


def _form(path: Path) -> Path:
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "privacy"])
    survey.append(["text", "alias", "Alias", "safe"])
    survey.append(["select_multiple needs", "needs", "Needs", ""])
    survey.append(["image", "place", "Photo of the place", ""])
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for name in ("food", "water"):
        choices.append(["needs", name, name.title()])
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["pictures", "1"])
    wb.save(path)
    return path


def _picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 150, 10)).save(out, "JPEG", comment=CANARY)
    return out.getvalue()


def _world(tmp: Path) -> tuple[Any, Any]:
    lead = new_context(tmp / "lead")
    lead.questionnaires.install(_form(tmp / "pictures.xlsx"))
    lead.interviews.add_site("CEBAF Peru")
    lead.preferences.set("k_anonymity", 2)  # travels in the team file
    lead.team.create("Pictures", tmp / "team.testimonio-team")
    researcher = new_context(tmp / "researcher")
    researcher.keys.export_public(tmp / "r.key", "Ana")
    researcher.team.join(researcher.team.read_team_file(tmp / "team.testimonio-team"))
    lead.team.add_researcher(lead.team.read_public_key_file(tmp / "r.key"))
    assert researcher.preferences.k_anonymity == 2
    svc = researcher.interviews
    for n in range(2):
        iid = svc.start("pictures", "1", "CEBAF Peru", "Ana", "es")
        svc.set_answer(iid, "alias", f"Luz {n}", "Ana")
        svc.set_answer(iid, "needs", ["food", "water"], "Ana")
        att = svc.add_attachment(iid, "place", _picture(), "image/jpeg")
        svc.set_answer(iid, "place", att, "Ana")
        svc.set_attachment_export(att, True)
        svc.complete(iid, "Ana")
    return lead, researcher


def _click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_unticked_attachment_stays_and_the_export_goes_on(qtbot, tmp_path) -> None:
    lead, researcher = _world(tmp_path)
    dialog = ExportDialog(researcher)
    qtbot.addWidget(dialog)
    dialog.show()
    _click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.current_step() != dialog.INTRO, timeout=15000)
    assert dialog.current_step() == dialog.ATTACHMENTS
    assert dialog.attachments_model.rowCount() == 2
    dialog.attachments_view.setFocus()
    dialog.attachments_view.setCurrentIndex(dialog.attachments_model.index(0, 0))
    qtbot.keyClick(dialog.attachments_view, Qt.Key.Key_Space)  # untick the first picture
    assert len(dialog.attachments_model.ticked()) == 1
    _click(qtbot, dialog.next_button)
    wait_privacy_checked(qtbot, dialog)
    _click(qtbot, dialog.next_button)
    assert dialog.current_step() == dialog.PREVIEW
    shown = [dialog.preview_model.row_at(r) for r in range(dialog.preview_model.rowCount())]
    pictures = [r for r in shown if r.path == "place"]
    assert len(pictures) == 1 and "SHA-256" in pictures[0].value  # the cleaned hash is shown
    assert sum(1 for r in shown if r.path == "needs") == 2
    out = tmp_path / "b.tbundle"
    dialog.path_edit.setText(str(out))
    _click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=15000)
    lead.import_.import_file(out)
    interviews = lead.interviews.page(InterviewQuery())
    assert len(interviews) == 2
    (picture,) = [a for i in interviews for a in lead.interviews.attachments(i.id)]
    stored = lead.interviews.attachment(picture.id).data
    assert CANARY.encode() not in stored and stored.startswith(b"\xff\xd8")
