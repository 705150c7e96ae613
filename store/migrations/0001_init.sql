-- Documents imported into the library. The original file is kept under
-- originals/<sha256>; everything else here is derived from it at import.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT    NOT NULL UNIQUE,
    file_name   TEXT    NOT NULL,
    source_path TEXT    NOT NULL,
    format      TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    pages       INTEGER NOT NULL DEFAULT 0,
    title       TEXT    NOT NULL DEFAULT '',
    encoding    TEXT    NOT NULL DEFAULT '',
    needs_ocr   INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT    NOT NULL
);

-- Clean paragraphs of a document in reading order, with the page each starts on.
CREATE TABLE paragraphs (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    page        INTEGER NOT NULL DEFAULT 0,
    footnote    INTEGER NOT NULL DEFAULT 0,
    text        TEXT    NOT NULL,
    PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;

-- Changes the search index has not applied yet. A row is written in the same
-- transaction as the change and removed once the index has it, so a crash in
-- between is healed at the next start.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    op          TEXT    NOT NULL CHECK (op IN ('index', 'delete'))
);

-- Library-wide settings and stamps (index version, library id).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
