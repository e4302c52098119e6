// Package router is the machinery of the UI's root: a stack of screens,
// each keeping its own typed Update.
package router

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"reflect"

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

// Page is a screen on the stack. It holds its screen by pointer and an
// update changes it in place: a screen is several KiB, and copying (and
// boxing) it on every key was most of a key's garbage.
type Page interface {
	View() string
	Focused() bool
	Heading() common.Heading
	help.KeyMap
	// Model is a copy of the screen's model, to ask for what only some
	// screens have. It copies the whole screen: where it runs on every
	// key or frame, ask with Is, As or Find.
	Model() any
	ref() any // a pointer to the screen's model
	update(tea.Msg) tea.Cmd
	sized(w, h int)
	shown() tea.Cmd
	hidden()
}

type pageOf[M Screen[M]] struct{ m M }

// PageFor puts a screen on a page.
func PageFor[M Screen[M]](m M) Page { return &pageOf[M]{m} }

// Start puts a screen on a page, with the Cmd that starts it.
func Start[M interface {
	Screen[M]
	Init() tea.Cmd
}](m M) (Page, tea.Cmd) {
	return &pageOf[M]{m}, m.Init()
}

// Is reports p's screen an M (false for no page).
func Is[M any](p Page) bool {
	_, ok := ref(p).(*M)
	return ok
}

// As is p's screen if it is an M.
func As[M any](p Page) (m M, ok bool) {
	if r, ok := ref(p).(*M); ok {
		return *r, true
	}
	return m, false
}

// Find is p's screen as an I, an interface of what only some screens
// have (value methods: it reads the screen on the page, never copies it).
func Find[I any](p Page) (I, bool) {
	i, ok := ref(p).(I)
	return i, ok
}

// Same reports a and b showing the same kind of screen.
func Same(a, b Page) bool {
	return a != nil && b != nil && reflect.TypeOf(a.ref()) == reflect.TypeOf(b.ref())
}

func ref(p Page) any {
	if p == nil {
		return nil
	}
	return p.ref()
}

func (p *pageOf[M]) View() string              { return p.m.View() }
func (p *pageOf[M]) Focused() bool             { return p.m.Focused() }
func (p *pageOf[M]) Heading() common.Heading   { return p.m.Heading() }
func (p *pageOf[M]) ShortHelp() []key.Binding  { return p.m.ShortHelp() }
func (p *pageOf[M]) FullHelp() [][]key.Binding { return p.m.FullHelp() }
func (p *pageOf[M]) Model() any                { return p.m }
func (p *pageOf[M]) ref() any                  { return &p.m }

func (p *pageOf[M]) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	p.m, cmd = p.m.Update(msg)
	return cmd
}

func (p *pageOf[M]) sized(w, h int) {
	if s, ok := any(&p.m).(interface{ SetSize(w, h int) }); ok {
		s.SetSize(w, h)
	}
}

func (p *pageOf[M]) hidden() {
	if d, ok := any(&p.m).(interface{ Deactivate() }); ok {
		d.Deactivate()
	}
}

func (p *pageOf[M]) shown() tea.Cmd {
	if a, ok := any(&p.m).(interface{ Activate() tea.Cmd }); ok {
		return a.Activate()
	}
	return nil
}

// Stack is the screens, the top one on show. Push, Drop and Keep return a
// new stack and leave the one they are called on as it was; the screens
// themselves are shared, and updated in place.
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
		pages[n-1].hidden()
	}
	p.sized(s.w, s.h)
	s.pages = append(pages, p)
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
	return s, s.pages[len(s.pages)-1].shown()
}

// Resized sizes every screen.
func (s Stack) Resized(w, h int) Stack {
	for _, p := range s.pages {
		p.sized(w, h)
	}
	s.w, s.h = w, h
	return s
}

// UpdateTop gives msg (a key, a click) to the screen on show.
func (s Stack) UpdateTop(msg tea.Msg) (Stack, tea.Cmd) {
	if len(s.pages) == 0 {
		return s, nil
	}
	return s, s.pages[len(s.pages)-1].update(msg)
}

// UpdateAll gives a reply or a tick to every screen: each drops what is
// not its own, so one under the top keeps loading.
func (s Stack) UpdateAll(msg tea.Msg) (Stack, tea.Cmd) {
	var cmds []tea.Cmd
	for _, p := range s.pages {
		if cmd := p.update(msg); cmd != nil {
			cmds = append(cmds, cmd)
		}
	}
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
