"""The export dialog, driven with qtbot over real vaults, a real team and real bundles."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from exchange_setup import REAL_NAME, add_testimony, lead_answers, team, wait_privacy_checked
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_mnemonics import _window_letters

from testimonio.gui.views.export_dialog import ExportDialog
from testimonio.gui.views.export_pages import highlight_identifiers
from testimonio.gui.views.import_dialog import ImportDialog

KEPT = "We slept outside the CEBAF for four nights; there was no shade."
WITHHELD = f"My name is {REAL_NAME} and my brother is still in Maracaibo."


def test_highlight_marks_identifiers_and_escapes() -> None:
    out = highlight_identifiers("Anabel <b> Quispe said", ["Anabel Quispe"])
    assert "&lt;b&gt;" in out
    assert out.count("<span") == 2  # each word of a multi-word identifier


def _click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def run_export(qtbot: Any, ctx: Any, out: Path, keep: str | None = KEPT,
               choice: str = "blank") -> ExportDialog:
    """Drive the dialog from start to a written bundle."""
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    _click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.current_step() != dialog.INTRO, timeout=15000)
    if dialog.current_step() == dialog.REVIEW:
        model = dialog.review_model
        for row in range(model.rowCount()):
            if keep and model.row_at(row).text == keep:
                dialog.review_view.setCurrentIndex(model.index(row, 0))
                _click(qtbot, dialog.keep_button)
        _click(qtbot, dialog.next_button)
    wait_privacy_checked(qtbot, dialog)
    {"blank": dialog.choice_blank, "anyway": dialog.choice_anyway}[choice].setChecked(True)
    _click(qtbot, dialog.next_button)
    assert dialog.current_step() == dialog.PREVIEW
    dialog.path_edit.setText(str(out))
    _click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.is_done(), timeout=15000)
    # The outcome comes by a queued signal that may land after the job says it is done.
    qtbot.waitUntil(lambda: dialog.result_path is not None or "Writing" not in dialog.run_status.text(),
                    timeout=5000)
    return dialog


def test_review_preview_export_and_import(qtbot, tmp_path) -> None:
    t = team(tmp_path)
    for n in range(6):
        add_testimony(t.researcher, n, account=WITHHELD if n == 0 else KEPT if n == 1 else "")
    dialog = ExportDialog(t.researcher)
    qtbot.addWidget(dialog)
    dialog.show()
    _click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.current_step() == dialog.REVIEW, timeout=15000)
    rows = [dialog.review_model.row_at(r) for r in range(dialog.review_model.rowCount())]
    assert sorted(r.text for r in rows) == sorted([KEPT, WITHHELD])
    # The identifiers of the interview are shown, highlighted, beside its answer.
    withheld_row = next(i for i, r in enumerate(rows) if r.text == WITHHELD)
    dialog.review_view.setCurrentIndex(dialog.review_model.index(withheld_row, 0))
    assert "background-color" in dialog.review_text.text() and REAL_NAME in dialog.review_text.text()
    assert "Withheld" in dialog.review_text.text()
    dialog.reject()

    out = tmp_path / "ana-1.tbundle"
    dialog = run_export(qtbot, t.researcher, out)
    assert dialog.result_path == out and out.is_file()
    preview = [dialog.preview_model.row_at(r) for r in range(dialog.preview_model.rowCount())]
    values = " ".join(r.value for r in preview)
    assert KEPT in values and WITHHELD not in values and REAL_NAME not in values
    assert "Persona 01" in values  # the alias is safe and leaves
    assert any(r.how == "blanked" for r in preview)  # small groups blanked, as chosen
    assert len(dialog.preview_model.interviews()) == 6
    assert REAL_NAME not in dialog.windowTitle()

    importer = ImportDialog(t.lead)
    qtbot.addWidget(importer)
    importer.show()
    importer.add_files([out])
    _click(qtbot, importer.import_button)
    qtbot.waitUntil(lambda: bool(importer.outcomes), timeout=15000)
    assert importer.outcomes[0].ok, importer.outcomes[0].message
    assert "6 new" in importer.result_text(0)
    everything = repr(lead_answers(t.lead))
    assert KEPT in everything and "Persona 03" in everything
    assert WITHHELD not in everything and REAL_NAME not in everything and "V-1234" not in everything


def test_cancelled_export_leaves_no_file(qtbot, tmp_path) -> None:
    t = team(tmp_path)
    for n in range(5):
        add_testimony(t.researcher, n)
    dialog = ExportDialog(t.researcher)
    qtbot.addWidget(dialog)
    dialog.show()
    real_write = dialog.flow.write

    def write_then_cancelled(*args: Any, **kwargs: Any) -> Any:
        dialog.job.cancel()  # as if Cancel were pressed while the bundle is written
        return real_write(*args, **kwargs)

    dialog.flow.write = write_then_cancelled  # type: ignore[method-assign]
    out = tmp_path / "usb" / "bundle.tbundle"
    out.parent.mkdir()
    _click(qtbot, dialog.next_button)
    wait_privacy_checked(qtbot, dialog)
    dialog.choice_anyway.setChecked(True)
    _click(qtbot, dialog.next_button)
    dialog.path_edit.setText(str(out))
    _click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.is_done(), timeout=15000)
    qtbot.waitUntil(lambda: "Cancelled" in dialog.run_status.text(), timeout=5000)
    assert dialog.result_path is None
    assert list(out.parent.iterdir()) == []  # no bundle, no temp file
    # Nothing was recorded as sent: the next export still takes all five.
    assert len(t.researcher.export.plan().records) == 5


def test_cancel_choice_closes_without_writing(qtbot, tmp_path) -> None:
    t = team(tmp_path)
    for n in range(3):
        add_testimony(t.researcher, n)
    dialog = ExportDialog(t.researcher)
    qtbot.addWidget(dialog)
    dialog.show()
    _click(qtbot, dialog.next_button)
    wait_privacy_checked(qtbot, dialog)
    assert dialog.groups_list.count() > 0  # three people cannot hide among five
    dialog.choice_cancel.setChecked(True)
    _click(qtbot, dialog.next_button)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert dialog.preview_model.rowCount() == 0


def test_keyboard_review_and_filter(qtbot, tmp_path) -> None:
    t = team(tmp_path)
    for n in range(5):
        add_testimony(t.researcher, n, account=f"{KEPT} ({n})")
    dialog = ExportDialog(t.researcher)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Next is the default button
    qtbot.waitUntil(lambda: dialog.current_step() == dialog.REVIEW, timeout=15000)
    assert dialog.review_view.hasFocus() and dialog.review_view.currentIndex().isValid()
    table = dialog.review_view
    table.setFocus()
    for _ in range(3):  # arrows to the Decision column, Space ticks "leaves"
        qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    model = dialog.review_model
    assert [model.is_kept(r) for r in range(3)] == [True, False, False]
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # and again: withheld
    assert [model.is_kept(r) for r in range(3)] == [True, False, False]
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    wait_privacy_checked(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.current_step() == dialog.PREVIEW
    dialog.path_edit.setText(str(tmp_path / "b.tbundle"))
    qtbot.keyClicks(dialog.preview_filter, "four nights")
    qtbot.keyClick(dialog.preview_filter, Qt.Key.Key_Return)  # moves to the table, no export
    assert dialog.current_step() == dialog.PREVIEW and dialog.job is not None
    assert dialog.preview_proxy.rowCount() == 1  # only the answer that was let leave
    assert not (tmp_path / "b.tbundle").exists()


def test_lock_closes_the_dialog_and_forgets_answers(qtbot, tmp_path) -> None:
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QWidget

    class Window(QWidget):
        locked = Signal()

    t = team(tmp_path)
    add_testimony(t.researcher, 0, account=KEPT)
    window = Window()
    qtbot.addWidget(window)
    dialog = ExportDialog(t.researcher, window)
    dialog.show()
    _click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.current_step() == dialog.REVIEW, timeout=15000)
    assert KEPT in dialog.review_text.text()
    window.locked.emit()
    assert not dialog.isVisible()
    assert dialog.review_model.rowCount() == 0 and dialog.review_text.text() == ""


def test_answers_never_reach_the_clipboard(qtbot, tmp_path) -> None:
    from PySide6.QtGui import QGuiApplication

    t = team(tmp_path)
    add_testimony(t.researcher, 0, account=KEPT)
    dialog = ExportDialog(t.researcher)
    qtbot.addWidget(dialog)
    dialog.show()
    _click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.current_step() == dialog.REVIEW, timeout=15000)
    QGuiApplication.clipboard().setText("before")
    table = dialog.review_view
    table.setCurrentIndex(dialog.review_model.index(0, dialog.review_model.ANSWER))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "before"
    assert REAL_NAME not in dialog.windowTitle() and KEPT not in dialog.windowTitle()


def test_review_in_the_interface_language_with_labels_aliases_and_bulk_release(qtbot, tmp_path) -> None:  # noqa: ANN001
    from testimonio.gui.i18n import languages

    t = team(tmp_path)
    for n in range(3):
        add_testimony(t.researcher, n, account=KEPT if n else WITHHELD)
    languages(QApplication.instance()).install("es")
    try:
        dialog = ExportDialog(t.researcher)
        qtbot.addWidget(dialog)
        dialog.show()
        _click(qtbot, dialog.next_button)
        qtbot.waitUntil(lambda: dialog.current_step() == dialog.REVIEW, timeout=15000)
        assert not _window_letters(dialog)  # each Alt letter one control's, on every step
        model = dialog.review_model
        marked = [r for r in range(model.rowCount()) if model.row_at(r).findings]
        _click(qtbot, dialog.keep_all_button)  # one click for every unmarked answer
        for row in range(model.rowCount()):
            assert model.is_kept(row) == (row not in marked)
        unmarked = next(r for r in range(model.rowCount()) if r not in marked)
        dialog.review_view.setCurrentIndex(model.index(unmarked, 0))
        _click(qtbot, dialog.withhold_button)  # undo for one answer
        assert not model.is_kept(unmarked)
        dialog.review_view.setCurrentIndex(model.index(unmarked, 0))
        assert "Identifiers of this interview" not in dialog.review_text.text()
        _click(qtbot, dialog.next_button)
        wait_privacy_checked(qtbot, dialog)
        # The small groups by their labels and choices' labels, as the preview shows them.
        lines = [dialog.groups_list.item(i).text() for i in range(dialog.groups_list.count())]
        assert lines and any("Mujer" in line for line in lines)
        assert not any("female" in line or "interview(s)" in line for line in lines)
        # What the group shares, then the blank fields in a word (not a "(vacío)" each).
        assert all(re.fullmatch(r"\d+ entrevistas? compart(e|en): .+", line) for line in lines), lines
        assert not any("(vacío)" in line for line in lines)
        assert not _window_letters(dialog)
        dialog.choice_blank.setChecked(True)
        _click(qtbot, dialog.next_button)
        assert dialog.current_step() == dialog.PREVIEW
        assert not _window_letters(dialog)
        preview = dialog.preview_model
        shown = {(preview.data(preview.index(r, preview.INTERVIEW)),
                  preview.data(preview.index(r, preview.VALUE)),
                  preview.data(preview.index(r, preview.HOW))) for r in range(preview.rowCount())}
        interviews = {s[0] for s in shown}
        assert any(i.startswith("Persona") for i in interviews)  # aliases, not hashes
        values = {s[1] for s in shown}
        hows = {s[2] for s in shown}
        assert "female" not in values and "rejected_verbal" not in values
        assert not hows & {"as entered", "generalised", "blanked", "date only"}
        # The interview's dates leave as their month (the form does not ask for the day).
        started = [r for r in range(preview.rowCount())
                   if preview.data(preview.index(r, preview.QUESTION)) == "Iniciada"]
        assert started and all(preview.data(preview.index(r, preview.HOW)) == "solo el mes"
                               and len(preview.data(preview.index(r, preview.VALUE))) == 7 for r in started)
        # At the size a 1024x600 laptop gives it (the offscreen test screen is
        # 800 pixels wide, and the window fit may already have shrunk the dialog).
        dialog.resize(1000, 560)
        QApplication.processEvents()
        header = dialog.preview_view.horizontalHeader()
        assert header.sectionSize(preview.VALUE) >= 150  # the value column is not squeezed
        # One questionnaire: its column (the same title on every row) is hidden, and
        # "How" has its room; it shows again when the export holds two.
        assert dialog.preview_view.isColumnHidden(preview.QUESTIONNAIRE)
        how = dialog.preview_view.fontMetrics().horizontalAdvance("tal como se escribió")
        assert header.sectionSize(preview.HOW) > how
        rows = dialog.flow.preview_rows(dialog.choices_made())
        other = dataclasses.replace(rows[0], questionnaire="other_form")
        dialog.flow.preview_rows = lambda _choices: [*rows, other]
        dialog._fill_preview()
        assert not dialog.preview_view.isColumnHidden(preview.QUESTIONNAIRE)
        dialog.reject()
    finally:
        languages(QApplication.instance()).install("en")


def test_enter_alone_goes_through_the_privacy_check_never_cancels(qtbot, tmp_path) -> None:  # noqa: ANN001
    # The check disables Next while it runs and Qt moved the keyboard to Cancel,
    # which the next Enter pressed (Enter presses the focused button).
    t = team(tmp_path)
    add_testimony(t.researcher, 0)
    dialog = ExportDialog(t.researcher)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    wait_privacy_checked(qtbot, dialog)
    focus = QApplication.focusWidget()
    assert focus is not dialog.cancel_button
    assert focus is dialog.choice_blank or focus is dialog.next_button
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.current_step() == dialog.PREVIEW, timeout=15000)
    assert dialog.isVisible() and QApplication.focusWidget() is dialog.preview_view
    dialog.reject()
