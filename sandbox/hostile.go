package sandbox

import (
	"strings"
	"time"
	"unicode/utf8"
)

// HostileSequence is a byte sequence the hostile fixture puts in server
// text, which must never reach a terminal as it is.
type HostileSequence struct {
	Name  string
	Bytes string // as the sandbox sends it (JSON-escaped on the wire unless it is invalid UTF-8)
}

// hostileSequences are chosen so that a terminal app would never write
// them itself: a pty test can fail on any of them appearing verbatim. The
// invalid UTF-8 ones start with a byte that also ends some valid runes;
// in the fixture each follows a space or a letter.
var hostileSequences = []HostileSequence{
	{"CSI resize window", "\x1b[8;1;1t"},
	{"CSI SGR", "\x1b[5;7;1337m"},
	{"OSC 0 title", "\x1b]0;HOSTILE-TITLE\x07"},
	{"OSC 8 hyperlink", "\x1b]8;;https://hostile.example/\x1b\\"},
	{"OSC 52 clipboard", "\x1b]52;c;SE9TVElMRS1DTElQQk9BUkQ=\x07"},
	{"DCS request", "\x1bP$qm\x1b\\"},
	{"APC", "\x1b_HOSTILE-APC\x1b\\"},
	{"C1 CSI", "\u009b8;1;1t"},
	{"C1 OSC", "\u009d0;HOSTILE-C1-TITLE\u009c"},
	{"C1 NEL", "\u0085"},
	{"CR overwrite", "\rHOSTILE-CR"},
	{"BEL", "\x07HOSTILE-BEL"},
	{"BS", "\b\b\bHOSTILE-BS"},
	{"DEL", "\x7fHOSTILE-DEL"},
	{"NUL", "\x00HOSTILE-NUL"},
	{"bidi RLO", "\u202e"},
	{"bidi LRO", "\u202d"},
	{"bidi RLE", "\u202b"},
	{"bidi LRE", "\u202a"},
	{"bidi PDF", "\u202c"},
	{"bidi RLI", "\u2067"},
	{"bidi LRI", "\u2066"},
	{"bidi FSI", "\u2068"},
	{"bidi PDI", "\u2069"},
	{"RLM", "\u200f"},
	{"LRM", "\u200e"},
	{"ALM", "\u061c"},
	{"zero-width space", "\u200b"},
	{"zero-width non-joiner", "\u200c"},
	{"zero-width joiner", "\u200d"},
	{"word joiner", "\u2060"},
	{"BOM", "\ufeff"},
	{"line separator", "\u2028"},
	{"paragraph separator", "\u2029"},
	{"raw 8-bit CSI (invalid UTF-8)", "\x9b8;1;1tHOSTILE-8BIT"},
	{"invalid UTF-8 bytes", "\xff\xfeHOSTILE-FF"},
	{"overlong UTF-8", "\xc0\xafHOSTILE-OVERLONG"},
	{"UTF-8 surrogate", "\xed\xa0\x80HOSTILE-SURROGATE"},
	{"truncated UTF-8", "\xe2\x82HOSTILE-TRUNCATED"},
}

// HostileSequences lists every dangerous sequence in the hostile fixture
// (HostileData, testdata/hostile.json). The fixture also carries strings of
// 10 KB and more (HostileLongText).
func HostileSequences() []HostileSequence {
	return append([]HostileSequence(nil), hostileSequences...)
}

// HostileLongText is the length of the fixture's longest strings, in bytes
// (at least).
const HostileLongText = 10 * 1024

// hostileAnchor is the moment HostileData's dates are written for; a
// sandbox loading it moves them to the current week (see state.Anchor).
var hostileAnchor = time.Date(2025, 12, 1, 8, 0, 0, 0, time.UTC) // Monday, 09:00 in Paris

// hostileText is label with every hostile sequence in it.
func hostileText(label string) string {
	var b strings.Builder
	b.WriteString(label)
	for i, seq := range hostileSequences {
		b.WriteString(" ")
		b.WriteString(seq.Bytes)
		b.WriteString(string(rune('a' + i%26)))
	}
	return b.String()
}

// hostileLong is hostileText repeated past HostileLongText, with a long run
// without spaces that no word wrap can break.
func hostileLong(label string) string {
	var b strings.Builder
	b.WriteString(hostileText(label))
	b.WriteString(" " + strings.Repeat("W", 3000) + " ")
	for b.Len() < HostileLongText+512 {
		b.WriteString(hostileText(label))
		b.WriteString(" ")
	}
	return b.String()
}

