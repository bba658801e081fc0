"""The safety net under every text that would leave: identifiers written differently, and patterns.

A review is a person reading; this net catches what a tired reader passes.
It runs over every text that would leave — reviewed free text, ``safe`` and
``quasi`` texts, text of calculations — and finds:

- the interview's identifier answers, compared in a *normalised* form (case,
  accents, punctuation and spaces removed: "María José Añez" matches "maria
  jose anez" and "MariaJoseAnez"), numbers by their digits alone ("V-12.345.678"
  matches "12345678"), and each word of four letters or more of an identifier
  answer ("Añez" alone);
- patterns of things that identify whoever they belong to: phone numbers,
  Venezuelan cédulas, passport numbers, e-mail addresses, birth dates.

Each finding is a span of the original text (for highlighting) and a kind.
A text with a finding does not leave until the researcher edits it or
releases that exact value (``review_decisions.decision = 'release'``, tied
to the value's hash like every review).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

MIN_WORD = 4  # letters: shorter parts of a name ("Ana", "de") match too much
MIN_WHOLE = 3
MIN_DIGITS = 5
_NOT_DIGIT = re.compile(r"\D")
_DIGIT = re.compile(r"\d")
_MAYBE = re.compile(r"[\d@]")
_WORD_BREAKS = re.compile(r"[\W\d_]+")

_MONTHS = ("enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
           "noviembre|diciembre|january|february|march|april|may|june|july|august|september|"
           "october|november|december")
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("e-mail address", re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")),
    ("cédula", re.compile(r"(?<![\w])[VvEe][\s.-]?\d{1,2}\.?\d{3}\.?\d{3}(?!\d)")),
    ("cédula", re.compile(r"(?i)c[ée]dula\D{0,15}\d[\d.\s-]{5,12}\d")),
    ("passport", re.compile(r"(?i)pasaporte\D{0,15}[A-Z0-9]{6,10}|(?<![\w])[A-Z]{1,2}\d{6,9}(?!\d)")),
    ("birth date", re.compile(r"(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-](19|20)\d{2}(?!\d)")),
    ("birth date", re.compile(r"(?<!\d)(19|20)\d{2}-\d{2}-\d{2}(?!\d)")),
    ("birth date", re.compile(rf"(?i)(?<!\d)\d{{1,2}}\s+de\s+({_MONTHS})\s+(de|del)\s+(19|20)\d{{2}}")),
    # Seven digits or more, with the separators people write between them.
    ("phone number", re.compile(r"(?<![\w])\+?\(?\d[\d\s().-]{5,}\d(?![\w])")),
)
# Any of PATTERNS, in one search: most texts hold none, and one call into the
# regular expression engine costs less than a loop over eight. (Their flags
# scoped to each: a flag for the whole expression must lead it.)
_ANY_PATTERN = re.compile("|".join(
    f"(?i:{p.pattern[4:]})" if p.pattern.startswith("(?i)") else f"(?:{p.pattern})" for _, p in PATTERNS))


@dataclass(frozen=True)
class Finding:
    """One thing in a text that may identify a person: where, and what."""

    start: int
    end: int
    kind: str  # "identifier", "part of an identifier", or a pattern's name


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """One character as the net compares it: letters and digits, lower case, no accents."""
    return "".join(low for part in unicodedata.normalize("NFKD", ch)
                   if not unicodedata.combining(part) and part.isalnum() for low in part.casefold())


def _fold(text: str) -> tuple[str, list[int]]:
    """Letters and digits only, lower case without accents, with each one's
    position in ``text`` (so a match maps back to a span)."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        if folded:
            out.append(folded)
            where.extend([i] * len(folded))
    return "".join(out), where


