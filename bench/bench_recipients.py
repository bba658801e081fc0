"""Export and import 10 000 interviews: format v1 (one X25519 recipient, as
before issue 12) and format v2 (lead + a backup recipient, MLKEM768-X25519),
both in the same run. Target (issue 12): v2 within 10 % of v1.

    .venv/bin/python bench/bench_recipients.py [--interviews N] [--rounds R]

One researcher vault, after one untimed export, is copied for every run, which
exports it all (``--all``) into a bundle imported into a fresh lead vault:
every timed export starts from the same vault with the same one earlier
bundle. Each round runs v1 and v2 back to back (the vaults' background
checkpoints settled first), the order alternating between rounds (an even
number, so each goes first as often), and gives one ratio
v2/v1 for export and one for import; the figures are the medians of those ratios (``FIGURE`` lines for
``make bench``), since the machine may be shared and a single run is noisy.
The median times of both formats are printed too. The wrap itself (header
and key wraps written, then unwrapped) is also timed on its own: it is the
only work v2 adds, once per bundle (the records, the STREAM body and the
signature are the same code for both formats).
"""

from __future__ import annotations

import argparse
import gc
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_export_import import _in_repeat, answers_for, fill, fresh_copy, generated_form  # noqa: E402
from figures import report  # noqa: E402
from testimonio.exchange import bundle_io, bundle_v2, keys  # noqa: E402
from testimonio.services.export import ExportService  # noqa: E402
from testimonio.services.import_ import ImportService  # noqa: E402
from testimonio.services.keys import KeyService  # noqa: E402
from testimonio.services.questionnaires import QuestionnaireService  # noqa: E402
from testimonio.services.team import Researcher, TeamService  # noqa: E402
from testimonio.services.team_admin import TeamAdminService  # noqa: E402
from testimonio.vault import KdfParams, Vault  # noqa: E402
from testimonio.vault.checkpoint import MAX_DELAY_S  # noqa: E402

RUN_COPY = "researcher-run"  # the researcher's folder each run exports from (one_run)


def lead_vault(tmp: Path, name: str, form: Path, researcher: Vault) -> Vault:
    lead, _ = Vault.create(tmp / name, "pw", kdf=KdfParams.FAST)
    QuestionnaireService(lead).install(form)
    TeamService(lead).create("bench", tmp / f"{name}.tmt")
    TeamService(lead).add_researcher(Researcher("bench", KeyService(researcher).public()))
    return lead


def run(researcher: Vault, lead: Vault, out: Path) -> tuple[float, float, float, float, int]:
    """Export then import: wall-clock and CPU seconds of each, and how many were added."""
    wall, cpu = time.perf_counter(), time.process_time()
    ExportService(researcher).write(out, all_=True, accept_risk=True)
    e_wall, e_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    imported = ImportService(lead).import_file(out)
    return (e_wall, time.perf_counter() - wall, e_cpu, time.process_time() - cpu,
            imported.added)


def wrap_cost(n: int = 200) -> tuple[float, float]:
    """Milliseconds per bundle to write and read the part before the body: v1, v2."""
    lead, backup = keys.generate(), keys.generate()
    v1_view = keys.PublicKeys(lead.public.signing, lead.public.encryption)
    out = []
    for fmt in ("v1", "v2"):
        start = time.perf_counter()
        for _ in range(n):
            buf = io.BytesIO()
            if fmt == "v1":
                bundle_io.seal_stream(buf, v1_view)
            else:
                bundle_v2.seal_stream(buf, [lead.public, backup.public])
            buf.seek(0)
            bundle_v2.unwrap_any(buf, lead)
        out.append((time.perf_counter() - start) / n * 1000)
    return out[0], out[1]


def settle() -> None:
    """Start each timed run from the same state: the setup's garbage collected and the
    vaults' background WAL checkpoints (at most MAX_DELAY_S after a write) done."""
    gc.collect()
    time.sleep(MAX_DELAY_S + 1.0)


