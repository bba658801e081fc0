"""Open a Testimonio bundle (format 1 or 2) without Testimonio (docs/bundle-format.md).

    python read_bundle.py BUNDLE KEYS.json [--signer PUBLIC_HEX] [--out FOLDER]

Needs Python >= 3.9 and cryptography >= 47.0.0 (its HPKE module and the
MLKEM768-X25519 KEM arrived in 47.0.0; ML-KEM also needs a build whose
backend has ML-KEM, as the official wheels do; tested with 50.0.2). KEYS.json is the output of
read_vault.py (its "device_keys"), or an object {"private": hex, "kem_private":
hex} of one recipient. --signer is the researcher's public key (hex of
signing || encryption, the roster's "public"): the signature is then checked.
Prints the manifest and the records as JSON; --out writes the attachments.
"""

import hashlib
import json
import os
import struct
import sys
import zlib

from cryptography.hazmat.primitives import hashes, hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

MAGIC = b"\x89TMB\r\n\x1a\n"
CHUNK = 65536


def key_id(private):
    """SHA-256 of signing public || encryption public, from the 64 private bytes."""
    sign = Ed25519PrivateKey.from_private_bytes(private[:32]).public_key()
    enc = x25519.X25519PrivateKey.from_private_bytes(private[32:]).public_key()
    raw = sign.public_bytes(Encoding.Raw, PublicFormat.Raw) + enc.public_bytes(Encoding.Raw,
                                                                               PublicFormat.Raw)
    return hashlib.sha256(raw).digest()


def unwrap(data, keys):
    """(payload key, body offset, signature domain, recipient key ids, header hash)."""
    private = bytes.fromhex(keys["private"])
    version = data[8]
    if version == 1:  # 64-byte header, one X25519 wrap of 80 bytes
        header, nonce = data[:64], data[46:62]
        suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
        file_key = suite.decrypt(data[64:144], x25519.X25519PrivateKey.from_private_bytes(
            private[32:]), info=b"testimonio bundle v1 file key\x00" + header)
        return (file_key, nonce, b"testimonio bundle v1 payload", 144,
                b"testimonio bundle manifest v1\x00", [data[14:46].hex()], None)
    assert version == 2, "unknown bundle format"
    fixed, nonce = data[:32], data[14:30]
    (count,) = struct.unpack(">H", data[30:32])
    entries = [data[32 + i * 1200 : 32 + (i + 1) * 1200] for i in range(count)]
    ids = [e[:32] for e in entries]
    mine = ids.index(key_id(private))  # ValueError: not addressed to this key
    kem = bytes.fromhex(keys["kem_private"])
    sk = hpke.MLKEM768X25519PrivateKey(mlkem.MLKEM768PrivateKey.from_seed_bytes(kem[:64]),
                                       x25519.X25519PrivateKey.from_private_bytes(kem[64:]))
    suite = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256,
                       hpke.AEAD.CHACHA20_POLY1305)
    file_key = suite.decrypt(entries[mine][32:], sk,
                             info=b"testimonio bundle v2 file key\x00" + fixed + b"".join(ids))
    body = 32 + 1200 * count
    return (file_key, nonce, b"testimonio bundle v2 payload", body,
            b"testimonio bundle manifest v2\x00", [i.hex() for i in ids],
            hashlib.sha256(data[:body]).hexdigest())


def stream_plaintext(key, sealed):
    """age-style STREAM: 11-byte counter || last flag; every chunk authenticated."""
    aead, out, size = ChaCha20Poly1305(key), [], CHUNK + 16
    pieces = [sealed[i : i + size] for i in range(0, len(sealed), size)] or [b""]
    for n, piece in enumerate(pieces):
        last = n == len(pieces) - 1
        out.append(aead.decrypt(n.to_bytes(11, "big") + (b"\x01" if last else b"\x00"), piece,
                                None))
    return b"".join(out)


def main():
    path, keys_path = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    with open(path, "rb") as f:
        data = f.read()
    assert data.startswith(MAGIC), "not a Testimonio bundle"
    with open(keys_path, encoding="utf-8") as f:
        keys = json.load(f)
    keys = keys["device_keys"][0] if "device_keys" in keys else keys
    file_key, nonce, info, body, domain, recipients, head_hash = unwrap(data, keys)
    payload_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=nonce, info=info).derive(
        file_key)
    plain = stream_plaintext(payload_key, data[body:])
    (mlen,) = struct.unpack(">I", plain[-4:])
    trailer = plain[-(mlen + 100) :]
    raw, kid, sig = trailer[:mlen], trailer[mlen : mlen + 32], trailer[mlen + 32 : mlen + 96]
    payload = plain[: -(mlen + 100)]
    manifest = json.loads(raw)
    if "--signer" in args:
        public = bytes.fromhex(args[args.index("--signer") + 1])
        assert hashlib.sha256(public).digest() == kid, "signed by another key"
        Ed25519PublicKey.from_public_bytes(public[:32]).verify(sig, domain + kid + raw)
    assert hashlib.sha256(payload).hexdigest() == manifest["payload_sha256"], "payload altered"
    if head_hash is not None:
        assert manifest["recipients"] == recipients and manifest["header_sha256"] == head_hash
    sections, at = [], 0
    while at < len(payload):  # type (1) || length (8) || body
        kind, length = struct.unpack(">BQ", payload[at : at + 9])
        sections.append((kind, payload[at + 9 : at + 9 + length]))
        at += 9 + length
    index = json.loads(sections[0][1])
    lines = zlib.decompress(sections[1][1]).decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    if "--out" in args:
        folder = args[args.index("--out") + 1]
        os.makedirs(folder, exist_ok=True)
        for meta, (_, content) in zip(index, sections[2:]):
            with open(os.path.join(folder, os.path.basename(meta["name"])), "wb") as f:
                f.write(content)
    json.dump({"manifest": manifest, "signer": kid.hex(), "attachments": index,
               "records": records}, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
