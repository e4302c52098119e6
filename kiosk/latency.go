package kiosk

import (
	"sync/atomic"
	"time"
)

// latencies counts, for every session, the time from reading a key to
// writing the frame that follows it: the kiosk's own share of a key's
// round trip, without the network's or the client's. For /debug/stats.
type latencies struct {
	buckets [latencyBuckets]atomic.Int64 // by quarter millisecond; the last holds everything longer
	max     atomic.Int64                 // nanoseconds
}

const (
	latencyBucket  = 250 * time.Microsecond
	latencyBuckets = 4096 // up to 1.024 s
)

func (l *latencies) add(d time.Duration) {
	l.buckets[min(int(d/latencyBucket), latencyBuckets-1)].Add(1)
	for {
		m := l.max.Load()
		if int64(d) <= m || l.max.CompareAndSwap(m, int64(d)) {
			return
		}
	}
}

func (l *latencies) reset() {
	for i := range l.buckets {
		l.buckets[i].Store(0)
	}
	l.max.Store(0)
}

// KeyLatency is the kiosk's key-to-frame time over every session since
// the last reset, in milliseconds (to a quarter millisecond).
type KeyLatency struct {
	Count int64   `json:"count"`
	P50   float64 `json:"p50_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

func (l *latencies) summary() KeyLatency {
	var counts [latencyBuckets]int64
	var s KeyLatency
	for i := range l.buckets {
		counts[i] = l.buckets[i].Load()
		s.Count += counts[i]
	}
	at := func(q float64) float64 {
		want := int64(q*float64(s.Count) + 0.999999)
		var seen int64
		for i, n := range counts {
			if seen += n; seen >= want {
				return float64((i+1)*int(latencyBucket/time.Microsecond)) / 1000
			}
		}
		return 0
	}
	if s.Count > 0 {
		s.P50, s.P99 = at(0.5), at(0.99)
	}
	s.Max = float64(l.max.Load()) / 1e6
	return s
}