// withPlaceholders stores the invalid bytes of s as the placeholder runes
// a byte-escaped state holds.
func withPlaceholders(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(rawByteBase + rune(s[i]))
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// HostileData is a sandbox data file (for --data) whose organisation,
// location and service names, addresses, descriptions, closure notes and
// appointment contacts carry every HostileSequence, invalid UTF-8
// included (as byte escapes), and strings of HostileLongText bytes.
// testdata/hostile.json is this file; loading moves its bookings to the
// current week.
func HostileData() ([]byte, error) {
	st := newState()
	st.Anchor, st.ByteEscapes = hostileAnchor, true
	st.Organization = organization{ID: "o_hostile000", Name: hostileText("Hostile Clinic"), Timezone: "Europe/Paris"}
	paris := &location{Location: Location{ID: "l_hostile001", Name: hostileText("Paris"),
		Address: hostileLong("12 rue des Archives, 75004 Paris"), Timezone: "Europe/Paris", Country: "FR", Active: true}, Hours: parisHours}
	newYork := &location{Location: Location{ID: "l_hostile002", Name: hostileLong("New York"),
		Address: hostileText("120 Spring Street, New York"), Timezone: "America/New_York", Country: "US", Active: true}, Hours: newYorkHours}
	st.Locations = []*location{paris, newYork}
	consult := &Service{ID: "s_hostile001", Name: hostileText("Consultation"), Description: hostileLong("A visit"),
		DurationMinutes: 30, Capacity: 2, LocationIDs: []string{paris.ID, newYork.ID}}
	followUp := &Service{ID: "s_hostile002", Name: hostileLong("Follow-up"), Description: hostileText("A short check"),
		DurationMinutes: 15, Capacity: 1, LocationIDs: []string{paris.ID}}
	// A look-alike of the first, told apart only by invisible characters.
	lookAlike := &Service{ID: "s_hostile003", Name: "Con\u200bsul\u200dta\u2060tion\ufeff", Description: hostileText("Look-alike"),
		DurationMinutes: 60, Capacity: 1, LocationIDs: []string{newYork.ID}}
	st.Services = []*Service{consult, followUp, lookAlike}
	st.Closures = []closure{
		{LocationID: paris.ID, Date: "2025-12-03", Note: hostileText("Staff training")},
		{LocationID: paris.ID, Date: "2025-12-10", Note: hostileLong("Closed")},
		{LocationID: newYork.ID, Date: "2025-12-04", Note: hostileText("Inventory")},
	}

	pz, _ := time.LoadLocation("Europe/Paris")
	nz, _ := time.LoadLocation("America/New_York")
	created := hostileAnchor.AddDate(0, 0, -10)
	bookings := []struct {
		svc       *Service
		loc       *location
		at        time.Time
		name      string
		notes     string
		cancelled bool
	}{
		{consult, paris, time.Date(2025, 11, 24, 10, 0, 0, 0, pz), hostileText("Dana Lee"), "", false},
		{consult, paris, time.Date(2025, 11, 27, 14, 30, 0, 0, pz), hostileText("Camille"), hostileText("Notes"), true},
		{consult, newYork, time.Date(2025, 11, 30, 11, 0, 0, 0, nz), hostileText("Noah"), "", false},
		{consult, paris, time.Date(2025, 12, 1, 10, 0, 0, 0, pz), hostileLong("Léa"), hostileLong("Notes"), false},
		{consult, paris, time.Date(2025, 12, 1, 14, 0, 0, 0, pz), hostileText("Ethan"), hostileText("Notes"), false},
		{followUp, paris, time.Date(2025, 12, 1, 16, 15, 0, 0, pz), hostileText("Chloé"), "", true},
		{consult, paris, time.Date(2025, 12, 2, 9, 30, 0, 0, pz), hostileText("Olivia"), "", false},
		{consult, newYork, time.Date(2025, 12, 2, 8, 30, 0, 0, nz), hostileText("Hugo"), hostileText("Notes"), false},
		{lookAlike, newYork, time.Date(2025, 12, 3, 13, 0, 0, 0, nz), hostileText("Ava"), "", false},
		{consult, paris, time.Date(2025, 12, 4, 11, 0, 0, 0, pz), hostileText("Inès"), "", false},
		{followUp, paris, time.Date(2025, 12, 5, 9, 0, 0, 0, pz), hostileText("Mason"), hostileText("Notes"), false},
		{consult, paris, time.Date(2025, 12, 8, 15, 0, 0, 0, pz), hostileText("Jules"), "", true},
		{consult, newYork, time.Date(2025, 12, 9, 13, 30, 0, 0, nz), hostileText("Sophia"), "", false},
		{consult, newYork, time.Date(2025, 12, 14, 10, 30, 0, 0, nz), hostileText("Louis"), hostileText("Notes"), false},
	}
	for i, bk := range bookings {
		a := &appointment{ID: "a_hostile" + string(rune('a'+i)) + "00", Status: statusConfirmed, ServiceID: bk.svc.ID,
			LocationID: bk.loc.ID, Start: bk.at.UTC(), Duration: bk.svc.DurationMinutes, ContactName: bk.name,
			ContactEmail: "dana" + hostileSequences[i%len(hostileSequences)].Bytes + hostileText("") + "@hostile.example",
			ContactPhone: "+33 1 23" + hostileSequences[(i+7)%len(hostileSequences)].Bytes + "45 67",
			Notes:        bk.notes, CreatedAt: created, UpdatedAt: created}
		if bk.cancelled {
			a.Status = statusCancelled
			a.CancellationReason = hostileText("Reason")
		}
		st.Appointments[a.ID] = a
	}
	st.mapText(withPlaceholders)
	data, err := st.encode()
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
