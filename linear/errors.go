package linear

import (
	"context"
	"errors"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// describe words an error for the person: what happened in their
// language, and the server's own words (as sent) when it said something.
func (s *session) describe(err error) string {
	p := s.p()
	var ae *api.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.DeadlineExceeded), api.IsNetwork(err), api.IsOutcomeUnknown(err):
		return p.T(i18n.ErrNoAnswer)
	case api.IsUnauthorized(err), api.IsForbidden(err):
		return p.T(i18n.ErrNotAllowed)
	case api.IsRateLimited(err):
		return p.T(i18n.ErrBusy)
	case errors.As(err, &ae) && ae.Message != "":
		return p.T(i18n.ErrServerSaid, model.Sanitize(ae.Message), ae.Status)
	case errors.As(err, &ae):
		return p.T(i18n.ErrServerStatus, ae.Status)
	}
	return model.Sanitize(err.Error())
}
