"""The vault's schema as numbered migrations: each step's SQL, oldest first.

``MIGRATIONS`` only ever grows at its end: a released migration is never
edited, because vaults in the field already ran it. vault/migrations.py
applies them in order at unlock. The SQL of the exchange with the team's
tables is in vault/schema_exchange.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from testimonio.vault.schema_exchange import (
    V2_EXCHANGE,
    V4_ANSWERS,
    V6_RELEASE,
    V10_WITHHELD,
)


@dataclass(frozen=True)
class Migration:
    """One schema step: its number, a short name and its SQL statements."""

    version: int
    name: str
    sql: str


_V1_CORE = """
CREATE TABLE interviews (
    id           TEXT PRIMARY KEY,           -- uuid4 hex
    form_id      TEXT NOT NULL,
    form_version TEXT NOT NULL,
    site         TEXT NOT NULL,
    interviewer  TEXT NOT NULL,
    language     TEXT NOT NULL,
    alias        TEXT NOT NULL DEFAULT '',   -- the answer to the question named "alias"
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'complete')),
    created_at   TEXT NOT NULL,              -- ISO 8601 UTC, milliseconds
    updated_at   TEXT NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1  -- +1 on every change
);
CREATE INDEX interviews_updated ON interviews (updated_at);
CREATE INDEX interviews_site_updated ON interviews (site, updated_at);
CREATE INDEX interviews_status_updated ON interviews (status, updated_at);
CREATE INDEX interviews_form_updated ON interviews (form_id, form_version, updated_at);
CREATE INDEX interviews_alias ON interviews (alias COLLATE NOCASE);

CREATE TABLE answers (
    interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    path         TEXT NOT NULL,              -- answer path, e.g. companions[2]/age
    value        TEXT NOT NULL,              -- JSON
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (interview_id, path)
) WITHOUT ROWID;

