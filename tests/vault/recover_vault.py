"""Read a Testimonio vault without Testimonio, following docs/vault.md.

    python recover_vault.py VAULT_FOLDER [--recovery]
The passphrase (or, with --recovery, the recovery key) is read from the
environment variable RECOVER_SECRET. Prints every interview with its answers
as JSON. Imports only the standard library, cryptography and sqlcipher3.
"""

import base64
import hashlib
import json
import os
import sys
import unicodedata

import sqlcipher3
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id


def secret_bytes(text, recovery):
    if recovery:  # docs/vault.md, "The recovery key": drop hyphens/spaces and the check group
        cleaned = "".join(c for c in text.upper() if c not in " -")
        cleaned = cleaned.replace("0", "O").replace("1", "I")
        return cleaned[:32].encode("ascii")
    return unicodedata.normalize("NFC", text).encode("utf-8")


def database_key(folder, text, recovery):
    doc = json.load(open(os.path.join(folder, "keyslots.json"), encoding="ascii"))
    assert doc["format"] == "testimonio-keyslots" and doc["version"] == 1
    vault_id = doc["vault_id"]
    kind = "recovery" if recovery else "passphrase"
    slot = next(s for s in doc["slots"] if s["kind"] == kind)
    # Optional: the slot's check tells damage apart from a wrong secret.
    fields = {k: v for k, v in slot.items() if k != "check"}
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    if hashlib.sha256((vault_id + canonical).encode("ascii")).hexdigest() != slot["check"]:
        sys.exit("the slot is damaged")
    kek = Argon2id(salt=base64.b64decode(slot["salt"]), length=32,
                   iterations=slot["time_cost"], lanes=slot["lanes"],
                   memory_cost=slot["memory_kib"]).derive(secret_bytes(text, recovery))
    aad = f"testimonio-keyslot/1/{vault_id}/{kind}".encode("ascii")
    return ChaCha20Poly1305(kek).decrypt(base64.b64decode(slot["nonce"]),
                                         base64.b64decode(slot["wrapped_key"]), aad)


def main():
    folder = sys.argv[1]
    key = database_key(folder, os.environ["RECOVER_SECRET"], "--recovery" in sys.argv)
    # Read-only; the -wal file, if any, is read too (so the folder must be writable
    # or the -shm file present).
    db = sqlcipher3.connect(f"file:{os.path.join(folder, 'vault.db')}?mode=ro", uri=True)
    db.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    db.execute("PRAGMA cipher_compatibility = 4")
    out = []
    for row in db.execute("SELECT id, form_id, form_version, site, interviewer, status, "
                          "created_at FROM interviews ORDER BY created_at"):
        interview = dict(zip(("id", "form_id", "form_version", "site", "interviewer",
                              "status", "created_at"), row, strict=True))
        interview["answers"] = {path: json.loads(value) for path, value in db.execute(
            "SELECT path, value FROM answers WHERE interview_id = ? ORDER BY path", (row[0],))}
        interview["attachments"] = [
            {"question_path": p, "mime": m, "sha256": hashlib.sha256(d).hexdigest(), "check": s}
            for p, m, d, s in db.execute("SELECT question_path, mime, data, sha256 "
                                         "FROM attachments WHERE interview_id = ?", (row[0],))]
        out.append(interview)
    db.close()
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
