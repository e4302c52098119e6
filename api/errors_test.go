package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/model"
)

func TestErrorShapes(t *testing.T) {
	long := strings.Repeat("é", 500)
	for _, tc := range []struct {
		name        string
		status      int
		ctype, body string
		code, msg   string
	}{
		{"canonical", 409, "application/json", `{"error":{"code":"slot_unavailable","message":"Mon 1 Dec 10:00 is taken"}}`, "slot_unavailable", "Mon 1 Dec 10:00 is taken"},
		{"error string is a code", 404, "application/json", `{"error":"not_found"}`, "not_found", "Not found"},
		{"error string is a sentence", 400, "application/json", `{"error":"Bad things happened"}`, "", "Bad things happened"},
		{"message", 422, "application/json", `{"message":"email is invalid","code":"invalid_contact"}`, "invalid_contact", "email is invalid"},
		{"oauth", 401, "application/json", `{"error":"invalid_client","error_description":"unknown client"}`, "invalid_client", "unknown client"},
		{"plain text", 502, "text/plain", "\n  upstream timed out  \nstack trace line\n", "", "upstream timed out"},
		{"html", 503, "text/html", "<!DOCTYPE html><html>…</html>", "", "Service Unavailable"},
		{"empty", 504, "", "", "", "Gateway Timeout"},
		{"escapes", 400, "application/json", `{"error":{"code":"x\u001b[31m","message":"\u001b]52;c;aGk=\u0007red\u202e\r\nalert"}}`, "x", "red alert"},
		{"long", 400, "text/plain", long, "", strings.Repeat("é", model.MaxMessageRunes-1) + "…"},
		{"unknown status", 599, "application/json", `{}`, "", "Unexpected response from the server"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{"Content-Type": {tc.ctype}, "X-Request-Id": {"req_1"}}
			e := decodeError(opHold, tc.status, h, []byte(tc.body), func(s string) string { return s })
			if e.Status != tc.status || e.Code != tc.code || e.Message != tc.msg || e.RequestID != "req_1" {
				t.Errorf("got status %d code %q message %q id %q; want %d %q %q", e.Status, e.Code, e.Message, e.RequestID, tc.status, tc.code, tc.msg)
			}
		})
	}
}

