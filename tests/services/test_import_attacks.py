"""Attachments, crafted bundles, limits, cancel and fuzzing: the lead's vault stays as it was."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from exchange_world import Side, border_answers, photo_form, team_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallk import lower_k
from testimonio import errors
from testimonio.exchange.bundle import AttachmentSource, write_bundle
from testimonio.exchange.manifest import Limits
from testimonio.services import import_merge
from testimonio.services._progress import Cancelled
from testimonio.services.import_ import ImportService
from testimonio.services.import_merge import BundleInvalid
from testimonio.services.keys import KeyService
from testimonio.services.settings import SettingsService

GPS = b"GPS-CANARY-3.5S-80.4W"


def _jpeg_with_exif() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor(10, 120, 30))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "JPEG")
    jpeg = bytes(data.data())
    exif = b"Exif\x00\x00" + GPS
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + jpeg[2:]


def _state(side: Side) -> str:
    with side.vault.read() as db:
        return "\n".join(repr(r) for t in ("interviews", "answers", "attachments", "imported_origin",
                                           "import_log")
                         for r in db.execute(f"SELECT * FROM {t} ORDER BY 1"))


def test_attachments_leave_clean_only_when_ticked(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path, forms=(photo_form(tmp_path / "photos.xlsx"),))
    lower_k(SettingsService(r.vault), 2)
    svc = r.interviews
    iid = svc.start("photos", "1", "CEBAF Peru", r.name, "es")
    svc.set_answer(iid, "alias", "Luz", r.name)
    svc.set_answer(iid, "full_name", "CANARYNAME", r.name)
    place = svc.add_attachment(iid, "place", _jpeg_with_exif(), "image/jpeg")
    card = svc.add_attachment(iid, "id_card", _jpeg_with_exif(), "image/jpeg")
    svc.set_answer(iid, "place", place, r.name)
    svc.set_answer(iid, "id_card", card, r.name)
    svc.set_attachment_export(place, True)
    svc.set_attachment_export(card, True)  # ticked, but an identifier: stays
    svc.complete(iid, r.name)
    pdf_id = svc.start("photos", "1", "CEBAF Peru", r.name, "es")
    pdf = svc.add_attachment(pdf_id, "place", b"%PDF-1.7 CANARYPDF", "application/pdf")
    svc.set_answer(pdf_id, "place", pdf, r.name)
    svc.set_attachment_export(pdf, True)
    svc.complete(pdf_id, r.name)

    plan = r.export.plan()
    assert len(plan.left_out) == 1 and "application/pdf" in plan.left_out[0]
    r.export.write(tmp_path / "p.tmb", accept_risk=True)
    lead.import_.import_file(tmp_path / "p.tmb")
    with lead.vault.read() as db:
        rows = db.execute("SELECT id, question_path, mime, data FROM attachments").fetchall()
        answer = db.execute("SELECT value FROM answers WHERE path = 'place'").fetchall()
    assert len(rows) == 1 and rows[0][1] == "place" and rows[0][2] == "image/jpeg"
    assert GPS not in bytes(rows[0][3]) and bytes(rows[0][3]).startswith(b"\xff\xd8")
    assert [json.loads(a[0]) for a in answer] == [rows[0][0]]
    assert "CANARY" not in lead.database_text()


# --- crafted bundles -----------------------------------------------------------


def _craft(path: Path, signer: Any, lead: Side, records: list[dict[str, Any]],
           attachments: dict[str, bytes] | None = None, sequence: int = 1) -> None:
    """A bundle written by the real writer from hand-made records (what a broken or
    hostile program could send)."""
    sources = [AttachmentSource(name, "image/png", len(data), data)
               for name, data in (attachments or {}).items()]
    write_bundle(path, sender=signer, recipient=KeyService(lead.vault).public(), sequence=sequence,
                 records=records, attachments=sources)


def _good_record(r: Side, tmp_path: Path) -> dict[str, Any]:
    lower_k(SettingsService(r.vault), 2)
    r.add(border_answers(1))
    return dict(r.export.plan().records[0].record)


def test_crafted_records_are_refused_whole(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    good = _good_record(r, tmp_path)
    keys = KeyService(r.vault).ensure()
    before = _state(lead)
    evil_name = dict(good, export_id="cd" * 16,
                     attachments=[{"name": "../../x", "path": "p", "mime": "image/png", "size": 1,
                                   "sha256": ""}])
    with_identifier = dict(good, export_id="ef" * 16,
                           answers={**good["answers"], "person/real_name": "Someone"})
    for n, bad in enumerate((evil_name, with_identifier)):
        _craft(tmp_path / f"x{n}.tmb", keys, lead, [good, bad])
        with pytest.raises(errors.BundleError) as caught:
            lead.import_.import_file(tmp_path / f"x{n}.tmb")
        assert caught.value.exit_code == 3
    assert _state(lead) == before
    # "../../x" resolved against any folder the import could have used: none holds it.
    for base in (tmp_path, lead.vault.path, Path.cwd()):
        assert not (base / "../../x").resolve().exists(), base


def test_manifest_naming_another_researcher_is_refused(tmp_path: Path) -> None:
    lead, (r, other) = team_of(tmp_path, researchers=2)
    good = _good_record(r, tmp_path)
    mine, theirs = KeyService(r.vault).ensure(), KeyService(other.vault).ensure()
    # Signed by r (trailer key id and signature), manifest saying "other".
    liar = SimpleNamespace(public=SimpleNamespace(key_id=theirs.public.key_id,
                                                   key_id_bytes=mine.public.key_id_bytes),
                           sign=mine.sign)
    before = _state(lead)
    _craft(tmp_path / "liar.tmb", liar, lead, [good])
    with pytest.raises(errors.BadSignature):
        lead.import_.import_file(tmp_path / "liar.tmb")
    assert _state(lead) == before


def test_records_past_the_limit_are_refused(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    good = _good_record(r, tmp_path)
    bomb = dict(good, answers={**good["answers"], "person/alias": "A" * 90_000})
    _craft(tmp_path / "big.tmb", KeyService(r.vault).ensure(), lead, [bomb])
    before = _state(lead)
    with pytest.raises(errors.BundleDamaged):
        ImportService(lead.vault, Limits(max_records_bytes=50_000)).import_file(tmp_path / "big.tmb")
    assert _state(lead) == before


def test_cancelled_import_leaves_nothing(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    lower_k(SettingsService(r.vault), 2)
    for i in range(3):
        r.add(border_answers(i))
    r.export.write(tmp_path / "c.tmb")
    before = _state(lead)
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        lead.import_.import_file(tmp_path / "c.tmb", cancelled=cancelled)
    assert _state(lead) == before
    assert lead.import_.import_file(tmp_path / "c.tmb").added == 3


@pytest.mark.slow
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_fuzzed_bundles_only_raise_our_errors(tmp_path_factory: pytest.TempPathFactory,
                                               data: st.DataObject) -> None:
    world = _fuzz_world(tmp_path_factory)
    lead, original = world["lead"], world["bundle"]
    kind = data.draw(st.sampled_from(["flip", "cut", "insert", "chunk"]))
    raw = bytearray(original)
    pos = data.draw(st.integers(0, len(raw) - 1))
    if kind == "flip":
        raw[pos] ^= data.draw(st.integers(1, 255))
    elif kind == "cut":
        del raw[pos:]
    elif kind == "insert":
        raw[pos:pos] = data.draw(st.binary(min_size=1, max_size=40))
    else:
        raw = raw[:64] + bytes(data.draw(st.binary(min_size=0, max_size=300)))
    bad = world["dir"] / "fuzz.tmb"
    bad.write_bytes(bytes(raw))
    with pytest.raises(errors.TestimonioError):
        lead.import_.import_file(bad)
    assert _state(lead) == world["state"]


_FUZZ: dict[str, Any] = {}


def _fuzz_world(factory: pytest.TempPathFactory) -> dict[str, Any]:
    # Built once per test process: hypothesis runs the body many times.
    if not _FUZZ:
        tmp = factory.mktemp("fuzz")
        lead, (r,) = team_of(tmp)
        lower_k(SettingsService(r.vault), 2)
        r.add(border_answers(1))
        r.add(border_answers(2))
        path = r.export.write(tmp / "good.tmb").path
        _FUZZ.update(lead=lead, bundle=path.read_bytes(), dir=tmp, state=_state(lead))
    return _FUZZ


@pytest.mark.parametrize("apart", [1, import_merge._BATCH + 20])
def test_the_same_interview_twice_in_a_bundle_is_refused_across_batches(
        tmp_path: Path, apart: int) -> None:
    """Records are merged in batches (services/import_merge._BATCH): a second copy of an
    interview is found whether it lies in its first copy's batch or a later one."""
    lead, (r,) = team_of(tmp_path)
    good = _good_record(r, tmp_path)
    keys = KeyService(r.vault).ensure()
    filler = [dict(good, export_id=f"{n:032x}") for n in range(1, apart)]
    records = [good, *filler, dict(good, revision=good["revision"] + 1)]
    before = _state(lead)
    _craft(tmp_path / "twice.tmb", keys, lead, records)
    with pytest.raises(BundleInvalid, match="the same interview twice"):
        lead.import_.import_file(tmp_path / "twice.tmb")
    assert _state(lead) == before


