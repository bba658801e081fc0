"""The team's screens for ``make screenshots``: Team menu dialogs and the lead's views.

Builds a throw-away lead and researcher (cheap key derivation) with the
border questionnaire, joins them, imports a bundle of invented interviews
and a shared folder, then renders: the Team menu open, create a team, join a
team (the fingerprint's words), my key, add a researcher, import of a
folder, the report dialog, the data view, the summary with its filters and
the researchers view; then, as the researcher after a team update and a
receipt, the retention schedule and the settings with the lead's k.
Called by :mod:`testimonio.gui.screenshots`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

PASSPHRASE = "sample passphrase for screenshots"
ALIASES = ("Rosa", "Miguel", "Yuleisi", "Carlos", "Daniela", "José", "Andreína", "Luis")


def _world(tmp: Path) -> tuple[Any, Any, Path, Path, Path]:
    from testimonio.gui.context import AppContext
    from testimonio.paths import shipped_forms_dir
    from testimonio.vault.kdf import KdfParams

    lead = AppContext(tmp / "lead", kdf=KdfParams.FAST)
    lead.create(PASSPHRASE)
    form = lead.questionnaires.install(shipped_forms_dir() / "border_testimony.xlsx")
    for site in ("CEBAF Tumbes", "Huaquillas"):
        lead.interviews.add_site(site)
    team_file, key_file = tmp / "estudio.tteam", tmp / "ana.tkey"
    lead.team.create("Frontera 2026", team_file)
    researcher = AppContext(tmp / "researcher", kdf=KdfParams.FAST)
    researcher.create(PASSPHRASE)
    researcher.team.join(researcher.team.read_team_file(team_file))
    researcher.keys.export_public(key_file, "Ana Quispe")
    lead.team.add_researcher(lead.team.read_public_key_file(key_file))
    # Few made-up interviews: k is lowered below what a lead may set (pictures only).
    researcher.settings_store.set("team.k", "1")
    researcher.settings_store.set("pref.k_anonymity", "1")
    service = researcher.interviews
    for n, alias in enumerate(ALIASES):
        iid = service.start(form.form_id, form.version, ("CEBAF Tumbes", "Huaquillas")[n % 2],
                            "Ana Quispe", "es")
        answers = {"consent": "yes", "person/alias": alias, "person/gender": ("female", "male")[n % 2],
                   "person/age": 20 + 3 * n, "travel/travels_with_others": "no",
                   "leaving/reasons": ["food"], "leaving/account": "Relato que no sale",
                   "route/destination": "peru", "documents/documents_held": ["passport"],
                   "entry/entry_result": ("refused", "allowed")[n % 3 == 0],
                   "entry/refusal_reasons": ["no_visa"],
                   "exceptions/exception_criteria": ["none"], "asylum/asylum_claimed": "no",
                   "family/has_family_abroad": "no"}
        for path, value in answers.items():
            service.set_answer(iid, path, value, "Ana Quispe")
        service.complete(iid, "Ana Quispe")
    shared = tmp / "compartida"
    shared.mkdir()
    researcher.export.write(tmp / "paquete-1.tbundle", suppress_small_groups=True)
    lead.import_.import_file(tmp / "paquete-1.tbundle")
    (shared / "notas.txt").write_text("no es un paquete")
    researcher.lock()
    return lead, researcher, team_file, key_file, shared


def render_team(out: Path, save: Callable[[Any, str], None], pump: Callable[[], None],
                tmp: Path) -> None:
    """Render the team's screens into ``out`` through ``save(widget, name)``."""
    from testimonio.gui.dialog_size import FRAME_MARGIN, available_area
    from testimonio.gui.main_window import MainWindow
    from testimonio.gui.views.import_dialog import ImportDialog
    from testimonio.gui.views.report_dialog import ReportDialog
    from testimonio.gui.views.researchers_view import AddResearcherDialog
    from testimonio.gui.views.team_dialog import TeamDialog

    lead, researcher, team_file, key_file, shared = _world(tmp)
    window = MainWindow(lead)
    area = available_area(window)
    window.resize(area.width() - FRAME_MARGIN.width(), area.height() - FRAME_MARGIN.height())
    window.show()
    pump()

    def dialog_shot(dialog: Any, name: str, prepare: Callable[[Any], None] | None = None) -> None:
        dialog.show()
        if prepare is not None:
            prepare(dialog)
        save(dialog, name)
        dialog.hide()
        dialog.deleteLater()

    def created(d: Any) -> None:
        d.study_edit.setText("Frontera 2026")
        d.team_out_edit.setText(str(tmp / "otra.tteam"))
        d.create_team()

    dialog_shot(TeamDialog(lead, window, TeamDialog.CREATE, single=True), "20-team-create.png", created)

    def opened(d: Any) -> None:
        d.team_file_edit.setText(str(team_file))
        d.open_team_file()

    researcher.unlock(PASSPHRASE)
    dialog_shot(TeamDialog(researcher, window, TeamDialog.JOIN, single=True), "21-team-join.png", opened)
    dialog_shot(TeamDialog(researcher, window, TeamDialog.MY_KEY, single=True), "22-team-my-key.png")
    researcher.lock()

    def key_opened(d: Any) -> None:
        d.file_edit.setText(str(key_file))
        d.open_file()

    dialog_shot(AddResearcherDialog(lead, window), "23-add-researcher.png", key_opened)

    def folder(d: Any) -> None:
        d.import_folder(shared)
        while d.job is not None and not d.job.is_done():
            pump()
        pump()

    dialog_shot(ImportDialog(lead, window), "24-import-folder.png", folder)
    dialog_shot(ReportDialog(lead, window), "25-report.png")
    window.team_menu.update_actions()
    window.team_menu.menu.popup(window.mapToGlobal(window.rect().topLeft()))
    pump()
    save(window.team_menu.menu, "26-team-menu.png")
    window.team_menu.menu.close()
    for name, view in (("27-data-view.png", "data"), ("28-summary.png", "summary"),
                       ("29-researchers.png", "researchers")):
        window.show_view(view)
        pump()
        save(window, name)
        if view == "data":  # the free text not released: "withheld", apart from empty cells
            data: Any = window.views["data"]
            names = [c.name for c in data.columns]
            if "leaving/account" in names:
                data.table.scrollTo(data.model.index(0, names.index("leaving/account")))
                pump()
                save(window, "27-data-view-withheld.png")
    window.show_list()
    save(window, "30-lead-interview-list.png")
    _researcher_shots(lead, researcher, tmp, save, pump, dialog_shot)
    window.close()
    lead.lock()


