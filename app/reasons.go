package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"chidao/docs"
	"chidao/index"
	"chidao/store"
)

// ReasonNeedsOCR marks a document imported without a text layer.
const ReasonNeedsOCR = "Tệp là bản quét, chưa có lớp chữ: đã nhập và đánh dấu cần nhận dạng (OCR)."

// Reason says, in one Vietnamese sentence a clerk can act on, why something
// failed. It is the one place where internal errors become user text.
func Reason(err error) string {
	var se *sizeError
	var qe *index.QueryError
	var ie *InvalidError
	var re *ReportError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &qe):
		return qe.Error()
	case errors.Is(err, ErrNoPrinter):
		return "Máy chưa cài máy in nào (hoặc chưa chọn máy in mặc định): hãy cài máy in, hoặc lưu báo cáo ra PDF rồi in từ máy khác."
	case errors.As(err, &re):
		return re.Msg
	case errors.As(err, &ie):
		return ie.Msg
	case errors.Is(err, store.ErrNoteSuperseded):
		return "Ghi chú này vừa được sửa ở nơi khác: hãy mở lại nhiệm vụ rồi sửa bản mới nhất."
	case errors.Is(err, store.ErrNoteRetracted):
		return "Ghi chú này đã được rút lại nên không sửa được."
	case errors.Is(err, store.ErrTaskNotFound):
		return "Không tìm thấy nhiệm vụ này: hãy tải lại danh sách nhiệm vụ."
	case errors.Is(err, store.ErrNoteNotFound):
		return "Không tìm thấy ghi chú này (có thể đã được rút lại)."
	case errors.Is(err, context.Canceled):
		return "Đã hủy trước khi nhập tệp này: chạy lại lệnh nhập để nhập tiếp."
	case errors.As(err, &se):
		return fmt.Sprintf("Tệp quá lớn (%s, tối đa %s): hãy tách tệp thành nhiều phần rồi nhập lại.", megabytes(se.size), megabytes(se.max))
	case errors.Is(err, docs.ErrEmpty):
		return "Tệp rỗng (0 byte), không có nội dung để nhập: hãy kiểm tra lại tệp gốc."
	case errors.Is(err, docs.ErrEncrypted):
		return "Tệp được bảo vệ bằng mật khẩu: hãy mở khóa (bỏ mật khẩu) rồi nhập lại."
	case errors.Is(err, docs.ErrZipBomb):
		return "Tệp nén bất thường, giải nén ra quá lớn (có thể là tệp độc hại): đã bỏ qua tệp này."
	case errors.Is(err, docs.ErrTooLarge):
		return "Nội dung tệp quá lớn để là một văn bản: hãy kiểm tra lại tệp, các tệp khác vẫn được nhập."
	case errors.Is(err, docs.ErrUnsupported):
		return "Định dạng tệp không được hỗ trợ (chidao nhập PDF, Word DOC/DOCX, EPUB, HTML và TXT): đã bỏ qua tệp này."
	case errors.Is(err, docs.ErrCorrupt):
		return "Tệp bị hỏng hoặc không đúng định dạng: bỏ qua tệp này, các tệp khác vẫn được nhập."
	case errors.Is(err, ErrTimeout):
		return "Đọc tệp quá lâu mà chưa xong (tệp có thể bị hỏng): đã dừng và bỏ qua tệp này, các tệp khác vẫn được nhập."
	case errors.Is(err, ErrCrashed):
		return "Trình đọc PDF gặp lỗi nghiêm trọng với tệp này (tệp có thể bị hỏng): bỏ qua tệp này, các tệp khác vẫn được nhập."
	case errors.Is(err, fs.ErrNotExist):
		return "Không tìm thấy tệp hoặc thư mục: hãy kiểm tra lại đường dẫn."
	case errors.Is(err, fs.ErrPermission):
		return "Không có quyền đọc tệp: hãy kiểm tra quyền truy cập rồi thử lại."
	case errors.Is(err, ErrIndexBehind):
		return "Các văn bản đã được lưu nhưng chỉ mục tìm kiếm chưa cập nhật xong: chỉ mục sẽ tự cập nhật khi mở lại chương trình (hoặc chạy lệnh chidao reindex)."
	case errors.Is(err, ErrBusy), errors.Is(err, index.ErrLocked):
		return "Thư viện đang được mở bởi một cửa sổ hoặc lệnh chidao khác: hãy dùng cửa sổ đang mở, hoặc đóng nó rồi thử lại."
	case errors.Is(err, store.ErrReportNotFound):
		return "Không có báo cáo đã lưu này: xem danh sách các báo cáo đã lưu."
	}
	return "Không thực hiện được (" + err.Error() + "): hãy thử lại, nếu vẫn lỗi hãy báo cho bộ phận CNTT."
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
}
