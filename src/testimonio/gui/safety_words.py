"""The safety net's findings and how a value leaves, in the interface's words.

The core names them in English (``exchange.textnet`` kinds, the export
plan's "how" of each value); a Spanish screen showed "(phone number)" and
"stays: looks like cédula" as they came.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from testimonio.services.planned_record import HELD_HOW


def finding_text(kind: str) -> str:
    """What the safety net saw in a text (a kind of ``exchange.textnet``)."""
    known = {
        "identifier": QCoreApplication.translate("SafetyNet", "an identifier of this interview"),
        "part of an identifier": QCoreApplication.translate(
            "SafetyNet", "part of an identifier of this interview"),
        "e-mail address": QCoreApplication.translate("SafetyNet", "e-mail address"),
        "cédula": QCoreApplication.translate("SafetyNet", "identity card number"),
        "passport": QCoreApplication.translate("SafetyNet", "passport number"),
        "birth date": QCoreApplication.translate("SafetyNet", "birth date"),
        "phone number": QCoreApplication.translate("SafetyNet", "phone number"),
    }
    return known.get(kind, kind)


def how_text(how: str) -> str:
    """How a value leaves (the export plan's words for it), in the interface's words."""
    if how.startswith(HELD_HOW):
        return QCoreApplication.translate("PreviewModel", "stays: looks like %1").replace(
            "%1", finding_text(how[len(HELD_HOW):]))
    known = {
        "as entered": QCoreApplication.translate("PreviewModel", "as entered"),
        "as entered (quasi-identifier)": QCoreApplication.translate(
            "PreviewModel", "as entered (quasi-identifier)"),
        "generalised": QCoreApplication.translate("PreviewModel", "generalised"),
        "generalised further": QCoreApplication.translate("PreviewModel", "generalised further"),
        "reviewed": QCoreApplication.translate("PreviewModel", "reviewed"),
        "attachment": QCoreApplication.translate("PreviewModel", "attachment"),
        "blanked": QCoreApplication.translate("PreviewModel", "blanked"),
        "date only": QCoreApplication.translate("PreviewModel", "date only"),
        "month": QCoreApplication.translate("PreviewModel", "month only"),
        "band": QCoreApplication.translate("PreviewModel", "band"),
    }
    return known.get(how, how)
