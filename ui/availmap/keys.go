package availmap

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the map's own keys; esc and quitting are the root's.
type KeyMap struct {
	Left, Right, Up, Down key.Binding
	Today                 key.Binding
	Open                  key.Binding
	Group                 key.Binding
	Refresh               key.Binding
}

// DefaultKeyMap is the map's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Left:    key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "day")),
		Right:   key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "day")),
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "row")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "row")),
		Today:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "today")),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open that day")),
		Group:   key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "by service/by location")),
		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
	}
}
