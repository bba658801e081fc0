"""Peak memory of export and import at 10 000 and at 50 000 interviews.

Each export and each import runs in a fresh child process (peak RSS is the
child's VmHWM, so nothing of the parent or of an earlier run counts). The
researcher's vault first holds 10 000 complete interviews of the generated
40-question form, then 40 000 more; each time every interview is exported
(``--all``) and the bundle imported into a fresh lead vault.

Target (issue 17): peak RSS <= 250 MB at 50 000, and flat: the 50 000 figure
no more than 1.25x the 10 000 one (records streamed, not held).

    .venv/bin/python bench/bench_export_memory.py [--small N] [--large N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from bench_export_import import _in_repeat, answers_for, fill, generated_form  # noqa: E402
from figures import in_child, report  # noqa: E402
from testimonio.services.keys import KeyService  # noqa: E402
from testimonio.services.questionnaires import QuestionnaireService  # noqa: E402
from testimonio.services.team import Researcher, TeamService  # noqa: E402
from testimonio.vault import KdfParams, Vault  # noqa: E402

_CHILD = """
start = time.perf_counter()
if {what!r} == "export":
    from testimonio.services.export import ExportService
    ExportService(vault).write(Path({bundle!r}), all_=True, accept_risk=True)
else:
    from testimonio.services.import_ import ImportService
    ImportService(vault).import_file(Path({bundle!r}))
print(f"{{time.perf_counter() - start:.2f}} {{peak_rss_mb():.1f}}")
"""


def child(what: str, vault: Path, bundle: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one export or import in a fresh process."""
    seconds, rss = in_child(what, _CHILD, vault, what=what, bundle=str(bundle))
    return float(seconds), float(rss)


def lead_for(tmp: Path, n: int) -> Path:
    """A fresh lead vault that knows the researcher (same team key as the team file)."""
    path = tmp / f"lead-{n}"
    shutil.copytree(tmp / "lead", path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=50_000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        form = tmp / "bench.xlsx"
        generated_form(form)
        lead, _ = Vault.create(tmp / "lead", "pw", kdf=KdfParams.FAST)
        researcher, _ = Vault.create(tmp / "researcher", "pw", kdf=KdfParams.FAST)
        q = QuestionnaireService(lead).install(form)
        team_file = tmp / "team.tmt"
        TeamService(lead).create("bench", team_file)
        rteam = TeamService(researcher)
        rteam.join(rteam.read_team_file(team_file))
        TeamService(lead).add_researcher(Researcher("bench", KeyService(researcher).public()))
        lead.lock()
        questions = {n.name: n for n in q.questions() if n.takes_input and not _in_repeat(q, n.path)}
        figures: dict[int, tuple[float, float]] = {}
        have = 0
        for n in (args.small, args.large):
            while have < n:  # in slices, so the bench itself stays small
                step = min(5_000, n - have)
                fill(researcher, q.form_id, q.version, [answers_for(questions, rng) for _ in range(step)])
                have += step
            researcher.lock()
            bundle = tmp / f"bundle-{n}.tmb"
            t_exp, rss_exp = child("export", tmp / "researcher", bundle)
            lead_path = lead_for(tmp, n)
            t_imp, rss_imp = child("import", lead_path, bundle)
            shutil.rmtree(lead_path)
            researcher = Vault.unlock(tmp / "researcher", "pw")
            print(f"{n} interviews: export {t_exp:.1f} s, peak RSS {rss_exp:.0f} MB; "
                  f"import {t_imp:.1f} s, peak RSS {rss_imp:.0f} MB "
                  f"(bundle {bundle.stat().st_size / 1e6:.1f} MB)")
            figures[n] = (rss_exp, rss_imp)
        researcher.lock()
    small, large = figures[args.small], figures[args.large]
    for i, what in enumerate(("export", "import")):
        report(f"{what} {args.small // 1000}k peak RSS", small[i], 250, " MB")
        report(f"{what} {args.large // 1000}k peak RSS", large[i], 250, " MB")
        report(f"{what} peak RSS {args.large // 1000}k / {args.small // 1000}k", large[i] / small[i],
               1.25, "x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
