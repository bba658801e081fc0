"""Alt letters for labels whose text is not written with one (declared
settings, whose labels the command line shows as well)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtWidgets import QLabel


def letters_of(texts: Iterable[str]) -> set[str]:
    """The Alt letters these texts already give ("&OK" gives "o")."""
    found = set()
    for text in texts:
        plain = text.replace("&&", "")
        at = plain.find("&")
        if 0 <= at < len(plain) - 1:
            found.add(plain[at + 1].casefold())
    return found


def give_letters(labels: Sequence[QLabel], taken: Iterable[str] = ()) -> None:
    """Give each label a letter of its own, none of ``taken``: the first letter of
    a word where one is free, else any letter (plain ASCII, which every keyboard
    types with Alt). A label left without a free letter keeps its text."""
    used = {letter.casefold() for letter in taken}
    for label in labels:
        text = label.text().replace("&", "&&")
        at = _free(text, used)
        if at is None:
            continue
        used.add(text[at].casefold())
        label.setText(f"{text[:at]}&{text[at:]}")


def _free(text: str, used: set[str]) -> int | None:
    starts = [i for i, c in enumerate(text) if (i == 0 or not text[i - 1].isalnum())]
    candidates: list[int] = starts + list(range(len(text)))
    for at in candidates:
        c = text[at]
        if c.isascii() and c.isalpha() and c.casefold() not in used:
            return at
    return None
