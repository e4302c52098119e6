package inspector

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// listTop is the lines above the list's rows: the title and the column
// names.
const listTop = 2

// maxCurlLines is how much of a copied command is shown under the list.
const maxCurlLines = 8

// curlShown is the copied command as drawn: long lines wrapped, nothing
// cut.
func (m Model) curlShown() []string {
	var out []string
	for _, l := range m.curl {
		out = append(out, strings.Split(ansi.Hardwrap(model.Sanitize(l), max(m.w, 20), false), "\n")...)
	}
	return out
}

// rows is how many calls the list shows.
func (m Model) rows() int {
	h := m.h - listTop
	if n := len(m.curlShown()); n > 0 {
		h -= min(n, maxCurlLines) + 2
	}
	return max(1, h)
}

func (m Model) detailRows() int { return max(1, m.h-2) }

// View draws the list, or one call's request and response.
func (m Model) View() string {
	if m.open {
		return m.detailView()
	}
	return m.listView()
}

// columns are the list's fixed columns; the path takes the rest.
type columns struct{ seq, reqID, path int }

// drawnRow is a call's row, laid out: the status between, in its colour.
type drawnRow struct{ head, status, styled, tail string }

// layout lays out every call's row for the width, so View only joins
// strings.
func (m *Model) layout() {
	p := m.c.Words
	c := columns{seq: 3, reqID: width(p.T(i18n.InspColRequestID))}
	ids := make([]string, len(m.calls))
	for i, e := range m.calls {
		ids[i] = model.Sanitize(e.RequestID)
		c.seq = max(c.seq, len(strconv.FormatUint(e.Seq, 10)))
		c.reqID = max(c.reqID, min(width(ids[i]), 24))
	}
	// marker, seq, method, status, took, retries, request id, and the gaps
	fixed := 2 + c.seq + 2 + 6 + 2 + 6 + 2 + 7 + 2 + 5 + 2 + c.reqID
	c.path = max(12, m.w-fixed-2)
	m.cols = c
	m.drawn = make([]drawnRow, len(m.calls))
	for i, e := range m.calls {
		status := pad(statusText(p, e), 6, false)
		m.drawn[i] = drawnRow{
			head:   pad(strconv.FormatUint(e.Seq, 10), c.seq, true) + "  " + pad(e.Method, 6, false) + "  " + pad(listPath(e), c.path, false) + "  ",
			status: status,
			styled: m.statusStyle(e).Render(status),
			tail:   "  " + pad(took(e.Duration), 7, true) + "  " + pad(strconv.Itoa(e.Retries()), 5, true) + "  " + pad(ids[i], c.reqID, false),
		}
	}
}

func (m Model) listView() string {
	st := m.c.Styles
	lines := make([]string, 0, m.h)
	p := m.c.Words
	info := p.T(i18n.InspNewestFirst)
	switch {
	case m.c.Calls == nil:
		info = p.T(i18n.InspNoRecorder)
	case len(m.calls) > 0:
		info = p.T(i18n.InspCallsNewestFirst, len(m.calls))
	}
	lines = append(lines, common.Spread(st.Title.Render(p.T(i18n.LabelInspector)), st.Faint.Render(info), m.w))
	c := m.cols
	lines = append(lines, st.Faint.Render("  "+pad("#", c.seq, true)+"  "+pad(p.T(i18n.InspColMethod), 6, false)+"  "+pad(p.T(i18n.InspColPath), c.path, false)+
		"  "+pad(p.T(i18n.InspColStatus), 6, false)+"  "+pad(p.T(i18n.InspColTook), 7, true)+"  "+pad(p.T(i18n.InspColRetry), 5, true)+"  "+pad(p.T(i18n.InspColRequestID), c.reqID, false)))
	if len(m.calls) == 0 {
		lines = append(lines, "", st.Faint.Render("  "+p.T(i18n.InspNoCalls)))
	}
	for i := m.offset; i < len(m.drawn) && i < m.offset+m.rows(); i++ {
		r := m.drawn[i]
		if i == m.cursor {
			lines = append(lines, st.Selected.Render(pad("› "+r.head+r.status+r.tail, m.w, false)))
			continue
		}
		lines = append(lines, "  "+r.head+r.styled+r.tail)
	}
	if len(m.curl) > 0 {
		for len(lines) < listTop+m.rows() {
			lines = append(lines, "")
		}
		lines = append(lines, st.Faint.Render(strings.Repeat("─", m.w)), st.Accent.Render(p.T(i18n.InspCopied)))
		for i, l := range m.curlShown() {
			if i == maxCurlLines-1 && len(m.curlShown()) > maxCurlLines {
				lines = append(lines, st.Faint.Render("  …"))
				break
			}
			lines = append(lines, st.Text.Render(l))
		}
	}
	return strings.Join(lines, "\n")
}

