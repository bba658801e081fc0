"""The words for why an answer the lead holds looks as it does: generalised,
withheld (and why) or never sent. Shared by the data view's cells and the
lead's view of an imported interview; the rules are in services/data_view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from testimonio.services.data_view import (
    GENERALISED,
    GENERALISED_FURTHER,
    HELD,
    MAYBE_SUPPRESSED,
    MAYBE_WITHHELD,
    NEVER_SENT,
    NOT_EXPORTED,
    NOT_REVIEWED,
    SUPPRESSED,
)


def reason_text(reason: str) -> str:
    """Why a value looks as it does, in words ("" for a reason without words)."""
    texts = {
        MAYBE_SUPPRESSED: QCoreApplication.translate("DataTableModel",
            "Not in the bundle. This answer leaves generalised and is blanked when too few "
            "interviews share it (the k-anonymity check), so it was either suppressed or "
            "never answered."),
        MAYBE_WITHHELD: QCoreApplication.translate("DataTableModel",
            "Not in the bundle. Free text leaves only when the researcher released it for "
            "export, so it was either withheld or never answered."),
        NEVER_SENT: QCoreApplication.translate("DataTableModel",
            "Never sent: this value is worked out from an identifier, or points at a person "
            "(a location, a device), so it stays on the researcher's laptop."),
        GENERALISED: QCoreApplication.translate("DataTableModel", "Generalised before it left the researcher's laptop: a number as a "
                        "band (for example 30–39), a date as its month."),
        SUPPRESSED: QCoreApplication.translate("DataTableModel",
            "Withheld by the k-anonymity check: too few interviews shared this person's "
            "quasi-identifiers (age band, gender, dates…), so the researcher's export blanked "
            "them. Whether this one was answered is not said."),
        NOT_REVIEWED: QCoreApplication.translate("DataTableModel",
            "Withheld: free text the researcher did not release for export. It was answered."),
        HELD: QCoreApplication.translate("DataTableModel",
            "Withheld: the researcher's program kept this text back because it looked like "
            "an identifier (a phone or document number, an e-mail address, a birth date or "
            "a name)."),
        NOT_EXPORTED: QCoreApplication.translate("DataTableModel",
            "Withheld: the picture was not chosen for export, or could not be cleaned of "
            "hidden data."),
        GENERALISED_FURTHER: QCoreApplication.translate("DataTableModel",
            "Generalised one step further than the questionnaire says (a band twice as "
            "wide, a year instead of a month), so that enough interviews share it."),
    }
    return texts.get(reason, "")

