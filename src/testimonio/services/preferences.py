"""The program's settings, declared once.

Every setting is a :class:`Preference` in :data:`PREFERENCES` (name, type,
default, label, choices). The settings dialog is built from this list and the
rest of the program reads values through :class:`Preferences`, which stores
them as text in the vault's key/value settings store, so settings are as
private as the interviews (the interviewer's name and the sites are
identifying). Labels are English source strings; the GUI translates them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from testimonio.errors import BadInput
from testimonio.exchange.kanon import effective_k

SettingValue = int | str | list[str]
TRANSLATION_CONTEXT = "Preferences"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for Qt Linguist without importing Qt; the GUI translates it."""
    return text


class SettingsStore(Protocol):
    """What :class:`Preferences` needs from the vault's settings store."""

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def delete(self, key: str) -> None: ...


@dataclass(frozen=True)
class Preference:
    """One setting: how it is stored, shown and checked.

    ``kind`` is ``"int"``, ``"str"``, ``"choice"`` (one of ``choices``),
    ``"list"`` (a list of strings, e.g. the sites) or ``"site"`` (one of the
    current sites, or empty).
    """

    name: str
    kind: str
    default: SettingValue
    label: str
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, English label)
    minimum: int = 0
    maximum: int = 1_000_000

    def parse(self, raw: str | None) -> SettingValue:
        """The typed value of a stored text; the default when missing or bad."""
        if raw is None:
            return self.default
        try:
            if self.kind == "int":
                return min(max(int(raw), self.minimum), self.maximum)
            if self.kind == "list":
                items = json.loads(raw)
                if isinstance(items, list) and all(isinstance(i, str) for i in items):
                    return items
                return self.default
        except ValueError:
            return self.default
        if self.kind == "choice" and raw not in {value for value, _ in self.choices}:
            return self.default
        return raw

    def format(self, value: SettingValue) -> str:
        """The stored text of a typed value; :class:`BadInput` if invalid."""
        self.check(value)
        if self.kind == "list":
            return json.dumps(list(value) if isinstance(value, list) else [], ensure_ascii=False)
        return str(value)

    def check(self, value: SettingValue) -> None:
        """Raise :class:`BadInput` with a sentence if ``value`` is not allowed."""
        if self.kind == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                raise BadInput(f"{self.label}: a whole number is needed.")
            if not self.minimum <= value <= self.maximum:
                raise BadInput(
                    f"{self.label}: choose a number from {self.minimum} to {self.maximum}."
                )
        elif self.kind == "list":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise BadInput(f"{self.label}: a list of names is needed.")
        elif self.kind == "choice":
            if value not in {v for v, _ in self.choices}:
                raise BadInput(f"{self.label}: '{value}' is not one of the choices.")
        elif not isinstance(value, str):
            raise BadInput(f"{self.label}: a text is needed.")


LANGUAGES: tuple[tuple[str, str], ...] = (
    ("", QT_TRANSLATE_NOOP("Preferences", "System language")),
    ("es", "Español"),
    ("en", "English"),
)

PREFERENCES: tuple[Preference, ...] = (
    Preference(
        "auto_lock_minutes", "int", 5, QT_TRANSLATE_NOOP("Preferences", "Lock after idle minutes"),
        help=QT_TRANSLATE_NOOP("Preferences", "Lock the vault when nobody has used the program for this many minutes."),
        minimum=1, maximum=240,
    ),
    Preference("language", "choice", "", QT_TRANSLATE_NOOP("Preferences", "Interface language"), choices=LANGUAGES),
    Preference(
        "interviewer", "str", "", QT_TRANSLATE_NOOP("Preferences", "Interviewer name"),
        help=QT_TRANSLATE_NOOP("Preferences", "Recorded with every interview you take."),
    ),
    Preference("sites", "list", [], QT_TRANSLATE_NOOP("Preferences", "Sites"), help=QT_TRANSLATE_NOOP("Preferences", "Places where you take interviews, one a line.")),
    Preference("default_site", "site", "", QT_TRANSLATE_NOOP("Preferences", "Default site")),
    Preference(
        "k_anonymity", "int", 5, QT_TRANSLATE_NOOP("Preferences", "Smallest group size for export (k)"),
        help=QT_TRANSLATE_NOOP("Preferences", "An export refuses groups of fewer people than this."),
        minimum=2, maximum=100,
    ),
    Preference(
        "small_counts", "choice", "hidden",
        QT_TRANSLATE_NOOP("Preferences", "Counts under k in summaries"),
        help=QT_TRANSLATE_NOOP("Preferences", "Cells of fewer than k interviews show as 'fewer than k'. Exact counts are for internal use only and are marked so."),
        choices=(("hidden", QT_TRANSLATE_NOOP("Preferences", "Shown as 'fewer than k'")),
                 ("exact", QT_TRANSLATE_NOOP("Preferences", "Exact (internal use only)"))),
    ),
    Preference(
        "picture_max_side", "int", 2400, QT_TRANSLATE_NOOP("Preferences", "Largest side of exported pictures (pixels)"),
        help=QT_TRANSLATE_NOOP("Preferences", "Pictures leave re-drawn from their pixels, without hidden data, no larger than this."),
        minimum=320, maximum=8000,
    ),
)

