"""Helpers for the interview-view tests: a real XLSForm written here, a real
vault in tmp_path with cheap Argon2id, and the real services over it.

(No tests in this module; pytest collects it harmlessly.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
BORDER_FORM = ROOT / "forms" / "border_testimony.xlsx"
PASSPHRASE = "correct horse battery staple"


def write_xlsform(path: Path, survey: list[dict[str, Any]],
                  choices: list[dict[str, Any]] | None = None,
                  settings: dict[str, Any] | None = None) -> Path:
    """A real .xlsx XLSForm with the given rows (headers from the rows' keys)."""
    book = Workbook()
    sheets: list[tuple[str, list[dict[str, Any]]]] = [("survey", survey)]
    if choices is not None:
        sheets.append(("choices", choices))
    if settings is not None:
        sheets.append(("settings", [settings]))
    for number, (title, rows) in enumerate(sheets):
        sheet = book.active if number == 0 else book.create_sheet(title)
        assert sheet is not None
        sheet.title = title
        headers: list[str] = []
        for row in rows:
            for key in row:
                if key not in headers:
                    headers.append(key)
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    book.save(path)
    return path


def _q(kind: str, name: str, en: str, es: str, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "name": name, "label::English (en)": en,
            "label::Español (es)": es, **extra}


def _c(list_name: str, name: str, en: str, es: str) -> dict[str, Any]:
    return {"list_name": list_name, "name": name, "label::English (en)": en,
            "label::Español (es)": es}


def every_type_form(tmp_path: Path) -> Path:
    """A small bilingual form with one question of each kind we render."""
    survey = [
        {"type": "start", "name": "began"},
        {"type": "end", "name": "ended"},
        _q("text", "alias", "Alias", "Alias", required="yes",
           constraint="string-length(.) >= 2",
           **{"constraint_message::English (en)": "At least two letters",
              "constraint_message::Español (es)": "Al menos dos letras"}),
        _q("note", "hello", "Hello ${alias}", "Hola ${alias}"),
        _q("integer", "age", "Age", "Edad", constraint=". >= 0 and . <= 110",
           **{"constraint_message::English (en)": "Between 0 and 110",
              "constraint_message::Español (es)": "Entre 0 y 110"}),
        _q("decimal", "weight", "Weight", "Peso"),
        _q("date", "left", "Date left", "Fecha de salida"),
        _q("time", "at", "Time", "Hora"),
        _q("dateTime", "when", "When", "Cuándo"),
        _q("select_one yn", "travels", "Travels with others?", "¿Viaja con otros?", required="yes"),
        _q("select_one country", "country", "Country", "País"),
        _q("select_multiple docs", "docs", "Documents", "Documentos"),
        _q("select_multiple country", "visited", "Countries visited", "Países visitados"),
        _q("rank docs", "ranked", "Rank documents", "Ordene documentos"),
        _q("acknowledge", "ack", "Understood", "Entendido"),
        _q("geopoint", "place", "Place", "Lugar"),
        {"type": "begin group", "name": "extra", "label::English (en)": "Extra",
         "label::Español (es)": "Extra"},
        _q("text", "why", "Why alone?", "¿Por qué solo?", relevant="${travels} = 'no'"),
        _q("image", "photo", "Photo of a document", "Foto de un documento"),
        {"type": "end group"},
        {"type": "begin repeat", "name": "companions", "label::English (en)": "Companion",
         "label::Español (es)": "Acompañante", "relevant": "${travels} = 'yes'"},
        _q("text", "c_name", "Companion alias", "Alias del acompañante", required="yes"),
        _q("integer", "c_age", "Companion age", "Edad del acompañante"),
        {"type": "end repeat"},
    ]
    choices = [
        _c("yn", "yes", "Yes", "Sí"), _c("yn", "no", "No", "No"),
        _c("docs", "id", "Identity card", "Cédula"), _c("docs", "passport", "Passport", "Pasaporte"),
        _c("docs", "visa", "Visa", "Visa"),
    ]
    for code, en, es in [("ve", "Venezuela", "Venezuela"), ("co", "Colombia", "Colombia"),
                         ("ec", "Ecuador", "Ecuador"), ("pe", "Peru", "Perú"),
                         ("cl", "Chile", "Chile"), ("ar", "Argentina", "Argentina"),
                         ("bo", "Bolivia", "Bolivia"), ("br", "Brazil", "Brasil"),
                         ("py", "Paraguay", "Paraguay"), ("uy", "Uruguay", "Uruguay")]:
        choices.append(_c("country", code, en, es))
    settings = {"form_id": "every_type", "version": "1", "form_title": "Every type",
                "default_language": "English (en)"}
    return write_xlsform(tmp_path / "every_type.xlsx", survey, choices, settings)


def open_context(tmp_path: Path, form: Path = BORDER_FORM,
                 language: str | None = None) -> tuple[Any, str]:
    """A new vault with ``form`` installed and one draft interview started."""
    from testimonio.gui.context import AppContext
    from testimonio.vault import KdfParams

    context = AppContext(tmp_path / "vault", kdf=KdfParams.FAST)
    context.create(PASSPHRASE)
    questionnaire = context.questionnaires.install(form)
    interview_id = context.interviews.start(
        questionnaire.form_id, questionnaire.version, "CEBAF Peru", "Ana",
        language or questionnaire.default_language)
    return context, interview_id


def open_view(qtbot: Any, context: Any, interview_id: str) -> Any:
    """The interview view, shown offscreen at a laptop's size."""
    from testimonio.gui.views.interview_view import InterviewView

    view = InterviewView(context, interview_id)
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: view.isActiveWindow(), timeout=2000)
    return view


def line_edit(view: Any, path: str) -> Any:
    """The first typing part of the question at ``path`` on the current page."""
    return view.page.rows[path].input.focus_widgets()[0]
