package common

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"syscall"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// scopes are the API scopes a 403 can name; the first one found in the
// server's message is reported.
var scopes = [...]string{"org:read", "availability:read", "appointments:read", "appointments:write"}

// ErrorText turns a failure into one human sentence for the footer, in
// p's language. API bodies are never shown raw: only the server's short
// message, sanitised and as sent.
func ErrorText(p *i18n.Printer, err error) string {
	if err == nil {
		return ""
	}
	var ae *api.Error
	if errors.As(err, &ae) {
		return apiErrorText(p, ae)
	}
	if api.IsNetwork(err) || isNetwork(err) {
		return p.T(i18n.ErrCantReach, networkCause(p, err))
	}
	if errors.Is(err, context.Canceled) {
		return p.T(i18n.ErrCancelled)
	}
	if errors.Is(err, model.ErrNotADay) {
		return p.T(i18n.ErrNotADay)
	}
	var ce *model.ChoiceError
	if errors.As(err, &ce) {
		if text, ok := p.Choice(ce, i18n.ChoiceSeveral); ok {
			return text
		}
		return clip(model.Sanitize(ce.Error()))
	}
	return clip(model.Sanitize(err.Error()))
}

func apiErrorText(p *i18n.Printer, e *api.Error) string {
	reason := clip(model.Sanitize(e.Message))
	switch {
	case e.Status == 401:
		return p.T(i18n.ErrCredentials)
	case e.Status == 403:
		for _, s := range scopes {
			if strings.Contains(e.Message, s) {
				return p.T(i18n.ErrLacksScope, s)
			}
		}
		return p.T(i18n.ErrLacksAScope)
	case e.Status == 429:
		if e.RetryAfter > 0 {
			return p.T(i18n.ErrRateLimitedFor, strconv.Itoa(int(e.RetryAfter.Seconds()+0.5)))
		}
		return p.T(i18n.ErrRateLimited)
	case api.IsSlotTaken(e):
		return p.T(i18n.ErrSlotTaken)
	case e.Status == 404 && reason != "":
		return p.T(i18n.ErrNotFoundSaying, reason)
	case e.Status == 404:
		return p.T(i18n.ErrNotFound)
	case e.Status == 410 || e.Code == "hold_expired":
		return p.T(i18n.ErrHoldExpired)
	case e.Status == 422 || e.Status == 400:
		if reason != "" {
			return reason
		}
		return p.T(i18n.ErrInvalid)
	case e.Status >= 500:
		return p.T(i18n.ErrServer, strconv.Itoa(e.Status))
	}
	if reason != "" {
		return reason
	}
	return p.T(i18n.ErrAnswered, strconv.Itoa(e.Status))
}

func isNetwork(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, syscall.ECONNREFUSED)
}

// networkCause names the failure in a few words, never a full URL.
func networkCause(p *i18n.Printer, err error) string {
	var dns *net.DNSError
	switch {
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return p.T(i18n.NetTimedOut)
	case errors.Is(err, syscall.ECONNREFUSED):
		return p.T(i18n.NetRefused)
	case errors.Is(err, syscall.ECONNRESET):
		return p.T(i18n.NetReset)
	case errors.As(err, &dns):
		return p.T(i18n.NetUnknownHost, clip(model.Sanitize(dns.Name)))
	}
	return p.T(i18n.NetError)
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
func NoAnswerText(p *i18n.Printer, err error) string {
	var ae *api.Error
	if errors.As(err, &ae) {
		return p.T(i18n.ErrServerNoRetry, strconv.Itoa(ae.Status))
	}
	return ErrorText(p, err)
}
