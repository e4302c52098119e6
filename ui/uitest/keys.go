package uitest

import tea "github.com/charmbracelet/bubbletea"

// Key builds the KeyMsg for a key name ("enter", "esc", "up", "ctrl+c", …)
// or, for anything else, typed runes.
func Key(s string) tea.KeyMsg {
	types := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "home": tea.KeyHome, "end": tea.KeyEnd,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "tab": tea.KeyTab, "ctrl+c": tea.KeyCtrlC,
		"ctrl+s": tea.KeyCtrlS, "ctrl+x": tea.KeyCtrlX, "backspace": tea.KeyBackspace,
	}
	if t, ok := types[s]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// Click is a left mouse press at x, y.
func Click(x, y int) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft}
}

// Messages runs cmd the way the program would, batches opened, and
// returns its messages in order. Only Cmds without timers may be passed:
// nothing here waits for a tick.
func Messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, Messages(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// Run executes cmd and every Cmd it leads to, feeding each message back
// into update the way the root would, and returns the messages seen.
// Screens built with HandRefresh return no timers, so nothing waits.
func Run[M any](m M, cmd tea.Cmd, update func(M, tea.Msg) (M, tea.Cmd)) (M, []tea.Msg) {
	var seen []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case nil:
		default:
			seen = append(seen, msg)
			var next tea.Cmd
			m, next = update(m, msg)
			queue = append(queue, next)
		}
	}
	return m, seen
}

// Press sends keys (Key names or typed text) one by one and runs what
// each leads to.
func Press[M any](m M, update func(M, tea.Msg) (M, tea.Cmd), keys ...string) (M, []tea.Msg) {
	var all []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = update(m, Key(k))
		var seen []tea.Msg
		m, seen = Run(m, cmd, update)
		all = append(all, seen...)
	}
	return m, all
}
