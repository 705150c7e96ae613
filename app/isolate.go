package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"

	"chidao/docs"
)

// ChildCommand is the hidden sub-command under which the binary reads one file
// with MuPDF on behalf of its parent.
const ChildCommand = "__extract"

// childMemoryLimit is the address space an extraction child may use.
const childMemoryLimit = 3 << 30

// childReply is what an extraction child prints on standard output.
type childReply struct {
	Pages []string `json:"pages,omitempty"`
	Kind  string   `json:"kind,omitempty"` // the failure, when there is one
	Error string   `json:"error,omitempty"`
}

// errKinds maps docs errors to the names a child sends back.
var errKinds = map[string]error{
	"encrypted": docs.ErrEncrypted,
	"corrupt":   docs.ErrCorrupt,
	"zipbomb":   docs.ErrZipBomb,
	"toolarge":  docs.ErrTooLarge,
	"empty":     docs.ErrEmpty,
}

// RunChild runs the hidden extraction sub-command when args (os.Args[1:]) name
// it, and reports whether it did. main and test binaries call it first thing:
//
//	__extract FORMAT PATH
func RunChild(args []string) bool {
	if len(args) < 1 || args[0] != ChildCommand {
		return false
	}
	limitChild()
	out := json.NewEncoder(os.Stdout)
	if len(args) != 3 {
		out.Encode(childReply{Kind: "corrupt", Error: "usage: __extract FORMAT PATH"})
		os.Exit(2)
	}
	b, err := os.ReadFile(args[2])
	if err != nil {
		out.Encode(childReply{Kind: "io", Error: err.Error()})
		os.Exit(3)
	}
	raw, err := docs.ExtractFitz(b, docs.Format(args[1]))
	if err != nil {
		kind := "corrupt"
		for k, e := range errKinds {
			if errors.Is(err, e) {
				kind = k
			}
		}
		out.Encode(childReply{Kind: kind, Error: err.Error()})
		os.Exit(3)
	}
	if err := out.Encode(childReply{Pages: raw.Pages}); err != nil {
		os.Exit(4)
	}
	os.Exit(0)
	return true
}

// ErrCrashed and ErrTimeout say how an extraction child failed.
var (
	ErrCrashed = errors.New("the PDF reader crashed")
	ErrTimeout = errors.New("the PDF reader took too long")
)

// extractIsolated reads path with MuPDF in a child process of this binary,
// killed after timeout. A crash, a hang or a runaway allocation fails this one
// file and nothing else.
func (o *Options) extractIsolated(ctx context.Context, path string, f docs.Format) (docs.Raw, error) {
	ctx, cancel := context.WithTimeout(ctx, o.ExtractTimeout)
	defer cancel()
	argv := append(append([]string{}, o.ChildArgv...), ChildCommand, string(f), path)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "CHIDAO_CHILD=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &limitedBuffer{max: 64 << 10, buf: &stderr}
	cmd.WaitDelay = 2 * time.Second
	runErr := cmd.Run()
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return docs.Raw{}, fmt.Errorf("%w (%s)", ErrTimeout, o.ExtractTimeout)
		}
		return docs.Raw{}, ctx.Err()
	}
	var reply childReply
	decErr := json.Unmarshal(stdout.Bytes(), &reply)
	if runErr != nil {
		if decErr == nil && reply.Kind != "" {
			if e, ok := errKinds[reply.Kind]; ok {
				return docs.Raw{}, fmt.Errorf("%w: %s", e, reply.Error)
			}
			return docs.Raw{}, errors.New(reply.Error)
		}
		return docs.Raw{}, fmt.Errorf("%w: %v %s", ErrCrashed, runErr, firstLine(stderr.String()))
	}
	if decErr != nil {
		return docs.Raw{}, fmt.Errorf("%w: unreadable reply: %v", ErrCrashed, decErr)
	}
	return docs.Raw{Format: f, Pages: reply.Pages}, nil
}

type limitedBuffer struct {
	max int
	buf *bytes.Buffer
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		if len(p) > room {
			b.buf.Write(p[:room])
		} else {
			b.buf.Write(p)
		}
	}
	return len(p), nil
}

func firstLine(s string) string {
	if i := bytes.IndexByte([]byte(s), '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
