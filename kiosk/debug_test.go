package kiosk_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zimun-app/zimun/kiosk"
)

func TestDebugStatsCountSessions(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{}, nil)
	h := ts.DebugHandler()
	stats := func() kiosk.Stats {
		t.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/debug/stats?gc=1", nil))
		var s kiosk.Stats
		if err := json.Unmarshal(rec.Body.Bytes(), &s); err != nil {
			t.Fatalf("/debug/stats: %v: %q", err, rec.Body.String())
		}
		return s
	}
	if s := stats(); s.Sessions != 0 || s.Goroutines == 0 || s.HeapInuse == 0 {
		t.Errorf("before any session: %+v", s)
	}
	c := dial(t, ts.addr, dialOpts{})
	c.out.waitFor(t, "APP", soon)
	if s := stats(); s.Sessions != 1 {
		t.Errorf("with one session: %+v", s)
	}

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/debug/pprof/goroutine?debug=1", nil))
	if !strings.HasPrefix(rec.Body.String(), "goroutine profile: total ") {
		t.Errorf("goroutine profile: %q", tail(rec.Body.String(), 200))
	}
}
