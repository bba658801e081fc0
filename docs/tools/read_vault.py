"""Read a Testimonio vault without Testimonio (docs/vault.md, docs/bundle-format.md).

    RECOVER_SECRET='the passphrase' python read_vault.py VAULT_FOLDER [--recovery] > vault.json

Needs Python >= 3.9, sqlcipher3 >= 0.6.2 (SQLCipher 4) and cryptography >= 44.0.0
(its Argon2id arrived in 44.0.0; tested with 50.0.2). The secret (passphrase, or with --recovery the
recovery key) comes from the environment variable RECOVER_SECRET. Prints one
JSON object: this vault's device keys (private keys in hex: keep the output
as safe as the vault), its team, roster, backup recipients, revocations, the
origin of imported interviews, and every interview with its answers and
attachment hashes. Feed "device_keys" to read_bundle.py to open bundles.
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
    if recovery:  # docs/vault.md, "The recovery key": no hyphens or spaces, no check group
        cleaned = "".join(c for c in text.upper() if c not in " -")
        return cleaned.replace("0", "O").replace("1", "I")[:32].encode("ascii")
    return unicodedata.normalize("NFC", text).encode("utf-8")


def database_key(folder, text, recovery):
    """The 32-byte database key, unwrapped from keyslots.json."""
    with open(os.path.join(folder, "keyslots.json"), encoding="ascii") as f:
        doc = json.load(f)
    assert doc["format"] == "testimonio-keyslots" and doc["version"] == 1
    kind = "recovery" if recovery else "passphrase"
    slot = next(s for s in doc["slots"] if s["kind"] == kind)
    kek = Argon2id(salt=base64.b64decode(slot["salt"]), length=32, iterations=slot["time_cost"],
                   lanes=slot["lanes"], memory_cost=slot["memory_kib"]).derive(
        secret_bytes(text, recovery))
    aad = f"testimonio-keyslot/1/{doc['vault_id']}/{kind}".encode("ascii")
    return ChaCha20Poly1305(kek).decrypt(base64.b64decode(slot["nonce"]),
                                         base64.b64decode(slot["wrapped_key"]), aad)


def rows(db, sql, names, args=()):
    out = []
    for row in db.execute(sql, args):
        out.append({n: (v.hex() if isinstance(v, bytes) else v) for n, v in zip(names, row)})
    return out


def table_exists(db, name):
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                      (name,)).fetchone() is not None


def main():
    folder = sys.argv[1]
    key = database_key(folder, os.environ["RECOVER_SECRET"], "--recovery" in sys.argv)
    db = sqlcipher3.connect(f"file:{os.path.join(folder, 'vault.db')}?mode=ro", uri=True)
    db.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    db.execute("PRAGMA cipher_compatibility = 4")
    # device_keys.private = Ed25519 seed (32) || X25519 scalar (32);
    # device_kem_keys.private = ML-KEM-768 seed (64) || X25519 scalar (32) (vault >= 4).
    out = {"device_keys": rows(db, "SELECT private, public, key_id FROM device_keys",
                               ("private", "public", "key_id"))}
    if table_exists(db, "device_kem_keys") and out["device_keys"]:
        kem = db.execute("SELECT private, public FROM device_kem_keys").fetchone()
        if kem:
            out["device_keys"][0]["kem_private"] = bytes(kem[0]).hex()
            out["device_keys"][0]["kem_public"] = bytes(kem[1]).hex()
    out["team"] = rows(db, "SELECT study, role, lead_key_id, lead_fingerprint FROM team",
                       ("study", "role", "lead_key_id", "lead_fingerprint"))
    out["roster"] = rows(db, "SELECT key_id, public, name, fingerprint FROM roster",
                         ("key_id", "public", "name", "fingerprint"))
    for name, cols in (("backup_recipients", ("key_id", "public", "name", "fingerprint")),
                       ("revocations", ("key_id", "fingerprint", "last_sequence", "revoked_at"))):
        if table_exists(db, name):
            out[name] = rows(db, f"SELECT {', '.join(cols)} FROM {name}", cols)
    out["imported_origin"] = rows(
        db, "SELECT interview_id, researcher, export_id, revision, bundle_id FROM imported_origin",
        ("interview_id", "researcher", "export_id", "revision", "bundle_id"))
    out["interviews"] = rows(db, "SELECT id, form_id, form_version, site, interviewer, status, "
                                 "created_at, revision FROM interviews ORDER BY created_at, id",
                             ("id", "form_id", "form_version", "site", "interviewer", "status",
                              "created_at", "revision"))
    withheld = table_exists(db, "withheld_answers")  # (lead, schema 10)
    for interview in out["interviews"]:
        interview["answers"] = {p: json.loads(v) for p, v in db.execute(
            "SELECT path, value FROM answers WHERE interview_id = ? ORDER BY path",
            (interview["id"],))}
        if withheld:  # what the researcher's export said it withheld, and why
            interview["withheld"] = dict(db.execute(
                "SELECT path, reason FROM withheld_answers WHERE interview_id = ? ORDER BY path",
                (interview["id"],)).fetchall())
        interview["attachments"] = [
            {"question_path": p, "mime": m, "sha256": hashlib.sha256(d).hexdigest()}
            for p, m, d in db.execute("SELECT question_path, mime, data FROM attachments "
                                      "WHERE interview_id = ?", (interview["id"],))]
    db.close()
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
