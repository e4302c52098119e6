package ui

import (
	"time"

	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/form"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/start"
)

// View draws the screen on top in the frame, at exactly the terminal's
// size.
func (m Model) View() string {
	f := m.frame
	if f.TooSmall() {
		return f.TooSmallView()
	}
	body := m.stack.Top().View()
	if m.showHelp {
		body = f.HelpOverlay(append(m.stack.Top().FullHelp(), m.globalKeys(), m.devKeys(), m.kioskKeys()))
	}
	var left []time.Duration
	for _, p := range m.stack.Pages() {
		if hd, ok := p.Model().(holder); ok {
			if h, ok := hd.Hold(); ok {
				left = append(left, h.Remaining(m.c.Now()))
			}
		}
	}
	header := f.Header(m.cat.Organization.Name, m.stack.Top().Heading(), left, m.c.Prefs, m.offers()...)
	st := m.quit.Status(m.status)
	if !m.startOverAt.IsZero() && st.Text == "" {
		left := max(int((m.startOverAt.Sub(m.c.Now())+time.Second-1)/time.Second), 0)
		st.Text = m.c.T(i18n.RootClearsIn, left)
	}
	status := f.Status(st)
	if q := m.quit.Question(); q != "" {
		status = q
	}
	keys, own := m.shortHelp()
	return f.View(header, body, f.Footer(status, f.FitKeys(keys, own, m.c.Keys.Help.Help().Key)))
}

// shortHelp is the screen's keys, then the global ones; own counts the
// screen's.
func (m Model) shortHelp() (keys []key.Binding, own int) {
	switch {
	case m.quit.Asking():
		keys = m.quit.ShortHelp()
		return keys, len(keys)
	case m.showHelp:
		return []key.Binding{key.NewBinding(key.WithKeys("?"), common.Help(m.c.Words, "?/esc", i18n.KeyCloseHelp))}, 1
	}
	keys = m.stack.Top().ShortHelp()
	own = len(keys)
	if m.stack.Top().Focused() {
		return keys, own
	}
	seen := map[string]bool{}
	for _, k := range keys {
		seen[k.Help().Key] = true
	}
	for _, k := range m.globalKeys() {
		if !seen[k.Help().Key] {
			keys = append(keys, k)
		}
	}
	return keys, own
}

func (m Model) globalKeys() []key.Binding {
	k := m.c.Keys
	keys := []key.Binding{k.Help}
	if m.canGoBack() {
		keys = append(keys, k.Back)
	}
	if k.MyBooking.Enabled() {
		keys = append(keys, k.MyBooking)
	}
	return append(keys, k.Quit)
}

// The kiosk's keys for a screen reader and for the other language.

// free reports nothing held and nothing being typed into a booking: a
// customer may leave for the accessible mode, losing nothing.
func (m Model) free() bool {
	if m.c.Kiosk == nil || m.holding() || m.c.Session.Unresolved() {
		return false
	}
	for _, p := range m.stack.Pages() {
		if _, ok := p.Model().(form.Model); ok {
			return false
		}
	}
	return true
}

// firstScreen reports the kiosk's first screen on show: loading, the
// location or service picker, or the calendar when there was nothing to
// choose. The language changes only there: a change starts over.
func (m Model) firstScreen() bool {
	if m.c.Kiosk == nil || m.stack.Len() != 1 || !m.startOverAt.IsZero() || !m.free() {
		return false
	}
	switch m.stack.Top().Model().(type) {
	case start.Model, picker.Model:
		return true
	case calendar.Model:
		l, _ := m.locationPicker()
		s, _ := m.servicePicker()
		return l == nil && s == nil
	}
	return false
}

// otherLocale is the language the kiosk's language key switches to, in
// the same region.
func (m Model) otherLocale() i18n.Locale {
	l := m.c.Words.Locale()
	if l.Lang == i18n.French {
		l.Lang = i18n.English
	} else {
		l.Lang = i18n.French
	}
	return l
}

// offers are the kiosk's keys the header names on the first screen, in
// the words of whoever needs them.
func (m Model) offers() []string {
	if !m.firstScreen() {
		return nil
	}
	k := m.c.Keys
	var out []string
	if k.ScreenReader.Enabled() {
		out = append(out, m.c.T(i18n.HeaderScreenReader, k.ScreenReader.Help().Key))
	}
	if k.Language.Enabled() {
		out = append(out, i18n.LanguageOffer(m.otherLocale().Lang, k.Language.Help().Key))
	}
	return out
}

// kioskKeys are the kiosk's keys for the help overlay, where they work.
func (m Model) kioskKeys() []key.Binding {
	var keys []key.Binding
	if m.free() && m.c.Keys.ScreenReader.Enabled() {
		keys = append(keys, m.c.Keys.ScreenReader)
	}
	if m.firstScreen() && m.c.Keys.Language.Enabled() {
		keys = append(keys, m.c.Keys.Language)
	}
	return keys
}
