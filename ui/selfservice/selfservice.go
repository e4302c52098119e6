// Package selfservice is what the root does differently for a customer
// serving themselves at a kiosk: the desk's screens are not theirs; a
// finished errand stays on show a while, then the kiosk starts over for the
// next customer; and the keys for a screen reader (F2) and for the other
// language (ctrl+l) work where nothing is lost, and the first screen names
// them. At a desk it does nothing.
package selfservice

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/agenda"
	"github.com/zimun-app/zimun/ui/availmap"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/form"
	"github.com/zimun-app/zimun/ui/mybooking"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/router"
	"github.com/zimun-app/zimun/ui/start"
)

// TickMsg counts down to the start over; a stale countdown's are told
// apart by their id.
type TickMsg struct{ id int }

// Kiosk is the root's part for a kiosk, a value like the root.
type Kiosk struct {
	c  *common.Common // shared, never changed: a root is copied on every key
	at time.Time      // when a finished errand gives way to the next customer; zero: none
	id int            // tags the countdown's ticks
}

// New is the kiosk's part of a session; at a desk (c.Kiosk nil) it does
// nothing.
func New(c common.Common) Kiosk { return Kiosk{c: &c} }

// Blocks reports what a customer never gets: other people's bookings, the
// desk's walk-ins and the developer's tools.
func (k Kiosk) Blocks(msg tea.Msg) bool {
	if k.c.Kiosk == nil {
		return false
	}
	switch msg.(type) {
	case common.OpenAppointmentsMsg, common.WalkInMsg, common.OpenAgendaMsg, agenda.OpenBookingMsg,
		common.OpenInspectorMsg, common.OpenAvailabilityMapMsg, availmap.OpenDayMsg:
		return true
	}
	return false
}

// Finished starts the wait before the kiosk starts over, after a booking
// or a customer's change: long enough to note the reference.
func (k Kiosk) Finished() (Kiosk, tea.Cmd) {
	if k.c.Kiosk == nil {
		return k, nil
	}
	k.id++
	k.at = k.c.Now().Add(k.c.Kiosk.ShowReference)
	return k, k.tick()
}

// MyBooking is a customer's "my booking" over the screen top, unless it
// is on show already or the catalogue is not read yet. A finished errand
// is not waited on any more: the customer carries on.
func (k Kiosk) MyBooking(top router.Page, cat model.Catalog) (Kiosk, router.Page) {
	if router.Is[mybooking.Model](top) || cat.Locations == nil {
		return k, nil
	}
	k.at, k.id = time.Time{}, k.id+1
	return k, router.PageFor(mybooking.New(*k.c, cat))
}

// Waiting reports a finished errand on show, waiting for the next
// customer: enter or esc starts over.
func (k Kiosk) Waiting() bool { return !k.at.IsZero() }

// StartOver hands the kiosk to the next customer; the kiosk closes this
// session (any hold given back) and clears the screen and scrollback.
func (k Kiosk) StartOver() (Kiosk, tea.Cmd) {
	if k.c.Kiosk == nil || k.c.Kiosk.StartOver == nil {
		return k, nil
	}
	k.at = time.Time{}
	k.id++
	return k, k.c.Kiosk.StartOver
}

// Update counts down to the start over.
func (k Kiosk) Update(msg TickMsg) (Kiosk, tea.Cmd) {
	switch {
	case msg.id != k.id || k.at.IsZero():
		return k, nil
	case k.c.Now().Before(k.at):
		return k, k.tick()
	}
	return k.StartOver()
}

func (k Kiosk) tick() tea.Cmd {
	id := k.id
	return common.Every(k.c.Ctx, time.Second, func(time.Time) tea.Msg { return TickMsg{id: id} })
}

// Status is st, or while waiting with nothing to say, the time left.
func (k Kiosk) Status(st common.Status) common.Status {
	if k.Waiting() && st.Text == "" {
		left := max(int((k.at.Sub(k.c.Now())+time.Second-1)/time.Second), 0)
		st.Text = k.c.T(i18n.RootClearsIn, left)
	}
	return st
}

// Screen is what the kiosk's keys need to know of what is on show; they
// ask only at a kiosk.
type Screen struct {
	Stack   router.Stack
	Holding bool // a hold to give back, or a booking unanswered
	Choice  bool // a location or a service to choose from
}

// Key is the screen reader's key or the language's, where it works; ok is
// false for any other key. Neither is text, so both work before focus:
// typing never triggers them.
func (k Kiosk) Key(msg tea.KeyMsg, on func() Screen) (_ tea.Cmd, ok bool) {
	switch keys := k.c.Keys; {
	case key.Matches(msg, keys.ScreenReader) && k.free(on):
		return k.c.Kiosk.Lines, true
	case key.Matches(msg, keys.Language) && k.first(on):
		return k.c.Kiosk.Language(k.otherLocale()), true
	}
	return nil, false
}

// Offers are the kiosk's keys the header names on the first screen, in
// the words of whoever needs them.
func (k Kiosk) Offers(on func() Screen) []string {
	if !k.first(on) {
		return nil
	}
	keys := k.c.Keys
	var out []string
	if keys.ScreenReader.Enabled() {
		out = append(out, k.c.T(i18n.HeaderScreenReader, keys.ScreenReader.Help().Key))
	}
	if keys.Language.Enabled() {
		out = append(out, i18n.LanguageOffer(k.otherLocale().Lang, keys.Language.Help().Key))
	}
	return out
}

// Keys are the kiosk's keys for the help overlay, where they work.
func (k Kiosk) Keys(on func() Screen) []key.Binding {
	var keys []key.Binding
	if k.free(on) && k.c.Keys.ScreenReader.Enabled() {
		keys = append(keys, k.c.Keys.ScreenReader)
	}
	if k.first(on) && k.c.Keys.Language.Enabled() {
		keys = append(keys, k.c.Keys.Language)
	}
	return keys
}

// free reports nothing held and nothing being typed into a booking: a
// customer may leave for the accessible mode, losing nothing.
func (k Kiosk) free(on func() Screen) bool { return k.c.Kiosk != nil && on().free() }

func (s Screen) free() bool {
	if s.Holding {
		return false
	}
	for _, p := range s.Stack.Pages() {
		if router.Is[form.Model](p) {
			return false
		}
	}
	return true
}

// first reports the kiosk's first screen on show: loading, the location
// or service picker, or the calendar when there was nothing to choose.
// The language changes only there: a change starts over.
func (k Kiosk) first(on func() Screen) bool {
	if k.c.Kiosk == nil || k.Waiting() {
		return false
	}
	s := on()
	if s.Stack.Len() != 1 || !s.free() {
		return false
	}
	top := s.Stack.Top()
	switch {
	case router.Is[start.Model](top), router.Is[picker.Model](top):
		return true
	case router.Is[calendar.Model](top):
		return !s.Choice
	}
	return false
}

// otherLocale is the language the language key switches to, in the same
// region.
func (k Kiosk) otherLocale() i18n.Locale {
	l := k.c.Words.Locale()
	if l.Lang == i18n.French {
		l.Lang = i18n.English
	} else {
		l.Lang = i18n.French
	}
	return l
}
