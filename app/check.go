package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"chidao/store"
)

// CheckReport is what Check found. OK is true when Problems is empty; Notes are
// findings that need no repair (such as originals no document refers to, or
// an append-only trigger put back at open). Problems and notes are Vietnamese
// sentences that say what is wrong and what to do.
type CheckReport struct {
	Documents int      `json:"documents"`
	Originals int      `json:"originals"`
	Indexed   int      `json:"indexed"`
	Problems  []string `json:"problems"`
	Notes     []string `json:"notes,omitempty"`
	OK        bool     `json:"ok"`
}

// Check verifies the library: SQLite integrity and foreign keys, the
// append-only triggers that protect the history (and those put back at open),
// every document's original present with the right hash, and the index
// holding exactly the documents of the database.
func (l *Library) Check(ctx context.Context) (CheckReport, error) {
	var r CheckReport
	problems, err := l.store.IntegrityCheck(ctx)
	if err != nil {
		return r, err
	}
	r.Problems = append(r.Problems, problems...)
	if err := l.checkTriggers(ctx, &r); err != nil {
		return r, err
	}
	ds, err := l.store.Documents(ctx)
	if err != nil {
		return r, err
	}
	r.Documents = len(ds)
	known := map[string]bool{}
	for _, d := range ds {
		known[d.SHA256] = true
		if err := ctx.Err(); err != nil {
			return r, err
		}
		if d.Format == FormatSynthetic {
			continue // a benchmark document: it never had a file
		}
		if err := l.originals.Verify(d.SHA256); err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("Văn bản %d (%s): %s: hãy nhập lại đúng tệp gốc (chidao import TỆP) hoặc khôi phục từ bản sao lưu.",
				d.ID, d.FileName, originalFault("tệp gốc", err)))
			continue
		}
		r.Originals++
	}
	atts, err := l.store.AttachmentSHAs(ctx)
	if err != nil {
		return r, err
	}
	for _, sha := range atts {
		known[sha] = true
		if err := l.originals.Verify(sha); err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("Tệp đính kèm %s của một ghi chú: %s: hãy chép lại tệp này từ thư mục originals của bản sao lưu gần nhất.",
				sha, originalFault("tệp", err)))
		}
	}
	entries, _ := os.ReadDir(l.originals.Dir)
	for _, e := range entries {
		if !known[e.Name()] {
			r.Notes = append(r.Notes, fmt.Sprintf("Tệp %s trong thư mục originals không thuộc văn bản hay tệp đính kèm nào (có lẽ còn lại sau một lần nhập bị ngắt giữa chừng): tệp vô hại, không cần làm gì.", e.Name()))
		}
	}
	if l.index != nil {
		ids, err := l.index.DocumentIDs()
		if err != nil {
			return r, err
		}
		r.Indexed = len(ids)
		inDB := map[int64]bool{}
		for _, d := range ds {
			inDB[d.ID] = true
			if !ids[d.ID] {
				r.Problems = append(r.Problems, fmt.Sprintf("Văn bản %d (%s) chưa có trong chỉ mục tìm kiếm nên tìm kiếm không thấy nó: hãy xây dựng lại chỉ mục (chidao reindex).", d.ID, d.FileName))
			}
		}
		for id := range ids {
			if !inDB[id] {
				r.Problems = append(r.Problems, fmt.Sprintf("Chỉ mục tìm kiếm còn giữ văn bản %d mà cơ sở dữ liệu không có, nên tìm kiếm có thể đưa ra văn bản không tồn tại: hãy xây dựng lại chỉ mục (chidao reindex).", id))
			}
		}
	}
	r.OK = len(r.Problems) == 0
	return r, nil
}

// originalFault says, in words, why Verify refused a file kept under
// originals/ (what names it: "tệp gốc", "tệp").
func originalFault(what string, err error) string {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return what + " bị thiếu trong thư mục originals"
	case errors.As(err, &pe):
		return fmt.Sprintf("không đọc được %s (%v)", what, pe.Err)
	default:
		return what + " đã bị thay đổi (nội dung không còn khớp mã SHA-256 của nó)"
	}
}

// historyTables names, for the clerk, what each append-only table keeps.
var historyTables = map[string]string{
	"notes":            "các ghi chú báo cáo tiến độ",
	"note_attachments": "các tệp đính kèm của ghi chú",
	"audit":            "nhật ký thay đổi",
	"reports":          "các báo cáo đã lưu",
	"target_values":    "các số liệu chỉ tiêu đã ghi",
}

// triggerWords describes an append-only trigger: "cơ chế chặn sửa nhật ký
// thay đổi", and what could happen while it is absent: "nhật ký thay đổi có
// thể đã bị sửa".
func triggerWords(t store.AppendOnlyTrigger) (guards, risk string) {
	verb := "sửa"
	if strings.HasSuffix(t.Name, "_delete") {
		verb = "xóa"
	}
	what := historyTables[t.Table]
	if what == "" {
		what = "bảng " + t.Table
	}
	return "cơ chế chặn " + verb + " " + what, what + " có thể đã bị " + verb
}