@pytest.mark.parametrize("batch_bytes", [import_merge._BATCH_BYTES, 1])
def test_newer_and_older_revisions_merge_alike_in_one_batch_or_many(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_bytes: int) -> None:
    """A later bundle replaces the revisions it raises and ignores those it does not, the
    same at either end of a batch of records, and with batches cut short by the bytes
    their answers hold (1: every record on its own)."""
    monkeypatch.setattr(import_merge, "_BATCH_BYTES", batch_bytes)
    lead, (r,) = team_of(tmp_path)
    good = _good_record(r, tmp_path)
    keys = KeyService(r.vault).ensure()
    n = import_merge._BATCH + 100
    first = [dict(good, export_id=f"{k:032x}", revision=2) for k in range(1, n + 1)]
    _craft(tmp_path / "first.tmb", keys, lead, first)
    done = lead.import_.import_file(tmp_path / "first.tmb")
    assert (done.added, done.replaced, done.ignored) == (n, 0, 0)
    second = [dict(rec, revision=3 if k % 3 == 0 else 2 - k % 2) for k, rec in enumerate(first)]
    _craft(tmp_path / "second.tmb", keys, lead, second, sequence=2)
    done = lead.import_.import_file(tmp_path / "second.tmb")
    raised = sum(1 for rec in second if rec["revision"] == 3)
    assert (done.added, done.replaced, done.ignored) == (0, raised, n - raised)
    with lead.vault.read() as db:
        revisions = dict(db.execute("SELECT export_id, revision FROM imported_origin"))
        assert db.execute("SELECT count(*) FROM interviews").fetchone()[0] == n
        # The import runs without SQLite's reference checks (vault.transaction): it
        # deleted every row of each replaced revision itself, and the checks are back on.
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert db.execute("SELECT count(*) FROM withheld_answers").fetchone()[0] == n * len(good["withheld"])
        assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == n * len(good["answers"])
    assert good["withheld"] and revisions == {rec["export_id"]: max(2, rec["revision"]) for rec in second}


