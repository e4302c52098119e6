package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// section is one part of BENCHMARKS.md. The kiosk's capacity and the
// sandbox's throughput join as sections of their own: a run func that
// measures into the section's own state, and a write func.
type section struct {
	title   string
	run     func(*suite, *results) error // nil: not measured yet
	write   func(*strings.Builder, *suite, *results)
	pending string // why it is not measured yet
	slow    bool   // skipped by -quick
}

func sections(cfg config) []section {
	return []section{
		{title: "Start-up", run: (*suite).measureStartups, write: writeStartups},
		{title: "Keypress to frame", run: (*suite).measureKeys, write: writeKeys},
		{title: "Bytes written per move", write: writeBytes},
		{title: "API calls per booking", run: (*suite).measureBooking, write: writeBooking},
		{title: "Idle cost", run: (*suite).measureIdle, write: writeIdle},
		{title: "Init cost", run: (*suite).measureInit, write: writeInit},
		{title: "View and Update cost of every screen", run: (*suite).measureScreens, write: writeScreens, slow: true},
		{title: "Kiosk capacity", run: (*suite).measureKiosk, write: writeKiosk},
		{title: "Sandbox throughput", run: (*suite).measureSandbox, write: writeSandbox},
	}
}

func (s *suite) run(secs []section) (*results, error) {
	r := newResults()
	for _, sec := range secs {
		if sec.run == nil || (sec.slow && (s.cfg.quick || !s.cfg.screens)) || !s.chosen(sec) {
			continue
		}
		t0 := time.Now()
		if err := sec.run(s, r); err != nil {
			return r, fmt.Errorf("%s: %w", sec.title, err)
		}
		s.logf("%s: %s", sec.title, time.Since(t0).Round(time.Millisecond))
	}
	s.machine.loadAfter = loadavg()
	return r, nil
}

