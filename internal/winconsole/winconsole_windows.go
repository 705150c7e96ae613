//go:build windows

package winconsole

import (
	"os"
	"syscall"
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = uintptr(^uint32(0))

var (
	kernel32          = syscall.NewLazyDLL("kernel32.dll")
	procAttachConsole = kernel32.NewProc("AttachConsole")
	procSetStdHandle  = kernel32.NewProc("SetStdHandle")
)

func init() {
	if len(os.Args) < 2 {
		return // the window: no console wanted
	}
	in := missing(syscall.STD_INPUT_HANDLE)
	out := missing(syscall.STD_OUTPUT_HANDLE)
	errw := missing(syscall.STD_ERROR_HANDLE)
	if !in && !out && !errw {
		return // a console program, or every handle redirected
	}
	if r, _, _ := procAttachConsole.Call(attachParentProcess); r == 0 {
		return // started from Explorer, or the parent has no console
	}
	if in {
		if h, ok := reopen("CONIN$", syscall.STD_INPUT_HANDLE); ok {
			syscall.Stdin = h
			os.Stdin = os.NewFile(uintptr(h), "/dev/stdin")
		}
	}
	if out {
		if h, ok := reopen("CONOUT$", syscall.STD_OUTPUT_HANDLE); ok {
			syscall.Stdout = h
			os.Stdout = os.NewFile(uintptr(h), "/dev/stdout")
		}
	}
	if errw {
		if h, ok := reopen("CONOUT$", syscall.STD_ERROR_HANDLE); ok {
			syscall.Stderr = h
			os.Stderr = os.NewFile(uintptr(h), "/dev/stderr")
		}
	}
}

// missing reports whether standard handle std leads nowhere: none set, or one
// Windows does not recognise. A file, a pipe, a console or NUL is kept.
func missing(std int) bool {
	h, err := syscall.GetStdHandle(std)
	if err != nil || h == 0 || h == syscall.InvalidHandle {
		return true
	}
	t, _ := syscall.GetFileType(h)
	return t == syscall.FILE_TYPE_UNKNOWN
}

// reopen opens the attached console's input or output buffer and makes it the
// process's standard handle std, which the Go runtime also writes panics to.
func reopen(name string, std int) (syscall.Handle, bool) {
	p, err := syscall.UTF16PtrFromString(name)
	if err != nil {
		return 0, false
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ|syscall.GENERIC_WRITE,
		syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE, nil, syscall.OPEN_EXISTING, 0, 0)
	if err != nil {
		return 0, false
	}
	procSetStdHandle.Call(uintptr(uint32(int32(std))), uintptr(h))
	return h, true
}
