-- What the parser understood of each document: header metadata, the clause
-- tree, footnotes and the documents it cites. All of it is derived from the
-- stored paragraphs and rebuilt when the parser changes (meta parser_version).
ALTER TABLE documents ADD COLUMN kind         TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN number       TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN doc_date     TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN place        TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN issuer       TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN subject      TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN signer_name  TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN signer_title TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN recipients   TEXT NOT NULL DEFAULT '[]'; -- JSON array

-- Documents known by their number: every imported document that has one, every
-- document cited, and the central documents the library ships. A citation
-- links to this row, so a link made before the cited text is imported stays
-- valid: importing it later only fills document_id.
CREATE TABLE known_documents (
    id          INTEGER PRIMARY KEY,
    number_key  TEXT    NOT NULL UNIQUE,
    number      TEXT    NOT NULL,
    kind        TEXT    NOT NULL DEFAULT '',
    doc_date    TEXT    NOT NULL DEFAULT '',
    issuer      TEXT    NOT NULL DEFAULT '',
    title       TEXT    NOT NULL DEFAULT '',
    source      TEXT    NOT NULL DEFAULT 'cited' CHECK (source IN ('cited', 'bundled', 'imported')),
    document_id INTEGER UNIQUE REFERENCES documents(id) ON DELETE SET NULL
);

CREATE TABLE clauses (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,          -- document order, depth first
    address     TEXT    NOT NULL,
    parent      TEXT    NOT NULL DEFAULT '',
    depth       INTEGER NOT NULL DEFAULT 0,
    label       TEXT    NOT NULL DEFAULT '',
    level       TEXT    NOT NULL DEFAULT '',
    heading     TEXT    NOT NULL DEFAULT '',
    text        TEXT    NOT NULL DEFAULT '',
    page        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, seq),
    UNIQUE (document_id, address)
) WITHOUT ROWID;

CREATE TABLE footnotes (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    mark        TEXT    NOT NULL DEFAULT '',
    text        TEXT    NOT NULL,
    clause      TEXT    NOT NULL DEFAULT '',
    page        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;

CREATE TABLE citations (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    clause      TEXT    NOT NULL DEFAULT '',   -- address of the citing clause; '' for the subject line
    known_id    INTEGER NOT NULL REFERENCES known_documents(id),
    number      TEXT    NOT NULL,
    kind        TEXT    NOT NULL DEFAULT '',
    doc_date    TEXT    NOT NULL DEFAULT '',
    issuer      TEXT    NOT NULL DEFAULT '',
    text        TEXT    NOT NULL DEFAULT '',
    start       INTEGER NOT NULL DEFAULT 0,
    end         INTEGER NOT NULL DEFAULT 0,
    uncertain   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX citations_by_known ON citations(known_id);
CREATE INDEX citations_by_document ON citations(document_id);
