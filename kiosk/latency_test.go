package kiosk

import (
	"testing"
	"time"
)

func TestLatencySummary(t *testing.T) {
	var l latencies
	for i := range 100 {
		l.add(time.Duration(i+1) * time.Millisecond) // 1 … 100 ms
	}
	l.add(5 * time.Second) // beyond the last bucket
	s := l.summary()
	if s.Count != 101 || s.P50 < 50 || s.P50 > 51.25 || s.P99 < 99 || s.P99 > 100.25 || s.Max != 5000 {
		t.Errorf("summary %+v, want 101 counted, p50 ≈ 51 ms, p99 ≈ 100 ms, max 5000 ms", s)
	}
	l.reset()
	if s := l.summary(); s != (KeyLatency{}) {
		t.Errorf("after a reset: %+v", s)
	}
}