class _FoldTable(dict[int, str]):
    """Code point → its folded text, for ``str.translate``: each character is
    worked out once (by :func:`_fold_char`), then folding runs at C speed."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < _MAX_FOLDED:  # bounded: texts from outside hold any character
            self[code] = folded
        return folded


_MAX_FOLDED = 8192
_FOLDED = _FoldTable()


# ASCII bytes that folding drops (all but letters and digits), and those that are no digit.
_ASCII_NOT_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())
_ASCII_NOT_DIGIT = bytes(b for b in range(128) if not _DIGIT.match(chr(b)))


def normalise(text: str) -> str:
    """``"María-José  Añez"`` → ``"mariajoseanez"``."""
    if text.isascii():  # the same, at the speed of bytes (most texts: one per text that leaves)
        return text.encode("ascii").translate(None, _ASCII_NOT_ALNUM).lower().decode("ascii")
    return text.translate(_FOLDED)


def digits_of(text: str) -> str:
    """The digits of ``text`` (``\\d``, Unicode's decimal digits), nothing else."""
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_NOT_DIGIT).decode("ascii")
    return _NOT_DIGIT.sub("", text)


def _digits(text: str) -> tuple[str, list[int]]:
    """:func:`digits_of`, with each digit's position in ``text``."""
    where = [m.start() for m in _DIGIT.finditer(text)]
    return "".join(text[i] for i in where), where


class Needles(NamedTuple):
    """What to look for, worked out once per interview from its identifiers.

    (A named tuple: an export makes one per interview, and a frozen
    dataclass costs three times as much to make.)
    """

    whole: tuple[str, ...]  # normalised identifier answers
    numbers: tuple[str, ...]  # digits of identifier answers that hold numbers
    words: tuple[str, ...]  # normalised words of four letters or more
    # What a normalised text holds if it holds any of ``whole`` or ``words``:
    # the words, and the whole answers that hold none of them (a whole answer
    # holds each of its words).
    first: tuple[str, ...] = ()

    @staticmethod
    def of(identifiers: Iterable[str]) -> Needles:
        whole: set[str] = set()
        numbers: set[str] = set()
        words: set[str] = set()
        for value in identifiers:
            folded = normalise(value)
            if len(folded) >= MIN_WHOLE:
                whole.add(folded)
            number = _number_of(value)
            if number:
                numbers.add(number)
            words.update(word for word in _folded_words(value) if len(word) >= MIN_WORD)
        words -= whole
        in_words = tuple(words)
        first = words | {w for w in whole if not _holds_any(w, in_words)}
        return Needles(tuple(sorted(whole)), tuple(sorted(numbers)), tuple(sorted(words)), tuple(sorted(first)))


def _number_of(value: str) -> str:
    """The digits of an identifier answer as the texts are searched for them
    (:func:`digits_of`), or "" when it holds fewer than MIN_DIGITS."""
    if _DIGIT.search(value) is None:  # names hold none
        return ""
    digits = digits_of(value)
    return digits if len(digits) >= MIN_DIGITS else ""


def _folded_words(value: str) -> list[str]:
    """The words of an identifier answer, folded as texts are (any length)."""
    if value.isascii():  # an ASCII word is letters only: folded, it is its lower case
        return _WORD_BREAKS.split(value.lower())
    return [word.lower() if word.isascii() else word.translate(_FOLDED) for word in _WORD_BREAKS.split(value)]


def _spans(haystack: str, where: list[int], needle: str, kind: str) -> list[Finding]:
    found = []
    start = haystack.find(needle)
    while start >= 0:
        found.append(Finding(where[start], where[start + len(needle) - 1] + 1, kind))
        start = haystack.find(needle, start + 1)
    return found


def _holds_any(text: str, needles: tuple[str, ...]) -> bool:
    for needle in needles:  # a loop: any() over a generator costs more for these few
        if needle in text:
            return True
    return False


def _may_hold_words(text: str, needles: Needles) -> bool:
    """Whether ``text`` may hold an identifier answer or a word of one (the quick look)."""
    return _holds_any(normalise(text), needles.first)


