"""The lead's import dialog: results per file, refusals that change nothing, gaps, cancel."""

from __future__ import annotations

from typing import Any

from exchange_setup import add_testimony, lead_state, team
from PySide6.QtCore import Qt

from testimonio.gui.views.import_dialog import ImportDialog
from testimonio.gui.views.summary_view import SummaryView


def _bundle(ctx: Any, out: Any) -> Any:
    return ctx.export.write(out, accept_risk=True)


def _import(qtbot: Any, lead: Any, files: list[Any]) -> ImportDialog:
    dialog = ImportDialog(lead)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_files(files)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.is_done(), timeout=15000)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5000)
    # The results come by a queued signal that may land after the job says it is done.
    qtbot.waitUntil(lambda: len(dialog.outcomes) == len(files), timeout=5000)
    return dialog


def test_tampered_bundle_is_refused_with_a_sentence_and_changes_nothing(qtbot, tmp_path) -> None:
    t = team(tmp_path)
    for n in range(5):
        add_testimony(t.researcher, n)
    good = tmp_path / "good.tbundle"
    _bundle(t.researcher, good)
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "bad.tbundle"
    bad.write_bytes(bytes(data))
    junk = tmp_path / "notes.tbundle"
    junk.write_bytes(b"not a bundle at all")
    before = lead_state(t.lead)
    dialog = _import(qtbot, t.lead, [bad, junk])
    assert [o.ok for o in dialog.outcomes] == [False, False]
    for row in range(2):
        text = dialog.result_text(row)
        assert text.startswith("Refused: ") and text.endswith(".") and "Traceback" not in text
    assert dialog.status.text() == "2 of 2 files refused; they changed nothing."
    assert lead_state(t.lead) == before


def test_import_twice_and_gaps(qtbot, tmp_path) -> None:
    t = team(tmp_path)
    for n in range(5):
        add_testimony(t.researcher, n)
    first, second = tmp_path / "1.tbundle", tmp_path / "2.tbundle"
    _bundle(t.researcher, first)
    add_testimony(t.researcher, 9)
    _bundle(t.researcher, second)
    dialog = _import(qtbot, t.lead, [second])
    assert dialog.outcomes[0].ok
    assert "Ana Torres: 1" in dialog.gaps_label.text()  # bundle 1 has not come yet
    after_second = lead_state(t.lead)
    dialog = _import(qtbot, t.lead, [second, first])
    assert "already imported" in dialog.result_text(0)
    assert "5 new" in dialog.result_text(1)
    assert "No bundle is missing" in dialog.gaps_label.text()
    assert lead_state(t.lead)[0] == after_second[0] + 5

    # Six testimonies: every outcome is a group under k, which the summary
    # shows as "fewer than k" unless exact counts are asked for (internal use).
    t.lead.settings_store.set("pref.small_counts", "exact")
    view = SummaryView(t.lead)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    assert view.summary.testimonies == 6
    assert not view.visa_chart.is_empty() and not view.outcomes_chart.is_empty()
    assert not view.days_site_chart.is_empty()
    view.resize(1000, 800)
    assert not view.grab().isNull()


def test_cancelled_import_changes_nothing(qtbot, tmp_path) -> None:
    t = team(tmp_path)
    for n in range(5):
        add_testimony(t.researcher, n)
    bundle = tmp_path / "1.tbundle"
    _bundle(t.researcher, bundle)
    before = lead_state(t.lead)
    dialog = ImportDialog(t.lead)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_files([bundle])
    real = t.lead.import_.import_file

    def cancelled_midway(*args: Any, **kwargs: Any) -> Any:
        dialog.job.cancel()  # as if Cancel were pressed during the import
        return real(*args, **kwargs)

    t.lead.import_.import_file = cancelled_midway
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.is_done(), timeout=15000)
    qtbot.waitUntil(lambda: "Cancelled" in dialog.status.text(), timeout=5000)
    assert "not imported" in dialog.result_text(0)
    assert lead_state(t.lead) == before


def test_bundles_can_be_dropped(qtbot, tmp_path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    bundle = tmp_path / "ana-1.tbundle"
    bundle.write_bytes(b"x")
    dialog = ImportDialog(context=None)
    qtbot.addWidget(dialog)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(bundle)), QUrl.fromLocalFile(str(tmp_path / "missing"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(event)
    assert dialog.files == [bundle] and dialog.import_button.isEnabled()