def test_a_record_with_a_lone_surrogate_is_refused_with_a_sentence(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON may escape half of a surrogate pair ("\\ud800"), which no UTF-8 text holds:
    such a record is refused as unreadable, not a crash in the middle of the merge."""
    from testimonio.exchange import bundle

    lead, (r,) = team_of(tmp_path)
    good = _good_record(r, tmp_path)
    keys = KeyService(r.vault).ensure()
    before = _state(lead)
    bad = dict(good, export_id="cd" * 16, answers={**good["answers"], "leaving/account": "a\ud800b"},
               withheld={k: v for k, v in good.get("withheld", {}).items() if k != "leaving/account"})
    # Our writer refuses such a text; a hostile one writes it escaped.
    monkeypatch.setattr(bundle, "_RECORD_JSON", json.JSONEncoder(ensure_ascii=True).encode)
    _craft(tmp_path / "x.tmb", keys, lead, [good, bad])
    with pytest.raises(errors.BundleError) as caught:
        lead.import_.import_file(tmp_path / "x.tmb")
    assert caught.value.exit_code == 3 and "not valid Unicode" in str(caught.value)
    assert _state(lead) == before
    # A whole pair (an emoji written escaped) is text like any other.
    fine = dict(good, answers={**good["answers"], "leaving/account": "a\U0001F600b"},
                withheld=bad["withheld"])
    _craft(tmp_path / "y.tmb", keys, lead, [fine], sequence=2)
    assert lead.import_.import_file(tmp_path / "y.tmb").added == 1


def test_imported_answers_keep_the_json_texts_a_save_writes(tmp_path: Path) -> None:
    """The import writes a batch's answers through one JSON object that SQLite reads
    (repo_imports.add_interviews): each answer's stored text is the one a save writes."""
    from testimonio.vault.records import encode_value

    lead, (r,) = team_of(tmp_path)
    good = _good_record(r, tmp_path)
    keys = KeyService(r.vault).ensure()
    texts = ['Señora "Ñusta" dijo: \\ no', "emoji \U0001F600, \u2028 and \u00e9 composed e\u0301",
             "tab\tnew line\ncontrol \x01 and \x7f", "アイウ " * 700, "{\"not\": [\"json\"]}", " "]
    withheld = {k: v for k, v in good.get("withheld", {}).items() if k != "quotes[1]/quote_text"}
    records = [dict(good, export_id=f"{n:032x}", answers={**good["answers"], "quotes[1]/quote_text": text},
                    withheld=withheld) for n, text in enumerate(texts, 1)]
    _craft(tmp_path / "texts.tmb", keys, lead, records)
    assert lead.import_.import_file(tmp_path / "texts.tmb").added == len(texts)
    with lead.vault.read() as db:
        stored = {(str(e), str(p)): str(v) for e, p, v in db.execute(
            "SELECT o.export_id, a.path, a.value FROM answers a "
            "JOIN imported_origin o ON o.interview_id = a.interview_id")}
    expected = {(rec["export_id"], p): encode_value(v) for rec in records
                for p, v in rec["answers"].items()}
    assert stored == expected


def _counting_batches(monkeypatch: pytest.MonkeyPatch, fail_on: int, error: BaseException,
                      pause: float = 0.0) -> list[str]:
    """Batches of 2 records; the write of batch ``fail_on`` raises ``error`` on the writing
    thread (after ``pause`` seconds). Returns the names of the threads that wrote."""
    import threading
    import time

    monkeypatch.setattr(import_merge, "_BATCH", 2)
    real = import_merge.repo_imports.set_origins
    threads: list[str] = []

    def set_origins(*args: Any) -> None:
        threads.append(threading.current_thread().name)
        time.sleep(pause)
        if len(threads) == fail_on:
            raise error
        real(*args)

    monkeypatch.setattr(import_merge.repo_imports, "set_origins", set_origins)
    return threads


def test_a_write_that_fails_on_the_writing_thread_refuses_the_bundle_and_keeps_the_vault(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlcipher3

    lead, (r,) = team_of(tmp_path)
    good = _good_record(r, tmp_path)
    keys = KeyService(r.vault).ensure()
    _craft(tmp_path / "b.tmb", keys, lead, [dict(good, export_id=f"{n:032x}") for n in range(1, 8)])
    before = _state(lead)
    threads = _counting_batches(monkeypatch, 2, sqlcipher3.OperationalError("database or disk is full"))
    with pytest.raises(errors.VaultError):
        lead.import_.import_file(tmp_path / "b.tmb")
    assert _state(lead) == before
    assert threads and all(t.startswith("import-write") for t in threads)
    monkeypatch.undo()
    assert lead.import_.import_file(tmp_path / "b.tmb").added == 7


def test_an_error_here_while_a_batch_is_written_waits_for_it_then_rolls_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cancel (or any error) on the import's thread while the writing thread works:
    the write finishes first, then everything rolls back, and no thread is left."""
    import threading

    lead, (r,) = team_of(tmp_path)
    good = _good_record(r, tmp_path)
    keys = KeyService(r.vault).ensure()
    _craft(tmp_path / "c.tmb", keys, lead, [dict(good, export_id=f"{n:032x}") for n in range(1, 8)])
    before = _state(lead)
    threads = _counting_batches(monkeypatch, 0, RuntimeError("never"), pause=0.3)
    with pytest.raises(Cancelled):
        lead.import_.import_file(tmp_path / "c.tmb", cancelled=lambda: bool(threads))
    assert threads and all(t.startswith("import-write") for t in threads)
    assert not [t for t in threading.enumerate() if t.name.startswith("import-write")]
    assert _state(lead) == before


@pytest.mark.parametrize("value", [10**18, 10**400, -(10**30)])
def test_an_integer_answer_beyond_18_digits_is_refused(tmp_path: Path, value: int) -> None:
    """A typed integer has at most 18 digits (forms.state_values); JSON can say more,
    and SQLite keeps integers in 64 bits: such an answer refuses the bundle."""
    lead, (r,) = team_of(tmp_path)
    good = _good_record(r, tmp_path)
    keys = KeyService(r.vault).ensure()
    before = _state(lead)
    _craft(tmp_path / "big.tmb", keys, lead,
           [dict(good, answers={**good["answers"], "asylum/interview_minutes": value})])
    with pytest.raises(BundleInvalid, match="interview_minutes has a value of the wrong kind"):
        lead.import_.import_file(tmp_path / "big.tmb")
    assert _state(lead) == before


def test_a_decimal_answer_a_float_cannot_hold_is_refused_not_a_crash() -> None:
    from testimonio.forms.loader import load_questionnaire
    from testimonio.forms.model import Question
    from testimonio.paths import shipped_forms_dir
    from testimonio.services.import_validate import RecordChecker

    checker = RecordChecker(load_questionnaire(shipped_forms_dir() / "border_testimony.xlsx"))
    weight = Question(name="weight", path="weight", type="decimal")
    assert checker.value_ok(weight, 61, set())
    assert not checker.value_ok(weight, 10**400, set())
    assert not checker.value_ok(weight, float("inf"), set())
