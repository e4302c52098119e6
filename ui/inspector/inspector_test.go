package inspector_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/inspector"
	"github.com/zimun-app/zimun/ui/uitest"

	_ "time/tzdata"
)

// numbered gives each request an X-Request-Id the sandbox echoes, so the
// list's request ids are the same on every run.
type numbered struct{ n atomic.Int32 }

func (t *numbered) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Request-Id", fmt.Sprintf("req_test_%02d", t.n.Add(1)))
	return http.DefaultTransport.RoundTrip(r)
}

// booked is a session that booked one appointment through the booking
// layer, its calls recorded.
func booked(t *testing.T) (*uitest.Env, common.Common, *api.Client) {
	t.Helper()
	env := uitest.NewEnv(t)
	rec := api.NewRecorder(0, 0)
	client := env.NewClient(t, func(c *api.Config) {
		c.Observer = rec.Record
		c.HTTPClient = &http.Client{Transport: &numbered{}}
	})
	c := env.CommonWith(context.Background(), client, nil)
	c.Calls = rec
	ctx := context.Background()
	// The catalogue in a fixed order (the office reads it all at once), so
	// the list and its request ids are the same every run.
	if _, err := client.Organization(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Locations(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Services(ctx); err != nil {
		t.Fatal(err)
	}
	loc, svc, _ := env.Paris(t, 1) // the sandbox's own client: not recorded
	av, err := c.Office.Availability(ctx, svc.ID, loc.ID, 14)
	if err != nil {
		t.Fatal(err)
	}
	var slot model.Slot
	for _, d := range av.Days[1:] {
		if len(d.Slots) > 0 {
			slot = d.Slots[0]
			break
		}
	}
	h, err := c.Session.Hold(ctx, svc, loc, slot)
	if err != nil {
		t.Fatal(err)
	}
	contact := model.Contact{Name: "Dana Lee", Email: "dana@example.com"}
	if out := c.Session.Begin(svc, loc, slot, h, contact).Confirm(ctx, contact); out.Result != booking.Booked {
		t.Fatalf("confirm: %+v", out)
	}
	return env, c, client
}

// ids hides what the sandbox makes up afresh on every run.
var ids = regexp.MustCompile(`\b([ha])_[a-z0-9]{16}\b|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

var port = regexp.MustCompile(`127\.0\.0\.1:[0-9]+`)

func stable(s string) string {
	s = port.ReplaceAllString(s, "127.0.0.1:PORT")
	return ids.ReplaceAllStringFunc(s, func(m string) string {
		if strings.Contains(m, "-") {
			return "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
		}
		return m[:2] + strings.Repeat("x", 16)
	})
}

func press(t *testing.T, m inspector.Model, keys ...string) (inspector.Model, []tea.Msg) {
	t.Helper()
	var msgs []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(uitest.Key(k))
		msgs = append(msgs, uitest.Messages(cmd)...)
	}
	return m, msgs
}

// TestListsABookingsCalls: the calls a booking made, newest first, with
// status, time and retries; a call's request with its headers redacted.
func TestListsABookingsCalls(t *testing.T) {
	_, c, _ := booked(t)
	m := inspector.New(c)
	m.SetSize(98, 26) // what a screen gets in a 100×30 terminal
	var ops []string
	for _, e := range c.Calls.Calls() {
		ops = append(ops, e.Method+" "+e.Op)
	}
	want := "POST confirm,POST hold,GET availability,GET services,GET locations,GET organization"
	if strings.Join(ops, ",") != want {
		t.Fatalf("calls, newest first: %s\nwant %s", strings.Join(ops, ","), want)
	}
	golden.RequireEqual(t, []byte(stable(uitest.Strip(m.View()))))

	t.Run("confirm", func(t *testing.T) {
		m, _ := press(t, m, "enter")
		v := uitest.Strip(m.View())
		for _, want := range []string{"Authorization: Bearer [redacted]", "Idempotency-Key: ", `"contact_email": "dana@example.com"`, "201 Created"} {
			if !strings.Contains(v, want) {
				t.Errorf("the confirm's details lack %q:\n%s", want, v)
			}
		}
		golden.RequireEqual(t, []byte(stable(v)))
	})
}

func TestNothingSecretIsShown(t *testing.T) {
	_, c, client := booked(t)
	tok, _, err := client.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	basic := base64.StdEncoding.EncodeToString([]byte("demo-client:demo-secret"))
	m := inspector.New(c)
	m.SetSize(200, 60)
	for i := range c.Calls.Calls() {
		v := m.View()
		m, _ = press(t, m, "enter")
		v += m.View()
		for range 40 { // every page of the details
			m, _ = press(t, m, "pgdown")
			v += m.View()
		}
		for _, secret := range []string{tok, "demo-secret", basic} {
			if strings.Contains(v, secret) {
				t.Errorf("call %d shows a secret (%q)", i, secret)
			}
		}
		m, _ = press(t, m, "esc", "down")
	}
}

// TestCopiedCurlRuns: c puts the call on the clipboard as curl (OSC 52);
// run as is with ZIMUN_TOKEN set, it gets the same status, and a write
// replays (same idempotency key) to the same answer.
func TestCopiedCurlRuns(t *testing.T) {
	_, c, client := booked(t)
	var clip bytes.Buffer
	c.Clipboard = &clip
	curlBin, lookErr := exec.LookPath("curl")
	tok, _, err := client.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := inspector.New(c)
	m.SetSize(98, 26)
	calls := c.Calls.Calls()
	for i, e := range calls {
		if e.Op != "availability" && e.Op != "confirm" {
			continue
		}
		m := m
		for range i {
			m, _ = press(t, m, "down")
		}
		clip.Reset()
		m, msgs := press(t, m, "c")
		seq := clip.String()
		if !strings.HasPrefix(seq, "\x1b]52;c;") || !strings.HasSuffix(seq, "\a") {
			t.Fatalf("clipboard got %q, want one OSC 52 sequence", seq)
		}
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(strings.TrimPrefix(seq, "\x1b]52;c;"), "\a"))
		if err != nil {
			t.Fatal(err)
		}
		cmd := string(raw)
		if want, _ := e.Curl(); cmd != want {
			t.Errorf("copied %q, want %q", cmd, want)
		}
		if v := uitest.Strip(m.View()); !strings.Contains(v, "Copied as curl:") || !strings.Contains(v, `-H "Authorization: Bearer $ZIMUN_TOKEN"`) {
			t.Errorf("the command is not shown:\n%s", v)
		}
		if len(msgs) != 1 || msgs[0].(common.StatusMsg).Status.Text == "" {
			t.Errorf("messages after c: %v", msgs)
		}
		if lookErr != nil {
			t.Log("no curl binary on this machine: the copied command is checked, not run")
			continue
		}
		sh := exec.Command("sh", "-c", cmd+` -w '\n%{http_code}'`)
		sh.Env = append(os.Environ(), "ZIMUN_TOKEN="+tok, "PATH=/usr/bin:/bin:"+curlBin[:strings.LastIndex(curlBin, "/")])
		out, err := sh.Output()
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		body, status, _ := strings.Cut(string(out), "\n")
		if status != fmt.Sprint(e.Status) {
			t.Errorf("%s: curl got %s, the app got %d", e.Op, status, e.Status)
		}
		if e.Op == "confirm" && body != string(e.ResponseBody) {
			t.Errorf("the confirm's replay answered\n%s\nnot\n%s", body, e.ResponseBody)
		}
	}
}

func TestFollowsNewCalls(t *testing.T) {
	rec := api.NewRecorder(0, 0)
	c := uitest.Common(func() time.Time { return uitest.Epoch })
	c.Calls = rec
	rec.Record(api.Exchange{Op: "one", Method: "GET", URL: "http://h/api/v1/one", Status: 200})
	rec.Record(api.Exchange{Op: "two", Method: "GET", URL: "http://h/api/v1/two", Status: 200})
	m := inspector.New(c)
	other := inspector.New(c)
	m, _ = press(t, m, "down") // on the older call
	wait := m.Init()
	rec.Record(api.Exchange{Op: "three", Method: "POST", URL: "http://h/api/v1/three", Status: 503, Attempts: 3})
	msg := wait()
	if e, _ := m.Selected(); e.Op != "one" {
		t.Fatalf("selected %q before the refresh", e.Op)
	}
	m, cmd := m.Update(msg)
	if e, _ := m.Selected(); e.Op != "one" || cmd == nil {
		t.Errorf("after a new call the cursor is on %q (want the same call, one), watching again: %v", e.Op, cmd != nil)
	}
	if v := uitest.Strip(m.View()); !strings.Contains(v, "/three") || !strings.Contains(v, "503") || !strings.Contains(v, "3 calls") {
		t.Errorf("the new call is not listed:\n%s", v)
	}
	if other2, cmd := other.Update(msg); cmd != nil || strings.Contains(uitest.Strip(other2.View()), "/three") {
		t.Errorf("another inspector took this one's refresh: %v\n%s", cmd != nil, uitest.Strip(other2.View()))
	}
	m, _ = press(t, m, "g")
	if e, _ := m.Selected(); e.Op != "three" {
		t.Errorf("g: on %q", e.Op)
	}
	if _, msgs := press(t, m, "esc"); len(msgs) != 1 || msgs[0] != (common.BackMsg{}) {
		t.Errorf("esc on the list: %v, want back", msgs)
	}
	m, _ = press(t, m, "enter")
	m, msgs := press(t, m, "esc")
	if len(msgs) != 0 || strings.Contains(uitest.Strip(m.View()), "Request") {
		t.Errorf("esc in a call's details should close them, not leave: %v", msgs)
	}
}

func BenchmarkInspectorView(b *testing.B) {
	rec := api.NewRecorder(0, 0)
	for i := range 250 {
		rec.Record(api.Exchange{
			Op: "availability", Method: "GET", Status: 200, Attempts: 1 + i%3, RequestID: fmt.Sprintf("req_%013d", i),
			URL: "http://127.0.0.1:8080/api/v1/availability?days_ahead=30&location_id=l_tvzxkeww0y&service_id=s_p2f7tkc58k",
		})
	}
	c := uitest.Common(func() time.Time { return uitest.Epoch })
	c.Calls = rec
	m := inspector.New(c)
	m.SetSize(198, 56)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// What a server sent reaches the terminal sanitised: no escape sequence
// in the list, the details or the copied command on screen.
func TestHostileCallsAreSanitised(t *testing.T) {
	evil := "\x1b]52;c;cHduZWQ=\a\x1b[2J\u202eevil\x9b31m"
	rec := api.NewRecorder(0, 0)
	rec.Record(api.Exchange{
		Op: "request", Method: "POST", URL: "http://h/api/v1/x%1B%5B2J?q=" + evil, Status: 418, RequestID: evil, Err: evil,
		RequestHeader: http.Header{"X-Evil": {evil}}, RequestBody: []byte(`{"name":"` + evil + `"}`),
		ResponseHeader: http.Header{"X-Evil": {evil}}, ResponseBody: []byte(evil + "\n" + evil),
	})
	c := uitest.Common(func() time.Time { return uitest.Epoch })
	c.Calls = rec
	var clip bytes.Buffer
	c.Clipboard = &clip
	m := inspector.New(c)
	m.SetSize(120, 40)
	views := []string{m.View()}
	m, _ = press(t, m, "c")
	views = append(views, m.View())
	m, _ = press(t, m, "enter")
	views = append(views, m.View())
	for i, v := range views {
		if strings.ContainsAny(v, "\x1b\a\u202e\x9b") {
			t.Errorf("view %d lets a control through: %q", i, v)
		}
	}
}
