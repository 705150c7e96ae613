package index

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func TestPutSearchDeleteIDs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir, time.Second, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs := []Doc{
		{ID: 1, Title: "Kế hoạch thực hiện Kết luận số 74-KL/TW", Format: "pdf", Text: "Giao cho Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Sở Nội vụ"},
		{ID: 2, Title: "Chỉ thị về khoa học và công nghệ", Format: "doc", Text: "Sở Khoa học và Công nghệ là đầu mối"},
	}
	for _, d := range docs {
		if err := ix.Put(d); err != nil {
			t.Fatal(err)
		}
	}
	hits, err := ix.Search("Nội vụ", 10)
	if err != nil || len(hits) == 0 || hits[0] != 1 {
		t.Fatalf("search: %v %v", hits, err)
	}
	ids, _ := ix.IDs()
	if len(ids) != 2 || !ids[1] || !ids[2] {
		t.Fatalf("ids: %v", ids)
	}
	ix.Delete(1)
	ids, _ = ix.IDs()
	if len(ids) != 1 || ids[1] {
		t.Fatalf("after delete: %v", ids)
	}
}

// TestLockedByAnother: a second open of the same index fails within the
// timeout instead of hanging.
func TestLockedByAnother(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir, time.Second, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	_, err = Open(dir, 500*time.Millisecond, false)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("second open took %s", d)
	}
}
