package kiosk

import (
	"testing"
	"time"
)

func TestMailboxCoalescesByKeyAndReportsStuck(t *testing.T) {
	b := mailbox{notify: make(chan struct{}, 1)}
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i := range 100 {
		if !b.put("day/1", i, t0, 4, time.Second) {
			t.Fatalf("put %d of one key refused", i)
		}
	}
	for _, k := range []string{"day/2", "day/3", "day/4"} {
		if !b.put(k, k, t0, 4, time.Second) {
			t.Fatalf("put %s refused", k)
		}
	}
	if b.put("day/5", "x", t0, 4, time.Second) {
		t.Error("a fifth key in a mailbox of 4 was taken")
	}
	got := b.take()
	if len(got) != 4 || got[0] != 99 || got[3] != "day/4" {
		t.Errorf("take = %v, want the latest per key, in order", got)
	}
	if !b.put("day/1", 1, t0, 4, time.Second) {
		t.Fatal("put after take refused")
	}
	if !b.put("day/1", 2, t0.Add(time.Second), 4, time.Second) {
		t.Error("a message waiting exactly stuckAfter counted as stuck")
	}
	if b.put("day/2", 3, t0.Add(time.Second+time.Millisecond), 4, time.Second) {
		t.Error("a message left waiting past stuckAfter was not noticed")
	}
}