def _may_hold_numbers(text: str, needles: Needles) -> bool:
    """Whether ``text`` holds the digits of an identifier answer."""
    return bool(needles.numbers) and _DIGIT.search(text) is not None \
        and _holds_any(digits_of(text), needles.numbers)


def _may_match_patterns(text: str) -> bool:
    """Whether any of PATTERNS matches in ``text`` (every one needs a digit, or an @)."""
    return _MAYBE.search(text) is not None and _ANY_PATTERN.search(text) is not None


def findings(text: str, needles: Needles | None = None) -> list[Finding]:
    """Everything in ``text`` that may identify a person, in text order."""
    found: list[Finding] = []
    if needles is not None:
        # Positions are worked out only for a text that holds a needle (seldom).
        if _may_hold_words(text, needles):
            folded, where = _fold(text)
            for needle in needles.whole:
                found += _spans(folded, where, needle, "identifier")
            for needle in needles.words:
                found += _spans(folded, where, needle, "part of an identifier")
        if _may_hold_numbers(text, needles):
            digits, dwhere = _digits(text)
            for number in needles.numbers:
                found += _spans(digits, dwhere, number, "identifier")
    if not _may_match_patterns(text):
        return sorted(set(found), key=lambda f: (f.start, -f.end, f.kind)) if found else found
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if kind == "phone number" and sum(ch.isdigit() for ch in match.group()) < 7:
                continue
            found.append(Finding(match.start(), match.end(), kind))
    return sorted(set(found), key=lambda f: (f.start, -f.end, f.kind))


def may_hold_any(texts: list[str], needles: Needles) -> bool:
    """False only when no text of ``texts`` has a finding (:func:`findings`): one
    quick look at all of them at once, for an interview with several texts.

    Identifiers are looked for in the texts joined (folding drops the line
    break between them: each text's folded form and digits are a part of the
    joined one's, where a needle may also span two texts: then each is looked
    at). Patterns, text by text: most texts hold no digit, and one search of
    them all joined costs more than the look for a digit in each.
    """
    joined = "\n".join(texts)
    return _may_hold_words(joined, needles) or _may_hold_numbers(joined, needles) \
        or any(_may_match_patterns(text) for text in texts)


def clearly_clean(texts: list[str], identifiers: list[str]) -> bool:
    """``not may_hold_any(texts, Needles.of(identifiers))``, without making the needles.

    An export asks this of every interview, whose texts that leave are mostly
    a short alias or a few safe notes; making the needles (sets, sorted, the
    shortest ones worked out) cost more than the look itself. Here each
    identifier answer's folded form, digits and words are looked for in the
    texts joined as they are made, and the look stops at the first found:
    then the caller makes the needles and looks text by text. The needles
    looked for are those of :meth:`Needles.of` (``first`` only leaves out
    words a whole answer holds, which the look finds anyway).
    """
    for text in texts:
        if _may_match_patterns(text):
            return False
    joined = "\n".join(texts)
    folded = normalise(joined)
    digits = digits_of(joined) if _DIGIT.search(joined) is not None else ""
    for value in identifiers:
        whole = normalise(value)
        if len(whole) >= MIN_WHOLE and whole in folded:
            return False
        if digits:
            number = _number_of(value)
            if number and number in digits:
                return False
        for word in _folded_words(value):
            if len(word) >= MIN_WORD and word in folded:
                return False
    return True


def first_kind(text: str, needles: Needles | None = None) -> str | None:
    """The kind of the first finding in ``text``, or None when it is clean."""
    hits = findings(text, needles)
    return hits[0].kind if hits else None


def identifier_texts(values: Mapping[str, object]) -> list[str]:
    """Identifier answers as texts (lists joined), skipping blanks."""
    out = []
    for value in values.values():
        if isinstance(value, list):
            value = " ".join(str(v) for v in value)
        if value not in (None, ""):
            out.append(str(value))
    return out
