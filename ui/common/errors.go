package common

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
)

// scopes are the API scopes a 403 can name; the first one found in the
// server's message is reported.
var scopes = [...]string{"org:read", "availability:read", "appointments:read", "appointments:write"}

// ErrorText turns a failure into one human sentence for the footer. API
// bodies are never shown raw: only the server's short message, sanitised.
func ErrorText(err error) string {
	if err == nil {
		return ""
	}
	var ae *api.Error
	if errors.As(err, &ae) {
		return apiErrorText(ae)
	}
	if api.IsNetwork(err) || isNetwork(err) {
		return "Can't reach Zimun (" + networkCause(err) + ")"
	}
	if errors.Is(err, context.Canceled) {
		return "Cancelled"
	}
	return clip(model.Sanitize(err.Error()))
}

func apiErrorText(e *api.Error) string {
	reason := clip(model.Sanitize(e.Message))
	switch {
	case e.Status == 401:
		return "Zimun rejected the credentials: check ZIMUN_CLIENT_ID and ZIMUN_CLIENT_SECRET"
	case e.Status == 403:
		for _, s := range scopes {
			if strings.Contains(e.Message, s) {
				return "This client lacks the " + s + " scope"
			}
		}
		return "This client lacks the scope this action needs"
	case e.Status == 429:
		if e.RetryAfter > 0 {
			return fmt.Sprintf("Zimun is rate-limiting; try again in %ds", int(e.RetryAfter.Seconds()+0.5))
		}
		return "Zimun is rate-limiting; try again in a moment"
	case api.IsSlotTaken(e):
		return "That slot was just taken"
	case e.Status == 404:
		return "Not found on Zimun" + suffix(reason)
	case e.Status == 410 || e.Code == "hold_expired":
		return "The hold expired before it was confirmed"
	case e.Status == 422 || e.Status == 400:
		if reason != "" {
			return reason
		}
		return "Zimun refused the request as invalid"
	case e.Status >= 500:
		return fmt.Sprintf("Zimun had a server error (%d); try again", e.Status)
	}
	if reason != "" {
		return reason
	}
	return fmt.Sprintf("Zimun answered %d", e.Status)
}

func suffix(reason string) string {
	if reason == "" {
		return ""
	}
	return ": " + reason
}

func isNetwork(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, syscall.ECONNREFUSED)
}

// networkCause names the failure in a few words, never a full URL.
func networkCause(err error) string {
	var dns *net.DNSError
	switch {
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return "timed out"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.As(err, &dns):
		return "unknown host " + clip(model.Sanitize(dns.Name))
	}
	return "network error"
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// clip keeps a server sentence to one footer line.
func clip(s string) string {
	const max = 160
	r := []rune(strings.TrimSpace(s))
	if len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return string(r)
}

// NoAnswerText says why a write got no definite answer (a network failure
// or a server error), for messages that go on to say it may have worked.
func NoAnswerText(err error) string {
	var ae *api.Error
	if errors.As(err, &ae) {
		return fmt.Sprintf("Zimun had a server error (%d)", ae.Status)
	}
	return ErrorText(err)
}
