package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/zimun-app/zimun/model"
)

// writeJSON prints v indented. Nil slices print as [] so scripts can always
// iterate.
func writeJSON(w io.Writer, v any) error {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice && rv.IsNil() {
		v = []struct{}{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Scripts iterate over lists: these replace the nil slices and maps the
// decoder leaves for absent or empty fields, which JSON would print as null.

func stableServices(list []model.Service) []model.Service {
	out := make([]model.Service, len(list))
	for i, s := range list {
		if s.LocationIDs == nil {
			s.LocationIDs = []string{}
		}
		out[i] = s
	}
	return out
}

func stableAvailability(av model.Availability) model.Availability {
	days := make([]model.Day, len(av.Days))
	for i, d := range av.Days {
		if d.Slots == nil {
			d.Slots = []model.Slot{}
		}
		days[i] = d
	}
	av.Days = days
	if av.Holidays == nil {
		av.Holidays = map[model.Date]string{}
	}
	return av
}

// table writes aligned columns. Every cell goes through model.Sanitize:
// API text must never move the cursor or smuggle escape sequences.
type table struct{ tw *tabwriter.Writer }

func newTable(w io.Writer, header ...string) *table {
	t := &table{tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	if len(header) > 0 {
		t.row(header...)
	}
	return t
}

func (t *table) row(cells ...string) {
	for i, c := range cells {
		cells[i] = model.Sanitize(c)
	}
	fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
}

func (t *table) flush() error { return t.tw.Flush() }

// truncate shortens s to n runes with an ellipsis, for free-text columns.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// named is "Name (id)", or the id alone when the name is unknown.
func named(name, id string) string {
	if name == "" || name == id {
		return id
	}
	return name + " (" + id + ")"
}
