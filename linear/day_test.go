package linear

import (
	"testing"
	"time"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

func TestParseDay(t *testing.T) {
	today := model.Date{Year: 2026, Month: time.March, Day: 2} // a Monday
	cur := model.Date{Year: 2026, Month: time.March, Day: 5}
	fr := i18n.Locale{Lang: i18n.French, Region: "FR"}
	us := i18n.Locale{Lang: i18n.English, Region: "US"}
	d := func(y int, m time.Month, day int) model.Date { return model.Date{Year: y, Month: m, Day: day} }
	tests := []struct {
		in   string
		loc  i18n.Locale
		want model.Date
		what dayWhat
	}{
		{"", fr, cur, dayThis},
		{"Oui", fr, cur, dayThis},
		{"next", fr, cur, dayNext},
		{"suivant", fr, cur, dayNext},
		{"Précédent", fr, cur, dayPrevious},
		{"retour", fr, cur, dayBack},
		{"today", fr, today, dayDate},
		{"Aujourd'hui", fr, today, dayDate},
		{"tomorrow", fr, d(2026, 3, 3), dayDate},
		{"après-demain", fr, d(2026, 3, 4), dayDate},
		{"thursday", fr, d(2026, 3, 5), dayDate},
		{"lundi", fr, today, dayDate},
		{"date 12 March", fr, d(2026, 3, 12), dayDate},
		{"12 mars", fr, d(2026, 3, 12), dayDate},
		{"le 1er avril", fr, d(2026, 4, 1), dayDate},
		{"March 12th", fr, d(2026, 3, 12), dayDate},
		{"12 févr.", fr, d(2027, 2, 12), dayDate}, // passed this year
		{"1 août 2026", fr, d(2026, 8, 1), dayDate},
		{"12/3", fr, d(2026, 3, 12), dayDate},
		{"3/12", us, d(2026, 3, 12), dayDate},
		{"2026-03-12", fr, d(2026, 3, 12), dayDate},
		{"12", fr, d(2026, 3, 12), dayDate},
		{"1", fr, d(2026, 4, 1), dayDate}, // the 1st has passed: next month's
		{"31 April", fr, cur, dayUnknown},
		{"30/2", fr, cur, dayUnknown},
		{"ju", fr, cur, dayUnknown},
		{"12 jui", fr, cur, dayUnknown}, // juin or juillet
		{"someday", fr, cur, dayUnknown},
	}
	for _, tt := range tests {
		got, what := parseDay(tt.in, cur, today, tt.loc)
		if what != tt.what || (what != dayUnknown && got != tt.want) {
			t.Errorf("parseDay(%q) = %v, %d; want %v, %d", tt.in, got, what, tt.want, tt.what)
		}
	}
}

func TestPick(t *testing.T) {
	items := []string{"General consultation, 30 minutes", "Follow-up visit, 15 minutes", "Full health check, 60 minutes"}
	for _, c := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"2", 1, true}, {"0", -1, true}, {"4", 0, false}, {"gen", 0, true}, {"f", 0, false}, {"fu", 2, true},
		{"full", 2, true}, {"health", 2, true}, {"visit", 1, true}, {"retour", -1, true}, {"", 0, false},
	} {
		got, ok := pick(c.in, items, true)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("pick(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
