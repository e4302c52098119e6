package slots

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// Asking is a screen's hold from enter to the form: the request in flight
// with its spinner, then the moment between the answer and the form
// opening, when keys wait (a second enter would hold a second time). The
// slot list and the day agenda share it.
type Asking struct {
	screen     int
	req        int
	holding    bool
	handedOver bool
	at         time.Time // the time asked for
	spin       spinner.Model
}

// NewAsking is screen's hold request, none in flight.
func NewAsking(c common.Common, screen int) Asking {
	return Asking{screen: screen, spin: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent))}
}

// Hold asks the session to hold slot.
func (a *Asking) Hold(c common.Common, svc model.Service, loc model.Location, slot model.Slot) tea.Cmd {
	a.holding, a.at = true, slot.Start
	a.req++
	return tea.Batch(HoldCmd(c, a.screen, a.req, svc, loc, slot), a.spin.Tick)
}

// Holding reports a request in flight.
func (a Asking) Holding() bool { return a.holding }

// At is the time asked for.
func (a Asking) At() time.Time { return a.at }

// Awaits reports whether msg answers the request in flight.
func (a Asking) Awaits(msg HoldMsg) bool {
	return a.holding && msg.list == a.screen && msg.req == a.req
}

// Answered ends the request msg answers; a placed hold makes keys wait
// until the form covers the screen (Covered).
func (a *Asking) Answered(msg HoldMsg) {
	_, placed := msg.Placed()
	a.holding, a.handedOver = false, placed
}

// Covered is for Activate and Deactivate: the form (or anything) covered
// the screen, so keys are its own again when it is back.
func (a *Asking) Covered() { a.handedOver = false }

// Waiting reports that keys wait: a request in flight, or a hold on its
// way to the form. The screen is focused then, taking every key.
func (a Asking) Waiting() bool { return a.holding || a.handedOver }

// Key is what a key does while keys wait: nothing on the way to the form;
// in flight, a word that the hold is being placed.
func (a Asking) Key(c common.Common) tea.Cmd {
	if a.handedOver {
		return nil
	}
	return common.Say(c.T(i18n.SlotsPlacingHold))
}

// Tick turns the spinner while a request is in flight.
func (a *Asking) Tick(msg spinner.TickMsg) tea.Cmd {
	if !a.holding {
		return nil
	}
	var cmd tea.Cmd
	a.spin, cmd = a.spin.Update(msg)
	return cmd
}

// Line is the line under the list while a request is in flight.
func (a Asking) Line(c common.Common, clock string) string {
	return a.spin.View() + " " + c.T(i18n.SlotsHolding, clock)
}

// Keys are the keys that work while keys wait.
func (a Asking) Keys(c common.Common) []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("ctrl+c"), common.Help(c.Words, "ctrl+c", i18n.KeyQuit))}
}
