// Package quit is the way out of the UI: it asks first when quitting would
// give a hold back or leave a booking unanswered, then closes the booking
// session (its holds given back, an unanswered booking kept for resume)
// and ends the program once that is done.
package quit

import (
	"context"
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

// Wait bounds giving holds back on the way out: they expire by themselves
// anyway, and a signal must end the app within a second.
const Wait = 900 * time.Millisecond

// ClosedMsg says the session is closed: the program ends.
type ClosedMsg struct{}

// Model is the way out: asking, then closing.
type Model struct {
	c         *common.Common // shared, never changed: a root is copied on every key
	asking    bool
	closing   bool
	releasing bool // closing with holds to give back
}

// New is nothing asked yet.
func New(c common.Common) Model { return Model{c: &c} }

// Asking reports the question on show: it has every key.
func (q Model) Asking() bool { return q.asking }

// Closing reports the session closing: nothing new starts.
func (q Model) Closing() bool { return q.closing }

// Key takes ctrl+c, and every key while asking or closing; ok is false
// for the keys that are not the quit's. holding reports a hold to give
// back.
func (q Model) Key(msg tea.KeyMsg, holding func() bool) (_ Model, _ tea.Cmd, ok bool) {
	switch s := msg.String(); {
	case q.closing:
		if msg.Type == tea.KeyCtrlC { // do not wait for the release
			return q, tea.Quit, true
		}
	// ctrl+c cannot be typed into a field, so it is the quit's first.
	case msg.Type == tea.KeyCtrlC:
		q, cmd := q.Request(holding())
		return q, cmd, true
	case !q.asking:
		return q, nil, false
	case slices.Contains(common.YesKeys(q.c.Words), s):
		q, cmd := q.close(holding())
		return q, cmd, true
	case s == "n" || s == "N" || s == "esc":
		q.asking = false
	}
	return q, nil, true
}

// Request asks first when quitting would give a hold back or leave a
// booking unanswered; otherwise it quits at once.
func (q Model) Request(holding bool) (Model, tea.Cmd) {
	if holding || q.c.Session.Unresolved() {
		q.asking = true
		return q, nil
	}
	return q.close(holding)
}

// close closes the session, then ends the program.
func (q Model) close(holding bool) (Model, tea.Cmd) {
	q.asking, q.closing, q.releasing = false, true, holding
	s, parent := q.c.Session, context.WithoutCancel(q.c.Ctx)
	return q, func() tea.Msg {
		ctx, cancel := context.WithTimeout(parent, Wait)
		defer cancel()
		_ = s.Close(ctx)
		return ClosedMsg{}
	}
}

// Status is the status line: while holds are given back it says so,
// otherwise it is st.
func (q Model) Status(st common.Status) common.Status {
	if q.releasing {
		return common.Status{Text: q.c.T(i18n.RootReleasing)}
	}
	return st
}

// Question is the question on the status line while asking; "" otherwise.
func (q Model) Question() string {
	switch {
	case !q.asking:
		return ""
	case q.c.Session.Unresolved():
		return q.c.Styles.Warn.Render(q.c.T(i18n.RootQuitUnanswered))
	}
	return q.c.Styles.Warn.Render(q.c.T(i18n.RootQuitReleases))
}

// ShortHelp is the keys that answer the question.
func (q Model) ShortHelp() []key.Binding {
	p := q.c.Words
	yes := i18n.KeyReleaseQuit
	if q.c.Session.Unresolved() {
		yes = i18n.KeyQuitResumeLater
	}
	y := common.YesKeys(p)
	return []key.Binding{
		key.NewBinding(key.WithKeys(y...), common.Help(p, y[0], yes)),
		key.NewBinding(key.WithKeys("n"), common.Help(p, "n", i18n.KeyStay)),
	}
}
