package i18n

import (
	"strings"

	"github.com/zimun-app/zimun/model"
)

// Error is an error worded by the catalogue, for packages that have no
// Printer (config, flag values): its Error is the English, and
// Printer.Err words it in the printer's language. An argument that is
// itself an *Error is worded in the same language.
type Error struct {
	Key  Key
	Args []any
}

// Errorf is the error worded by k with args.
func Errorf(k Key, args ...any) *Error { return &Error{Key: k, Args: args} }

// Unwrap is the errors among the arguments, so errors.Is and errors.As
// see through a worded error (a cancelled start stays a cancellation).
func (e *Error) Unwrap() []error {
	var errs []error
	for _, a := range e.Args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

func (e *Error) Error() string {
	return NewCatalog().Printer(Locale{Lang: English}, model.Clock{H24: true}).Err(e)
}

// Err words err in the printer's language: a catalogue Error, or several
// joined (one a line), translated; a model.FieldError or ValidationError
// with its problem translated (the field stays as the command line names
// it); any other error as it says itself.
func (p *Printer) Err(err error) string {
	if err == nil {
		return ""
	}
	// In English, the model's own words, as scripts may read them.
	switch e := err.(type) {
	case model.FieldError:
		if p.Lang() != English {
			return p.T(NamedProblem, e.Field, p.Problem(e))
		}
	case model.ValidationError:
		if p.Lang() != English {
			lines := make([]string, len(e))
			for i, fe := range e {
				lines[i] = p.Err(fe)
			}
			return strings.Join(lines, p.T(ProblemsSep))
		}
	}
	if e, ok := err.(*Error); ok {
		args := make([]any, len(e.Args))
		for i, a := range e.Args {
			if inner, ok := a.(error); ok && isWorded(inner) {
				a = p.Err(inner)
			}
			args[i] = a
		}
		return p.T(e.Key, args...)
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok && isWorded(err) {
		var lines []string
		for _, e := range joined.Unwrap() {
			lines = append(lines, p.Err(e))
		}
		return strings.Join(lines, "\n")
	}
	return err.Error()
}

// isWorded reports an error Err can word: an *Error, or ones joined
// together directly.
func isWorded(err error) bool {
	switch err.(type) {
	case *Error, model.FieldError, model.ValidationError:
		return true
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return false
	}
	for _, e := range joined.Unwrap() {
		if isWorded(e) {
			return true
		}
	}
	return false
}

// Choice words a service or location asked for (a flag, the config) that
// cannot be booked as asked, naming what can; several is the wording for
// a service at several locations (the command line names its flag). ok is
// false for a problem it does not know.
func (p *Printer) Choice(e *model.ChoiceError, several Key) (text string, ok bool) {
	choices := p.T(ChoicesNone)
	if len(e.Choices) > 0 {
		choices = model.Sanitize(strings.Join(e.Choices, ", "))
	}
	svc, loc := model.Sanitize(model.Named(e.Service.Name, e.Service.ID)), model.Sanitize(model.Named(e.Location.Name, e.Location.ID))
	switch e.Problem {
	case model.Several:
		return p.T(several, svc, choices), true
	case model.NotOffered:
		return p.T(NotOfferedAt, svc, loc, choices), true
	case model.Inactive:
		return p.T(TakesNoBookings, loc, choices), true
	case model.NoSuch:
		if e.What == "location" {
			return p.T(NoSuchLocation, model.Sanitize(e.Key), choices), true
		}
		return p.T(NoSuchService, model.Sanitize(e.Key), choices), true
	}
	return "", false
}
