"""The vault's tables for the exchange with the team: device keys, team, roster,
bundles sent and imported, pseudonyms, review decisions, receipts, purges, and
what an imported interview's export withheld (migrations 2, 4, 6 and 10).

Their SQL only: :data:`testimonio.vault.schema.MIGRATIONS` numbers and orders
them with the others. A released migration is never edited.
"""

from __future__ import annotations

V2_EXCHANGE = """
-- This vault's own device keys: Ed25519 seed || X25519 scalar (64 bytes).
CREATE TABLE device_keys (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    private    BLOB NOT NULL,
    public     BLOB NOT NULL,                -- signing || encryption (64 bytes)
    key_id     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- The team this vault belongs to (one row): as lead or as researcher.
CREATE TABLE team (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    study            TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('lead', 'researcher')),
    lead_public      BLOB NOT NULL,
    lead_key_id      TEXT NOT NULL,
    lead_fingerprint TEXT NOT NULL,
    joined_at        TEXT NOT NULL
);

-- (lead) researchers whose bundles are accepted, confirmed by fingerprint.
CREATE TABLE roster (
    key_id       TEXT PRIMARY KEY,
    public       BLOB NOT NULL,
    name         TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    confirmed_at TEXT NOT NULL
);

-- (researcher) bundles written, one per sequence number.
CREATE TABLE bundles_sent (
    sequence   INTEGER PRIMARY KEY,
    bundle_id  TEXT NOT NULL UNIQUE,
    at         TEXT NOT NULL,
    interviews INTEGER NOT NULL
);
CREATE TABLE bundle_items (
    sequence     INTEGER NOT NULL REFERENCES bundles_sent (sequence),
    interview_id TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    export_id    TEXT NOT NULL,
    PRIMARY KEY (sequence, interview_id)
) WITHOUT ROWID;

-- (researcher) interview id <-> random export id; never leaves the vault.
-- quasi: JSON of the quasi-identifiers last exported (for k-anonymity).
CREATE TABLE pseudonyms (
    interview_id      TEXT PRIMARY KEY,
    export_id         TEXT NOT NULL UNIQUE,
    exported_revision INTEGER,
    quasi             TEXT
) WITHOUT ROWID;

-- (researcher) free-text answers reviewed for export; void when the answer changes.
CREATE TABLE review_decisions (
    interview_id TEXT NOT NULL,
    path         TEXT NOT NULL,
    decision     TEXT NOT NULL CHECK (decision IN ('export', 'keep')),
    value_sha256 TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (interview_id, path)
) WITHOUT ROWID;

-- (lead) every bundle imported, duplicates included.
CREATE TABLE import_log (
    id         INTEGER PRIMARY KEY,
    bundle_id  TEXT NOT NULL,
    researcher TEXT NOT NULL,
    sequence   INTEGER NOT NULL,
    created    TEXT NOT NULL,
    at         TEXT NOT NULL,
    file_name  TEXT NOT NULL DEFAULT '',
    records    INTEGER NOT NULL,
    added      INTEGER NOT NULL,
    replaced   INTEGER NOT NULL,
    ignored    INTEGER NOT NULL,
    outcome    TEXT NOT NULL
);
CREATE INDEX import_log_researcher ON import_log (researcher, sequence);

-- (lead) where an imported interview came from.
CREATE TABLE imported_origin (
    interview_id TEXT PRIMARY KEY,
    researcher   TEXT NOT NULL,
    export_id    TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    bundle_id    TEXT NOT NULL,
    UNIQUE (researcher, export_id)
) WITHOUT ROWID;
"""

