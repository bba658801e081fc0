"""``python -m testimonio.gui.screenshots DIR``: the program's main screens as PNG.

Builds a throw-away vault (cheap key derivation) in a temporary folder with
the shipped border questionnaire and invented sample interviews, then renders
the unlock dialog, the interview list, an interview page showing a
constraint message, and the completion check. Runs offscreen
(``QT_QPA_PLATFORM=offscreen``) or under Xvfb. ``--lang es`` renders in
Spanish, ``--lang pseudo`` with the stretched pseudo-translation.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "sample passphrase for screenshots"
SIZE = (1280, 760)
ALIASES = ("Rosa", "Miguel", "Yuleisi", "Carlos", "Daniela", "José", "Andreína", "Luis",
           "Mariana", "Pedro", "Génesis", "Ricardo", "Valentina", "Jesús", "Karla", "Óscar")
SITES = ("CEBAF Tumbes", "Huaquillas", "Aguas Verdes")


def _pump(app: Any, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def sample_vault(folder: Path) -> Any:
    """An open AppContext over a new vault with sample interviews."""
    from testimonio.gui.context import AppContext
    from testimonio.paths import shipped_forms_dir
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
        service.set_answer(interview_id, "consent", "yes", "Ana Quispe")
        service.set_answer(interview_id, "person/alias", alias, "Ana Quispe")
        if number % 4 == 1:
            service.complete(interview_id, "Ana Quispe")
    return context


def render(out: Path, language: str = "en") -> list[Path]:
    """Write the PNG files into ``out``; returns their paths."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from testimonio.gui.application import create_application
    from testimonio.gui.dialogs.unlock_dialog import UnlockDialog
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
        unlock = UnlockDialog(context)
        unlock.resize(420, unlock.sizeHint().height())
        unlock.show()
        save(unlock, "01-unlock.png")
        unlock.passphrase.setText(PASSPHRASE)
        unlock.try_unlock()
        while not context.is_open and unlock.message.text() != "":
            _pump(app)
            if unlock.failures:
                raise SystemExit("could not unlock the sample vault")
        unlock.close()

        window = MainWindow(context)
        window.resize(*SIZE)
        window.show()
        window.list_view.table.selectRow(2)
        save(window, "02-interview-list.png")

        first = window.list_view.model.interview_id(0)
        if first and window.open_interview(first):
            view: Any = window.views["interview"]
            view.focus_path("person/age")
            _pump(app)
            target = QApplication.focusWidget()
            if target is not None:
                QTest.keyClicks(target, "150")
                QTest.keyClick(target, Qt.Key.Key_Tab)  # leave the field: it is checked
            view.focus_path("person/age")
            save(window, "03-interview-constraint.png")
            view.complete()
            _pump(app, 10)
            dialog = getattr(view, "completion_dialog", None)
            if dialog is not None:
                save(dialog, "04-completion-check.png")
                dialog.close()
        window.close()
        context.lock()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--lang", default="en", choices=("en", "es", "pseudo"))
    args = parser.parse_args(argv)
    for path in render(args.out, args.lang):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
