-- The unit catalog of the library (seeded from the default catalog, then the
-- clerk's to edit) and the links from clauses to the units that must act.
CREATE TABLE units (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]', -- JSON array
    kind    TEXT NOT NULL DEFAULT 'other',
    level   TEXT NOT NULL DEFAULT 'tinh',
    parent  TEXT NOT NULL DEFAULT '',
    seq     INTEGER NOT NULL DEFAULT 0  -- catalog order
);

-- A clause-unit-role link with its provenance. Extraction writes 'auto' rows
-- in state 'proposed' and replaces only those when it runs again; a row a
-- person confirmed, removed or added ('manual') is never overwritten.
CREATE TABLE clause_units (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    clause      TEXT    NOT NULL,
    unit_id     TEXT    NOT NULL,  -- a catalog id, or 'new:<key>' for a name not in the catalog
    unit_name   TEXT    NOT NULL,  -- the catalog name, or the words as printed
    role        TEXT    NOT NULL CHECK (role IN ('lead', 'support', 'report_to')),
    start       INTEGER NOT NULL DEFAULT 0, -- rune offsets in the clause text (0, 0 when inherited)
    end         INTEGER NOT NULL DEFAULT 0,
    origin      TEXT    NOT NULL CHECK (origin IN ('auto', 'manual')),
    state       TEXT    NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'confirmed', 'removed')),
    changed_at  TEXT    NOT NULL,
    changed_by  TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX clause_units_once ON clause_units(document_id, clause, unit_id, role);
CREATE INDEX clause_units_by_unit ON clause_units(unit_id);
