package router

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/model"
)

// Clean makes a key safe to hand a screen; ok is false when nothing of it
// is left.
func Clean(msg tea.KeyMsg) (_ tea.KeyMsg, ok bool) {
	if msg.Type == tea.KeySpace {
		// Bubble Tea hands every program the same space rune slice, and a
		// text field sanitises its runes in place: a data race between
		// sessions, unless each gets its own.
		msg.Runes = []rune{' '}
	}
	if msg.Type == tea.KeyRunes {
		// Typed or pasted text goes into inputs that draw it as it is:
		// nothing in it may drive the terminal.
		msg.Runes = []rune(model.Sanitize(string(msg.Runes)))
		return msg, len(msg.Runes) > 0
	}
	return msg, true
}

// Several reports runes that arrived in one read (a laggy link, SSH, keys
// sent together), not pasted: each is a key of its own.
func Several(msg tea.KeyMsg) bool {
	return msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste
}

// OneByOne applies msg's runes to m one at a time, as typed, through key;
// once typing(m), a text field has the keys and the rest goes to text as
// it is.
func OneByOne[M any](m M, msg tea.KeyMsg, typing func(M) bool, key func(M, tea.KeyMsg) (M, tea.Cmd), text func(M, tea.Msg) (M, tea.Cmd)) (M, tea.Cmd) {
	var cmds []tea.Cmd
	for i, r := range msg.Runes {
		if typing(m) {
			rest := msg
			rest.Runes = msg.Runes[i:]
			var cmd tea.Cmd
			m, cmd = text(m, rest)
			return m, tea.Batch(append(cmds, cmd)...)
		}
		var cmd tea.Cmd
		m, cmd = key(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}