_BY_NAME = {p.name: p for p in PREFERENCES}
_PREFIX = "pref."


def preference(name: str) -> Preference:
    """The declaration of setting ``name``; KeyError if there is none."""
    return _BY_NAME[name]


class Preferences:
    """Typed access to the declared settings over a vault settings store."""

    def __init__(self, store: SettingsStore) -> None:
        self._store = store
        self._listeners: list[Callable[[str, SettingValue], None]] = []

    def get(self, name: str) -> SettingValue:
        """The value of setting ``name`` (its default when never set).

        For ``k_anonymity`` in a team: the lead's k, or the researcher's own
        when it is higher (:func:`~testimonio.exchange.kanon.effective_k`).
        """
        raw = self._store.get(_PREFIX + name)
        value = preference(name).parse(raw)
        if name == "k_anonymity" and self.team_k and isinstance(value, int):
            return effective_k(None if raw is None else value, self.team_k)
        return value

    def set(self, name: str, value: SettingValue) -> None:
        """Check and store one setting; tells the listeners."""
        pref = preference(name)
        self._check_floor(name, value)
        if name == "k_anonymity" and value == self.team_k:
            # The lead's k is no raise: keep none, so a lower k the lead
            # sends later is followed.
            self._store.delete(_PREFIX + name)
        else:
            self._store.set(_PREFIX + name, pref.format(value))
        for listener in list(self._listeners):
            listener(name, value)

    def update(self, values: dict[str, SettingValue]) -> None:
        """Check every value first, then store them (nothing stored if one is bad)."""
        for name, value in values.items():
            preference(name).check(value)
            self._check_floor(name, value)
        sites = values.get("sites", self.get("sites"))
        default_site = values.get("default_site", self.get("default_site"))
        if default_site and isinstance(sites, list) and default_site not in sites:
            raise BadInput(f"The default site '{default_site}' is not one of the sites.")
        for name, value in values.items():
            self.set(name, value)

    @property
    def team_k(self) -> int:
        """The smallest group size the team lead set (0 when none): k may be
        raised above it here, never lowered below it."""
        try:
            return max(0, int(self._store.get("team.k") or 0))
        except ValueError:
            return 0

    def _check_floor(self, name: str, value: SettingValue) -> None:
        floor = self.team_k if name == "k_anonymity" else 0
        if isinstance(value, int) and value < floor:
            raise BadInput(f"The team lead set the smallest group size to {floor}; "
                           "you may raise it, never lower it.")

    def as_dict(self) -> dict[str, SettingValue]:
        """Every declared setting with its current value."""
        return {p.name: self.get(p.name) for p in PREFERENCES}

    def subscribe(self, listener: Callable[[str, SettingValue], None]) -> None:
        """Call ``listener(name, value)`` after each change."""
        self._listeners.append(listener)

    # Convenience accessors for the settings other code reads most.
    @property
    def auto_lock_minutes(self) -> int:
        value = self.get("auto_lock_minutes")
        return value if isinstance(value, int) else 5

    @property
    def language(self) -> str:
        return str(self.get("language"))

    @property
    def interviewer(self) -> str:
        return str(self.get("interviewer"))

    @property
    def sites(self) -> list[str]:
        value = self.get("sites")
        return list(value) if isinstance(value, list) else []

    @property
    def default_site(self) -> str:
        return str(self.get("default_site"))

    @property
    def k_anonymity(self) -> int:
        value = self.get("k_anonymity")
        return value if isinstance(value, int) else 5


def split_sites(text: str | Sequence[str]) -> list[str]:
    """Sites typed one a line (or comma-separated): trimmed, no blanks or repeats."""
    parts = text.replace(",", "\n").splitlines() if isinstance(text, str) else list(text)
    seen: list[str] = []
    for part in (p.strip() for p in parts):
        if part and part not in seen:
            seen.append(part)
    return seen
