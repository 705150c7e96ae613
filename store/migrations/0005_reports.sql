-- Saved reports: each keeps what it was made from (the request, and the
-- report as laid out, with the tasks and notes as they were), so it can be
-- reopened and reprinted unchanged after the data moves on.
CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT    NOT NULL,
    created_by  TEXT    NOT NULL DEFAULT '',
    title       TEXT    NOT NULL,
    request     TEXT    NOT NULL, -- JSON: scope, period, grouping, what to include
    snapshot    TEXT    NOT NULL  -- JSON: the report's content and the tasks and notes it shows
);
CREATE TRIGGER reports_append_only_update BEFORE UPDATE ON reports
BEGIN SELECT RAISE(ABORT, 'saved reports are kept unchanged'); END;

-- Library settings the clerk edits (office, signer, report format, user name)
-- live in meta under 'settings.*' keys.
