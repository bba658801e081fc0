"""Import a shared folder: every new bundle once, non-bundles skipped with the reason."""

from __future__ import annotations

import shutil
from pathlib import Path

from exchange_world import border_answers, team_of

from smallk import lower_k
from testimonio.services.folder_import import IMPORTED, REFUSED, SKIPPED, FolderImporter
from testimonio.services.settings import SettingsService


def test_folder_twice_imports_once_and_lists_what_is_not_a_bundle(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    lower_k(SettingsService(r.vault), 1)
    shared = tmp_path / "synced"
    shared.mkdir()
    r.add(border_answers(1))
    r.export.write(shared / "one.tbundle")
    r.add(border_answers(2))
    r.export.write(shared / "renamed.bin")  # a bundle under any name is still a bundle
    shutil.copy(tmp_path / "team.tmt", shared / "team.tteam")
    (shared / "notes.txt").write_text("not a bundle")
    (shared / "cut.tbundle").write_bytes((shared / "one.tbundle").read_bytes()[:100])
    (shared / ".syncthing.x.tmp").write_bytes(b"half a file")  # hidden: passed over

    first = FolderImporter(lead.vault).run(shared)
    by_name = {i.path.name: i for i in first.items}
    assert by_name["one.tbundle"].outcome == IMPORTED
    assert by_name["renamed.bin"].outcome == IMPORTED
    assert (by_name["team.tteam"].outcome, by_name["team.tteam"].reason) == (SKIPPED, "team")
    assert (by_name["notes.txt"].outcome, by_name["notes.txt"].reason) == (SKIPPED, "other")
    assert (by_name["cut.tbundle"].outcome, by_name["cut.tbundle"].reason) == (SKIPPED, "short")
    assert ".syncthing.x.tmp" not in by_name
    assert first.known == 0 and first.exit_code == 0
    with lead.vault.read() as db:
        count = db.execute("SELECT count(*) FROM interviews").fetchone()[0]
        log_rows = db.execute("SELECT count(*) FROM import_log").fetchone()[0]
    assert count == 2

    second = FolderImporter(lead.vault).run(shared)
    assert second.known == 2
    assert all(i.outcome == SKIPPED for i in second.items)  # only the non-bundles again
    with lead.vault.read() as db:
        assert db.execute("SELECT count(*) FROM import_log").fetchone()[0] == log_rows  # no-op


def test_a_refused_bundle_is_listed_and_the_others_go_on(tmp_path: Path) -> None:
    lead, (r, stranger) = team_of(tmp_path, researchers=2)
    for side in (r, stranger):
        lower_k(SettingsService(side.vault), 1)
    # The stranger leaves the roster: their bundle is refused (exit 3).
    with lead.vault.transaction() as db:
        db.execute("DELETE FROM roster WHERE name = 'Researcher 2'")
    shared = tmp_path / "synced"
    shared.mkdir()
    r.add(border_answers(1))
    r.export.write(shared / "a.tbundle")
    stranger.add(border_answers(2))
    stranger.export.write(shared / "b.tbundle")
    done = FolderImporter(lead.vault).run(shared)
    outcomes = {i.path.name: i.outcome for i in done.items}
    assert outcomes == {"a.tbundle": IMPORTED, "b.tbundle": REFUSED}
    assert done.exit_code == 3
    # Refusals are tried again (the lead may add the researcher); imports are not.
    again = FolderImporter(lead.vault).run(shared)
    assert [(i.path.name, i.outcome) for i in again.items] == [("b.tbundle", REFUSED)]
    assert again.known == 1


def test_a_bundle_imported_from_a_file_counts_as_known_in_the_folder(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    lower_k(SettingsService(r.vault), 1)
    shared = tmp_path / "synced"
    shared.mkdir()
    r.add(border_answers(1))
    r.export.write(shared / "a.tbundle")
    assert lead.import_.import_file(shared / "a.tbundle").added == 1
    done = FolderImporter(lead.vault).run(shared)
    assert (done.items, done.known) == ((), 1)


def test_watch_imports_a_file_once_its_size_is_stable(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    lower_k(SettingsService(r.vault), 1)
    shared = tmp_path / "synced"
    shared.mkdir()
    r.add(border_answers(1))
    made = r.export.write(tmp_path / "made.tbundle").path
    data = Path(made).read_bytes()
    target = shared / "arriving.tbundle"
    looks: list[int] = []
    reported = []

    def tick(_seconds: float) -> None:
        # The sync tool writes the file in two halves, one between each look.
        looks.append(1)
        if len(looks) == 1:
            target.write_bytes(data[: len(data) // 2])
        elif len(looks) == 2:
            target.write_bytes(data)

    importer = FolderImporter(lead.vault)
    importer.watch(shared, reported.append, lambda: len(looks) >= 6, interval=0, sleep=tick)
    assert [(i.path.name, i.outcome) for i in reported] == [("arriving.tbundle", IMPORTED)]
    with lead.vault.read() as db:
        assert db.execute("SELECT count(*) FROM interviews").fetchone()[0] == 1


def test_a_bundle_whose_name_is_not_utf8_is_imported_and_logged(tmp_path: Path) -> None:
    """A stick or a synced folder written elsewhere may name a file in Latin-1: Python
    hands such a name over with lone surrogates, which the vault cannot store as text.
    The import goes through, and the log shows the odd byte as U+FFFD."""
    import os

    lead, (r,) = team_of(tmp_path)
    lower_k(SettingsService(r.vault), 1)
    shared = tmp_path / "synced"
    shared.mkdir()
    r.add(border_answers(1))
    odd = Path(os.fsdecode(os.fsencode(shared) + b"/caf\xe9.tbundle"))
    r.export.write(tmp_path / "b.tbundle")
    os.rename(tmp_path / "b.tbundle", odd)
    first = FolderImporter(lead.vault).run(shared)
    assert [i.outcome for i in first.items] == [IMPORTED]
    assert [e.file_name for e in lead.import_.log()] == ["caf\ufffd.tbundle"]
