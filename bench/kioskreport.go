package main

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// quickKiosk is the CI form: every path once, on a few sessions.
var quickKiosk = kioskConfig{sessions: 3, rate: 100, window: 500 * time.Millisecond, cycles: 10, workers: 2}

// Issue 11's kiosk targets.
const (
	kioskRSSTarget     = 300 << 10
	kioskGoroutTarget  = 16
	kioskKeyTarget     = 25 * time.Millisecond
	kioskConnectTarget = 500 * time.Millisecond
)

func (s *suite) chosen(sec section) bool { return s.cfg.chosen(sec.title) }

// chosen: -only names the section, or there is no -only.
func (c config) chosen(title string) bool {
	if c.only == nil {
		return true
	}
	title = strings.ToLower(title)
	for _, w := range c.only {
		if w = strings.TrimSpace(w); w != "" && strings.Contains(title, w) {
			return true
		}
	}
	return false
}

func mib(b float64) string {
	if b >= 1<<20 || b <= -(1<<20) {
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	}
	return fmt.Sprintf("%.0f KiB", b/(1<<10))
}

// perSession is (b - a) / n.
func perSession(a, b kioskStats, n int) (rss, heap, gor, fds float64) {
	f := float64(max(n, 1))
	return (float64(b.rss) - float64(a.rss)) / f, (float64(b.mem()) - float64(a.mem())) / f,
		float64(b.goroutines-a.goroutines) / f, float64(b.fds-a.fds) / f
}

// kioskTargets are the kiosk's rows of the targets table.
func kioskTargets(kr *kioskResult) [][]string {
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**missed**"
	}
	var rows [][]string
	worstRSS, worstGor := 0.0, 0.0
	for _, ph := range kr.phases {
		rss, _, gor, _ := perSession(kr.base, ph.stats, ph.stats.sessions)
		worstRSS, worstGor = max(worstRSS, rss), max(worstGor, gor)
	}
	rows = append(rows,
		[]string{"kiosk: ≤ 300 KiB RSS a session", mib(worstRSS), verdict(worstRSS <= kioskRSSTarget)},
		[]string{"kiosk: ≤ 16 goroutines a session", fmt.Sprintf("%.1f", worstGor), verdict(worstGor <= kioskGoroutTarget)})
	var keys []time.Duration
	for _, ph := range kr.phases {
		keys = append(keys, ph.keys...)
	}
	p99 := quantile(keys, 0.99)
	own := 0.0
	for _, ph := range kr.phases {
		own = max(own, ph.stats.keyToFrame.P99)
	}
	rows = append(rows, []string{fmt.Sprintf("kiosk: keypress p99 ≤ 25 ms, %d sessions a key a second", kr.cfg.sessions),
		fmt.Sprintf("%s (the kiosk's own part ≤ %.1f ms)", ms(p99), own), verdict(p99 <= kioskKeyTarget && len(keys) > 0)})
	c99 := quantile(append(slices.Clone(kr.connect), kr.cycleLat...), 0.99)
	rows = append(rows, []string{"kiosk: connect → first frame p99 ≤ 500 ms, clients answering no query", ms(c99), verdict(c99 <= kioskConnectTarget && kr.queries == 0)})
	leak := kr.leak()
	rows = append(rows, []string{fmt.Sprintf("kiosk: %d connect/disconnect cycles, no growth", kr.done), leak.summary, verdict(leak.ok)})
	return rows
}

type leakVerdict struct {
	ok      bool
	summary string
}

// leak compares the kiosk after the first batch of cycles with after the
// last: the first batch may still warm caches and pools.
func (kr *kioskResult) leak() leakVerdict {
	if len(kr.cycles) < 2 {
		return leakVerdict{summary: "not run"}
	}
	a, b := kr.cycles[min(1, len(kr.cycles)-1)], kr.cycles[len(kr.cycles)-1]
	if len(kr.cycles) == 2 {
		a = kr.cycles[0]
	}
	dg, df := b.goroutines-a.goroutines, b.fds-a.fds
	dh := float64(b.mem()) - float64(a.mem())
	dr := float64(b.rss) - float64(a.rss)
	// A leak of one object a session shows as ≥ 100 bytes a cycle; noise
	// (timers, pools) stays well under a MiB.
	ok := dg <= 0 && df <= 0 && dh < 1<<20 && b.goroutines <= kr.base.goroutines && b.fds <= kr.base.fds
	return leakVerdict{ok: ok, summary: fmt.Sprintf("goroutines %s, fds %s, heap %s, RSS %s", count(dg), count(df), signed(dh), signed(dr))}
}

func count(n int) string {
	if n < 0 {
		return fmt.Sprintf("−%d", -n)
	}
	return fmt.Sprintf("+%d", n)
}