func (s *suite) report(secs []section, r *results, started time.Time, took time.Duration) string {
	var b strings.Builder
	m := s.machine
	fmt.Fprintf(&b, "# Benchmarks\n\nWritten by `go run ./bench` on %s in %s. Every figure below comes from that one run; run it again to replace this file (README, \"Benchmarks\").\n\n",
		started.UTC().Format("2006-01-02 15:04 UTC"), took.Round(time.Second))
	b.WriteString("## Machine\n\n| | |\n| --- | --- |\n")
	fmt.Fprintf(&b, "| CPU | %s, %d cores |\n| kernel | Linux %s |\n| Go | %s |\n| zimun | %s (`%s`) |\n", m.cpu, m.cores, m.kernel, m.goVersion, m.revision, s.cfg.zimun)
	if s.cfg.baseline != "" {
		fmt.Fprintf(&b, "| %s | `%s` |\n", s.cfg.before, s.cfg.baseline)
	}
	for _, sub := range s.subjects {
		if v, ok := m.versions[sub.name]; ok {
			fmt.Fprintf(&b, "| %s | %s |\n", sub.name, v)
		}
	}
	fmt.Fprintf(&b, "| load average (1, 5, 15 min) | %s before, %s after |\n\n", m.loadBefore, m.loadAfter)

	b.WriteString(`## Method

Each program runs in a pseudo-terminal of ` + fmt.Sprintf("%d×%d", s.cfg.cols, s.cfg.rows) + ` (TERM=xterm-256color, COLORTERM=truecolor) whose other end is
a small terminal emulator in the harness (` + "`bench/screen.go`" + `): it keeps the screen's text and answers
the queries a real terminal answers (OSC 10/11/12 colours, CSI 6n cursor position, DA1/DA2), so
Bubble Tea's start-up colour probe is answered as in a real terminal. Every read from the pty is
timestamped on arrival; a frame's time is the arrival of the read that completed it.

- **Start-up**: from just before exec to the read after which the first calendar frame is on the
  screen: for zimun a day showing its free-slot count and the footer; for calcurse the month title
  and the status bar; for ikhal the weekday header and the footer. Each program starts in a fresh
  home (ikhal keeps one, so its cache is warm as on a desk). One warm-up round is discarded, then
  the programs start round robin; medians with min–max.
- **Keypress to frame**: a key is sent once the screen has been quiet for 25 ms plus a random
  0–33 ms (two 60 fps frames, so presses land at random phase to any frame ticker); its latency runs
  to the last byte of the output that follows, once that output has been quiet for 25 ms. Calendar
  moves alternate one day forward and back inside one month (zimun from its opening day,
  ` + s.date.Format("Mon 2 Jan 2006") + `; the peers from today, one day back); slot-list moves alternate down and up.
- **Bytes per move**: every byte the program wrote for that key, from the same series.
- **API calls per booking**: zimun against the harness's sandbox (the same server as ` + "`zimun sandbox`" + `,
  served over loopback in the harness process, so its ` + "`Stats()`" + ` can be read), from the calendar with
  availability drawn: enter (slot list), enter (hold), name and email, ctrl+s, enter (confirm).
- **Idle cost**: CPU time of all the program's threads (` + "`/proc/PID/task/*/schedstat`" + `) and bytes
  written over ` + s.cfg.idle.String() + ` with no input.
- **Init cost**: ` + "`GODEBUG=inittrace=1 zimun version`" + ` without a terminal; the median of 5 runs.
- **View and Update**: ` + "`go test -bench . -benchmem ./ui/...`" + ` at 80×24 and 200×60, checked against
  ` + "`bench/targets.tsv`" + ` as ` + "`bench/run`" + ` does.

The calcurse status bar's clock (it redraws every second) is switched off (` + "`appearance.notifybar=no`" + `)
so a key's bytes are the key's. The machine is shared: read the min–max spread and the load average
with each figure.

`)
	writeTargets(&b, s, r)
	for i, sec := range secs {
		fmt.Fprintf(&b, "## %d. %s\n\n", i+1, sec.title)
		switch {
		case sec.pending != "":
			b.WriteString("Not measured yet. " + sec.pending + "\n\n")
		case sec.slow && !s.cfg.screens:
			b.WriteString("Not run (-screens=false).\n\n")
		default:
			sec.write(&b, s, r)
		}
	}
	if s.cfg.module != "" {
		if notes, err := os.ReadFile(filepath.Join(s.cfg.module, "bench", "findings.md")); err == nil {
			b.WriteString(string(notes))
		}
	}
	return b.String()
}

