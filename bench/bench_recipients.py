"""Export and import 10 000 interviews: format v1 (one X25519 recipient, as
before issue 12) and format v2 (lead + a backup recipient, MLKEM768-X25519),
both in the same run. Target (issue 12): v2 within 10 % of v1.

    .venv/bin/python bench/bench_recipients.py [--interviews N] [--rounds R]

The same researcher vault exports both (``--all``); each bundle is imported
into a fresh lead vault. The best of ``--rounds`` runs is printed, the order
alternating between rounds, since the machine is shared and a single run is
noisy. The wrap itself (header and key wraps written, then unwrapped) is
also timed on its own: it is the only work v2 adds per bundle.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_export_import import _in_repeat, answers_for, fill, generated_form  # noqa: E402
from testimonio.exchange import bundle_io, bundle_v2, keys  # noqa: E402
from testimonio.services.export import ExportService  # noqa: E402
from testimonio.services.import_ import ImportService  # noqa: E402
from testimonio.services.keys import KeyService  # noqa: E402
from testimonio.services.questionnaires import QuestionnaireService  # noqa: E402
from testimonio.services.team import Researcher, TeamService  # noqa: E402
from testimonio.services.team_admin import TeamAdminService  # noqa: E402
from testimonio.vault import KdfParams, Vault  # noqa: E402


def lead_vault(tmp: Path, name: str, form: Path, researcher: Vault) -> Vault:
    lead, _ = Vault.create(tmp / name, "pw", kdf=KdfParams.FAST)
    QuestionnaireService(lead).install(form)
    TeamService(lead).create("bench", tmp / f"{name}.tmt")
    TeamService(lead).add_researcher(Researcher("bench", KeyService(researcher).public()))
    return lead


def run(researcher: Vault, lead: Vault, out: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    ExportService(researcher).write(out, all_=True, accept_risk=True)
    t_export = time.perf_counter() - start
    start = time.perf_counter()
    imported = ImportService(lead).import_file(out)
    return t_export, time.perf_counter() - start, imported.added


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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
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
        best: dict[str, tuple[float, float]] = {}
        for n in range(args.rounds):
            for fmt in (("v1", "v2") if n % 2 == 0 else ("v2", "v1")):
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
                t_export, t_import, added = run(researcher, lead, out)
                assert added == args.interviews and out.read_bytes()[8] == int(fmt[1])
                old = best.get(fmt, (float("inf"), float("inf")))
                best[fmt] = (min(old[0], t_export), min(old[1], t_import))
                lead.lock()
        (e1, i1), (e2, i2) = best["v1"], best["v2"]
        print(f"interviews: {args.interviews}, best of {args.rounds} round(s)")
        print(f"v1, one recipient (X25519):              export {e1:.2f} s, import {i1:.2f} s")
        print(f"v2, two recipients (MLKEM768-X25519):    export {e2:.2f} s, import {i2:.2f} s")
        print(f"v2 / v1: export {e2 / e1 - 1:+.1%}, import {i2 / i1 - 1:+.1%} (target within 10 %)")
        w1, w2 = wrap_cost()
        print(f"header and key wraps alone (write + read): v1 {w1:.2f} ms, v2 {w2:.2f} ms "
              "per bundle")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