func signed(b float64) string {
	if b >= 0 {
		return "+" + mib(b)
	}
	return "−" + mib(-b)
}

// writeWhen opens a section that can be measured alone (-only word):
// when and where it was measured, and how to measure it again.
func writeWhen(b *strings.Builder, s *suite, word string, at time.Time, took time.Duration, flags string) {
	m := s.machine
	when := "In this run"
	if s.cfg.only != nil {
		when = "Apart from the other sections, by `go run ./bench -only " + word + "` on " + at.UTC().Format("2006-01-02 15:04 UTC")
	}
	fmt.Fprintf(b, "%s, on %s (%d cores, Linux %s, %s, zimun %s), in %s; load average %s before. "+
		"Run alone with `go run ./bench -only %s` (flags %s), which replaces this section and the findings in BENCHMARKS.md.\n\n",
		when, m.cpu, m.cores, m.kernel, m.goVersion, m.revision, took.Round(time.Second), m.loadBefore, word, flags)
}

func writeKiosk(b *strings.Builder, s *suite, r *results) {
	kr := r.kiosk
	if kr == nil {
		b.WriteString("Not measured in this run.\n\n")
		return
	}
	writeWhen(b, s, "kiosk", kr.at, kr.took, "`-kiosk-sessions`, `-kiosk-rate`, `-kiosk-window`, `-kiosk-cycles`, `-kiosk-workers`")
	fmt.Fprintf(b, "The kiosk: `%s`, on the embedded demo sandbox. ", kr.cmd)
	fmt.Fprintf(b, "The load client (in the harness, on the same cores, collecting garbage at GOGC=400 to disturb the timings less) opens SSH sessions with `golang.org/x/crypto/ssh`, each "+
		"with a PTY (%s, %d×%d), and answers no terminal query. Sessions arrive at %.0f a second; from its first frame each presses a key "+
		"a second at a random phase: j/k on the location picker, then every session goes to the calendar (enter, enter; spread over 2 s) and presses %s/%s, "+
		"a day on and back inside the month it opened on. "+
		"A key's time runs from its write to the next bytes that session receives; a key still unanswered when the next is due "+
		"counts with the time it waited. Each phase is measured over %s after 2 s to settle. Memory and goroutines come from the "+
		"kiosk's `/debug/stats` (after a GC: heap and stacks in use) and `/proc/PID/status` (RSS), fds from `/proc/PID/fd`, CPU from "+
		"`/proc/PID/stat`; a session's share is (phase − baseline) ÷ sessions, the baseline taken after 5 warm-up sessions have left.\n\n",
		kioskTerm, kioskCols, kioskRows, kr.cfg.rate, kr.calendarKeys[0], kr.calendarKeys[1], kr.cfg.window)

	b.WriteString("### Targets\n\n")
	table(b, []string{"target", "this run", ""}, kioskTargets(kr))

	b.WriteString("### The process\n\n")
	head := []string{"state", "sessions", "RSS", "heap", "stacks", "goroutines", "fds", "OS threads", "server CPU, % of one core", "load client CPU", "machine, busy cores"}
	row := func(name string, st kioskStats, cpu ...string) []string {
		return append([]string{name, fmt.Sprint(st.sessions), mib(float64(st.rss)), mib(float64(st.heap)), mib(float64(st.stacks)), fmt.Sprint(st.goroutines),
			fmt.Sprint(st.fds), fmt.Sprint(st.threads)}, append(cpu, "", "", "")[:3]...)
	}
	rows := [][]string{row("baseline: warmed up, no session", kr.base)}
	for _, ph := range kr.phases {
		pct := func(d time.Duration) string { return fmt.Sprintf("%.1f%%", 100*d.Seconds()/ph.span.Seconds()) }
		rows = append(rows, row(ph.name, ph.stats, pct(ph.cpu), pct(ph.client), fmt.Sprintf("%.2f of %d", ph.busy, s.machine.cores)))
	}
	rows = append(rows, row("every session gone", kr.after))
	table(b, head, rows)
	b.WriteString("Busy cores count every process on the machine (it is shared), the kiosk and the load client included.\n\n")

	b.WriteString("### A session's share\n\n")
	rows = nil
	for _, ph := range kr.phases {
		rss, heap, gor, fds := perSession(kr.base, ph.stats, ph.stats.sessions)
		rows = append(rows, []string{ph.name, mib(rss), mib(heap), fmt.Sprintf("%.1f", gor), fmt.Sprintf("%.2f", fds)})
	}
	table(b, []string{"state", "RSS", "heap + stacks", "goroutines", "fds"}, rows)

	b.WriteString("### Latency\n\n")
	rows = nil
	lat := func(name string, xs []time.Duration, extra string) {
		rows = append(rows, []string{name, fmt.Sprint(len(xs)), ms(quantile(xs, 0.5)), ms(quantile(xs, 0.99)), ms(quantile(xs, 1)), extra})
	}
	lat(fmt.Sprintf("connect → first frame, sessions arriving at %.0f/s while the others press keys", kr.cfg.rate), kr.connect,
		fmt.Sprintf("%d refused", kr.refused))
	for _, ph := range kr.phases {
		if ph.sent > 0 {
			lat("keypress → first byte, "+ph.name, ph.keys, fmt.Sprintf("%d pressed, %d unanswered a second later", ph.sent, ph.late))
			k := ph.stats.keyToFrame
			rows = append(rows, []string{"the kiosk's own part: key read → frame written, " + ph.name, fmt.Sprint(k.Count),
				fmt.Sprintf("%.2f ms", k.P50), fmt.Sprintf("%.2f ms", k.P99), fmt.Sprintf("%.1f ms", k.Max), "its `/debug/stats`, to ¼ ms"})
		}
	}
	lat("enter → next screen's frame, every session within 2 s", kr.change, "")
	lat(fmt.Sprintf("connect → first frame, %d cycles, %d at once", kr.done, kr.cfg.workers), kr.cycleLat, "")
	table(b, []string{"figure", "n", "p50", "p99", "max", ""}, rows)
	fmt.Fprintf(b, "Terminal queries (colour, DA, cursor position, DECRQM, XTVERSION, XTGETTCAP) in everything the kiosk wrote to every session: **%d**. "+
		"No session ever answered one, so these are the figures of a client that never answers.\n\n", kr.queries)

	b.WriteString("### Connect/disconnect cycles\n\n")
	fmt.Fprintf(b, "Each cycle: connect, first frame, `j` and its answer, disconnect; %d at once, in batches, each ending when the kiosk has no session and a steady goroutine count.\n\n", kr.cfg.workers)
	rows = nil
	per := 0
	if len(kr.cycles) > 1 {
		per = kr.done / (len(kr.cycles) - 1)
	}
	for i, st := range kr.cycles {
		n := i * per
		if i == len(kr.cycles)-1 {
			n = kr.done
		}
		rows = append(rows, []string{fmt.Sprint(n), mib(float64(st.rss)), mib(float64(st.mem())), fmt.Sprint(st.goroutines), fmt.Sprint(st.fds), fmt.Sprint(st.threads)})
	}
	table(b, []string{"after cycles", "RSS", "heap + stacks", "goroutines", "fds", "OS threads"}, rows)
	fmt.Fprintf(b, "From the first batch to the last: %s.\n\n", kr.leak().summary)
}