// pad fits s to w cells, cut with an ellipsis or padded with spaces.
func pad(s string, w int, right bool) string {
	if width(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	gap := strings.Repeat(" ", max(0, w-width(s)))
	if right {
		return gap + s
	}
	return s + gap
}

// listPath is the call's path, without the /api/v1 every call shares.
func listPath(e api.Exchange) string {
	p := e.Path()
	if rest, ok := strings.CutPrefix(p, "/api/v1/"); ok {
		p = "/" + rest
	}
	return model.Sanitize(p)
}

func statusText(p *i18n.Printer, e api.Exchange) string {
	switch {
	case e.Status > 0:
		return strconv.Itoa(e.Status)
	case e.Err != "":
		return p.T(i18n.InspFailed)
	}
	return "—"
}

func (m Model) statusStyle(e api.Exchange) *lipgloss.Style {
	st := m.c.Styles
	switch {
	case e.Status >= 200 && e.Status < 300:
		return &st.OK
	case e.Status >= 400 && e.Status < 500:
		return &st.Warn
	case e.Status >= 500 || e.Err != "":
		return &st.Danger
	}
	return &st.Text
}

// took is a duration as a person reads it: "0.4 ms", "12 ms", "1.4 s".
func took(d time.Duration) string {
	if d < 10*time.Millisecond {
		return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) + " ms"
	}
	if d < time.Second {
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
}

func (m Model) detailView() string {
	st, p := m.c.Styles, m.c.Words
	e := m.shown
	summary := fmt.Sprintf("%s %s → %s · %s · %s", e.Method, listPath(e), statusLine(p, e), took(e.Duration), retries(p, e))
	if e.RequestID != "" {
		summary += " · " + model.Sanitize(e.RequestID)
	}
	lines := []string{st.Title.Render(ansi.Truncate(summary, m.w, "…"))}
	rows := m.detailRows()
	end := min(len(m.lines), m.scroll+rows)
	for _, l := range m.lines[m.scroll:end] {
		switch {
		case l == p.T(i18n.InspRequest) || l == p.T(i18n.InspResponse):
			lines = append(lines, st.Accent.Render(l))
		default:
			lines = append(lines, st.Text.Render(ansi.Truncate(l, m.w, "…")))
		}
	}
	for len(lines) < rows+1 {
		lines = append(lines, "")
	}
	where := p.T(i18n.InspLines, m.scroll+1, end, len(m.lines))
	if len(m.curl) > 0 {
		where = p.T(i18n.InspCopiedShort) + " · " + where
	}
	lines = append(lines, st.Faint.Render(where))
	return strings.Join(lines, "\n")
}

func statusLine(p *i18n.Printer, e api.Exchange) string {
	if e.Status == 0 {
		return p.T(i18n.InspNoAnswer)
	}
	return strconv.Itoa(e.Status) + " " + http.StatusText(e.Status)
}

func retries(p *i18n.Printer, e api.Exchange) string {
	switch n := e.Retries(); n {
	case 0:
		return p.T(i18n.InspNoRetries)
	case 1:
		return p.T(i18n.InspRetries, 1)
	default:
		return p.T(i18n.InspRetries, n)
	}
}

// detailLines is a call's request and response as text, sanitised, bodies
// indented when they are JSON.
func detailLines(p *i18n.Printer, e api.Exchange) []string {
	var out []string
	add := func(s ...string) {
		for _, l := range s {
			out = append(out, model.Sanitize(l))
		}
	}
	indent := func(lines []string) []string {
		for i, l := range lines {
			lines[i] = "  " + l
		}
		return lines
	}
	add(p.T(i18n.InspRequest))
	add("  " + e.Method + " " + e.URL)
	add(indent(api.HeaderLines(e.RequestHeader))...)
	add("")
	add(indent(bodyLines(p, e.RequestBody, e.RequestTruncated))...)
	add("", p.T(i18n.InspResponse))
	switch {
	case e.Status > 0:
		add("  " + statusLine(p, e))
		add(indent(api.HeaderLines(e.ResponseHeader))...)
		add("")
		add(indent(bodyLines(p, e.ResponseBody, e.ResponseTruncated))...)
	default:
		add("  " + p.T(i18n.InspNoAnswerBecause, e.Err))
	}
	if len(out) > maxDetailLines {
		n := len(out) - maxDetailLines
		out = append(out[:maxDetailLines], "  "+p.T(i18n.InspMoreLines, strconv.Itoa(n)))
	}
	return out
}

func bodyLines(p *i18n.Printer, body []byte, cut bool) []string {
	if len(body) == 0 {
		return []string{p.T(i18n.InspNoBody)}
	}
	var b bytes.Buffer
	if json.Indent(&b, body, "", "  ") == nil {
		body = b.Bytes()
	}
	lines := strings.Split(strings.TrimRight(string(body), "\n"), "\n")
	if cut {
		lines = append(lines, p.T(i18n.InspCut, strconv.Itoa(api.MaxExchangeBody>>10)))
	}
	return lines
}

// width is s's width in cells; plain ASCII, the common case, is counted
// without parsing.
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}
