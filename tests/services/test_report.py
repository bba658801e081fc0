"""Reports on the lead's side; canaries never reach the bundle, the vault or a report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from exchange_world import (
    CANARY_DOC,
    CANARY_NAME,
    CANARY_PHONE,
    CANARY_STORY,
    SAFE_QUOTE_PREFIX,
    P,
    border_answers,
    team_of,
)
from openpyxl import load_workbook

from smallk import lower_k
from testimonio.exchange.bundle import open_bundle
from testimonio.services.keys import KeyService
from testimonio.services.report import ReportService
from testimonio.services.settings import SettingsService

CANARIES = (CANARY_NAME, CANARY_DOC, CANARY_PHONE, CANARY_STORY)


def test_canaries_nowhere_after_export_import_and_report(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    lower_k(SettingsService(r.vault), 2)
    ids = [r.add(border_answers(i, visa=i == 0)) for i in range(3)]
    r.export.review(ids[0], "quotes[1]/quote_text", True)  # this quote may leave
    r.export.write(tmp_path / "b.tmb")

    roster = {k: v[0] for k, v in lead.import_.roster().items()}
    with open_bundle(tmp_path / "b.tmb", recipient=KeyService(lead.vault).ensure(),
                     known_signers=roster) as opened:
        bundle_text = json.dumps(list(opened.records()), ensure_ascii=False)
    lead.import_.import_file(tmp_path / "b.tmb")
    report = ReportService(lead.vault)
    csv_files = report.write_csv(tmp_path / "csv", lang="en")
    report.write_xlsx(tmp_path / "r.xlsx", lang="es")
    csv_text = "\n".join(f.read_text(encoding="utf-8") for f in csv_files)
    wb = load_workbook(tmp_path / "r.xlsx")
    xlsx_text = "\n".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row)
    vault_text = lead.database_text()
    for where in (bundle_text, vault_text, csv_text, xlsx_text):
        assert not [c for c in CANARIES if c in where]
        assert "Alias0" in where and f"{SAFE_QUOTE_PREFIX} 0" in where  # safe and reviewed
        assert f"{SAFE_QUOTE_PREFIX} 1" not in where  # not reviewed
    raw = b"".join(p.read_bytes() for p in lead.dir.iterdir() if p.is_file())
    assert b"Alias0" not in raw and CANARY_NAME.encode() not in raw  # encrypted at rest

    with open(tmp_path / "csv" / "border_testimony.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3 and {row["_submitted_by"] for row in rows} == {"Researcher 1"}
    assert all(len(row["_uuid"]) == 32 for row in rows)
    assert P["real_name"] not in rows[0]  # identifiers get no column at all
    figures = report.summary("en")  # k = 5: every cell here is smaller
    assert (figures.testimonies, figures.visa_held, figures.visa_held_refused) == (0, 0, 0)
    # ... and the charts' cells: the 2 of 3 without a visa, the 3 who met no exception.
    assert figures.masked == {"testimonies", "visa_held", "visa_held_refused", "asylum_claims",
                              "visa_none", "exception_none"}
    assert figures.days_waited_by_site[0].fewer and figures.days_waited_by_site[0].values == ()
    SettingsService(lead.vault).set("pref.small_counts", "exact")  # internal use
    figures = report.summary("en")
    assert figures.k == 0
    assert (figures.testimonies, figures.visa_held, figures.visa_held_refused) == (3, 1, 1)
    # days_waited reads quasi dates: it arrives as a band (40 -> "40-49"), drawn at its middle.
    assert figures.days_waited_by_site and figures.days_waited_by_site[0].values == (44.5, 44.5, 44.5)


def test_the_leads_own_interviews_are_pseudonymised_in_reports(tmp_path: Path) -> None:
    lead, _ = team_of(tmp_path, researchers=0)
    lead.add(border_answers(5))
    files = ReportService(lead.vault).write_csv(tmp_path / "csv")
    text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    assert "Alias5" in text and not [c for c in CANARIES if c in text]
    # One interview is a group of fewer than k: the k-check blanks its quasi-identifiers.
    assert "30-39" not in text and ",34," not in text and "2019-10" not in text
    SettingsService(lead.vault).set("pref.small_counts", "exact")  # control: internal use
    files = ReportService(lead.vault).write_csv(tmp_path / "csv2")
    text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    assert "30-39" in text and ",34," not in text
    assert any(f.name == "INTERNAL_USE_exact_counts.csv" for f in files)  # the files say so
