"""``python -m testimonio.gui.screenshots DIR``: the program's main screens as PNG.

Builds a throw-away vault (cheap key derivation) in a temporary folder with
the shipped border questionnaire and invented sample interviews, then renders
every screen: the unlock dialog (passphrase, recovery key, damaged vault),
the locked window, the interview list, interview pages (a constraint
message, dates and the calendar, an empty repeat, the last page), the review
and completion check, and every dialog of the main window. Runs offscreen
(``QT_QPA_PLATFORM=offscreen``) or under Xvfb. ``--lang es`` renders in
Spanish, ``--lang pseudo`` with the stretched pseudo-translation; ``--all``
renders everything at 1366×768 and 1024×600 in both languages.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from testimonio.gui.context import AppContext

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "sample passphrase for screenshots"
ALIASES = ("Rosa", "Miguel", "Yuleisi", "Carlos", "Daniela", "José", "Andreína", "Luis",
           "Mariana", "Pedro", "Génesis", "Ricardo", "Valentina", "Jesús", "Karla", "Óscar")
SITES = ("CEBAF Tumbes", "Huaquillas", "Aguas Verdes")


def _pump(app: Any, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def sample_vault(folder: Path) -> Any:
    """An open AppContext over a new vault with sample interviews."""
    from testimonio.forms.state import FormState
    from testimonio.gui.context import AppContext
    from testimonio.paths import shipped_forms_dir
    from testimonio.services.selftest_team import border_answers
    from testimonio.vault.kdf import KdfParams

    context = AppContext(folder / "vault", kdf=KdfParams.FAST)
    context.create(PASSPHRASE)
    context.preferences.update({"interviewer": "Ana Quispe", "sites": list(SITES),
                                "default_site": SITES[0]})
    form = context.questionnaires.install(shipped_forms_dir() / "border_testimony.xlsx")
    service = context.interviews
    for number, alias in enumerate(ALIASES):
        interview_id = service.start(form.form_id, form.version, SITES[number % 3], "Ana Quispe",
                                     "es")
        if number % 4 == 1:  # a complete interview: every required answer given
            state = FormState(form, {}, "es")
            for path, value in border_answers(form, alias):
                state.set(path, value)
            for path, value in state.answers().items():
                service.set_answer(interview_id, path, value, "Ana Quispe")
            service.complete(interview_id, "Ana Quispe")
        else:
            service.set_answer(interview_id, "consent", "yes", "Ana Quispe")
            service.set_answer(interview_id, "person/alias", alias, "Ana Quispe")
    return context


def render(out: Path, language: str = "en") -> list[Path]:
    """Write the PNG files into ``out``; returns their paths."""
    from PySide6.QtWidgets import QApplication

    from testimonio.gui.application import create_application
    from testimonio.gui.dialog_size import FRAME_MARGIN, available_area
    from testimonio.gui.i18n import languages
    from testimonio.gui.main_window import MainWindow

    app = create_application([sys.argv[0]])
    languages(app).install(language)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget: Any, name: str) -> None:
        _pump(app)
        path = out / name
        widget.grab().save(str(path))
        written.append(path)

    with tempfile.TemporaryDirectory(prefix="testimonio-shots-") as tmp:
        context = sample_vault(Path(tmp))
        context.lock()
        _unlock_screens(context, save, app)
        window = MainWindow(context)
        area = available_area(window)
        window.resize(area.width() - FRAME_MARGIN.width(), area.height() - FRAME_MARGIN.height())
        window.show()
        window.lock()
        save(window, "02-locked-window.png")
        locked: Any = window.locked_page
        locked.unlock.passphrase.setText(PASSPHRASE)
        locked.unlock.try_unlock()
        while not context.is_open:
            _pump(app)
        _pump(app, 10)
        window.list_view.table.selectRow(2)
        save(window, "03-interview-list.png")
        _dialog_screens(window, context, save)
        _interview_screens(window, save, app)
        window.close()  # saves and locks; other windows of the process are not ours
        context.lock()
        from testimonio.gui.screenshots_team import render_team

        render_team(out, save, lambda: _pump(app, 10), Path(tmp))
        QApplication.closeAllWindows()
    return written


def _unlock_screens(context: AppContext, save: Any, app: Any) -> None:
    from testimonio.gui.dialogs.unlock_dialog import UnlockDialog

    unlock = UnlockDialog(context)
    unlock.show()
    save(unlock, "01-unlock.png")
    unlock.use_recovery_key()
    save(unlock, "01b-unlock-recovery-key.png")
    from PySide6.QtCore import QCoreApplication

    unlock._show(QCoreApplication.translate(
        "UnlockDialog", "The vault's files are damaged or were changed. "
        "Nothing was opened. Restore the vault from a backup."))
    save(unlock, "01c-unlock-damaged.png")
    unlock.close()
    _pump(app)


def _dialog_screens(window: Any, context: AppContext, save: Any) -> None:
    """Every dialog of the main window, shown and grabbed, then closed."""
    from testimonio.gui.dialogs.change_passphrase_dialog import ChangePassphraseDialog
    from testimonio.gui.dialogs.recovery_key_dialog import RecoveryKeyDialog
    from testimonio.gui.dialogs.settings_dialog import SettingsDialog
    from testimonio.gui.views.export_dialog import ExportDialog
    from testimonio.gui.views.import_dialog import ImportDialog
    from testimonio.gui.views.new_interview_dialog import NewInterviewDialog

    makers = (
        ("10-new-interview.png", lambda: NewInterviewDialog(context, window)),
        ("11-settings.png", lambda: SettingsDialog(context.preferences, window)),
        ("12-change-passphrase.png", lambda: ChangePassphraseDialog(context, window)),
        ("13-recovery-key.png", lambda: RecoveryKeyDialog("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789-ABCD", window)),
        ("14-export.png", lambda: ExportDialog(context, window)),
        ("15-import.png", lambda: ImportDialog(context, window)),
    )
    for name, make in makers:
        try:
            dialog: Any = make()
        except Exception as error:  # noqa: BLE001 - a screen that cannot open is reported
            print(f"{name}: not shown ({type(error).__name__}: {error})", file=sys.stderr)
            continue
        dialog.show()
        save(dialog, name)
        if name.startswith("13-"):
            dialog.panel.start_check()
            save(dialog, "13b-recovery-key-check.png")
        dialog.hide()
        dialog.deleteLater()


def _interview_screens(window: Any, save: Any, app: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    first = window.list_view.model.interview_id(0)
    if not first or not window.open_interview(first):
        return
    view: Any = window.views["interview"]
    window.activateWindow()
    view.focus_path("person/age")
    _pump(app)
    target = view.page.rows["person/age"].input.focus_widgets()[0]
    target.setFocus()
    QTest.keyClicks(target, "150")
    QTest.keyClick(target, Qt.Key.Key_Tab)  # leave the field: it is checked
    view.focus_path("person/age")
    save(window, "04-interview-constraint.png")
    view.focus_path("route/left_venezuela_date")
    save(window, "05-interview-dates.png")
    field = view.page.rows["route/left_venezuela_date"].input._field
    field._sync_calendar()
    field.menu.popup(field.button.mapToGlobal(field.button.rect().bottomLeft()))
    _pump(app, 10)
    save(field.menu, "05b-calendar.png")
    field.menu.close()
    index = next(i for i, p in enumerate(view.session.pages) if p.key == "quotes")
    view.show_page(index)
    save(window, "06-interview-empty-repeat.png")
    view.show_page(len(view.session.pages) - 1)
    save(window, "07-interview-last-page.png")
    from testimonio.gui.views.review_dialog import ReviewDialog

    review = ReviewDialog(view.session.review_pages(), window)
    review.show()
    save(review, "08-review.png")
    review.close()
    view.complete()
    _pump(app, 10)
    dialog = getattr(view, "completion_dialog", None)
    if dialog is not None:
        save(dialog, "09-completion-check.png")
        dialog.close()


SCREENS = ((1366, 768), (1024, 600))


def render_all(out: Path) -> int:
    """Every screen at each size of :data:`SCREENS` in Spanish and English,
    each in a child process whose offscreen screen has that size."""
    import json
    import subprocess

    code = 0
    with tempfile.TemporaryDirectory(prefix="testimonio-screens-") as tmp:
        for width, height in SCREENS:
            config = Path(tmp) / f"{width}x{height}.json"
            config.write_text(json.dumps({"screens": [{
                "name": "screen", "x": 0, "y": 0, "width": width, "height": height,
                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
            for language in ("es", "en"):
                env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
                folder = out / f"{language}-{width}x{height}"
                done = subprocess.run([sys.executable, "-m", "testimonio.gui.screenshots",
                                       str(folder), "--lang", language], env=env, check=False)
                code |= done.returncode
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--lang", default="en", choices=("en", "es", "pseudo"))
    parser.add_argument("--all", action="store_true",
                        help="every screen at 1366x768 and 1024x600, in Spanish and English")
    args = parser.parse_args(argv)
    if args.all:
        return render_all(args.out)
    for path in render(args.out, args.lang):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
