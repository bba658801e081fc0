"""No cell of fewer than k testimonies can be read off the summary, directly or
as the difference of figures shown beside it (secondary suppression)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from testimonio.services.summary import (
    AT_LEAST,
    FEWER,
    NESTED,
    NOT_SHOWN,
    Count,
    Distribution,
    Summary,
    fewer_than_k,
    share_base,
)


def _known(shown: dict[str, int], whole: str, part: str, inside: str, outside: str) -> dict[str, int]:
    """Every cell worked out from the shown ones: testimonies = whole + outside, whole = part + inside."""
    known = dict(shown)
    relations = (("testimonies", whole, outside), (whole, part, inside))
    changed = True
    while changed:
        changed = False
        for total, a, b in relations:
            if total in known and a in known and b not in known:
                known[b] = known[total] - known[a]
            elif total in known and b in known and a not in known:
                known[a] = known[total] - known[b]
            elif a in known and b in known and total not in known:
                known[total] = known[a] + known[b]
            else:
                continue
            changed = True
    return known


@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(2, 6))
def test_no_small_cell_is_shown_or_worked_out(a: int, b: int, c: int, k: int) -> None:
    p, w, t = sorted((a, b, c))
    true = Summary(testimonies=t, visa_held=w, visa_held_refused=p)
    masked = fewer_than_k(true, k)
    whole, part, inside, outside = NESTED[0]
    exact = {"testimonies": t, whole: w, part: p, inside: w - p, outside: t - w}
    shown = {}
    for name, value in exact.items():
        count, status = masked.cell(name)
        if status == "":
            assert count == value  # what is shown is true
            shown[name] = count
        elif status == FEWER:
            assert 0 < value < k  # "fewer than k" is true
        elif status == AT_LEAST:
            assert value >= k  # "at least k" is true
        else:
            assert status == NOT_SHOWN
    known = _known(shown, whole, part, inside, outside)
    for name, value in known.items():
        assert value == exact[name]
        assert not 0 < value < k, (name, exact, shown)


def test_the_difference_of_two_figures_shown_is_never_a_small_cell() -> None:
    # 20 testimonies, 7 with a visa, 5 of those refused: the 2 not refused are a
    # cell of fewer than 5, so the 5 refused are not shown ("at least 5").
    s = fewer_than_k(Summary(testimonies=20, visa_held=7, visa_held_refused=5), 5)
    assert s.cell("visa_held") == (7, "") and s.cell("visa_held_refused") == (0, AT_LEAST)
    assert s.cell("visa_not_refused") == (0, FEWER) and s.cell("visa_none") == (13, "")
    # 20 testimonies, 17 with a visa: the 3 without are a small cell, the 17 hidden.
    s = fewer_than_k(Summary(testimonies=20, visa_held=17, visa_held_refused=10), 5)
    assert s.cell("visa_held") == (0, AT_LEAST) and s.cell("visa_none") == (0, FEWER)
    assert s.cell("visa_held_refused") == (10, "") and s.cell("visa_not_refused") == (0, NOT_SHOWN)
    # Nothing small: everything shown, exactly.
    s = fewer_than_k(Summary(testimonies=20, visa_held=10, visa_held_refused=5), 5)
    assert [s.cell(n) for n in ("visa_held", "visa_held_refused", "visa_not_refused", "visa_none")] == \
        [(10, ""), (5, ""), (5, ""), (10, "")]


def test_one_small_group_of_a_family_takes_another_with_it() -> None:
    by_site = (Distribution("Tumbes", (1.0, 2.0)), Distribution("CEBAF", tuple(map(float, range(9)))),
               Distribution("Aguas Verdes", tuple(map(float, range(6)))))
    s = fewer_than_k(Summary(testimonies=17, days_waited_by_site=by_site), 5)
    tumbes, cebaf, aguas = s.days_waited_by_site
    assert tumbes.fewer and not tumbes.values
    assert aguas.hidden and not aguas.fewer and not aguas.values  # the smaller of the rest
    assert cebaf.values == by_site[1].values
    # Two small groups already hide each other's size: nothing more is hidden.
    two = (*by_site, Distribution("Huaquillas", (4.0,)))
    assert [d.hidden for d in fewer_than_k(Summary(days_waited_by_site=two), 5).days_waited_by_site] == \
        [False, False, False, False]


def test_shares_are_not_given_beside_a_hidden_count() -> None:
    counts = (Count("rejected", "Rejected", 10), Count("granted", "Granted", 0, True))
    assert share_base(counts, 12) is None
    assert share_base(counts[:1], 12) == 12


@given(st.lists(st.lists(st.integers(0, 12), min_size=2, max_size=3), min_size=2, max_size=4),
       st.integers(2, 6))
def test_no_small_group_of_days_waited_can_be_worked_out(sizes: list[list[int]], k: int) -> None:
    """Days waited by site, by gender, and by both: from the sizes shown (n=) and what
    adds up (a site's groups make the site, and so on), no small group follows."""
    genders = [f"g{j}" for j in range(len(sizes[0]))]
    sites = [f"s{i}" for i in range(len(sizes))]
    cells = {(s, g): sizes[i][j] if j < len(sizes[i]) else 0 for i, s in enumerate(sites)
             for j, g in enumerate(genders)}
    site_n = {s: sum(cells[s, g] for g in genders) for s in sites}
    gender_n = {g: sum(cells[s, g] for s in sites) for g in genders}

    def dist(name: str, n: int) -> Distribution:
        return Distribution(name, tuple(float(v) for v in range(n)))

    figures = Summary(
        days_waited_by_site=tuple(dist(s, n) for s, n in site_n.items() if n),
        days_waited_by_gender=tuple(dist(g, n) for g, n in gender_n.items() if n),
        days_waited_by_site_gender=tuple(dist(f"{s} · {g}", n) for (s, g), n in cells.items() if n))
    masked = fewer_than_k(figures, k)
    # The total of the groups follows from the testimonies less the blanks: known, unless small.
    total = sum(site_n.values())
    known: dict[str, int] = {"all": total} if total >= k else {}
    for d in (*masked.days_waited_by_site, *masked.days_waited_by_gender, *masked.days_waited_by_site_gender):
        if d.values:
            assert len(d.values) >= k  # what is shown is never small
            known[d.group] = len(d.values)
    # What adds up: each site and each gender is the sum of its (existing) groups,
    # and all the sites make as many as all the genders.
    exists = [f"{s} · {g}" for (s, g), n in cells.items() if n]
    sums = [(s, [c for c in exists if c.startswith(f"{s} · ")]) for s in sites if site_n[s]]
    sums += [(g, [c for c in exists if c.endswith(f" · {g}")]) for g in genders if gender_n[g]]
    sums += [("all", [s for s in sites if site_n[s]]), ("all", [g for g in genders if gender_n[g]])]
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            unknown = [x for x in parts if x not in known]
            if total in known and len(unknown) == 1:
                known[unknown[0]] = known[total] - sum(known[x] for x in parts if x in known)
            elif total not in known and not unknown:
                known[total] = sum(known[x] for x in parts)
            else:
                continue
            changed = True
    true = {**{f"{s} · {g}": n for (s, g), n in cells.items()}, **site_n, **gender_n}
    for name, n in known.items():
        if name != "all":
            assert n == true[name]
            assert not 0 < n < k, (name, sizes, k, known)


def test_a_site_with_one_small_group_hides_another_of_its_groups() -> None:
    sites = (Distribution("Tumbes", tuple(map(float, range(14)))),
             Distribution("CEBAF", tuple(map(float, range(20)))))
    genders = (Distribution("Woman", tuple(map(float, range(17)))),
               Distribution("Man", tuple(map(float, range(17)))))
    both = (Distribution("Tumbes · Woman", tuple(map(float, range(3)))),
            Distribution("Tumbes · Man", tuple(map(float, range(11)))),
            Distribution("CEBAF · Woman", tuple(map(float, range(14)))),
            Distribution("CEBAF · Man", tuple(map(float, range(6)))))
    s = fewer_than_k(Summary(days_waited_by_site=sites, days_waited_by_gender=genders,
                             days_waited_by_site_gender=both), 5)
    shown = {d.group: (len(d.values), d.fewer, d.hidden) for d in s.days_waited_by_site_gender}
    # Tumbes · Woman is small; Tumbes (14) and Woman (17) are shown: with them, so would
    # be Tumbes · Man and CEBAF · Woman, and then CEBAF · Man: all four go.
    assert shown == {"Tumbes · Woman": (0, True, False), "Tumbes · Man": (0, False, True),
                     "CEBAF · Woman": (0, False, True), "CEBAF · Man": (0, False, True)}
