package store

import (
	"errors"
	"time"
)

// Task statuses, as stored. The interface names them in Vietnamese.
const (
	StatusNotStarted = "chua_trien_khai" // Chưa triển khai
	StatusInProgress = "dang_thuc_hien"  // Đang thực hiện
	StatusDone       = "hoan_thanh"      // Hoàn thành
	StatusPaused     = "tam_dung"        // Tạm dừng
	StatusDropped    = "khong_thuc_hien" // Không thực hiện
)

// Statuses lists the task statuses in the order the interface shows them.
var Statuses = []string{StatusNotStarted, StatusInProgress, StatusDone, StatusPaused, StatusDropped}

// ErrTaskNotFound is returned for a task id that does not exist.
var ErrTaskNotFound = errors.New("store: task not found")

// ErrNoteNotFound is returned for a note id that does not exist.
var ErrNoteNotFound = errors.New("store: note not found")

// ErrNoteSuperseded is returned when a note version that is not the latest of
// its note is corrected or retracted: the change must start from the newest.
var ErrNoteSuperseded = errors.New("store: the note has a newer version; correct the newest one")

// ErrNoteRetracted is returned when a retracted note is corrected.
var ErrNoteRetracted = errors.New("store: the note was retracted")

// ErrImplementsNotFound is returned for an implements-link id that does not
// exist.
var ErrImplementsNotFound = errors.New("store: implements link not found")

// TaskUnit is one unit of a task.
type TaskUnit struct {
	ID   string `json:"id"` // catalog id, or "new:<key>"
	Name string `json:"name"`
}

// ClauseRef names a clause of a document.
type ClauseRef struct {
	DocumentID int64  `json:"document_id"`
	Clause     string `json:"clause"`
}

// Target is a task's numeric goal: "giảm tối thiểu 10% biên chế của tỉnh so
// với năm 2015".
type Target struct {
	Text          string  `json:"text"`
	Metric        string  `json:"metric"`
	Direction     string  `json:"direction"` // decrease, increase, reach
	Amount        float64 `json:"amount"`
	Unit          string  `json:"unit"` // "%", "ha", "" for a count
	Minimum       bool    `json:"minimum"`
	Baseline      int     `json:"baseline"`       // baseline year, 0 when none
	BaselineValue float64 `json:"baseline_value"` // the metric in the baseline year, 0 when unknown
}

// Task is one task the clerk follows.
type Task struct {
	ID         int64       `json:"id"`
	DocumentID int64       `json:"document_id"`
	Clauses    []ClauseRef `json:"clauses"` // source clauses; the first is the main one
	Title      string      `json:"title"`
	Text       string      `json:"text"`
	Lead       []TaskUnit  `json:"lead"`
	Support    []TaskUnit  `json:"support"`
	// Due is the last day ("" none), From the first day of the period
	// ("" none), both ISO dates; DeadlineText keeps the source words.
	Due          string    `json:"due"`
	From         string    `json:"from"`
	DeadlineText string    `json:"deadline_text"`
	Recurrence   string    `json:"recurrence"`
	Status       string    `json:"status"`
	Progress     int       `json:"progress"`
	Target       *Target   `json:"target"` // nil when none
	Seq          int       `json:"seq"`
	CreatedAt    time.Time `json:"created_at"`
	CreatedBy    string    `json:"created_by"`
	UpdatedAt    time.Time `json:"updated_at"`
	// Filled when read: the date of the latest current note ("" none) and
	// the source document's number and title.
	LastReport string `json:"last_report"`
	Number     string `json:"number"`
	DocTitle   string `json:"document_title"`
}

// MainClause returns the address of the task's main source clause.
func (t Task) MainClause() string {
	if len(t.Clauses) == 0 {
		return ""
	}
	return t.Clauses[0].Clause
}

// TaskFilter selects tasks; zero fields select everything.
type TaskFilter struct {
	DocumentID int64
	UnitID     string   // lead or support
	Statuses   []string // any of
	Clause     *ClauseRef
}

// Attachment is a file attached to a note, kept under originals/<sha256>.
type Attachment struct {
	SHA256 string `json:"sha256"`
	Name   string `json:"name"`
	Size   int64  `json:"size"`
}

// Note is one version of a dated report on a task.
type Note struct {
	ID                 int64        `json:"id"`
	TaskID             int64        `json:"task_id"`
	Key                int64        `json:"key"` // id of the first version
	Version            int          `json:"version"`
	ReportedOn         string       `json:"reported_on"` // ISO date
	Reporter           string       `json:"reporter"`
	Body               string       `json:"body"`
	Progress           int          `json:"progress"` // -1 when not given
	Status             string       `json:"status"`   // new task status, "" unchanged
	EvidenceDocumentID int64        `json:"evidence_document_id"`
	EvidenceNumber     string       `json:"evidence_number"`
	Retracted          bool         `json:"retracted"`
	Attachments        []Attachment `json:"attachments"`
	CreatedAt          time.Time    `json:"created_at"`
	CreatedBy          string       `json:"created_by"`
}

// TargetValue is an actual value of a task's target at a date.
type TargetValue struct {
	ID         int64     `json:"id"`
	TaskID     int64     `json:"task_id"`
	AsOf       string    `json:"as_of"`
	Value      float64   `json:"value"`
	Comment    string    `json:"comment"`
	RecordedAt time.Time `json:"recorded_at"`
	RecordedBy string    `json:"recorded_by"`
}

// Implements says that a local clause implements a central clause.
type Implements struct {
	ID                int64     `json:"id"`
	LocalDocumentID   int64     `json:"local_document_id"`
	LocalClause       string    `json:"local_clause"`
	CentralDocumentID int64     `json:"central_document_id"`
	CentralClause     string    `json:"central_clause"`
	Origin            string    `json:"origin"` // auto, manual
	State             string    `json:"state"`  // proposed, confirmed, removed
	Score             float64   `json:"score"`
	ChangedAt         time.Time `json:"changed_at"`
	ChangedBy         string    `json:"changed_by"`
}

// AuditEntry is one changed field of one entity.
type AuditEntry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	By       string    `json:"by"`
	Entity   string    `json:"entity"` // task, note, target_value, unit_link, implements
	EntityID int64     `json:"entity_id"`
	Field    string    `json:"field"` // "create", or the field that changed
	Old      string    `json:"old"`
	New      string    `json:"new"`
}

// Audit entity names.
const (
	EntityTask        = "task"
	EntityNote        = "note"
	EntityTargetValue = "target_value"
	EntityUnitLink    = "unit_link"
	EntityImplements  = "implements"
)
