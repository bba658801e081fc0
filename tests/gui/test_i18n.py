"""Translations: Spanish complete, sources and .ts in step, the stretch test."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from conftest import TRANSLATIONS, build_qm
from testimonio.gui.i18n import languages, pseudo

SCREEN = QSize(1366, 768)


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name") or "", msg.findtext("source") or "", msg)
            for ctx in root.iter("context") for msg in ctx.iter("message")]


def test_every_spanish_message_has_a_finished_translation() -> None:
    untranslated = []
    for context, source, message in _messages(TRANSLATIONS / "testimonio_es.ts"):
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(
                (f or "").strip() for f in forms):
            untranslated.append(f"{context}: {source!r}")
    assert not untranslated, "untranslated:\n" + "\n".join(untranslated[:40])


def test_every_count_reads_right_in_both_languages(app: Any) -> None:
    """A message with a count (%n) has its singular and plural written out in
    English too, so nobody reads "1 interview(s)"; and the number the code
    passes is the one shown."""
    from PySide6.QtCore import QCoreApplication

    counted = []
    for lang in ("en", "es"):
        for _, source, message in _messages(TRANSLATIONS / f"testimonio_{lang}.ts"):
            if message.get("numerus") != "yes":
                continue
            counted.append(source)
            translation = message.find("translation")
            assert translation is not None and translation.get("type") is None, (lang, source)
            forms = [f.text or "" for f in translation.iter("numerusform")]
            assert len(forms) == 2 and all(forms), (lang, source)
            assert not any("(s)" in f for f in forms), (lang, source)
    assert "Deleted for good: %n interview(s)." in counted
    languages(app).install("en")
    context = "RetentionRunner"
    assert QCoreApplication.translate(context, "Deleted for good: %n interview(s).", "", 1) == (
        "Deleted for good: 1 interview.")
    assert QCoreApplication.translate(context, "Deleted for good: %n interview(s).", "", 3) == (
        "Deleted for good: 3 interviews.")
    languages(app).install("es")
    try:
        assert QCoreApplication.translate(context, "Deleted for good: %n interview(s).", "", 1) == (
            "Borrada definitivamente: 1 entrevista.")
    finally:
        languages(app).install("en")


def test_no_message_reads_with_a_bracketed_plural() -> None:
    """Counts are in their own counted phrases (%n), never "2 interview(s)": no
    Spanish translation holds "(s)" or "(es)", and an English source that does
    is a counted message (its singular and plural are checked above)."""
    bracketed = [source for _, source, message in _messages(TRANSLATIONS / "testimonio_es.ts")
                 if any(b in "".join(message.find("translation").itertext())  # type: ignore[union-attr]
                        for b in ("(s)", "(es)"))]
    assert not bracketed, bracketed
    uncounted = [source for _, source, message in _messages(TRANSLATIONS / "testimonio_en.ts")
                 if "(s)" in source and message.get("numerus") != "yes"]
    assert not uncounted, uncounted


def test_a_phrase_built_of_counted_phrases_agrees_with_each_count(app: Any) -> None:
    from testimonio.gui.views.exchange_flow import _Counted

    languages(app).install("en")
    assert _Counted().sharing(1, "Sex: Woman") == "1 interview shares — Sex: Woman"
    assert _Counted().sharing(4, "Sex: Woman") == "4 interviews share — Sex: Woman"
    languages(app).install("es")
    try:
        assert _Counted().sharing(1, "Sexo: Mujer") == "1 entrevista comparte: Sexo: Mujer"
        assert _Counted().sharing(4, "Sexo: Mujer") == "4 entrevistas comparten: Sexo: Mujer"
    finally:
        languages(app).install("en")


def test_lupdate_finds_no_message_missing_from_the_ts_files(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(TRANSLATIONS))
    try:
        import update  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    copy = tmp_path / "testimonio_es.ts"
    shutil.copy(TRANSLATIONS / "testimonio_es.ts", copy)
    assert update.update([copy], extra=["-silent"]) == 0
    ours = {(c, s) for c, s, _ in _messages(TRANSLATIONS / "testimonio_es.ts")}
    fresh = {(c, s) for c, s, _ in _messages(copy)}
    missing = sorted(fresh - ours)
    assert not missing, f"run resources/translations/update.py: {missing[:20]}"


def test_pseudo_translation_is_half_again_as_long_and_keeps_placeholders() -> None:
    text = "Delete {count} drafts from &site %1"
    stretched = pseudo(text)
    assert len(stretched) >= len(text) * 1.5 - 2
    for keep in ("{count}", "&s", "%1"):
        assert keep in stretched


def test_spanish_is_applied_to_the_unlock_dialog(qtbot: Any, app: Any, context: Any) -> None:
    from testimonio.gui.dialogs.unlock_dialog import UnlockDialog

    build_qm()
    assert languages(app).install("es") == "es"
    dialog = UnlockDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.unlock_button.text() == QApplication.translate("UnlockDialog", "&Unlock")
    assert dialog.unlock_button.text() != "&Unlock"


def _too_big(widget: QWidget) -> list[str]:
    problems = []
    for name, hint in (("sizeHint", widget.sizeHint()), ("minimumSizeHint", widget.minimumSizeHint())):
        if hint.width() > SCREEN.width() or hint.height() > SCREEN.height() - 40:
            problems.append(f"{type(widget).__name__}.{name} {hint.width()}x{hint.height()}")
    widget.resize(min(widget.sizeHint().width(), SCREEN.width()),
                  min(widget.sizeHint().height(), SCREEN.height() - 40))
    widget.show()
    QApplication.processEvents()
    for child in widget.findChildren(QWidget):
        if not child.isVisible() or child.width() <= 0:
            continue
        if isinstance(child, QLabel) and child.text() and not child.wordWrap():
            needed = child.fontMetrics().horizontalAdvance(child.text().replace("&", ""))
            if needed > child.contentsRect().width() + 2 and child.pixmap().isNull():
                problems.append(f"label clipped: {child.text()!r} {needed}>{child.width()}")
        if isinstance(child, QAbstractButton) and child.text():
            if child.sizeHint().width() > child.width() + 2:
                problems.append(f"button clipped: {child.text()!r}")
    return problems


def _recovering(context: Any) -> Any:
    from testimonio.gui.dialogs.unlock_dialog import UnlockDialog

    dialog = UnlockDialog(context)
    dialog.use_recovery_key()
    return dialog


@pytest.mark.parametrize("which", ["main", "unlock", "unlock-recovery", "wizard", "settings",
                                   "recovery", "passphrase"])
def test_stretched_strings_fit_a_1366x768_screen(qtbot: Any, app: Any, context: Any,
                                                  interviews: Any, which: str) -> None:
    from testimonio.gui.dialogs.change_passphrase_dialog import ChangePassphraseDialog
    from testimonio.gui.dialogs.first_run_wizard import FirstRunWizard
    from testimonio.gui.dialogs.recovery_key_dialog import RecoveryKeyDialog
    from testimonio.gui.dialogs.settings_dialog import SettingsDialog
    from testimonio.gui.dialogs.unlock_dialog import UnlockDialog
    from testimonio.gui.main_window import MainWindow

    languages(app).install("pseudo")
    makers = {
        "main": lambda: MainWindow(context),
        "unlock": lambda: UnlockDialog(context),
        "unlock-recovery": lambda: _recovering(context),
        "wizard": lambda: FirstRunWizard(context, languages(app)),
        "settings": lambda: SettingsDialog(context.preferences),
        "recovery": lambda: RecoveryKeyDialog(context.recovery_key),
        "passphrase": lambda: ChangePassphraseDialog(context),
    }
    widget = makers[which]()
    qtbot.addWidget(widget)
    if which == "wizard":
        widget.recovery_page.panel.set_key(context.recovery_key)
        problems = []
        for page_id in widget.pageIds():
            widget.setStartId(page_id)
            widget.restart()
            problems += _too_big(widget)
    else:
        problems = _too_big(widget)
    assert not problems, problems
