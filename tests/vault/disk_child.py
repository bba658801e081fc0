"""Runs inside its own mount namespace on a small tmpfs (tests/vault/test_vault_disk.py).

    disk_child.py FOLDER LEAVE...

FOLDER is the root of a freshly mounted tmpfs. The child makes a vault there
with the real CLI, fills the disk to 0-20 KB free, and records what the CLI
says when opening, saving, and making a new vault; then frees the space and
records what is in the vault. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PASS = "correct horse battery staple 42"
ENV = {**os.environ, "TESTIMONIO_PASSPHRASE": PASS}


def cli(vault: Path, *args: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-m", "testimonio", "--vault", str(vault), *args],
                          capture_output=True, text=True, env=ENV, timeout=120)
    return {"code": done.returncode, "out": done.stdout, "err": done.stderr}


def fill(root: Path, leave: int) -> Path:
    """Fill the disk, then give back ``leave`` bytes."""
    filler = root / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    block = b"\0" * 4096
    try:
        while True:
            os.write(fd, block)
    except OSError:
        pass
    finally:
        os.close(fd)
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - leave))
    return filler


def main(root: Path, leaves: list[int]) -> None:
    from testimonio.vault import KdfParams, Vault

    vault_dir = root / "vault"
    Vault.create(vault_dir, PASS, kdf=KdfParams.FAST)[0].lock()
    answers = root / "answers.json"
    answers.write_text(json.dumps({"consent": "yes", "alias": "Rosa"}), encoding="utf-8")
    forms = Path(__file__).resolve().parents[2] / "forms"
    report: dict[str, object] = {"rounds": []}
    added_ok = 0
    first = cli(vault_dir, "forms", "add", str(next(forms.glob("border*.xlsx"))))
    report["forms_add"] = first["code"]
    for leave in leaves:
        filler = fill(root, leave)
        listing = cli(vault_dir, "interviews", "list")
        add = cli(vault_dir, "interviews", "add", "--form", "border_testimony", "--site", "Tumbes",
                  "--answers", str(answers))
        init = cli(root / "new vault", "init")
        filler.unlink()
        after = cli(vault_dir, "interviews", "list", "--json")
        rows = json.loads(str(after["out"])) if after["code"] == 0 else None
        if add["code"] == 0:
            added_ok += 1
        report["rounds"].append({  # type: ignore[attr-defined]
            "leave": leave, "list": listing, "add": add, "init": init,
            "after_code": after["code"], "after_err": after["err"],
            "interviews": None if rows is None else len(rows),
            "new_vault_exists": (root / "new vault").exists(),
            "leftovers": sorted(p.name for p in root.iterdir() if p.name.startswith(".")),
        })
        if init["code"] == 0:
            import shutil

            shutil.rmtree(root / "new vault")
    report["added_ok"] = added_ok
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), [int(a) for a in sys.argv[2:]])