func TestPredicates(t *testing.T) {
	mk := func(op string, status int, code string) error {
		return fmt.Errorf("wrapped: %w", &Error{Status: status, Code: code, Message: "m", op: op})
	}
	for _, tc := range []struct {
		name string
		err  error
		is   func(error) bool
		want bool
	}{
		{"409 slot_unavailable", mk(opConfirm, 409, "slot_unavailable"), IsSlotTaken, true},
		{"any 409 on hold", mk(opHold, 409, "conflict"), IsSlotTaken, true},
		{"any 409 on reschedule", mk(opReschedule, 409, ""), IsSlotTaken, true},
		{"409 already confirmed", mk(opConfirm, 409, "hold_already_confirmed"), IsSlotTaken, false},
		{"409 cancelled appointment", mk(opReschedule, 409, "appointment_cancelled"), IsSlotTaken, false},
		{"410", mk(opConfirm, 410, ""), IsHoldExpired, true},
		{"hold_expired code", mk(opConfirm, 400, "hold_expired"), IsHoldExpired, true},
		{"404", mk(opAppointment, 404, ""), IsNotFound, true},
		{"401", mk(opList, 401, ""), IsUnauthorized, true},
		{"403", mk(opList, 403, ""), IsForbidden, true},
		{"429", mk(opList, 429, ""), IsRateLimited, true},
		{"400", mk(opHold, 400, ""), IsInvalid, true},
		{"422", mk(opHold, 422, ""), IsInvalid, true},
		{"409 is not invalid", mk(opHold, 409, ""), IsInvalid, false},
		{"network", &NetworkError{Op: opList, Err: errors.New("x")}, IsNetwork, true},
		{"error is not network", mk(opList, 503, ""), IsNetwork, false},
		{"cancel is not network", fmt.Errorf("api: x: %w", context.Canceled), IsNetwork, false},
		{"nil", nil, IsNotFound, false},
	} {
		if got := tc.is(tc.err); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// canary is a client secret that must never be seen again.
const canary = "CANARY-s3cr3t-9f8e7d"

func TestSecretNeverLeaks(t *testing.T) {
	check := func(what, text string) {
		t.Helper()
		if strings.Contains(text, canary) {
			t.Errorf("%s leaks the secret: %s", what, text)
		}
	}
	newClient := func(t *testing.T, token http.HandlerFunc) *Client {
		f := newFake(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, orgJSON) })
		f.token = token
		return f.client(func(c *Config) { c.ClientSecret = canary })
	}
	for _, tc := range []struct {
		name   string
		token  http.HandlerFunc
		status int
	}{
		{"bad credentials", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 401, `{"error":"invalid_client","error_description":"secret `+canary+` is wrong"}`)
		}, 401},
		{"500 echoing the secret as JSON", func(w http.ResponseWriter, r *http.Request) {
			_, secret, _ := r.BasicAuth()
			writeJSON(w, 500, `{"debug":{"client_secret":"`+secret+`"}}`)
		}, 500},
		{"500 echoing the secret as text", func(w http.ResponseWriter, r *http.Request) {
			_, secret, _ := r.BasicAuth()
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(500)
			fmt.Fprintf(w, "panic: auth %s\n\x1b[31m", r.Header.Get("Authorization")+secret)
		}, 500},
		{"200 that is not a token", func(w http.ResponseWriter, r *http.Request) {
			_, secret, _ := r.BasicAuth()
			writeJSON(w, 200, `not json `+secret)
		}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newClient(t, tc.token).Organization(t.Context())
			e, ok := asError(err)
			if !ok || e.Status != tc.status {
				t.Fatalf("err = %#v, want *Error with status %d", err, tc.status)
			}
			for _, s := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
				check("error", s)
				if strings.ContainsRune(s, 0x1b) {
					t.Errorf("error carries an escape: %q", s)
				}
			}
			if !strings.HasPrefix(e.Message, "sign-in to the Zimun API failed: ") {
				t.Errorf("message = %q", e.Message)
			}
		})
	}

	t.Run("network", func(t *testing.T) {
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		addr := ln.Addr().String()
		ln.Close()
		c, err := New(t.Context(), Config{BaseURL: "http://" + addr, ClientID: "id", ClientSecret: canary})
		if err != nil {
			t.Fatal(err)
		}
		c.sleep = func(context.Context, time.Duration) error { return nil }
		_, err = c.Organization(t.Context())
		if !IsNetwork(err) {
			t.Fatalf("err = %v", err)
		}
		check("network error", fmt.Sprintf("%v %+v %#v", err, err, err))
	})

	t.Run("request log", func(t *testing.T) {
		var buf bytes.Buffer
		f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Request-Id", "req_1")
			writeJSON(w, 200, orgJSON)
		})
		c := f.client(func(c *Config) {
			c.Logger = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
		})
		if _, err := c.Organization(t.Context()); err != nil {
			t.Fatal(err)
		}
		_, _ = c.Appointments(t.Context(), AppointmentFilter{Query: "Dana Lee"})
		log := buf.String()
		for _, want := range []string{"path=/api/v1/organization", "status=200", "request_id=req_1"} {
			if !strings.Contains(log, want) {
				t.Errorf("log lacks %q:\n%s", want, log)
			}
		}
		for _, private := range []string{testSecret, "Dana", "Bearer", "Authorization"} {
			if strings.Contains(log, private) {
				t.Errorf("log shows %q:\n%s", private, log)
			}
		}
	})

	t.Run("printing", func(t *testing.T) {
		cfg := Config{BaseURL: "http://x", ClientID: "id", ClientSecret: canary}
		c := newClient(t, nil)
		var buf bytes.Buffer
		for _, h := range []slog.Handler{slog.NewJSONHandler(&buf, nil), slog.NewTextHandler(&buf, nil)} {
			slog.New(h).Info("starting", "config", cfg, "client", c)
		}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			check("Config "+verb, fmt.Sprintf(verb, cfg))
			check("*Config "+verb, fmt.Sprintf(verb, &cfg))
			check("Client "+verb, fmt.Sprintf(verb, c))
		}
		check("slog", buf.String())
		check("String", cfg.String()+c.String())
		if s := fmt.Sprintf("%+v", cfg); !strings.Contains(s, "ClientSecret:[redacted]") || !strings.Contains(s, "ClientID:id") {
			t.Errorf("%%+v of Config = %s", s)
		}
		if s := fmt.Sprintf("%#v", cfg); !strings.HasPrefix(s, "api.Config{") {
			t.Errorf("%%#v of Config = %s", s)
		}
	})
}
