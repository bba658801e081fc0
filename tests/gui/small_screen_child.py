"""Run under a 1024×600 offscreen screen (see test_small_screen.py): open the
main window, an interview and every dialog, in English and Spanish, and
print (as JSON) every window larger than the screen and every button off it.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QStatusBar,
    QWidget,
)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conftest import BORDER_FORM, PASSPHRASE, add_interviews  # noqa: E402


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def check(name: str, widget: QWidget, english: set[str] | None = None) -> list[str]:
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    if english is not None:
        walked = untranslated(name, widget, english)
        if walked:
            return walked
    area = widget.screen().availableGeometry()
    problems = []
    frame = widget.frameGeometry()
    if not area.contains(frame):
        problems.append(f"{name}: window {frame.getRect()} outside the screen {area.getRect()}")
    inside = QRect(QPoint(0, 0), widget.size())
    shown = [b for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget) and b.text()]
    shown += [s for s in widget.findChildren(QStatusBar) if s.isVisibleTo(widget)]
    for part in shown:
        if _scrolled(part, widget):
            continue  # reachable by scrolling
        rect = QRect(part.mapTo(widget, QPoint(0, 0)), part.size())
        label = part.text() if isinstance(part, QAbstractButton) else "status bar"
        if not inside.contains(rect):
            problems.append(f"{name}: {label!r} at {rect.getRect()} is cut off {inside.getRect()}")
        elif isinstance(part, QAbstractButton) and part.sizeHint().width() > part.width() + 2:
            problems.append(f"{name}: {label!r} is too narrow for its text")
    widget.hide()  # not close(): closing the main window locks the vault
    widget.deleteLater()
    return problems


def english_sources() -> set[str]:
    """Every English text of ours that has a different Spanish translation, and
    the Qt texts a Spanish screen must never show."""
    import xml.etree.ElementTree as ET

    ts = HERE.parents[1] / "resources" / "translations" / "testimonio_es.ts"
    found = set()
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] if translation is not None else []
        text = (translation.text or "") if translation is not None else ""
        if source and source not in forms and text != source and "%n" not in source:
            found.add(source.replace("&", ""))
    found |= {"Look in:", "Files of type:", "File name:", "Cancel", "Open", "Yes", "No", "OK",
              "Close", "Detail View", "List View", "Back", "Forward", "Parent Directory",
              "Create New Folder", "Save", "Show", "Hide"}
    return {text for text in found if len(text) > 2}


def shown_texts(widget: QWidget) -> list[str]:
    """Every text ``widget`` and its children show: labels, buttons, titles,
    placeholders, tool tips, menus, tabs, header sections and list items."""
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMenu,
        QTabWidget,
    )

    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget) and child is not widget and not isinstance(child, QMenu):
            continue
        texts.append(child.toolTip())
        if isinstance(child, QLabel):
            texts.append(child.text())
        elif isinstance(child, QAbstractButton):
            texts.append(child.text())
        elif isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QMenu):
            texts += [a.text() for a in child.actions()] + [child.title()]
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model: one column
                columns = 1
            for column in range(min(columns, 12)):
                texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            for row in range(min(model.rowCount(QModelIndex()), 30)):
                texts.append(str(model.index(row, 0).data() or ""))
    return [t.replace("&", "").strip() for t in texts if t and t.strip()]


def untranslated(name: str, widget: QWidget, english: set[str]) -> list[str]:
    return [f"{name}: untranslated {text!r}" for text in sorted(set(shown_texts(widget)))
            if text in english]


def makers(context: Any, interview_id: str) -> dict[str, Any]:
    from testimonio.gui.dialogs.change_passphrase_dialog import ChangePassphraseDialog
    from testimonio.gui.dialogs.recovery_key_dialog import RecoveryKeyDialog
    from testimonio.gui.dialogs.settings_dialog import SettingsDialog
    from testimonio.gui.dialogs.unlock_dialog import UnlockDialog
    from testimonio.gui.main_window import MainWindow
    from testimonio.gui.views.completion_dialog import CompletionDialog
    from testimonio.gui.views.export_dialog import ExportDialog
    from testimonio.gui.views.import_dialog import ImportDialog
    from testimonio.gui.views.interview_session import FormSession
    from testimonio.gui.views.new_interview_dialog import NewInterviewDialog
    from testimonio.gui.views.reopen_dialog import ReopenDialog
    from testimonio.gui.views.review_dialog import ReviewDialog

    def interview() -> Any:
        window = MainWindow(context)
        window.open_interview(interview_id)
        return window

    def recovering() -> Any:
        dialog = UnlockDialog(context)
        dialog.use_recovery_key()
        return dialog

    return {
        "main window": lambda: MainWindow(context),
        "interview": interview,
        "unlock": lambda: UnlockDialog(context),
        "unlock with the recovery key": recovering,
        "settings": lambda: SettingsDialog(context.preferences),
        "recovery key": lambda: RecoveryKeyDialog(context.recovery_key),
        "change passphrase": lambda: ChangePassphraseDialog(context),
        "new interview": lambda: NewInterviewDialog(context),
        "export": lambda: ExportDialog(context),
        "import": lambda: ImportDialog(context),
        "completion": lambda: CompletionDialog([("person/alias", "Required")] * 40,
                                               lambda p: ("La persona", p)),
        "review": lambda: ReviewDialog(FormSession.open(context, interview_id).review_pages()),
        "reopen": lambda: ReopenDialog(),
    }


def spanish_file_chooser(english: set[str]) -> list[str]:
    """Qt's own file chooser, as gui/file_dialogs.py opens it, in Spanish."""
    from PySide6.QtWidgets import QFileDialog

    chooser = QFileDialog(None, "Abrir", str(HERE), "Paquetes (*.tmb)")
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    found = check("es file chooser", chooser, english)
    return found


def main() -> None:
    from testimonio.gui.application import create_application
    from testimonio.gui.context import AppContext
    from testimonio.gui.i18n import languages
    from testimonio.vault.kdf import KdfParams

    app = create_application()
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as work:
        context = AppContext(Path(work) / "vault", kdf=KdfParams.FAST)
        context.recovery_key = context.create(PASSPHRASE)
        form = context.questionnaires.install(BORDER_FORM)
        context.preferences.update({"sites": ["Tumbes", "Huaquillas"], "interviewer": "Ana"})
        interview_id = add_interviews(context, form, 3)[0]
        english = english_sources()
        for language in ("en", "es"):
            languages(app).install(language)
            words = english if language == "es" else None
            for name, make in makers(context, interview_id).items():
                problems += check(f"{language} {name}", make(), words)
            if language == "es":
                problems += spanish_file_chooser(english)
        context.lock()
    print(json.dumps(problems))


if __name__ == "__main__":
    main()