def one_run(tmp: Path, form: Path, clean: Path, fmt: str, n: int,
            interviews: int) -> tuple[float, float, float, float]:
    """Export every interview in ``fmt`` to a fresh lead and import it: wall and CPU seconds.

    The researcher is a fresh copy of ``clean`` each time: every export then
    finds the same one earlier bundle (an export adds its interviews to the
    researcher's log of what was sent and to the quasi keys later exports
    compare with, so exporting from one vault over and over made each run
    do more than the one before).
    """
    researcher = fresh_copy(clean, tmp / RUN_COPY)
    lead = lead_vault(tmp, f"lead-{fmt}-{n}", form, researcher)
    lead_public = KeyService(lead).public()
    with researcher.transaction() as db:  # the researcher follows this lead
        db.execute("UPDATE team SET lead_public = ?, lead_key_id = ?, lead_kem = ?",
                   (lead_public.raw, lead_public.key_id,
                    lead_public.kem if fmt == "v2" else None))
        db.execute("DELETE FROM backup_recipients")
    if fmt == "v2":
        admin = TeamAdminService(lead)
        admin.add_recipient(admin.read_recipient_file(tmp / "backup.tkey"))
        admin.publish(tmp / f"u-{n}.tteam")
        with researcher.transaction() as db:
            db.execute("UPDATE team SET update_number = 0")
        TeamAdminService(researcher).apply_update(
            TeamAdminService(researcher).read_update(tmp / f"u-{n}.tteam"))
    out = tmp / f"{fmt}-{n}.tbundle"
    settle()
    *seconds, added = run(researcher, lead, out)
    assert added == interviews and out.read_bytes()[8] == int(fmt[1])
    lead.lock()
    researcher.lock()
    out.unlink()
    e_wall, i_wall, e_cpu, i_cpu = seconds
    return e_wall, i_wall, e_cpu, i_cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(12)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        form = tmp / "bench.xlsx"
        generated_form(form)
        researcher, _ = Vault.create(tmp / "researcher", "pw", kdf=KdfParams.FAST)
        first = lead_vault(tmp, "lead0", form, researcher)
        rteam = TeamService(researcher)
        rteam.join(rteam.read_team_file(tmp / "lead0.tmt"))
        q = QuestionnaireService(first).get("bench")
        questions = {n.name: n for n in q.questions() if n.takes_input and not _in_repeat(q, n.path)}
        fill(researcher, q.form_id, q.version, [answers_for(questions, rng)
                                                for _ in range(args.interviews)])
        backup, _ = Vault.create(tmp / "backup", "pw", kdf=KdfParams.FAST)
        KeyService(backup).export_public(tmp / "backup.tkey", name="backup")
        # Untimed: the first export of a vault finds no earlier bundle (nothing to
        # compare groups with across bundles), so it does less than every later one.
        researcher.lock()
        one_run(tmp, form, tmp / "researcher", "v1", -1, args.interviews)
        clean = tmp / "researcher-clean"  # with that one earlier bundle, copied for every run
        (tmp / RUN_COPY).rename(clean)
        times: dict[str, list[tuple[float, ...]]] = {"v1": [], "v2": []}
        ratios: list[tuple[float, ...]] = []
        for n in range(args.rounds):
            got: dict[str, tuple[float, ...]] = {}
            for fmt in (("v1", "v2") if n % 2 == 0 else ("v2", "v1")):
                got[fmt] = one_run(tmp, form, clean, fmt, n, args.interviews)
                times[fmt].append(got[fmt])
            ratios.append(tuple(b / a for a, b in zip(got["v1"], got["v2"], strict=True)))
            v1, v2, r = got["v1"], got["v2"], ratios[-1]
            print(f"round {n + 1}: wall v1 export {v1[0]:.2f} s, import {v1[1]:.2f} s; v2 export "
                  f"{v2[0]:.2f} s, import {v2[1]:.2f} s; v2/v1 export {r[0]:.3f}, import "
                  f"{r[1]:.3f} (CPU {r[2]:.3f}, {r[3]:.3f})", flush=True)
        med = {fmt: [statistics.median(t[k] for t in runs) for k in range(4)]
               for fmt, runs in times.items()}
        ratio = [statistics.median(r[k] for r in ratios) for k in range(4)]
        print(f"interviews: {args.interviews}, {args.rounds} interleaved round(s), medians "
              "(wall-clock; CPU of this process in brackets):")
        for fmt, label in (("v1", "v1, one recipient (X25519):          "),
                           ("v2", "v2, two recipients (MLKEM768-X25519):")):
            m = med[fmt]
            print(f"{label} export {m[0]:.2f} s ({m[2]:.2f}), import {m[1]:.2f} s ({m[3]:.2f})")
        print(f"v2 / v1, median of the rounds' ratios: export {ratio[0] - 1:+.1%} "
              f"(CPU {ratio[2] - 1:+.1%}), import {ratio[1] - 1:+.1%} (CPU {ratio[3] - 1:+.1%}); "
              "target within 10 %")
        export_ratio, import_ratio = ratio[0], ratio[1]
        w1, w2 = wrap_cost()
        print(f"header and key wraps alone (write + read): v1 {w1:.2f} ms, v2 {w2:.2f} ms "
              "per bundle")
        report(f"bundle v2/v1 export time, {args.interviews} interviews, 2 recipients "
               "MLKEM768-X25519", export_ratio, 1.10, "x")
        report(f"bundle v2/v1 import time, {args.interviews} interviews, 2 recipients "
               "MLKEM768-X25519", import_ratio, 1.10, "x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
