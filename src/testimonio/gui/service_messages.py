"""The services' sentences in the interface language.

The services below the GUI are Qt-free and speak English (the command line
prints their sentences as they are). The sentences a person meets in the
desktop program are listed here for Qt Linguist, and :func:`translate_message`
gives them in the interface language — reworded for the desktop where the
English tells to run a command.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "ServiceMessages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for Qt Linguist (typed, unlike PySide's)."""
    return text


#: English sentence of a service → what the desktop says (English source of
#: the translation). Keep the keys exactly as the services raise them.
MESSAGES: dict[str, str] = {
    "This vault has not joined a team: run 'team join TEAM_FILE' first.":
        QT_TRANSLATE_NOOP("ServiceMessages", "This vault has not joined a team yet. Join the "
                          "team first (Team → Join a team…) with the team file from your lead."),
    "Join a team first (team join TEAM_FILE).":
        QT_TRANSLATE_NOOP("ServiceMessages", "This vault has not joined a team yet. Join the "
                          "team first (Team → Join a team…) with the team file from your lead."),
    "Join a team first: only interviews the lead received are purged.":
        QT_TRANSLATE_NOOP("ServiceMessages", "Join a team first: only interviews the lead "
                          "received are removed."),
    "The last change could not be saved: the disk is full or cannot be written. "
    "Everything saved before it is safe. Free some disk space, then try again.":
        QT_TRANSLATE_NOOP("ServiceMessages", "The last change could not be saved: the disk is "
                          "full or cannot be written. Everything saved before it is safe. Free "
                          "some disk space, then try again."),
    "Something went wrong. Details are in the log.":
        QT_TRANSLATE_NOOP("ServiceMessages", "Something went wrong. Details are in the log."),
}


def translate_message(text: str) -> str:
    """``text`` in the interface language when it is a known sentence, else as it is."""
    source = MESSAGES.get(text)
    return QCoreApplication.translate(CONTEXT, source) if source else text
