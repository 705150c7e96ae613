package ui

import (
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// Start-up measurement (`chidao bench start`): when CHIDAO_STARTUP_PROBE
// names a file, the window writes there, as JSON, how long after
// CHIDAO_STARTUP_T0 (Unix nanoseconds, set by whoever started the process)
// it drew its first frame with the library's documents listed, and the
// process's memory then; with CHIDAO_STARTUP_EXIT=1 it then quits.
const (
	envProbe     = "CHIDAO_STARTUP_PROBE"
	envProbeT0   = "CHIDAO_STARTUP_T0"
	envProbeExit = "CHIDAO_STARTUP_EXIT"
)

// StartupProbe is what the probe file holds.
type StartupProbe struct {
	StartedMS float64 `json:"started_ms"` // the toolkit's run loop started (window shown)
	UsableMS  float64 `json:"usable_ms"`  // a frame drawn after the documents were listed
	RSSMB     float64 `json:"rss_mb"`     // resident memory then (Linux)
	PeakMB    float64 `json:"peak_mb"`    // peak resident memory so far (Linux)
	Documents int     `json:"documents"`
}

// probeStartup is called when the run loop starts.
func probeStartup(a fyne.App, u *mainUI) {
	path := os.Getenv(envProbe)
	if path == "" {
		return
	}
	ns, _ := strconv.ParseInt(os.Getenv(envProbeT0), 10, 64)
	t0 := time.Unix(0, ns)
	since := func() float64 { return float64(time.Since(t0).Microseconds()) / 1000 }
	p := StartupProbe{StartedMS: since()}
	loaded := u.loaded
	go func() {
		if loaded != nil {
			<-loaded
		}
		// Frames are drawn on a 60 Hz tick of the run loop: two ticks
		// later the list has been drawn (this overstates by up to 33 ms).
		time.Sleep(2 * time.Second / 60)
		fyne.Do(func() {
			p.UsableMS = since()
			p.RSSMB, p.PeakMB = memoryMB()
			p.Documents = len(u.library.all)
			b, _ := json.Marshal(p)
			os.WriteFile(path, b, 0o644)
			if os.Getenv(envProbeExit) == "1" {
				// Quit once the other screens' first loads are in, so that
				// none of them updates a window that is gone.
				go func() {
					if u.started != nil {
						<-u.started
					}
					u.jobs.Wait()
					time.Sleep(200 * time.Millisecond)
					fyne.Do(a.Quit)
				}()
			}
		})
	}()
}

// memoryMB reads the process's resident and peak resident memory (Linux;
// zero elsewhere).
func memoryMB() (rss, peak float64) {
	if runtime.GOOS != "linux" {
		return 0, 0
	}
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb / 1024
		case "VmHWM:":
			peak = kb / 1024
		}
	}
	return rss, peak
}
