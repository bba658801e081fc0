"""What the safety net saw, and how a value leaves, in the interface's
language: a Spanish screen showed "(phone number)" and "stays: looks like
cédula" in English."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from testimonio.exchange import textnet
from testimonio.gui.safety_words import finding_text, how_text


def test_every_kind_the_net_can_find_has_spanish_words(app: Any) -> None:
    from testimonio.gui.i18n import languages

    kinds = {kind for kind, _pattern in textnet.PATTERNS} | {"identifier", "part of an identifier"}
    languages(QApplication.instance()).install("es")
    try:
        for kind in kinds:
            assert finding_text(kind) != kind, kind
        assert finding_text("phone number") == "número de teléfono"
        assert how_text("stays: looks like cédula") == "se queda: parece número de cédula"
        assert how_text("generalised further") == "generalizado un paso más"
        assert how_text("as entered") == "tal como se escribió"
        # Every way the export plan says a value leaves (services.export_plan, planned_record).
        for how in ("as entered", "as entered (quasi-identifier)", "generalised", "generalised further",
                    "reviewed", "attachment", "date only", "month", "blanked"):
            assert how_text(how) != how, how
    finally:
        languages(QApplication.instance()).install("en")
    assert finding_text("cédula") == "identity card number"
    assert how_text("stays: looks like e-mail address") == "stays: looks like e-mail address"
