"""Fingerprints as twelve words: all 128 bits, one fixed list."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testimonio.errors import BadInput
from testimonio.exchange.fingerprint import fingerprint_words, format_fingerprint
from testimonio.exchange.wordlist import WORDS


def _back(words: tuple[str, ...]) -> bytes:
    bits = 0
    for word in words:
        bits = (bits << 11) | WORDS.index(word)
    return (bits >> 4).to_bytes(16, "big")


@given(st.binary(min_size=16, max_size=16))
def test_the_words_say_every_bit_of_the_fingerprint(digest: bytes) -> None:
    words = fingerprint_words(format_fingerprint(digest))
    assert len(words) == 12
    assert _back(words) == digest


def test_one_bit_changes_a_word_and_typed_forms_are_accepted() -> None:
    a = "3F2A 9C01 77D0 AAAA BBBB CCCC DDDD EEEE"
    b = "3F2A 9C01 77D0 AAAA BBBB CCCC DDDD EEEF"
    assert fingerprint_words(a) != fingerprint_words(b)
    assert fingerprint_words(a.lower().replace(" ", "")) == fingerprint_words(a)
    # Read aloud, accents are not heard: the first four letters without them tell words apart.
    plain = {unicodedata.normalize("NFKD", w).encode("ascii", "ignore")[:4] for w in WORDS}
    assert len(set(WORDS)) == len(plain) == 2048


def test_not_a_fingerprint_is_refused() -> None:
    with pytest.raises(BadInput):
        fingerprint_words("3F2A 9C01")
