package sandbox_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zimun-app/zimun/sandbox"
)

// Throughput benchmarks (issue 11 item 8): loopback HTTP, the load client in
// the same process and on the same cores, rate limit off. Each reports its
// rate and p50/p99 latency, and the CPU time a call costs server and client
// together (cpu-us/op): on a shared machine the rate falls with the load of
// others, the CPU cost does not, and 2e6/cpu-us is the rate 2 cores of our
// own would give.
//
//	go test ./sandbox -run '^$' -bench 'Reads|Holds|Storm|New' -benchtime 5s

const loadWorkers = 32

// load runs b.N calls of op spread over loadWorkers goroutines and reports
// calls per second as unit and the 50th and 99th latency percentiles.
func load(b *testing.B, unit string, op func(c *http.Client, i int) error) {
	b.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: loadWorkers, DisableCompression: true}}
	defer client.CloseIdleConnections()
	var next atomic.Int64
	lat := make([][]time.Duration, loadWorkers)
	var wg sync.WaitGroup
	b.ResetTimer()
	cpu0, start := processCPU(), time.Now()
	for w := range loadWorkers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				t := time.Now()
				if err := op(client, i); err != nil {
					b.Error(err)
					return
				}
				lat[w] = append(lat[w], time.Since(t))
			}
		})
	}
	wg.Wait()
	elapsed, cpu := time.Since(start), processCPU()-cpu0
	b.StopTimer()
	all := slices.Concat(lat...)
	if len(all) == 0 {
		return
	}
	slices.Sort(all)
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), unit+"/s")
	b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/float64(len(all)), "cpu-us/op")
	}
}

// benchEnv is a sandbox on the wall clock without a rate limit, served
// over loopback, with one token shared by every load worker.
func benchEnv(b *testing.B) *env {
	b.Helper()
	e := newEnv(b, sandbox.Options{RateLimit: -1, Now: func() time.Time { return t0 }})
	b.Cleanup(func() { http.DefaultClient.CloseIdleConnections() })
	return e
}

// get sends a GET with the token and drains the answer; anything but want
// is an error.
func get(c *http.Client, e *env, path string, want int) error {
	req, err := http.NewRequest("GET", e.url+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+e.token)
	return do(c, req, want)
}

func do(c *http.Client, req *http.Request, want int) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: status %d, want %d", req.Method, req.URL.Path, resp.StatusCode, want)
	}
	return nil
}

// BenchmarkAvailabilityReads: the calendar's read, 7 days (the API's
// default) and 30 days (zimun's default), of the busiest service.
func BenchmarkAvailabilityReads(b *testing.B) {
	for _, days := range []int{7, 30} {
		b.Run(fmt.Sprintf("days=%d", days), func(b *testing.B) {
			e := benchEnv(b)
			q := url.Values{"service_id": {e.consult.ID}, "location_id": {e.paris.ID}, "days_ahead": {fmt.Sprint(days)}}
			path := "/api/v1/availability?" + q.Encode()
			load(b, "reads", func(c *http.Client, _ int) error { return get(c, e, path, 200) })
		})
	}
}

// BenchmarkHolds: each call holds a free slot, then releases it, so the
// slot count never runs out; holds/s counts hold+release pairs and the
// latency is that of the pair.
func BenchmarkHolds(b *testing.B) {
	e := benchEnv(b)
	free := e.freeSlots(e.followUp, e.paris, 1)
	load(b, "holds", func(c *http.Client, i int) error {
		body, _ := json.Marshal(holdBody(e.followUp, e.paris, free[i%len(free)].Start))
		req, _ := http.NewRequest("POST", e.url+"/api/v1/appointments/hold", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+e.token)
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		var h holdResp
		err = json.NewDecoder(resp.Body).Decode(&h)
		resp.Body.Close()
		switch {
		case resp.StatusCode == 409:
			return nil // another worker has this slot right now
		case resp.StatusCode != 201 || err != nil:
			return fmt.Errorf("hold: status %d, %v", resp.StatusCode, err)
		}
		req, _ = http.NewRequest("DELETE", e.url+"/api/v1/appointments/hold/"+h.HoldID, nil)
		req.Header.Set("Authorization", "Bearer "+e.token)
		return do(c, req, 204)
	})
}

// BenchmarkHoldStorm: every worker fights for the same eight slots of a
// capacity-2 service without releasing; afterwards no slot may be over
// capacity.
func BenchmarkHoldStorm(b *testing.B) {
	e := benchEnv(b)
	free := e.freeSlots(e.consult, e.paris, 1)[:8]
	var won atomic.Int64
	load(b, "holds", func(c *http.Client, i int) error {
		body, _ := json.Marshal(holdBody(e.consult, e.paris, free[i%len(free)].Start))
		req, _ := http.NewRequest("POST", e.url+"/api/v1/appointments/hold", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+e.token)
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		switch resp.StatusCode {
		case 201:
			won.Add(1)
		case 409:
		default:
			return fmt.Errorf("hold: status %d", resp.StatusCode)
		}
		return nil
	})
	if over := e.s.Ledger().OverCapacity(); len(over) != 0 {
		b.Fatalf("over capacity after the storm: %+v", over)
	}
	if n := won.Load(); n > int64(len(free)*e.consult.Capacity) {
		b.Fatalf("%d holds won on %d slots of capacity %d", n, len(free), e.consult.Capacity)
	}
}

// BenchmarkNew is the start-up cost of the demo sandbox.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sandbox.New(sandbox.Options{Now: func() time.Time { return t0 }}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAvailabilityHit is the sandbox's own part of a cached read,
// 30 days, in process: everything but the network and net/http.
func BenchmarkAvailabilityHit(b *testing.B) {
	benchServeHTTP(b, func() time.Time { return t0 })
}

// BenchmarkAvailabilityMiss is the cost of computing an answer the cache
// does not have (after any change), 30 days, in process.
func BenchmarkAvailabilityMiss(b *testing.B) {
	// A clock that runs backwards defeats the cache on every call.
	var tick atomic.Int64
	benchServeHTTP(b, func() time.Time { return t0.Add(-time.Duration(tick.Add(1))) })
}

func benchServeHTTP(b *testing.B, now func() time.Time) {
	s, err := sandbox.New(sandbox.Options{RateLimit: -1, Now: now})
	if err != nil {
		b.Fatal(err)
	}
	tok := httptest.NewRecorder()
	s.ServeHTTP(tok, httptest.NewRequest("POST", "/oauth/token", strings.NewReader("grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret")))
	var token struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(tok.Body.Bytes(), &token); err != nil {
		b.Fatal(err)
	}
	svc := s.Services()[0]
	path := "/api/v1/availability?days_ahead=30&service_id=" + svc.ID
	b.ReportAllocs()
	for b.Loop() {
		w := &discardWriter{h: http.Header{}}
		r := httptest.NewRequest("GET", path, nil)
		r.Header.Set("Authorization", "Bearer "+token.AccessToken)
		s.ServeHTTP(w, r)
		if w.code != 200 {
			b.Fatalf("status %d", w.code)
		}
	}
}

// discardWriter is a ResponseWriter that keeps only the status, as the
// network would take the body.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header { return w.h }
func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}
func (w *discardWriter) Write(p []byte) (int, error) {
	w.WriteHeader(200)
	return len(p), nil
}
