"""Peak memory of the scrub after a purge, on a vault of photos.

The scrub's VACUUM copies the whole vault into a transient database first
(vault/repo_retention.scrub). Held in memory, that copy made the peak grow
with the vault (a 322 MB vault: 431 MB); written to an (encrypted) file, the
peak stays at the program's own size plus a small page cache. The vault holds
MB one-megabyte pictures of random bytes (they do not compress), one per
interview; one interview is deleted, then the scrub runs, in a fresh child
process (peak RSS is its VmHWM).

Target (ours, beside issue 17's): peak RSS <= 128 MB for a 300 MB vault.

    .venv/bin/python bench/bench_scrub.py [--mb 300]
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from figures import in_child, report  # noqa: E402
from testimonio.vault import KdfParams, Vault  # noqa: E402

_CHILD = """
from testimonio.services import retention
with vault.transaction() as db:
    db.execute("DELETE FROM interviews WHERE rowid IN (SELECT rowid FROM interviews LIMIT 1)")
before = peak_rss_mb()
start = time.perf_counter()
retention.scrub(vault)
print(f"{{time.perf_counter() - start:.2f}} {{before:.1f}} {{peak_rss_mb():.1f}}")
"""


def make(path: Path, mb: int) -> int:
    """A vault of ``mb`` interviews, each with a 1 MiB picture; its size in bytes."""
    vault, _ = Vault.create(path, "pw", kdf=KdfParams.FAST)
    for start in range(0, mb, 50):  # 50 MB a transaction
        with vault.transaction() as db:
            for _ in range(start, min(mb, start + 50)):
                iid = uuid.uuid4().hex
                db.execute(
                    "INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, alias, "
                    "status, created_at, updated_at, revision) VALUES (?, 'f', '1', 's', 'r', 'en', 'a', "
                    "'complete', '2019-01-01T00:00:00.000Z', '2019-01-01T00:00:00.000Z', 1)", (iid,))
                db.execute(
                    "INSERT INTO attachments (id, interview_id, question_path, mime, size, sha256, data, "
                    "created_at) VALUES (?, ?, 'photo', 'image/jpeg', ?, '', ?, '2019-01-01T00:00:00.000Z')",
                    (uuid.uuid4().hex, iid, 1 << 20, secrets.token_bytes(1 << 20)))
    vault.lock()
    return sum(f.stat().st_size for f in path.iterdir())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "vault"
        size = make(path, args.mb)
        seconds, before, peak = (float(x) for x in in_child("scrub", _CHILD, path))
    print(f"vault {size / 1e6:.0f} MB: scrub {seconds:.1f} s, peak RSS {peak:.0f} MB "
          f"({before:.0f} MB before it)")
    report(f"scrub of a {size / 1e6:.0f} MB vault: peak RSS", peak, 128, " MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
