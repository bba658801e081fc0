"""10 000 fuzz cases against the bundle reader (prints figures; not a timed test).

Half mutate the bytes of a valid bundle file (flip, truncate, insert, delete,
overwrite, 1–3 at a time); half mutate the decrypted payload and then
re-sign and re-encrypt it, so the parser behind the signature sees hostile
input as a malicious roster member could send. Every case must end in
success (unchanged input) or one of our BundleError types; anything else is
printed and the run exits 1.

    .venv/bin/python bench/bench_bundle_fuzz.py [--cases 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "exchange"))

from bundlekit import (  # noqa: E402
    LEAD,
    RESEARCHER,
    apply_mutation,
    build_plaintext,
    consume,
    seal_plaintext,
    sign_payload,
)

from testimonio.errors import BundleError  # noqa: E402
from testimonio.exchange.bundle import AttachmentSource, write_bundle  # noqa: E402
from testimonio.exchange.bundle_io import TRAILER_FIXED  # noqa: E402
from testimonio.exchange.manifest import Manifest  # noqa: E402

OPS = ["flip", "truncate", "insert", "delete", "overwrite"]


def mutate(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 3)):
        blob = rng.randbytes(rng.randint(1, 40))
        data = apply_mutation(data, rng.choice(OPS), rng.randint(0, len(data)),
                              rng.randint(0, 255), blob)
    return data


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--cases", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    rng = random.Random(args.seed)
    outcomes: collections.Counter[str] = collections.Counter()
    failures = 0
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        valid_path = tmp / "valid.tmb"
        write_bundle(valid_path, sender=RESEARCHER, recipient=LEAD.public, sequence=1,
                     records=[{"i": i, "t": "ñ" * (i % 7)} for i in range(40)],
                     attachments=[AttachmentSource("a.bin", "x/y", 70_000, rng.randbytes(70_000)),
                                  AttachmentSource("b.txt", "text/plain", 3, b"abc")])
        valid = valid_path.read_bytes()
        body = build_plaintext(index=[{"name": "n.txt", "mime": "t/p", "size": 5, "ref": "r"}],
                               attachment_data=[b"hello"])
        mlen = int.from_bytes(body[-4:], "big")
        trailer = body[len(body) - mlen - TRAILER_FIXED :]
        payload = body[: len(body) - len(trailer)]
        m = Manifest.from_json(trailer[:mlen])
        counts = dict(records=m.records, records_bytes=m.records_bytes,
                      records_sha256=m.records_sha256, attachments=1, attachment_bytes=5)
        t0 = time.perf_counter()
        for case in range(args.cases):
            path = tmp / "case.tmb"
            file_case = case % 2 == 0
            if file_case:
                mutated = mutate(rng, valid)
                path.write_bytes(mutated)
            else:
                seal_plaintext(path, sign_payload(mutate(rng, payload), **counts))  # type: ignore[arg-type]
            try:
                consume(path)
                if file_case and mutated != valid:
                    failures += 1  # a changed file must never be accepted
                    outcomes["CHANGED FILE ACCEPTED"] += 1
                else:
                    outcomes["accepted (file unchanged or re-signed payload)"] += 1
            except BundleError as exc:
                outcomes[type(exc).__name__] += 1
            except Exception:
                failures += 1
                outcomes["NOT OUR ERROR"] += 1
                if failures <= 5:
                    print(f"case {case}: unexpected exception", file=sys.stderr)
                    traceback.print_exc()
        elapsed = time.perf_counter() - t0
    print(f"{args.cases} cases in {elapsed:.1f} s ({args.cases / elapsed:.0f}/s), seed {args.seed}")
    for name, n in outcomes.most_common():
        print(f"  {name:48s} {n}")
    print("OK: only our error types" if not failures else f"FAILED: {failures} cases")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
