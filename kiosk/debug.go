package kiosk

import (
	"encoding/json"
	"net/http"
	"net/http/pprof"
	"runtime"
)

// Stats is what DebugHandler's /debug/stats reports: enough to tell what a
// session costs and whether anything is left behind when sessions end.
type Stats struct {
	Sessions   int    `json:"sessions"`
	Goroutines int    `json:"goroutines"`
	HeapInuse  uint64 `json:"heap_inuse"`  // bytes in in-use heap spans
	HeapAlloc  uint64 `json:"heap_alloc"`  // bytes of live and not yet swept objects
	StackInuse uint64 `json:"stack_inuse"` // goroutine stacks
	Sys        uint64 `json:"sys"`         // everything the runtime got from the OS
	NumGC      uint32 `json:"num_gc"`
	// KeyToFrame runs from reading a key to writing the frame after it,
	// since the last ?reset=1.
	KeyToFrame KeyLatency `json:"key_to_frame"`
}

// DebugHandler serves the runtime's profiles under /debug/pprof/ and the
// server's Stats as JSON at /debug/stats (?gc=1 collects garbage first, so
// the heap figures are live memory; ?reset=1 starts KeyToFrame afresh,
// after reporting it). It is for benchmarks and profiling:
// serve it on loopback only, never where customers reach.
func (s *Server) DebugHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/stats", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("gc") == "1" {
			runtime.GC()
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(Stats{
			Sessions: s.Sessions(), Goroutines: runtime.NumGoroutine(),
			HeapInuse: ms.HeapInuse, HeapAlloc: ms.HeapAlloc, StackInuse: ms.StackInuse,
			Sys: ms.Sys, NumGC: ms.NumGC, KeyToFrame: s.keyLatency.summary(),
		})
		if r.URL.Query().Get("reset") == "1" {
			s.keyLatency.reset()
		}
	})
	return mux
}