// upperFirst capitalises the first letter of a sentence.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// checkTriggers reports the append-only triggers missing or altered now as
// problems (Open puts them back, but a read-only or concurrent change can
// leave one out), and those Open put back, as the audit log records them, as
// notes: the library is protected again, but what happened while a trigger
// was absent cannot be known.
func (l *Library) checkTriggers(ctx context.Context, r *CheckReport) error {
	faults, err := l.store.TriggerFaults(ctx)
	if err != nil {
		return err
	}
	for _, f := range faults {
		guards, risk := triggerWords(f.Trigger)
		state := "không còn trong cơ sở dữ liệu"
		if f.Found != "" {
			state = "đã bị thay bằng nội dung khác"
		}
		r.Problems = append(r.Problems, fmt.Sprintf("%s (trigger %s) %s, nên %s mà không để lại dấu vết: hãy đóng mọi cửa sổ chidao rồi chạy chidao check để chương trình tự đặt lại, sau đó đối chiếu với bản sao lưu gần nhất.",
			upperFirst(guards), f.Trigger.Name, state, risk))
	}
	restored, err := l.store.Audit(ctx, store.EntityTrigger, 0)
	if err != nil {
		return err
	}
	byName := map[string]store.AppendOnlyTrigger{}
	for _, t := range store.AppendOnlyTriggers() {
		byName[t.Name] = t
	}
	for _, e := range restored {
		t, ok := byName[e.Field]
		if !ok {
			t = store.AppendOnlyTrigger{Name: e.Field}
		}
		guards, risk := triggerWords(t)
		state := "bị thiếu"
		if e.Old != "" {
			state = "bị thay bằng nội dung khác"
		}
		r.Notes = append(r.Notes, fmt.Sprintf("Lúc %s, %s (trigger %s) %s và đã được khôi phục khi mở thư viện (có ghi trong nhật ký thay đổi); trước lúc đó %s mà không để lại dấu vết: nếu cần chắc chắn, hãy đối chiếu với bản sao lưu làm trước thời điểm này.",
			e.At.Local().Format("15:04 02/01/2006"), guards, e.Field, state, risk))
	}
	return nil
}

// Backup writes a consistent copy of the library to dest, a folder that must
// not exist or be empty: the database through VACUUM INTO (safe while the app
// writes) and every original. The index is not copied: it is rebuilt on open.
//
// The copy is written to a temporary folder beside dest and verified (the
// database's integrity, every original's hash) before it takes dest's name,
// so an interrupted or failed backup never leaves at dest something that
// looks like a library.
func (l *Library) Backup(ctx context.Context, dest string) error {
	if entries, err := os.ReadDir(dest); err == nil && len(entries) > 0 {
		return fmt.Errorf("the backup folder %s is not empty: choose a new or empty folder", dest)
	}
	parent := filepath.Dir(filepath.Clean(dest))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(filepath.Clean(dest))+".partial-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone once renamed; what a failure left otherwise
	if err := l.backupInto(ctx, tmp); err != nil {
		return err
	}
	if err := verifyBackup(ctx, tmp); err != nil {
		return fmt.Errorf("the backup copy failed its check: %w", err)
	}
	os.Remove(dest) // an empty folder named by the clerk
	return os.Rename(tmp, dest)
}

// verifyBackup opens a finished copy read-only and checks it as Check would
// its database and originals.
func verifyBackup(ctx context.Context, dir string) error {
	b, err := Open(ctx, dir, Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer b.Close()
	rep, err := b.Check(ctx)
	if err != nil {
		return err
	}
	if len(rep.Problems) > 0 {
		return errors.New(strings.Join(rep.Problems, "; "))
	}
	return nil
}

// backupInto writes the copy into dir, a new empty folder.
func (l *Library) backupInto(ctx context.Context, dest string) error {
	if err := os.MkdirAll(filepath.Join(dest, "originals"), 0o755); err != nil {
		return err
	}
	if err := l.store.VacuumInto(ctx, filepath.Join(dest, "chidao.db")); err != nil {
		return fmt.Errorf("copy the database: %w", err)
	}
	ds, err := l.store.Documents(ctx)
	if err != nil {
		return err
	}
	copied := map[string]bool{}
	for _, d := range ds {
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.Format == FormatSynthetic || copied[d.SHA256] {
			continue
		}
		copied[d.SHA256] = true
		if err := copyFile(l.originals.Path(d.SHA256), filepath.Join(dest, "originals", d.SHA256)); err != nil {
			return fmt.Errorf("copy original of document %d: %w", d.ID, err)
		}
	}
	// The files attached to notes are kept with the originals too.
	atts, err := l.store.AttachmentSHAs(ctx)
	if err != nil {
		return err
	}
	for _, sha := range atts {
		if copied[sha] {
			continue
		}
		copied[sha] = true
		if err := copyFile(l.originals.Path(sha), filepath.Join(dest, "originals", sha)); err != nil {
			return fmt.Errorf("copy attachment %s: %w", sha, err)
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o444)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
