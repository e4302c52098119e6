package main

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// results is everything one run measured, by figure and subject.
type results struct {
	start   map[string]map[string][]time.Duration
	keys    map[string]map[string]keyResult
	booking map[string]bookingResult
	idle    map[string]map[string]idleResult
	inits   map[string]initResult
	benches []benchLine
	kiosk   *kioskResult
	sandbox *sandboxResult
}

func newResults() *results {
	return &results{
		start:   map[string]map[string][]time.Duration{},
		keys:    map[string]map[string]keyResult{},
		booking: map[string]bookingResult{},
		idle:    map[string]map[string]idleResult{},
		inits:   map[string]initResult{},
	}
}

func (r *results) addStart(c, sub string, d time.Duration) {
	if r.start[c] == nil {
		r.start[c] = map[string][]time.Duration{}
	}
	r.start[c][sub] = append(r.start[c][sub], d)
}

func (r *results) setKeys(series, sub string, kr keyResult) {
	if r.keys[series] == nil {
		r.keys[series] = map[string]keyResult{}
	}
	r.keys[series][sub] = kr
}

func (r *results) setIdle(c, sub string, ir idleResult) {
	if r.idle[c] == nil {
		r.idle[c] = map[string]idleResult{}
	}
	r.idle[c][sub] = ir
}

// quantile is the nearest-rank q-quantile (0 < q ≤ 1) of xs.
func quantile[T time.Duration | float64](xs []T, q float64) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(math.Ceil(q*float64(len(s)))) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func median[T time.Duration | float64](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	if v < 1 {
		return fmt.Sprintf("%.2f ms", v)
	}
	return fmt.Sprintf("%.1f ms", v)
}

// spread is "median (min–max)".
func spread(xs []time.Duration) string {
	if len(xs) == 0 {
		return "—"
	}
	if len(xs) == 1 {
		return ms(xs[0])
	}
	return fmt.Sprintf("**%s** (%s–%s)", ms(median(xs)), trimMs(slices.Min(xs)), ms(slices.Max(xs)))
}

func trimMs(d time.Duration) string {
	s := ms(d)
	return s[:len(s)-3]
}

func ratio(a, b time.Duration) string {
	if a <= 0 || b <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f×", float64(a)/float64(b))
}

func bytesCell(xs []float64) string {
	if len(xs) == 0 {
		return "—"
	}
	return fmt.Sprintf("**%.0f** (%.0f–%.0f)", median(xs), slices.Min(xs), slices.Max(xs))
}