-- Append-only: rows are never changed, and only removed together with a
-- deleted draft (once its interview row is gone).
CREATE TABLE edit_log (
    id           INTEGER PRIMARY KEY,
    interview_id TEXT NOT NULL,
    path         TEXT NOT NULL DEFAULT '',
    old_value    TEXT,                       -- JSON, NULL = no answer
    new_value    TEXT,                       -- JSON, NULL = no answer
    at           TEXT NOT NULL,
    who          TEXT NOT NULL,
    action       TEXT NOT NULL,              -- set, attach, detach, complete, reopen, remove-repeat, ...
    reason       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX edit_log_interview ON edit_log (interview_id, id);
CREATE TRIGGER edit_log_no_update BEFORE UPDATE ON edit_log
BEGIN
    SELECT RAISE(ABORT, 'edit_log is append-only');
END;
CREATE TRIGGER edit_log_no_delete BEFORE DELETE ON edit_log
WHEN EXISTS (SELECT 1 FROM interviews WHERE id = OLD.interview_id)
BEGIN
    SELECT RAISE(ABORT, 'edit_log is append-only');
END;

CREATE TABLE attachments (
    id            TEXT PRIMARY KEY,          -- uuid4 hex
    interview_id  TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    question_path TEXT NOT NULL,
    mime          TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    caption       TEXT NOT NULL DEFAULT '',
    data          BLOB NOT NULL,
    export_opt_in INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE INDEX attachments_interview ON attachments (interview_id, question_path);

CREATE TABLE sites (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL                      -- JSON
);

CREATE TABLE questionnaires (
    form_id      TEXT NOT NULL,
    version      TEXT NOT NULL,
    title        TEXT NOT NULL,
    languages    TEXT NOT NULL,              -- JSON list
    source_name  TEXT NOT NULL,
    source       BLOB NOT NULL,              -- the XLSForm file's bytes
    sha256       TEXT NOT NULL,
    installed_at TEXT NOT NULL,
    PRIMARY KEY (form_id, version)
);
"""

# The list's search (alias anywhere in the text) cannot seek an index; this one
# holds every column the search filters and sorts on, so a search reads a few
# hundred contiguous pages of one site instead of the whole table (see
# records.page and bench/bench_vault.py).
_V3_SEARCH = """
CREATE INDEX interviews_search
    ON interviews (site, alias, id, status, form_id, updated_at, created_at);
"""

# (lead) every bundle imported, by the hash of its first bytes (unique per
# bundle: they hold its random nonce), so a second pass over a
# shared folder skips the bundles already imported without decrypting them.
# The data view filters by a select question's value: answers by (path, value).
_V5_FOLDER_AND_FILTERS = """
CREATE TABLE imported_headers (
    header_sha256 TEXT PRIMARY KEY,
    bundle_id     TEXT NOT NULL,
    at            TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX answers_path_value ON answers (path, value);
-- The data view pages one questionnaire's complete interviews by the day they
-- were taken, filtered by site: all from this index, not the table.
CREATE INDEX interviews_form_created ON interviews (form_id, status, created_at, site, id);
"""

# The number of committed write transactions, raised in each of them; the
# same number is kept outside the WAL in vault.commits (vault/commits.py), so
# a lost or damaged WAL is noticed at unlock instead of losing saves silently.
_V7_COMMITS = """
CREATE TABLE commit_counter (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    commits INTEGER NOT NULL
);
INSERT INTO commit_counter (id, commits) VALUES (1, 0);
"""

# Searching the list: an FTS5 trigram index over the alias that ignores case
# and accents ("jose" finds "José"), kept by triggers so every writer (the
# services, import, purge) keeps it right. External content: the index holds
# trigrams, never a copy of the alias. It replaces the covering index of
# version 3, one of five indexes holding updated_at that every save rewrote.
_V8_ALIAS_SEARCH = """
CREATE VIRTUAL TABLE interviews_alias_fts USING fts5(
    alias, content='interviews', content_rowid='rowid',
    tokenize='trigram remove_diacritics 1'
);
CREATE TRIGGER interviews_alias_fts_insert AFTER INSERT ON interviews
BEGIN
    INSERT INTO interviews_alias_fts (rowid, alias) VALUES (new.rowid, new.alias);
END;
CREATE TRIGGER interviews_alias_fts_delete AFTER DELETE ON interviews
BEGIN
    INSERT INTO interviews_alias_fts (interviews_alias_fts, rowid, alias)
        VALUES ('delete', old.rowid, old.alias);
END;
CREATE TRIGGER interviews_alias_fts_update AFTER UPDATE OF alias ON interviews
BEGIN
    INSERT INTO interviews_alias_fts (interviews_alias_fts, rowid, alias)
        VALUES ('delete', old.rowid, old.alias);
    INSERT INTO interviews_alias_fts (rowid, alias) VALUES (new.rowid, new.alias);
END;
INSERT INTO interviews_alias_fts (interviews_alias_fts) VALUES ('rebuild');
DROP INDEX interviews_search;
"""

# (lead) The data view filters by researcher: the sender's key id is kept on the
# interview row too, where an index can hold it with the columns the view
# filters and sorts on (a set of ids taken from imported_origin cost a probe for
# each of 100 000 interviews). Triggers keep it right for every writer:
# imported_origin stays the record of where an interview came from.
_V9_RESEARCHER_ON_INTERVIEW = """
ALTER TABLE interviews ADD COLUMN researcher_key TEXT;
UPDATE interviews SET researcher_key =
    (SELECT o.researcher FROM imported_origin o WHERE o.interview_id = interviews.id);
CREATE TRIGGER imported_origin_researcher_insert AFTER INSERT ON imported_origin
BEGIN
    UPDATE interviews SET researcher_key = new.researcher WHERE id = new.interview_id;
END;
CREATE TRIGGER imported_origin_researcher_update AFTER UPDATE ON imported_origin
BEGIN
    UPDATE interviews SET researcher_key = NULL WHERE id = old.interview_id;
    UPDATE interviews SET researcher_key = new.researcher WHERE id = new.interview_id;
END;
CREATE TRIGGER imported_origin_researcher_delete AFTER DELETE ON imported_origin
BEGIN
    UPDATE interviews SET researcher_key = NULL WHERE id = old.interview_id;
END;
CREATE INDEX interviews_form_researcher
    ON interviews (form_id, status, researcher_key, created_at, site, id);
"""

# The list's "who took it" filter is filled at every unlock from the distinct
# interviewers: with this index that is one seek per name (vault/repo_interviews.py)
# instead of reading all 100 000 rows (issue 17: unlock to list <= 300 ms).
# The interviewer never changes once written, so saves do not touch it.
_V11_INTERVIEWER = """
CREATE INDEX interviews_interviewer ON interviews (interviewer);
"""

# (lead) Import writes the researcher's key id with the interview row; the
# trigger of version 9 then rewrote the row and its index entry again for each
# of 10 000 imported interviews (a sixth of an import's time in SQLite). It
# now acts only when the row does not already say that researcher, so every
# other writer of imported_origin still keeps researcher_key right.
_V12_ORIGIN_TRIGGER = """
DROP TRIGGER imported_origin_researcher_insert;
CREATE TRIGGER imported_origin_researcher_insert AFTER INSERT ON imported_origin
WHEN new.researcher IS NOT (SELECT researcher_key FROM interviews WHERE id = new.interview_id)
BEGIN
    UPDATE interviews SET researcher_key = new.researcher WHERE id = new.interview_id;
END;
"""

# The list in any order, filtered, at any depth (issue 17: any page <= 30 ms):
# each order has an index that also holds the filtered columns, so a page
# walks that index alone, checks the filters in it and skips entries without
# reading a row (the query's ties follow the index: records._order). Sorting
# every match instead took 100-230 ms at 100 000 interviews. The old
# (form_id, form_version, updated_at) index no plan used any more: a save
# now rewrites three indexes holding updated_at, not four.
_V13_LIST_ORDERS = """
DROP INDEX interviews_form_updated;
DROP INDEX interviews_updated;
DROP INDEX interviews_alias;
CREATE INDEX interviews_order_updated ON interviews (updated_at, site, status, form_id, interviewer);
CREATE INDEX interviews_order_created ON interviews (created_at, site, status, form_id, interviewer);
CREATE INDEX interviews_order_alias
    ON interviews (alias COLLATE NOCASE, site, status, form_id, interviewer);
CREATE INDEX interviews_order_site ON interviews (site, status, form_id, interviewer);
CREATE INDEX interviews_order_status ON interviews (status, site, form_id, interviewer);
CREATE INDEX interviews_order_form ON interviews (form_id, site, status, interviewer);
CREATE INDEX interviews_order_interviewer
    ON interviews (interviewer COLLATE NOCASE, site, status, form_id);
"""

# Every answer row carried the time of its last change, which nothing read: the
# edit log keeps the time of every change, and the interview row its last.
# Without it a row is about a third smaller (24 of some 75 bytes), and an
# import of 370 000 answers about 8 % quicker (issue 17). SQLite rewrites the
# rows once, here (4 million answers: 5 s).
_V14_ANSWERS_UNTIMED = """
ALTER TABLE answers DROP COLUMN updated_at;
"""

# (researcher) An interview's record as the next export would carry it, worked
# out when the interview is completed (services/export_ready.py, issue 17): an
# export takes it only while the interview's revision, its export id and the
# rules key (this program's rules, the questionnaire's file, the long side of
# pictures) are those it was worked out with; else the export works the
# record out again. Pseudonymised, as the bundle holds it: it never holds an
# identifier the answers table does not, and it goes with its interview.
_V15_EXPORT_READY = """
CREATE TABLE export_ready (
    interview_id TEXT PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
    revision     INTEGER NOT NULL,
    rules        TEXT NOT NULL,              -- services.export_ready.rules_key
    export_id    TEXT NOT NULL,
    quasi        TEXT NOT NULL,              -- JSON [[path, value or null], ...]
    held         TEXT NOT NULL,              -- JSON [[path, kind], ...]: texts kept back
    line         BLOB NOT NULL               -- the record's JSON line (UTF-8)
) WITHOUT ROWID;
"""

# Version 16. The interviews an export takes, oldest first, without reading their
# rows or sorting them all in memory (repo_export.candidate_ids; docs/vault.md).
# A save changes none of these columns, so it never writes this index.
_V16_CANDIDATES = """
CREATE INDEX interviews_status_created ON interviews (status, created_at, id);
"""

# Version 17: two of the three indexes holding updated_at only kept a site or status
# filter in that order, as interviews_order_updated also does (docs/vault.md).
_V17_FEWER_PAGES = """
DROP INDEX IF EXISTS interviews_site_updated;
DROP INDEX IF EXISTS interviews_status_updated;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "interviews, answers, edit log, attachments, sites, settings, questionnaires", _V1_CORE),
    Migration(2, "device keys, team, roster, bundles sent, pseudonyms, reviews, import log", V2_EXCHANGE),
    Migration(3, "covering index for searching the interview list", _V3_SEARCH),
    Migration(4, "hybrid keys, backup recipients, revocations, receipts, purges", V4_ANSWERS),
    Migration(5, "headers of imported bundles; answers by question and value",
              _V5_FOLDER_AND_FILTERS),
    Migration(6, "review decisions may release a text the safety net flags", V6_RELEASE),
    Migration(7, "commit counter (a lost WAL is noticed)", _V7_COMMITS),
    Migration(8, "accent-insensitive search of the alias (FTS5 trigrams)", _V8_ALIAS_SEARCH),
    Migration(9, "the researcher of an imported interview on its row, indexed",
              _V9_RESEARCHER_ON_INTERVIEW),
    Migration(10, "(lead) withheld answers of imported interviews, and why", V10_WITHHELD),
    Migration(11, "interviewers by index (the list's filter at unlock)", _V11_INTERVIEWER),
    Migration(12, "(lead) the researcher of an imported interview set once, not twice",
              _V12_ORIGIN_TRIGGER),
    Migration(13, "the list's orders kept by indexes that hold its filters", _V13_LIST_ORDERS),
    Migration(14, "answers without the time of their last change (the edit log has it)",
              _V14_ANSWERS_UNTIMED),
    Migration(15, "(researcher) records worked out for export when interviews are completed",
              _V15_EXPORT_READY),
    Migration(16, "complete interviews oldest first by index (what an export takes)",
              _V16_CANDIDATES),
    Migration(17, "fewer indexes a save rewrites (site or status by last change)",
              _V17_FEWER_PAGES),
)
