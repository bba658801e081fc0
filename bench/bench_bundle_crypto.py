"""Bundle crypto throughput and memory (prints figures; not a timed test).

1. Seal and open 10 000 records of 40 answers each, beside a baseline in the
   same run that only serialises the records to JSON and encrypts them with
   AES-256-GCM (and the reverse).
2. Open a bundle holding ~1 GB of attachments (default; ``--attachments-mb``)
   in a child process, streaming every attachment byte, and print its peak RSS.

    .venv/bin/python bench/bench_bundle_crypto.py [--records 10000] [--attachments-mb 1024]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from testimonio.exchange import keys
from testimonio.exchange.bundle import AttachmentSource, open_bundle, write_bundle
from testimonio.limits import MAX_ATTACHMENT_BYTES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures import peak_rss_mb, report  # noqa: E402


def make_records(n: int) -> list[dict[str, Any]]:
    sites = ["Tumbes", "Aguas Verdes", "Huaquillas", "Zarumilla"]
    out = []
    for i in range(n):
        answers: dict[str, Any] = {}
        for q in range(40):
            kind = q % 4
            if kind == 0:
                answers[f"q{q:02d}"] = (i * 7 + q) % 90
            elif kind == 1:
                answers[f"q{q:02d}"] = ["si", "no", "no_sabe"][(i + q) % 3]
            elif kind == 2:
                answers[f"q{q:02d}"] = f"2025-{1 + (i + q) % 12:02d}"
            else:
                answers[f"q{q:02d}"] = ["visa_humanitaria", "refugio"][: 1 + (i + q) % 2]
        out.append({"export_id": os.urandom(8).hex(), "form": "frontera", "version": "2025-03",
                    "site": sites[i % 4], "date": "2025-05", "revision": 1, "answers": answers})
    return out


def bench_records(n: int, tmp: Path) -> None:
    researcher, lead = keys.generate(), keys.generate()
    records = make_records(n)
    roster = {researcher.public.key_id: researcher.public}
    path = tmp / "records.tmb"

    t0 = time.perf_counter()
    write_bundle(path, sender=researcher, recipient=lead.public, sequence=1, records=records)
    seal = time.perf_counter() - t0
    t0 = time.perf_counter()
    with open_bundle(path, recipient=lead, known_signers=roster) as b:
        got = list(b.records())
        list(b.attachments())
    unseal = time.perf_counter() - t0
    assert len(got) == n

    t0 = time.perf_counter()
    blob = json.dumps(records).encode()
    key, nonce = AESGCM.generate_key(256), os.urandom(12)
    ct = AESGCM(key).encrypt(nonce, blob, None)
    with open(tmp / "baseline.bin", "wb") as f:
        f.write(ct)
        f.flush()
        os.fsync(f.fileno())
    base_seal = time.perf_counter() - t0
    t0 = time.perf_counter()
    back = json.loads(AESGCM(key).decrypt(nonce, (tmp / "baseline.bin").read_bytes(), None))
    base_open = time.perf_counter() - t0
    assert len(back) == n

    print(f"records: {n} x 40 answers, JSON {len(blob) / 1e6:.1f} MB, bundle "
          f"{path.stat().st_size / 1e6:.2f} MB")
    print(f"  seal  {seal:6.2f} s   baseline JSON+AES-GCM {base_seal:5.2f} s   ratio {seal / base_seal:4.1f}x")
    print(f"  open  {unseal:6.2f} s   baseline AES-GCM+JSON {base_open:5.2f} s   ratio {unseal / base_open:4.1f}x")


class _Pattern(io.RawIOBase):
    """``size`` bytes of a repeated random block, without holding them."""

    def __init__(self, size: int) -> None:
        self._left = size
        self._block = os.urandom(1 << 20)

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        n = min(len(b), self._left, len(self._block))
        b[:n] = self._block[:n]
        self._left -= n
        return n


def bench_attachments(total_mb: int, tmp: Path) -> None:
    researcher, lead = keys.generate(), keys.generate()
    # As many photos as keep each under the per-attachment limit (at least 8).
    total = total_mb * (1 << 20)
    count = max(8, -(-total // MAX_ATTACHMENT_BYTES))
    each = total // count
    atts = [AttachmentSource(f"photo{i}.jpg", "image/jpeg", each,
                             lambda: io.BufferedReader(_Pattern(each))) for i in range(count)]
    path = tmp / "big.tmb"
    t0 = time.perf_counter()
    write_bundle(path, sender=researcher, recipient=lead.public, sequence=1,
                 records=make_records(100), attachments=atts)
    seal = time.perf_counter() - t0
    (tmp / "lead.key").write_bytes(lead.private_bytes())
    if lead.kem is not None:
        (tmp / "lead.kem").write_bytes(lead.kem)
    (tmp / "researcher.pub").write_bytes(researcher.public.raw)
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, __file__, "--child", str(tmp)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"the child that opens the bundle failed:\n{run.stderr}")
    out = run.stdout
    unseal = time.perf_counter() - t0
    print(f"attachments: {count} x {each / 1e6:.0f} MB = {path.stat().st_size / 1e9:.2f} GB bundle")
    print(f"  seal {seal:6.1f} s ({path.stat().st_size / seal / 1e6:.0f} MB/s)   "
          f"open+stream {unseal:6.1f} s")
    print(f"  child: {out.strip()} (target < 300 MB)")
    peak = float(out.split("peak RSS")[1].split()[0])
    report(f"open a {path.stat().st_size / 1e9:.1f} GB attachment bundle, peak RSS", peak, 300, " MB")


def child(tmp: Path) -> None:
    kem = tmp / "lead.kem"
    lead = keys.DeviceKeys.from_private_bytes((tmp / "lead.key").read_bytes(),
                                              kem.read_bytes() if kem.exists() else None)
    pub = keys.PublicKeys.from_raw((tmp / "researcher.pub").read_bytes())
    total = 0
    with open_bundle(tmp / "big.tmb", recipient=lead, known_signers={pub.key_id: pub}) as b:
        n = sum(1 for _ in b.records())
        for a in b.attachments():
            for piece in a.chunks():
                total += len(piece)
    print(f"{n} records, {total / 1e6:.0f} MB of attachments streamed, peak RSS {peak_rss_mb():.0f} MB")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--records", type=int, default=10_000)
    p.add_argument("--attachments-mb", type=int, default=1024)
    p.add_argument("--child", type=Path)
    args = p.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as d:
        bench_records(args.records, Path(d))
    with tempfile.TemporaryDirectory() as d:
        bench_attachments(args.attachments_mb, Path(d))


if __name__ == "__main__":
    main()