var sectionHead = regexp.MustCompile(`(?m)^## (?:\d+\. )?(.+)$`)

const findingsHead = "\n## Findings\n"

// splice replaces, in old, the sections of fresh that -only measured, and
// the findings (everything from their heading on), keeping the rest.
func splice(old, fresh string, chosen func(title string) bool) (string, error) {
	cut := func(doc string) (string, string) {
		if i := strings.Index(doc, findingsHead); i >= 0 {
			return doc[:i+1], doc[i+1:]
		}
		return doc, ""
	}
	old, oldFindings := cut(old)
	fresh, findings := cut(fresh)
	if findings == "" {
		findings = oldFindings
	}
	parts := func(doc string) (titles, bodies []string) {
		idx := sectionHead.FindAllStringSubmatchIndex(doc, -1)
		for i, m := range idx {
			end := len(doc)
			if i+1 < len(idx) {
				end = idx[i+1][0]
			}
			titles = append(titles, doc[m[2]:m[3]])
			bodies = append(bodies, doc[m[0]:end])
		}
		return titles, bodies
	}
	ft, fb := parts(fresh)
	ot, ob := parts(old)
	if len(ot) == 0 {
		return "", errors.New("the report has no sections to replace")
	}
	var out strings.Builder
	out.WriteString(old[:sectionHead.FindStringIndex(old)[0]])
	replaced := 0
	for i, t := range ot {
		body := ob[i]
		if j := slices.Index(ft, t); j >= 0 && chosen(t) {
			// Keep the old heading, with its number.
			head, _, _ := strings.Cut(body, "\n")
			_, rest, _ := strings.Cut(fb[j], "\n")
			body = head + "\n" + rest
			replaced++
		}
		out.WriteString(body)
	}
	if replaced == 0 {
		return "", errors.New("none of the -only sections is in the report")
	}
	out.WriteString(findings)
	return out.String(), nil
}
