package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// Screen is what the router needs of a screen's model M: it draws,
// names itself in the header, lists its keys, says when a text field or a
// prompt has the keys, and keeps its own typed Update (bubbles style). Its
// pointer has SetSize(width, height).
type Screen[M any] interface {
	View() string
	Focused() bool
	Heading() common.Heading
	help.KeyMap
	Update(tea.Msg) (M, tea.Cmd)
}

// Optional parts of a screen.
type (
	// activator refreshes a screen shown again (ticks stopped while hidden).
	activator interface{ Activate() tea.Cmd }
	// holder has a hold to count down in the header.
	holder interface{ Hold() (model.Hold, bool) }
	// backOwner handles esc itself (clearing a search first, asking first)
	// and sends common.BackMsg when it means back.
	backOwner interface{ OwnsBack() }
	sizer     interface{ SetSize(width, height int) }
)

// page is a screen on the router's stack: a value, like the screens, so an
// older copy of the root never sees a newer screen.
type page interface {
	View() string
	Focused() bool
	Heading() common.Heading
	help.KeyMap
	update(tea.Msg) (page, tea.Cmd)
	sized(w, h int) page
	shown() (page, tea.Cmd)
	model() any // the screen's model, for the optional parts
}

type pageOf[M Screen[M]] struct{ m M }

func pageFor[M Screen[M]](m M) page { return pageOf[M]{m} }

func (p pageOf[M]) View() string              { return p.m.View() }
func (p pageOf[M]) Focused() bool             { return p.m.Focused() }
func (p pageOf[M]) Heading() common.Heading   { return p.m.Heading() }
func (p pageOf[M]) ShortHelp() []key.Binding  { return p.m.ShortHelp() }
func (p pageOf[M]) FullHelp() [][]key.Binding { return p.m.FullHelp() }
func (p pageOf[M]) model() any                { return p.m }

func (p pageOf[M]) update(msg tea.Msg) (page, tea.Cmd) {
	m, cmd := p.m.Update(msg)
	return pageOf[M]{m}, cmd
}

func (p pageOf[M]) sized(w, h int) page {
	m := p.m
	if s, ok := any(&m).(sizer); ok {
		s.SetSize(w, h)
	}
	return pageOf[M]{m}
}

func (p pageOf[M]) shown() (page, tea.Cmd) {
	m := p.m
	if a, ok := any(&m).(activator); ok {
		cmd := a.Activate()
		return pageOf[M]{m}, cmd
	}
	return p, nil
}

// noScreen stands in before the first screen: nothing to draw or press.
type noScreen struct{}

func (noScreen) View() string                         { return "" }
func (noScreen) Focused() bool                        { return false }
func (noScreen) Heading() common.Heading              { return common.Heading{} }
func (noScreen) ShortHelp() []key.Binding             { return nil }
func (noScreen) FullHelp() [][]key.Binding            { return nil }
func (n noScreen) Update(tea.Msg) (noScreen, tea.Cmd) { return n, nil }