// table writes a Markdown table.
func table(b *strings.Builder, head []string, rows [][]string) {
	b.WriteString("| " + strings.Join(head, " | ") + " |\n|")
	for range head {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, r := range rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	b.WriteString("\n")
}

func (s *suite) names() []string {
	var out []string
	for _, sub := range s.subjects {
		out = append(out, sub.name)
	}
	return out
}

func (s *suite) peerNames() []string {
	var out []string
	for _, sub := range s.subjects {
		if sub.peer != nil {
			out = append(out, sub.name)
		}
	}
	return out
}

func writeStartups(b *strings.Builder, s *suite, r *results) {
	head := append([]string{"figure"}, s.names()...)
	for _, p := range s.peerNames() {
		head = append(head, "zimun ÷ "+p)
	}
	var rows [][]string
	for _, c := range startCases {
		row := []string{c}
		for _, n := range s.names() {
			xs := r.start[c][n]
			if c != startCalendar && !slices.Contains(s.peerNames(), n) || c == startCalendar {
				row = append(row, spread(xs))
			} else {
				row = append(row, "")
			}
		}
		for _, p := range s.peerNames() {
			if c == startCalendar || c == startSandbox {
				row = append(row, ratio(median(r.start[c]["zimun"]), median(r.start[startCalendar][p])))
			} else {
				row = append(row, "")
			}
		}
		rows = append(rows, row)
	}
	table(b, head, rows)
	b.WriteString("The peers have one start (to their calendar); the sandbox row's ratios compare with it. The slow-sandbox rows show that the first frame does not wait for the network.\n\n")
}

func writeKeys(b *strings.Builder, s *suite, r *results) {
	head := append([]string{"series", "quantile"}, s.names()...)
	var rows [][]string
	for _, series := range []string{seriesCalendar, seriesSlots} {
		for _, q := range []struct {
			name  string
			q     float64
			first bool
		}{{"p50", 0.5, false}, {"p99", 0.99, false}, {"max", 1, false}, {"first byte p50", 0.5, true}, {"first byte p99", 0.99, true}} {
			row := []string{series, q.name}
			for _, n := range s.names() {
				kr, ok := r.keys[series][n]
				if !ok {
					row = append(row, "—")
					continue
				}
				xs := kr.lat
				if q.first {
					xs = kr.first
				}
				row = append(row, ms(quantile(xs, q.q)))
			}
			rows = append(rows, row)
		}
	}
	table(b, head, rows)
	fmt.Fprintf(b, "%d presses a series; p50, p99 and max run to the last byte of the answer (the frame complete), first byte to its first. The peers have no slot list.", s.cfg.keys)
	for _, series := range []string{seriesCalendar, seriesSlots} {
		for _, n := range s.names() {
			if kr := r.keys[series][n]; kr.lost > 0 {
				fmt.Fprintf(b, " %s lost %d %s (nothing drawn within 5 s; left out).", n, kr.lost, series)
			}
		}
	}
	b.WriteString("\n\n")
}

func writeBytes(b *strings.Builder, s *suite, r *results) {
	head := append([]string{"per key, median (min–max)"}, s.names()...)
	var rows [][]string
	for _, series := range []string{seriesCalendar, seriesSlots} {
		row := []string{series}
		for _, n := range s.names() {
			row = append(row, bytesCell(r.keys[series][n].bytes))
		}
		rows = append(rows, row)
	}
	table(b, head, rows)
}

func writeBooking(b *strings.Builder, s *suite, r *results) {
	var names []string
	for _, sub := range s.zimuns() {
		names = append(names, sub.name)
	}
	var rows [][]string
	phase := func(label string, counts func(bookingResult) map[string]int) {
		reqs := map[string]bool{}
		for _, n := range names {
			for k := range counts(r.booking[n]) {
				reqs[k] = true
			}
		}
		for _, req := range slices.Sorted(maps.Keys(reqs)) {
			row := []string{label + ": `" + req + "`"}
			for _, n := range names {
				row = append(row, fmt.Sprint(counts(r.booking[n])[req]))
			}
			rows = append(rows, row)
		}
		row := []string{"**" + label + ", all calls**"}
		for _, n := range names {
			row = append(row, fmt.Sprintf("**%d**", sum(counts(r.booking[n]))))
		}
		rows = append(rows, row)
	}
	phase("calendar → confirmation", func(br bookingResult) map[string]int { return br.booking })
	phase("exec → calendar", func(br bookingResult) map[string]int { return br.atStart })
	row := []string{"token grants, whole session"}
	for _, n := range names {
		row = append(row, fmt.Sprint(r.booking[n].tokenGrants))
	}
	table(b, append([]string{"requests counted by the sandbox"}, names...), append(rows, row))
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func writeIdle(b *strings.Builder, s *suite, r *results) {
	head := append([]string{"state", "figure"}, s.names()...)
	var rows [][]string
	for _, c := range []string{idleCalendar, idleForm} {
		cpu := []string{c, "CPU, % of one core"}
		out := []string{c, "bytes written a second"}
		for _, n := range s.names() {
			ir, ok := r.idle[c][n]
			if !ok {
				cpu, out = append(cpu, "—"), append(out, "—")
				continue
			}
			secs := ir.span.Seconds()
			cpu = append(cpu, fmt.Sprintf("%.2f%%", 100*ir.cpu.Seconds()/secs))
			out = append(out, fmt.Sprintf("%.0f", float64(ir.bytes)/secs))
		}
		rows = append(rows, cpu, out)
	}
	table(b, head, rows)
}

func writeInit(b *strings.Builder, s *suite, r *results) {
	var rows [][]string
	for _, sub := range s.zimuns() {
		ir := r.inits[sub.name]
		rows = append(rows, []string{sub.name, ms(ir.total), strings.Join(ir.top, ", ")})
	}
	table(b, []string{"binary", "package init, total", "heaviest"}, rows)
}

func writeScreens(b *strings.Builder, s *suite, r *results) {
	var rows [][]string
	for _, bl := range r.benches {
		target := ""
		if bl.hasTarget {
			verdict := "ok"
			if bl.overRun {
				verdict = "**OVER**"
			}
			target = fmt.Sprintf("≤ %s, ≤ %.0f allocs: %s", ms(time.Duration(bl.maxNs)), bl.maxAllocs, verdict)
		}
		rows = append(rows, []string{bl.pkg, strings.TrimPrefix(bl.name, "Benchmark"),
			fmt.Sprintf("%.1f µs", bl.ns/1000), fmt.Sprintf("%.0f", bl.bytes), fmt.Sprintf("%.0f", bl.allocs), target})
	}
	table(b, []string{"package", "benchmark", "time/op", "B/op", "allocs/op", "target"}, rows)
}

// writeTargets sums up issue 11's targets.
func writeTargets(b *strings.Builder, s *suite, r *results) {
	var rows [][]string
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**missed**"
	}
	z := r.start[startCalendar]["zimun"]
	if c, ok := r.start[startCalendar]["calcurse"]; ok && len(z) > 0 {
		q := float64(median(z)) / float64(median(c))
		rows = append(rows, []string{"start-up ≤ 0.6× calcurse", fmt.Sprintf("%s vs %s: %.2f×", ms(median(z)), ms(median(c)), q), verdict(q <= 0.6)})
	}
	for _, series := range []string{seriesCalendar, seriesSlots} {
		kr, ok := r.keys[series]["zimun"]
		if !ok {
			continue
		}
		p99 := quantile(kr.lat, 0.99)
		rows = append(rows, []string{"keypress p99 ≤ 10 ms, " + series, ms(p99), verdict(p99 <= 10*time.Millisecond)})
		if k, ok := r.keys[series]["ikhal"]; ok {
			a, c := quantile(kr.lat, 0.5), quantile(k.lat, 0.5)
			rows = append(rows, []string{"keypress p50 below ikhal's, " + series, ms(a) + " vs " + ms(c), verdict(a < c)})
		}
		bm := median(kr.bytes)
		rows = append(rows, []string{"≤ 1 KiB per move, " + series, fmt.Sprintf("%.0f B", bm), verdict(bm <= 1024)})
	}
	if br, ok := r.booking["zimun"]; ok {
		n := sum(br.booking)
		rows = append(rows, []string{"3 API calls per booking from an open calendar", fmt.Sprint(n), verdict(n <= 3)})
		rows = append(rows, []string{"≤ 1 token grant per token life", fmt.Sprint(br.tokenGrants), verdict(br.tokenGrants <= 1)})
	}
	if len(r.benches) > 0 {
		over := 0
		for _, bl := range r.benches {
			if bl.overRun {
				over++
			}
		}
		rows = append(rows, []string{"every screen within bench/targets.tsv (≤ 0.5 ms, ≤ 1,000 allocs for the largest)", fmt.Sprintf("%d over", over), verdict(over == 0)})
	}
	if r.kiosk != nil {
		rows = append(rows, kioskTargets(r.kiosk)...)
	}
	if r.sandbox != nil {
		rows = append(rows, sandboxTargets(r.sandbox)...)
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("## Targets (issue 11)\n\n")
	table(b, []string{"target", "this run", ""}, rows)
}
