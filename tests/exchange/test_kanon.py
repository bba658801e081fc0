"""k-anonymity groups over what was exported before plus the new bundle."""

from __future__ import annotations

from testimonio.exchange.kanon import QuasiRecord, small_groups, suppressed


def rec(eid: str, age: str | None, gender: str | None, form: str = "f") -> QuasiRecord:
    return QuasiRecord.of(eid, form, {"age": age, "gender": gender})


def test_small_group_listed_only_when_bundle_touches_it() -> None:
    previous = [rec(f"p{i}", "30-39", "f") for i in range(4)] + [rec("old", "60-69", "m")]
    bundle = [rec("n1", "30-39", "f"), rec("n2", "20-29", "m")]
    groups = small_groups(previous, bundle, k=5)
    assert [(g.values, g.size, g.in_bundle) for g in groups] == [
        ({"age": "20-29", "gender": "m"}, 1, ("n2",)),
    ]
    assert "age=20-29" in groups[0].describe()


def test_k_is_a_setting_and_forms_are_apart() -> None:
    bundle = [rec("a", "30-39", "f"), rec("b", "30-39", "f"), rec("c", "30-39", "f", form="g")]
    assert small_groups([], bundle, k=2) == [small_groups([], bundle, k=2)[0]]
    assert small_groups([], bundle, k=2)[0].form_id == "g"
    assert small_groups([], bundle, k=1) == []


def test_new_revision_replaces_the_old_record() -> None:
    previous = [rec("a", "30-39", "f")] + [rec(f"p{i}", "40-49", "f") for i in range(4)]
    # "a" moves into the 40-49 group: its old key no longer counts.
    assert small_groups(previous, [rec("a", "40-49", "f")], k=5) == []


def test_blank_records_are_not_grouped() -> None:
    assert small_groups([], [suppressed(rec("a", "30-39", "f")), rec("b", None, None)], k=5) == []
    assert rec("a", None, "f").blank is False


def test_groups_with_blank_values_sort() -> None:
    bundle = [rec("a", None, "f"), rec("b", "30-39", None), rec("c", "30-39", "f")]
    assert [g.size for g in small_groups([], bundle, k=5)] == [1, 1, 1]


def test_one_more_step_is_idempotent_and_groups_coarse_records_with_fine_ones() -> None:
    from testimonio.exchange.kanon import coarser

    assert coarser("30-39", 10) == "20-39" and coarser("20-39", 10) == "20-39"
    assert coarser("2019-11", 10) == "2019" and coarser("2019", 10) == "2019"
    assert coarser("female", 10) == "female" and coarser(None, 10) is None
    fine = [QuasiRecord.of(f"p{i}", "f", {"age": "30-39"}) for i in range(3)]
    odd = QuasiRecord.of("new", "f", {"age": "20-29"})
    assert small_groups(fine, [odd], k=4)  # control: alone in its band
    assert small_groups(fine, [odd], k=4, coarsened={"new"}, widths={"f": {"age": 10}}) == []
