package picker

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/i18n"
)

// View implements tea.Model.
func (m Model) View() string {
	st := m.c.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render(m.title))
	b.WriteByte('\n')
	if m.filter.Focused() || m.filter.Value() != "" {
		b.WriteString(m.filter.View())
	} else {
		b.WriteString(st.Faint.Render(m.c.T(i18n.PickSlashToFilter)))
	}
	b.WriteString("\n\n")
	if len(m.visible) == 0 {
		b.WriteString(st.Faint.Render(m.c.T(i18n.PickNothingMatches, m.filter.Value())))
		return b.String()
	}
	end := min(m.offset+m.pageItems(), len(m.visible))
	for i := m.offset; i < end; i++ {
		it := m.items[m.visible[i]]
		marker, title := "  ", st.Bold.Render(it.Title)
		if i == m.cursor {
			marker, title = st.Cursor.Render("▸ "), st.Selected.Render(it.Title)
		}
		line := marker + title
		if it.Meta != "" {
			line += st.Faint.Render("  · " + it.Meta)
		}
		b.WriteString(ansi.Truncate(line, m.width, "…"))
		b.WriteByte('\n')
		b.WriteString(ansi.Truncate("    "+st.Faint.Render(it.Desc), m.width, "…"))
		if i < end-1 {
			b.WriteByte('\n')
		}
	}
	if len(m.visible) > end-m.offset {
		b.WriteString("\n" + st.Faint.Render("  "+m.c.T(i18n.PickCount, m.offset+1, end, len(m.visible))))
	}
	return b.String()
}
