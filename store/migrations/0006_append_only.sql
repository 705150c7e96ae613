-- The rest of the history is append-only too: the files attached to notes,
-- the recorded values of targets and the saved reports (0005 refused only
-- their update). Like the triggers of 0004, these refuse UPDATE and DELETE.
-- Every trigger named <table>_append_only_* in the migrations is also checked
-- at each open and put back, with an audit row, if it has gone (store/appendonly.go).
CREATE TRIGGER reports_append_only_delete BEFORE DELETE ON reports
BEGIN SELECT RAISE(ABORT, 'saved reports are kept unchanged'); END;

CREATE TRIGGER note_attachments_append_only_update BEFORE UPDATE ON note_attachments
BEGIN SELECT RAISE(ABORT, 'note attachments are append-only: add a new version of the note'); END;
CREATE TRIGGER note_attachments_append_only_delete BEFORE DELETE ON note_attachments
BEGIN SELECT RAISE(ABORT, 'note attachments are append-only: add a new version of the note'); END;

CREATE TRIGGER target_values_append_only_update BEFORE UPDATE ON target_values
BEGIN SELECT RAISE(ABORT, 'target values are append-only: record a new value'); END;
CREATE TRIGGER target_values_append_only_delete BEFORE DELETE ON target_values
BEGIN SELECT RAISE(ABORT, 'target values are append-only: record a new value'); END;
