// Package router is the machinery of the UI's root: a stack of screens,
// each keeping its own typed Update, held as values so an older copy of
// the root never sees a newer screen.
package router

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/ui/common"
)

// Screen is what the router needs of a screen's model M: it draws, names
// itself in the header, lists its keys, says when a text field or a prompt
// has the keys, and keeps its own typed Update (bubbles style). If its
// pointer has SetSize(width, height) it is sized; Deactivate() is called
// when another screen covers it, Activate() tea.Cmd when it is shown
// again.
type Screen[M any] interface {
	View() string
	Focused() bool
	Heading() common.Heading
	help.KeyMap
	Update(tea.Msg) (M, tea.Cmd)
}

// Page is a screen on the stack.
type Page interface {
	View() string
	Focused() bool
	Heading() common.Heading
	help.KeyMap
	// Model is the screen's model, to ask for what only some screens have.
	Model() any
	update(tea.Msg) (Page, tea.Cmd)
	sized(w, h int) Page
	shown() (Page, tea.Cmd)
	hidden() Page
}

type pageOf[M Screen[M]] struct{ m M }

// PageFor puts a screen on a page.
func PageFor[M Screen[M]](m M) Page { return pageOf[M]{m} }

// Start puts a screen on a page, with the Cmd that starts it.
func Start[M interface {
	Screen[M]
	Init() tea.Cmd
}](m M) (Page, tea.Cmd) {
	return pageOf[M]{m}, m.Init()
}

func (p pageOf[M]) View() string              { return p.m.View() }
func (p pageOf[M]) Focused() bool             { return p.m.Focused() }
func (p pageOf[M]) Heading() common.Heading   { return p.m.Heading() }
func (p pageOf[M]) ShortHelp() []key.Binding  { return p.m.ShortHelp() }
func (p pageOf[M]) FullHelp() [][]key.Binding { return p.m.FullHelp() }
func (p pageOf[M]) Model() any                { return p.m }

func (p pageOf[M]) update(msg tea.Msg) (Page, tea.Cmd) {
	m, cmd := p.m.Update(msg)
	return pageOf[M]{m}, cmd
}

func (p pageOf[M]) sized(w, h int) Page {
	m := p.m
	if s, ok := any(&m).(interface{ SetSize(w, h int) }); ok {
		s.SetSize(w, h)
	}
	return pageOf[M]{m}
}

func (p pageOf[M]) hidden() Page {
	m := p.m
	if d, ok := any(&m).(interface{ Deactivate() }); ok {
		d.Deactivate()
	}
	return pageOf[M]{m}
}

func (p pageOf[M]) shown() (Page, tea.Cmd) {
	m := p.m
	if a, ok := any(&m).(interface{ Activate() tea.Cmd }); ok {
		cmd := a.Activate()
		return pageOf[M]{m}, cmd
	}
	return p, nil
}

// Stack is the screens, the top one on show. Its methods return a new
// stack and never change the one they are called on.
type Stack struct {
	pages []Page
	w, h  int
}

// Len is how many screens are stacked.
func (s Stack) Len() int { return len(s.pages) }

// Top is the screen on show (an empty one on an empty stack).
func (s Stack) Top() Page {
	if len(s.pages) == 0 {
		return PageFor(Empty{})
	}
	return s.pages[len(s.pages)-1]
}

// Pages are the screens, bottom first.
func (s Stack) Pages() []Page { return s.pages }

// Push shows p, sized, over the screen on show, which stops what it does
// only while shown (refreshing, say) if it has Deactivate.
func (s Stack) Push(p Page) Stack {
	pages := append([]Page(nil), s.pages...)
	if n := len(pages); n > 0 {
		pages[n-1] = pages[n-1].hidden()
	}
	s.pages = append(pages, p.sized(s.w, s.h))
	return s
}

// Drop takes the top screen off, without showing the one below again.
func (s Stack) Drop() Stack {
	if len(s.pages) > 0 {
		s.pages = s.pages[: len(s.pages)-1 : len(s.pages)-1]
	}
	return s
}

// Keep keeps the bottom n screens.
func (s Stack) Keep(n int) Stack {
	s.pages = s.pages[:min(n, len(s.pages)):min(n, len(s.pages))]
	return s
}

// Shown refreshes the screen on top, shown again.
func (s Stack) Shown() (Stack, tea.Cmd) {
	if len(s.pages) == 0 {
		return s, nil
	}
	pages := append([]Page(nil), s.pages...)
	var cmd tea.Cmd
	pages[len(pages)-1], cmd = pages[len(pages)-1].shown()
	s.pages = pages
	return s, cmd
}

// Resized sizes every screen.
func (s Stack) Resized(w, h int) Stack {
	pages := make([]Page, len(s.pages))
	for i, p := range s.pages {
		pages[i] = p.sized(w, h)
	}
	s.pages, s.w, s.h = pages, w, h
	return s
}

// UpdateTop gives msg (a key, a click) to the screen on show.
func (s Stack) UpdateTop(msg tea.Msg) (Stack, tea.Cmd) {
	if len(s.pages) == 0 {
		return s, nil
	}
	pages := append([]Page(nil), s.pages...)
	var cmd tea.Cmd
	pages[len(pages)-1], cmd = pages[len(pages)-1].update(msg)
	s.pages = pages
	return s, cmd
}

// UpdateAll gives a reply or a tick to every screen: each drops what is
// not its own, so one under the top keeps loading.
func (s Stack) UpdateAll(msg tea.Msg) (Stack, tea.Cmd) {
	pages := append([]Page(nil), s.pages...)
	cmds := make([]tea.Cmd, len(pages))
	for i, p := range pages {
		pages[i], cmds[i] = p.update(msg)
	}
	s.pages = pages
	return s, tea.Batch(cmds...)
}

// Empty is a screen with nothing to draw or press.
type Empty struct{}

func (Empty) View() string                      { return "" }
func (Empty) Focused() bool                     { return false }
func (Empty) Heading() common.Heading           { return common.Heading{} }
func (Empty) ShortHelp() []key.Binding          { return nil }
func (Empty) FullHelp() [][]key.Binding         { return nil }
func (e Empty) Update(tea.Msg) (Empty, tea.Cmd) { return e, nil }
