// Package devtools opens the developer's tools over a desk's screens: the
// request inspector and the availability map. Their keys work over any
// screen but a picker, where letters filter, and only where the session
// records its API calls.
package devtools

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/availmap"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/inspector"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/router"
)

// Key is the message a tool's key asks for over the screen top; nil for
// any other key.
func Key(keys common.KeyMap, msg tea.KeyMsg, top router.Page) tea.Msg {
	if router.Is[picker.Model](top) {
		return nil
	}
	switch {
	case key.Matches(msg, keys.Inspector):
		return common.OpenInspectorMsg{}
	case key.Matches(msg, keys.AvailabilityMap):
		return common.OpenAvailabilityMapMsg{}
	}
	return nil
}

// Keys are the tools' keys for the help overlay, where they work.
func Keys(keys common.KeyMap, top router.Page) []key.Binding {
	if router.Is[picker.Model](top) {
		return nil
	}
	return []key.Binding{keys.Inspector, keys.AvailabilityMap}
}

// Open is the tool msg asks for, and the Cmd that starts it; nil when it
// is on show already (top) or its key is off. The map opens on the
// desk's service and location.
func Open(c common.Common, msg tea.Msg, top router.Page, svc model.Service, loc model.Location) (router.Page, tea.Cmd) {
	switch msg.(type) {
	case common.OpenInspectorMsg:
		if router.Is[inspector.Model](top) || !c.Keys.Inspector.Enabled() {
			return nil, nil
		}
		return router.Start(inspector.New(c))
	case common.OpenAvailabilityMapMsg:
		if router.Is[availmap.Model](top) || !c.Keys.AvailabilityMap.Enabled() {
			return nil, nil
		}
		return router.Start(availmap.New(c, availmap.Options{Service: svc, Location: loc}))
	}
	return nil, nil
}
