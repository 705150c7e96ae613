-- Tasks the clerk follows, the notes units report on them, the values of
-- their numeric targets, the links from local clauses to the central clauses
-- they implement, and an audit log of every change to any of these.

-- A task, created by a person (from a proposal or by hand); never created
-- silently. Dates are ISO 'YYYY-MM-DD', '' when none.
CREATE TABLE tasks (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    title          TEXT    NOT NULL,
    text           TEXT    NOT NULL DEFAULT '',  -- the directive's words in the source clause
    due            TEXT    NOT NULL DEFAULT '',
    due_from       TEXT    NOT NULL DEFAULT '',
    deadline_text  TEXT    NOT NULL DEFAULT '',  -- the source words: "đến cuối năm 2021"
    recurrence     TEXT    NOT NULL DEFAULT '',  -- '', monthly, quarterly, semiannual, annual, continuous
    status         TEXT    NOT NULL DEFAULT 'chua_trien_khai'
                   CHECK (status IN ('chua_trien_khai', 'dang_thuc_hien', 'hoan_thanh', 'tam_dung', 'khong_thuc_hien')),
    progress       INTEGER NOT NULL DEFAULT 0,   -- latest reported %, 0..100
    target_text    TEXT    NOT NULL DEFAULT '',
    target_metric  TEXT    NOT NULL DEFAULT '',
    target_dir     TEXT    NOT NULL DEFAULT '',  -- '', decrease, increase, reach
    target_amount  REAL    NOT NULL DEFAULT 0,
    target_unit    TEXT    NOT NULL DEFAULT '',
    target_minimum INTEGER NOT NULL DEFAULT 0,
    target_base    INTEGER NOT NULL DEFAULT 0,   -- baseline year
    target_base_value REAL NOT NULL DEFAULT 0,   -- the metric's value in the baseline year, when known
    seq            INTEGER NOT NULL DEFAULT 0,   -- order within the document
    created_at     TEXT    NOT NULL,
    created_by     TEXT    NOT NULL DEFAULT '',
    updated_at     TEXT    NOT NULL
);
CREATE INDEX tasks_by_document ON tasks(document_id, seq);

-- The clause(s) a task comes from; the first (pos 0) is its main source.
CREATE TABLE task_clauses (
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    pos         INTEGER NOT NULL,
    document_id INTEGER NOT NULL,
    clause      TEXT    NOT NULL,
    PRIMARY KEY (task_id, pos)
);
CREATE INDEX task_clauses_by_clause ON task_clauses(document_id, clause);

-- The units of a task: lead (chủ trì) or support (phối hợp).
CREATE TABLE task_units (
    task_id   INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    role      TEXT    NOT NULL CHECK (role IN ('lead', 'support')),
    pos       INTEGER NOT NULL,
    unit_id   TEXT    NOT NULL,  -- catalog id, or 'new:<key>'
    unit_name TEXT    NOT NULL,
    PRIMARY KEY (task_id, role, pos)
);
CREATE INDEX task_units_by_unit ON task_units(unit_id);

-- Notes are append-only: a correction is a new row with the same note_key
-- and the next version; a withdrawal is a new version with retracted = 1.
-- Triggers below refuse UPDATE and DELETE, so a note can never be lost.
CREATE TABLE notes (
    id           INTEGER PRIMARY KEY,
    task_id      INTEGER NOT NULL REFERENCES tasks(id),
    note_key     INTEGER NOT NULL,          -- id of the note's first version
    version      INTEGER NOT NULL,          -- 1, 2, ...
    reported_on  TEXT    NOT NULL,          -- the date the unit reported
    reporter     TEXT    NOT NULL DEFAULT '', -- unit or person who reported
    body         TEXT    NOT NULL DEFAULT '',
    progress     INTEGER NOT NULL DEFAULT -1, -- %, -1 when not given
    status       TEXT    NOT NULL DEFAULT '', -- the task's new status, '' when unchanged
    evidence_document_id INTEGER,           -- a library document (an incoming report)
    evidence_number TEXT NOT NULL DEFAULT '', -- "12-BC/BTCTU" as the note mentions it
    retracted    INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT    NOT NULL,
    created_by   TEXT    NOT NULL DEFAULT '',
    UNIQUE (note_key, version)
);
CREATE INDEX notes_by_task ON notes(task_id, reported_on);
CREATE TRIGGER notes_append_only_update BEFORE UPDATE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only: add a new version'); END;
CREATE TRIGGER notes_append_only_delete BEFORE DELETE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only: add a new version'); END;

-- Files attached to a note, stored like originals (originals/<sha256>).
CREATE TABLE note_attachments (
    note_id INTEGER NOT NULL REFERENCES notes(id),
    sha256  TEXT    NOT NULL,
    name    TEXT    NOT NULL,
    size    INTEGER NOT NULL,
    PRIMARY KEY (note_id, sha256)
);

-- Actual values of a task's numeric target over time.
CREATE TABLE target_values (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    as_of       TEXT    NOT NULL,   -- the date the value describes
    value       REAL    NOT NULL,
    comment     TEXT    NOT NULL DEFAULT '',
    recorded_at TEXT    NOT NULL,
    recorded_by TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX target_values_by_task ON target_values(task_id, as_of);

-- A local clause that implements a central clause. Suggestions are 'auto'
-- rows in state 'proposed'; a person confirms or removes them, or adds one.
CREATE TABLE implements (
    id                  INTEGER PRIMARY KEY,
    local_document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    local_clause        TEXT    NOT NULL,
    central_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    central_clause      TEXT    NOT NULL,
    origin              TEXT    NOT NULL CHECK (origin IN ('auto', 'manual')),
    state               TEXT    NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'confirmed', 'removed')),
    score               REAL    NOT NULL DEFAULT 0,
    changed_at          TEXT    NOT NULL,
    changed_by          TEXT    NOT NULL DEFAULT '',
    UNIQUE (local_document_id, local_clause, central_document_id, central_clause)
);
CREATE INDEX implements_by_central ON implements(central_document_id, central_clause);

-- Every change of a task, a note, a target value, a unit link or an
-- implements-link: one row per changed field.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    by        TEXT    NOT NULL DEFAULT '',
    entity    TEXT    NOT NULL,  -- task, note, target_value, unit_link, implements
    entity_id INTEGER NOT NULL,
    field     TEXT    NOT NULL,  -- 'create' for a new row, else the field changed
    old       TEXT    NOT NULL DEFAULT '',
    new       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_entity ON audit(entity, entity_id);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
