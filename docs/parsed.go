package docs

// Parsed is what chidao understands of a directive: its header and closing
// (Metadata), its clause tree, its footnotes and the documents it cites. The
// JSON names are those `chidao inspect --json` prints; other tools read them.
type Parsed struct {
	Metadata   Metadata    `json:"metadata"`
	Clauses    []*Clause   `json:"clauses"`
	Footnotes  []Footnote  `json:"footnotes"`
	References []Reference `json:"references"`
}

// Metadata is the header and closing of a document.
type Metadata struct {
	Kind        string   `json:"kind"`         // sentence case: "Kế hoạch", "Nghị quyết", "Quyết định"
	Number      string   `json:"number"`       // normalized: "74-KL/TW", "09/2010/QĐ-UBND"; "" when the text has none
	Date        string   `json:"date"`         // ISO 8601 "2020-05-22"; "" when unknown
	Place       string   `json:"place"`        // "Rạch Giá", "Hà Nội"
	Issuer      string   `json:"issuer"`       // the issuing body as its header names it: "Tỉnh ủy Kiên Giang", "Ủy ban nhân dân tỉnh Bình Dương"
	Title       string   `json:"title"`        // kind and subject: "Kế hoạch thực hiện Kết luận số 74-KL/TW ..."
	Subject     string   `json:"subject"`      // the subject line alone: "thực hiện Kết luận số 74-KL/TW ..."
	SignerName  string   `json:"signer_name"`  // "Đỗ Thanh Bình"
	SignerTitle string   `json:"signer_title"` // "T/M BAN THƯỜNG VỤ BÍ THƯ", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
	Recipients  []string `json:"recipients"`   // the "Nơi nhận:" lines, without their leading "- " and trailing ",;."
}

// Clause is one node of a document's tree: a part, chapter, section, article,
// numbered item, lettered point, bullet, or an unlabelled paragraph.
type Clause struct {
	// Address is stable and unique within the document, built from the labels
	// on the path: "B.II.2.1", "Điều 3.2.a", "B.II.2.1/¶2", "B.II.2.1/-3".
	Address string `json:"address"`
	// Label is the clause's own label as written, without punctuation: "B",
	// "II", "2.1", "a", "Điều 3", "Chương II", "-", "+"; "" for a paragraph.
	Label string `json:"label"`
	// Level names the kind of node: "part", "chapter", "section", "article",
	// "item", "point", "bullet", "paragraph", "appendix".
	Level string `json:"level"`
	// Heading is the clause's title when its first paragraph is a heading
	// ("MỤC ĐÍCH, YÊU CẦU", "Công tác tuyên truyền, giáo dục"); "" otherwise.
	Heading string `json:"heading"`
	// Text is the clause's own text, label and heading excluded, children
	// excluded; paragraphs joined by "\n".
	Text     string    `json:"text"`
	Page     int       `json:"page"`
	Children []*Clause `json:"children"`
}

// Footnote is a note at the foot of a page, attached to the labelled clause
// whose text carries its mark (or the clause it interrupts).
type Footnote struct {
	Mark   string `json:"mark"` // "1"
	Text   string `json:"text"` // without its mark
	Clause string `json:"clause"`
	Page   int    `json:"page"`
}

// Reference is one citation of another document by its number.
type Reference struct {
	Number    string `json:"number"`    // normalized, as Metadata.Number: "74-KL/TW"
	Kind      string `json:"kind"`      // from the citation when given: "Kết luận"
	Date      string `json:"date"`      // ISO, from the citation when given
	Issuer    string `json:"issuer"`    // from the citation when given: "Bộ Chính trị"
	Clause    string `json:"clause"`    // address of the citing clause
	Text      string `json:"text"`      // the citation as written: "Kết luận số 74-KL/TW, ngày 22-5-2020"
	Start     int    `json:"start"`     // byte offsets of Text within the clause's Text
	End       int    `json:"end"`       //
	Uncertain bool   `json:"uncertain"` // a typo repaired ("18-NQ/T") or a short form resolved ("Nghị quyết số 39")
}

// ParserVersion changes whenever Parse would read a stored document
// differently; a library parsed by an older version is parsed again at open.
const ParserVersion = 3
