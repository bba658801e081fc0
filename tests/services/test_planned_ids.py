"""How an export plan keeps the ids of its interviews (issue 17: memory at 50 000
interviews): packed to bytes where they are hex, given back as the same strings."""

from __future__ import annotations

import secrets

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testimonio.exchange.kanon import QuasiRecord
from testimonio.services.planned_record import PackedIds, PlannedRecord

HEX_IDS = st.lists(st.builds(lambda: secrets.token_hex(16)), max_size=40)
ANY_IDS = st.lists(st.one_of(st.builds(lambda: secrets.token_hex(16)),
                             st.text(max_size=40)), max_size=40)


@given(HEX_IDS)
def test_hex_ids_are_packed_and_come_back_the_same(ids: list[str]) -> None:
    packed = PackedIds(ids)
    assert len(packed) == len(ids) and list(packed) == ids
    assert packed[:] == ids and packed[3:17] == ids[3:17] and packed[::-2] == ids[::-2]
    if ids:
        assert packed[0] == ids[0] and packed[-1] == ids[-1]
    with pytest.raises(IndexError):
        packed[len(ids)]


@given(ANY_IDS)
def test_any_other_id_keeps_the_list_as_given(ids: list[str]) -> None:
    packed = PackedIds(ids)
    assert list(packed) == ids and packed[1:5] == ids[1:5]


def test_an_upper_case_or_short_id_is_not_packed() -> None:
    # Packed, "ABCD…" would come back as "abcd…": another interview.
    ids = [secrets.token_hex(16), secrets.token_hex(16).upper(), "42"]
    assert list(PackedIds(ids)) == ids


@pytest.mark.parametrize("interview_id, export_id", [
    ("0f" * 16, "a1" * 16),
    ("vault-1", "a1" * 16),
    ("0f" * 16, "E" * 32),
    ("", ""),
])
def test_a_planned_record_gives_back_both_ids(interview_id: str, export_id: str) -> None:
    quasi = QuasiRecord(export_id, "form", (("age", "30-39"),))
    record = {"export_id": export_id, "form_id": "form", "form_version": "1", "answers": {}}
    for planned in (PlannedRecord(interview_id, 3, record, [], quasi, ()),
                    PlannedRecord.kept(interview_id, 3, quasi, "1", (), lambda records: None)):
        assert (planned.interview_id, planned.export_id) == (interview_id, export_id)
        assert planned.quasi == quasi and planned.revision == 3
