package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Issue 11's sandbox target.
const sandboxReadTarget = 20000

// thousands writes n with thin separators: 23,456.
func thousands(n float64) string {
	s := strconv.FormatInt(int64(n+0.5), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// sandboxTargets are the sandbox's rows of the targets table.
func sandboxTargets(sr *sandboxResult) [][]string {
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**missed**"
	}
	var rows [][]string
	for i, ph := range sr.reads {
		days := sr.cfg.days[i]
		rows = append(rows, []string{fmt.Sprintf("sandbox: ≥ 20,000 availability reads/s, %d days, %d workers, 2 cores shared with the load client", days, sr.cfg.workers),
			fmt.Sprintf("%s/s (p99 %s); %s/s on 2 cores of their own, by CPU a read", thousands(ph.rate()), ms(quantile(ph.lat, 0.99)), thousands(ph.ownCores())),
			verdict(ph.rate() >= sandboxReadTarget && ph.errs == 0)})
	}
	over := sr.overCapacity()
	won := 0
	for _, sl := range sr.storm {
		won += sl.won
	}
	rows = append(rows, []string{fmt.Sprintf("sandbox: no slot over capacity under a hold storm (%d workers, %d slots)", sr.cfg.workers, len(sr.storm)),
		fmt.Sprintf("%d over capacity (%s storm holds granted)", over, thousands(float64(sr.churn.ok+int64(won)))), verdict(over == 0 && sr.churn.ok > 0)})
	return rows
}

func writeSandbox(b *strings.Builder, s *suite, r *results) {
	sr := r.sandbox
	if sr == nil {
		b.WriteString("Not measured in this run.\n\n")
		return
	}
	writeWhen(b, s, "sandbox", sr.at, sr.took, "`-sandbox-window`, `-sandbox-workers`, `-sandbox-days`, `-sandbox-slots`")
	var sizes []string
	for _, d := range sr.cfg.days {
		sizes = append(sizes, fmt.Sprintf("%d days: %s", d, mib(float64(sr.bodySize[d]))))
	}
	fmt.Fprintf(b, "The sandbox: `%s`, a process of its own with its demo data in memory. "+
		"The load client is in the harness, **on the same %d cores** (so every figure here is the sandbox and its client together; "+
		"it collects garbage at GOGC=400): %d goroutines, each with its own keep-alive HTTP/1.1 connection over loopback "+
		"(Go's `net/http` client, no compression), one token got once by client credentials, each sending its next request when the last is answered. "+
		"A phase runs for %s. "+
		"**Reads**: `GET /api/v1/availability` of %s at its first location (the service and location the demo opens on), the same window every time "+
		"(an answer is %s); the whole body is read. "+
		"**Holds**: `POST /api/v1/appointments/hold` with an `Idempotency-Key` on a free slot of %s (capacity 1), each worker on slots of its own, "+
		"then `DELETE` of the hold so the slot frees again; a hold's latency is the POST's, the release's is shown apart. "+
		"**Storm**: every worker holds a random one of %d free slots of %s (capacity %d) and keeps what it wins until its next try; "+
		"the client counts the places it holds on each slot (up after the 201, down before the release is sent, so it never overcounts what the sandbox granted) "+
		"and notes every time a count exceeds the capacity. Then the final race: each worker tries every slot once, in its own order, keeping what it wins; "+
		"the winners confirm, and the sandbox is asked over the API what it now holds: the confirmed appointments it lists on each slot "+
		"(`GET /api/v1/appointments`) and what availability still offers there. CPU comes from `/proc/PID/stat` (10 ms ticks); µs a call is that CPU over the phase's timed calls (a hold's includes its release), "+
		"steadier than the rates on a shared machine.\n\n",
		sr.cmd, s.machine.cores, sr.cfg.workers, sr.cfg.window, readService(sr), strings.Join(sizes, ", "), sr.holdService, len(sr.storm), sr.stormService, stormCapacity(sr))

	b.WriteString("### Targets\n\n")
	table(b, []string{"target", "this run", ""}, sandboxTargets(sr))

	b.WriteString("### Throughput\n\n")
	var rows [][]string
	phase := func(ph sandboxPhase, what string, lat []time.Duration, rate bool) {
		pct := func(d time.Duration) string {
			share := fmt.Sprintf("%.0f%%", 100*d.Seconds()/max(ph.span.Seconds(), 1e-9))
			if rate && len(lat) > 0 {
				share += fmt.Sprintf(" (%.0f µs a call)", float64(d.Microseconds())/float64(len(lat)))
			}
			return share
		}
		r := "—"
		if rate {
			r = "**" + thousands(ph.rate()) + "**"
		}
		rows = append(rows, []string{what, thousands(float64(len(lat))), r, ms(quantile(lat, 0.5)), ms(quantile(lat, 0.99)), ms(quantile(lat, 1)),
			fmt.Sprint(ph.errs), pct(ph.cpu), pct(ph.client), fmt.Sprintf("%.2f of %d", ph.busy, s.machine.cores)})
	}
	for _, ph := range sr.reads {
		phase(ph, ph.name, ph.lat, true)
	}
	phase(sr.holds, "holds: "+sr.holds.name, sr.holds.lat, true)
	phase(sr.holds, "its releases (CPU: the hold's row)", sr.holds.other, false)
	phase(sr.churn, sr.churn.name+" (rate: holds granted; latency and µs: every try)", sr.churn.lat, true)
	table(b, []string{"phase", "calls", "per second", "p50", "p99", "max", "errors", "sandbox CPU, % of one core", "load client CPU", "machine, busy cores"}, rows)
	fmt.Fprintf(b, "Storm tries: %s granted, %s refused with 409 `slot_unavailable` (%.0f%%). Busy cores count every process on the machine (it is shared).",
		thousands(float64(sr.churn.ok)), thousands(float64(sr.churn.lost)), 100*float64(sr.churn.lost)/max(1, float64(sr.churn.ok+sr.churn.lost)))
	if len(sr.errors) > 0 {
		fmt.Fprintf(b, " Errors seen: %s.", strings.Join(sr.errors, "; "))
	}
	b.WriteString("\n\n")

	b.WriteString("### Capacity under the storm\n\n")
	fmt.Fprintf(b, "During the storm the client saw a slot over its capacity **%d** times. The final race, %d workers × %d slots, %s tries:\n\n",
		sr.overMoments, sr.cfg.workers, len(sr.storm), thousands(float64(sr.final.ok+sr.final.lost+sr.final.errs)))
	rows = nil
	for _, sl := range sr.storm {
		rows = append(rows, []string{sl.start.Format("Mon 2 Jan 15:04 MST"), fmt.Sprint(sl.capacity), fmt.Sprint(sl.won), fmt.Sprint(sl.listed), fmt.Sprint(sl.offered)})
	}
	table(b, []string{"slot", "capacity", "holds granted", "confirmed appointments listed by the API", "capacity_left offered afterwards"}, rows)
}

func readService(sr *sandboxResult) string {
	if len(sr.reads) == 0 {
		return "—"
	}
	name := sr.reads[0].name
	if i := strings.IndexByte(name, '('); i >= 0 {
		return strings.TrimSuffix(name[i+1:], ")")
	}
	return name
}

func stormCapacity(sr *sandboxResult) int {
	if len(sr.storm) == 0 {
		return 0
	}
	return slices.MaxFunc(sr.storm, func(a, b stormSlot) int { return a.capacity - b.capacity }).capacity
}
