package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"time"
)

// startProbe is what the window writes when started with CHIDAO_STARTUP_PROBE
// (see ui/probe.go).
type startProbe struct {
	StartedMS float64 `json:"started_ms"`
	UsableMS  float64 `json:"usable_ms"`
	RSSMB     float64 `json:"rss_mb"`
	PeakMB    float64 `json:"peak_mb"`
	Documents int     `json:"documents"`
}

// cmdBenchStart measures the window's cold start on a library: N fresh
// processes of this binary, each timed from just before it is started to a
// frame drawn with the library's documents listed, and its memory then.
//
//	chidao --library DIR bench start [--runs 5] [--drop-caches]
func cmdBenchStart(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	runs := 5
	drop := false
	if _, err := subFlags("bench start", &g, args, func(fs *flag.FlagSet) {
		fs.IntVar(&runs, "runs", runs, "")
		fs.BoolVar(&drop, "drop-caches", false, "")
	}); err != nil {
		return err
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return fmt.Errorf("bench start cần màn hình: chạy trong phiên đồ họa hoặc dưới Xvfb (Xvfb :99 & DISPLAY=:99 chidao bench start ...)")
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "chidao-start-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var all []startProbe
	for i := range runs {
		if drop {
			// Cold as after a reboot: the page cache emptied (Linux, root).
			exec.Command("sync").Run()
			if err := os.WriteFile("/proc/sys/vm/drop_caches", []byte("3\n"), 0o200); err != nil {
				return fmt.Errorf("--drop-caches cần quyền root trên Linux: %v", err)
			}
		}
		probe := filepath.Join(tmp, "probe-"+strconv.Itoa(i)+".json")
		cctx, cancel := context.WithTimeout(ctx, 60*time.Second)
		cmd := exec.CommandContext(cctx, exe, "--library", g.Library)
		cmd.Env = append(os.Environ(), "CHIDAO_STARTUP_PROBE="+probe, "CHIDAO_STARTUP_EXIT=1",
			"HOME="+filepath.Join(tmp, "home"), // fresh preferences: no welcome state, default size
			"CHIDAO_STARTUP_T0="+strconv.FormatInt(time.Now().UnixNano(), 10))
		cmd.Stderr = errw
		err := cmd.Run()
		cancel()
		b, rerr := os.ReadFile(probe)
		if rerr != nil {
			return fmt.Errorf("lần %d: cửa sổ không báo đã sẵn sàng (%v, %v)", i+1, err, rerr)
		}
		var p startProbe
		if err := json.Unmarshal(b, &p); err != nil {
			return err
		}
		all = append(all, p)
		fmt.Fprintf(out, "lần %d: cửa sổ hiện sau %.0f ms, dùng được (đã liệt kê %d văn bản) sau %.0f ms; bộ nhớ %.0f MB (đỉnh %.0f MB)\n",
			i+1, p.StartedMS, p.Documents, p.UsableMS, p.RSSMB, p.PeakMB)
	}
	med := func(f func(startProbe) float64) float64 {
		v := make([]float64, len(all))
		for i, p := range all {
			v[i] = f(p)
		}
		sort.Float64s(v)
		return v[len(v)/2]
	}
	fmt.Fprintf(out, "trung vị %d lần: cửa sổ %.0f ms, dùng được %.0f ms, bộ nhớ %.0f MB, đỉnh %.0f MB\n", len(all),
		med(func(p startProbe) float64 { return p.StartedMS }), med(func(p startProbe) float64 { return p.UsableMS }),
		med(func(p startProbe) float64 { return p.RSSMB }), med(func(p startProbe) float64 { return p.PeakMB }))
	return nil
}
