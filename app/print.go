package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os/exec"
	"runtime"
	"strings"
	"time"

	fitz "github.com/gen2brain/go-fitz"
)

// ErrNoPrinter is returned when the system has no printer to send a report to.
var ErrNoPrinter = errors.New("no printer is set up")

// printCommand is the command that prints a file on this system: lp where
// CUPS exists, lpr on macOS, the print verb on Windows.
func printCommand(path string) (*exec.Cmd, error) {
	switch runtime.GOOS {
	case "windows":
		return exec.Command("powershell", "-NoProfile", "-NonInteractive", "-Command",
			"Start-Process -FilePath '"+strings.ReplaceAll(path, "'", "''")+"' -Verb Print"), nil
	case "darwin":
		return exec.Command("lpr", path), nil
	}
	if _, err := exec.LookPath("lp"); err == nil {
		// lp prints to the default destination; without one it fails, so
		// check first to say so clearly.
		out, err := exec.Command("lpstat", "-d").CombinedOutput()
		if err != nil || !strings.Contains(string(out), ":") || strings.Contains(string(out), "no system default") {
			if p, err := exec.Command("lpstat", "-p").Output(); err != nil || len(bytes.TrimSpace(p)) == 0 {
				return nil, ErrNoPrinter
			}
		}
		return exec.Command("lp", path), nil
	}
	if _, err := exec.LookPath("lpr"); err == nil {
		return exec.Command("lpr", path), nil
	}
	return nil, ErrNoPrinter
}

// PrintFile sends a file (a report's PDF) to the system's default printer.
func PrintFile(ctx context.Context, path string) error {
	cmd, err := printCommand(path)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	c := exec.CommandContext(ctx, cmd.Path, cmd.Args[1:]...)
	out, err := c.CombinedOutput()
	if err != nil {
		msg := strings.TrimSpace(string(out))
		if strings.Contains(msg, "No default destination") || strings.Contains(msg, "no default destination") {
			return ErrNoPrinter
		}
		return fmt.Errorf("the printer refused the file: %v %s", err, msg)
	}
	return nil
}

// OpenWithDefault opens a file in the system's default application.
func OpenWithDefault(path string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	case "darwin":
		cmd = exec.Command("open", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("no application opens %s here: %w", path, err)
	}
	go cmd.Wait()
	return nil
}

// RenderPDF renders the pages of a PDF chidao wrote (a report preview) at
// dpi. The document is opened and closed here, in the caller's goroutine: a
// fitz.Document is never shared.
func RenderPDF(pdf []byte, dpi float64) ([]image.Image, error) {
	doc, err := fitz.NewFromMemory(pdf)
	if err != nil {
		return nil, err
	}
	defer doc.Close()
	out := make([]image.Image, 0, doc.NumPage())
	for i := range doc.NumPage() {
		img, err := doc.ImageDPI(i, dpi)
		if err != nil {
			return nil, err
		}
		out = append(out, img)
	}
	return out, nil
}