def _researcher_shots(lead: Any, researcher: Any, tmp: Path, save: Callable[[Any, str], None],
                      pump: Callable[[], None], dialog_shot: Callable[..., None]) -> None:
    """The researcher's side of the lead's answers: retention, and k set by the lead."""
    from testimonio.exchange.teamupdate import Retention
    from testimonio.gui.dialog_size import FRAME_MARGIN, available_area
    from testimonio.gui.dialogs.settings_dialog import SettingsDialog
    from testimonio.gui.main_window import MainWindow
    from testimonio.gui.views.retention_dialog import RetentionDialog

    lead.team_admin.set_retention(Retention("identifiers", 30))
    lead.team_admin.publish(tmp / "update-1.tupdate")
    lead.receipts.write(lead.team.roster()[0].fingerprint, tmp / "acuse.treceipt")
    researcher.unlock(PASSPHRASE)
    admin = researcher.team_admin
    admin.apply_update(admin.read_update(tmp / "update-1.tupdate"))
    researcher.receipts.import_file(tmp / "acuse.treceipt")
    window = MainWindow(researcher)
    area = available_area(window)
    window.resize(area.width() - FRAME_MARGIN.width(), area.height() - FRAME_MARGIN.height())
    window.show()
    pump()
    dialog_shot(RetentionDialog(researcher, window.team_menu.answers.runner, window),
                "31-retention.png")
    # The lead's k as a researcher sees it in Settings (the world lowered it for
    # its few made-up interviews; the picture shows the lead's usual 5).
    researcher.settings_store.set("team.k", "5")
    researcher.settings_store.delete("pref.k_anonymity")
    dialog_shot(SettingsDialog(researcher.preferences, window), "11b-settings-team-k.png")
    _export_shots(researcher, window, save, pump)
    window.close()
    researcher.lock()


def _export_shots(researcher: Any, window: Any, save: Callable[[Any, str], None],
                  pump: Callable[[], None]) -> None:
    """The export sent again with the lead's k of 5: its small groups, then the preview."""
    from testimonio.gui.views.export_dialog import ExportDialog

    dialog = ExportDialog(researcher, window)
    dialog.show()
    dialog.all_box.setChecked(True)

    def reach(step: int) -> None:
        dialog.go_next()
        while dialog.current_step() != step or (dialog.job is not None and not dialog.job.is_done()):
            pump()
        pump()

    reach(dialog.REVIEW)
    dialog._keep_all()
    reach(dialog.PRIVACY)
    save(dialog, "14b-export-small-groups.png")
    reach(dialog.PREVIEW)
    save(dialog, "14c-export-preview.png")
    dialog.reject()
    dialog.deleteLater()