# Issue 12 (the lead answers back): hybrid keys, backup recipients, team
# updates, revocations, receipts, retention and purge. The hybrid private key
# cannot be made in SQL: services.keys adds it at the first unlock after
# this migration (and with every new vault's keys).
V4_ANSWERS = """
-- This vault's hybrid MLKEM768-X25519 key (exchange/kem.py): 96 private bytes.
CREATE TABLE device_kem_keys (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    private    BLOB NOT NULL,
    public     BLOB NOT NULL,                -- 1216 bytes
    created_at TEXT NOT NULL
);
-- lead_kem: the lead's hybrid public key, NULL while only v1 bundles can be made.
-- update_number: (lead) last team update published; (researcher) last imported.
-- receipt_number: (lead) last receipt written; (researcher) last imported.
-- retention: JSON {"action": "keep" | "identifiers" | "interview", "days": N}.
ALTER TABLE team ADD COLUMN lead_kem BLOB;
ALTER TABLE team ADD COLUMN update_number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE team ADD COLUMN receipt_number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE team ADD COLUMN retention TEXT NOT NULL DEFAULT '{"action":"keep","days":0}';
ALTER TABLE roster ADD COLUMN kem BLOB;

-- Backup recipients of every bundle besides the lead (kept offline, another office).
CREATE TABLE backup_recipients (
    key_id      TEXT PRIMARY KEY,
    public      BLOB NOT NULL,               -- signing || encryption (64 bytes)
    kem         BLOB NOT NULL,               -- hybrid public key (1216 bytes)
    name        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    added_at    TEXT NOT NULL
);

-- Revoked researcher keys: bundles with a sequence above last_sequence are refused.
CREATE TABLE revocations (
    key_id        TEXT PRIMARY KEY,
    fingerprint   TEXT NOT NULL,
    last_sequence INTEGER NOT NULL,
    revoked_at    TEXT NOT NULL
);

-- (researcher) a receipt names (export id, revision) pairs: found through this.
CREATE INDEX bundle_items_export ON bundle_items (export_id, revision);

-- (researcher) interviews the lead confirmed by a receipt, at which revision.
CREATE TABLE received (
    interview_id TEXT PRIMARY KEY,
    revision     INTEGER NOT NULL,
    received_at  TEXT NOT NULL,              -- the receipt's date
    receipt      INTEGER NOT NULL            -- the receipt's number
) WITHOUT ROWID;

-- (researcher) interviews purged after receipt; scope 'identifiers' or 'interview'.
CREATE TABLE purged (
    interview_id TEXT PRIMARY KEY,
    scope        TEXT NOT NULL CHECK (scope IN ('identifiers', 'interview')),
    at           TEXT NOT NULL
) WITHOUT ROWID;

-- A purge removes the edit log rows (old and new values) of a purged
-- interview even while its row stays (identifiers only).
DROP TRIGGER edit_log_no_delete;
CREATE TRIGGER edit_log_no_delete BEFORE DELETE ON edit_log
WHEN EXISTS (SELECT 1 FROM interviews WHERE id = OLD.interview_id)
 AND NOT EXISTS (SELECT 1 FROM purged WHERE interview_id = OLD.interview_id)
BEGIN
    SELECT RAISE(ABORT, 'edit_log is append-only');
END;
"""

# (researcher) a text the export's safety net flags leaves only when the
# researcher releases that exact value: decision 'release' (SQLite cannot
# change a CHECK constraint in place, so the table is rebuilt).
V6_RELEASE = """
CREATE TABLE review_decisions_new (
    interview_id TEXT NOT NULL,
    path         TEXT NOT NULL,
    decision     TEXT NOT NULL CHECK (decision IN ('export', 'keep', 'release')),
    value_sha256 TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (interview_id, path)
) WITHOUT ROWID;
INSERT INTO review_decisions_new SELECT interview_id, path, decision, value_sha256, at
    FROM review_decisions;
DROP TABLE review_decisions;
ALTER TABLE review_decisions_new RENAME TO review_decisions;
"""

# (lead) Which answers of an imported interview the researcher's export withheld,
# and why (the bundle record's "withheld" field: paths and reasons, never
# values). withheld_known = 1 when the record carried the field at all: an
# older program's records did not, and then "empty" may mean withheld too.
V10_WITHHELD = """
CREATE TABLE withheld_answers (
    interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    path         TEXT NOT NULL,              -- answer path, e.g. person/gender
    reason       TEXT NOT NULL,              -- suppressed, generalised, not-reviewed, held, not-exported
    PRIMARY KEY (interview_id, path)
) WITHOUT ROWID;
CREATE INDEX withheld_answers_path ON withheld_answers (path, reason);
ALTER TABLE imported_origin ADD COLUMN withheld_known INTEGER NOT NULL DEFAULT 0;
"""
