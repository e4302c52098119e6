package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/message/catalog"

	"github.com/zimun-app/zimun/model"
)

// keyConsts are the Key constants declared in the package, read from the
// source, so a key with no wording anywhere is caught.
func keyConsts(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	out := map[string]string{}
	for _, name := range []string{"keys.go", "keys_tui.go", "keys_cli.go"} {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		keyConstsOf(f, out)
	}
	if len(out) < 100 {
		t.Fatalf("found only %d keys in keys.go", len(out))
	}
	return out
}

func keyConstsOf(f *ast.File, out map[string]string) {
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Key" {
				continue
			}
			for i, name := range vs.Names {
				lit := vs.Values[i].(*ast.BasicLit)
				v, _ := strconv.Unquote(lit.Value)
				out[name.Name] = v
			}
		}
	}
}

// The full-screen UI's messages live in their own files, each declared
// in keys_tui.go: a key of keys.go worded there too would silently take
// one of its two wordings.
func TestTUIKeysAreTheirOwn(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "keys_tui.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]string{}
	keyConstsOf(f, declared)
	for _, table := range []map[Key]msg{englishTUI(), frenchTUI()} {
		for k := range table {
			if _, ok := declared[string(k)]; !ok {
				t.Errorf("%s is worded in a _tui.go file but declared outside keys_tui.go", k)
			}
		}
	}
}

func TestEveryKeyHasEnglishAndFrench(t *testing.T) {
	en, fr := english(), french()
	for name, value := range keyConsts(t) {
		if name != value {
			t.Errorf("key %s has the value %q; a key's value is its name", name, value)
		}
		if _, ok := en[Key(value)]; !ok {
			t.Errorf("key %s has no English wording (en.go)", name)
		}
	}
	for k := range en {
		if _, ok := fr[k]; !ok {
			t.Errorf("English message %s has no French translation (fr.go)", k)
		}
	}
	for k := range fr {
		if _, ok := en[k]; !ok {
			t.Errorf("French message %s has no English original", k)
		}
	}
	for _, table := range []map[Key]msg{en, fr} {
		for k, m := range table {
			if m.text == "" || (m.arg > 0) != (m.one != "") {
				t.Errorf("%s: empty text, or a plural without both forms: %+v", k, m)
			}
		}
	}
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// args lists the arguments a wording uses, as "1d", "2s": the French
// must take the same arguments the same way as the English.
func args(text string) []string {
	var out []string
	next := 1
	for _, v := range verb.FindAllStringSubmatch(text, -1) {
		if strings.HasSuffix(v[0], "%") {
			continue
		}
		n := next
		if v[1] != "" {
			n, _ = strconv.Atoi(strings.Trim(v[1], "[]"))
		}
		next = n + 1
		a := strconv.Itoa(n) + v[0][len(v[0])-1:]
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return out
}

func TestFrenchTakesTheSameArguments(t *testing.T) {
	en, fr := english(), french()
	for k, e := range en {
		f := fr[k]
		var want []string
		for _, text := range e.texts() {
			want = union(want, args(text))
		}
		var got []string
		for _, text := range f.texts() {
			got = union(got, args(text))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: English uses %v, French %v", k, want, got)
		}
		if e.arg != f.arg {
			t.Errorf("%s: the plural follows argument %d in English, %d in French", k, e.arg, f.arg)
		}
	}
}

func union(a, b []string) []string {
	for _, x := range b {
		if !slices.Contains(a, x) {
			a = append(a, x)
		}
	}
	slices.Sort(a)
	return a
}

// Every message renders in both languages with arguments of its types,
// with no %!verb and no key left showing.
func TestEveryMessageRenders(t *testing.T) {
	cat := NewCatalog()
	b := catalog.NewBuilder()
	for lang, table := range tables() {
		for k, m := range table {
			if err := b.Set(lang.tag(), string(k), m.message()); err != nil {
				t.Errorf("%s %s: %v", lang, k, err)
			}
		}
	}
	for _, lang := range Langs() {
		p := cat.Printer(Locale{Lang: lang}, model.Clock{H24: true})
		for k, m := range english() {
			var a []any
			for _, arg := range union(nil, args(m.text)) {
				n, _ := strconv.Atoi(arg[:len(arg)-1])
				for len(a) < n {
					a = append(a, nil)
				}
				if arg[len(arg)-1] == 'd' {
					a[n-1] = 2
				} else {
					a[n-1] = "X"
				}
			}
			got := p.T(k, a...)
			if strings.Contains(got, "%!") || got == string(k) || got == "" {
				t.Errorf("%s %s renders %q", lang, k, got)
			}
		}
	}
}

func TestPlurals(t *testing.T) {
	cat := NewCatalog()
	en := cat.Printer(Locale{Lang: English}, model.Clock{H24: true})
	fr := cat.Printer(Locale{Lang: French}, model.Clock{H24: true})
	tests := []struct {
		p    *Printer
		k    Key
		n    int
		want string
	}{
		{en, Minutes, 1, "1 minute"},
		{en, Minutes, 0, "0 minutes"},
		{en, Minutes, 5, "5 minutes"},
		{fr, Seconds, 0, "0 seconde"}, // French's singular takes 0
		{fr, Seconds, 1, "1 seconde"},
		{fr, Seconds, 30, "30 secondes"},
		{en, FoundCount, 1, "1 appointment found:"},
		{fr, FoundCount, 3, "3 rendez-vous trouvés :"},
	}
	for _, tt := range tests {
		if got := tt.p.T(tt.k, tt.n); got != tt.want {
			t.Errorf("%s %s(%d) = %q, want %q", tt.p.Lang(), tt.k, tt.n, got, tt.want)
		}
	}
	if got := fr.T(DayFree, 3, "mardi 3 mars", "09:00", "17:30"); got != "mardi 3 mars : 3 horaires libres, de 09:00 à 17:30." {
		t.Errorf("DayFree = %q", got)
	}
	if got := en.T(DayFree, 1, "Tuesday 3 March", "09:00", "09:00"); got != "Tuesday 3 March: 1 free time, at 09:00." {
		t.Errorf("DayFree = %q", got)
	}
}

func TestDates(t *testing.T) {
	cat := NewCatalog()
	en := cat.Printer(Locale{Lang: English}, model.Clock{H24: true})
	fr := cat.Printer(Locale{Lang: French, Region: "FR"}, model.Clock{H24: true})
	us := cat.Printer(Locale{Lang: English, Region: "US"}, model.Clock{})
	d := model.Date{Year: 2026, Month: time.November, Day: 30}
	first := model.Date{Year: 2026, Month: time.December, Day: 1}
	for _, c := range []struct{ got, want string }{
		{fr.Date(d), "lundi 30 novembre"},
		{fr.Date(first), "mardi 1er décembre"},
		{fr.DateYear(first), "mardi 1er décembre 2026"},
		{en.Date(d), "Monday 30 November"},
		{en.DateNear(first, model.Date{Year: 2025, Month: 12, Day: 1}), "Tuesday 1 December 2026"},
		{fr.Month(time.August), "août"},
		{fr.WeekdayShort(time.Tuesday), "mar."},
		{en.Duration(9*time.Minute + 5*time.Second), "9 minutes and 5 seconds"},
		{fr.Duration(30 * time.Second), "30 secondes"},
		{fr.Duration(2 * time.Minute), "2 minutes"},
		{en.List([]string{"a", "b", "c"}), "a, b and c"},
		{fr.List([]string{"a", "b"}), "a et b"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if got := fr.DateShort(model.Date{}); strings.Contains(got, "%!") {
		t.Errorf("a zero date reads %q", got) // it must not panic either
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	at := time.Date(2026, 12, 1, 14, 30, 0, 0, paris)
	if got := fr.DateSpan(at, at.Add(30*time.Minute), nil); got != "2026-12-01 mar. 14:30–15:00 CET" {
		t.Errorf("DateSpan = %q", got)
	}
	if got := us.Time(at, nil); got != "2:30 PM" {
		t.Errorf("12-hour Time = %q", got)
	}
	if fr.FirstWeekday() != time.Monday || us.FirstWeekday() != time.Sunday || en.FirstWeekday() != time.Monday {
		t.Error("first weekday: want Monday in France and by default, Sunday in the US")
	}
}

func TestChoose(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	tests := []struct {
		flag, config string
		env          func(string) string
		want         Locale
		from         string
	}{
		{"", "", env(), Locale{Lang: English}, ""},
		{"", "", env("LANG", "fr_FR.UTF-8"), Locale{French, "FR"}, "LANG"},
		{"", "", env("LANG", "fr_FR.UTF-8", "LC_MESSAGES", "en_US.UTF-8"), Locale{English, "US"}, "LC_MESSAGES"},
		{"", "", env("LANG", "en_GB.UTF-8", "LC_ALL", "fr_CA.UTF-8"), Locale{French, "CA"}, "LC_ALL"},
		{"", "", env("LANG", "de_DE.UTF-8"), Locale{Lang: English}, "LANG"},
		{"", "", env("LANG", "C"), Locale{Lang: English}, "LANG"},
		{"", "fr", env("LANG", "en_US.UTF-8"), Locale{Lang: French}, "ui.language in the config"},
		{"en", "fr", env("LANG", "fr_FR.UTF-8"), Locale{Lang: English}, "--lang"},
		{"fr-BE", "", env(), Locale{French, "BE"}, "--lang"},
	}
	for _, tt := range tests {
		got, err := Choose(tt.flag, tt.config, tt.env)
		if err != nil || got.Locale != tt.want || got.From != tt.from {
			t.Errorf("Choose(%q, %q) = %+v, %v; want %+v from %q", tt.flag, tt.config, got, err, tt.want, tt.from)
		}
	}
	for _, bad := range []string{"de", "klingon", "C"} {
		if _, err := Choose(bad, "", env()); err == nil || !strings.Contains(err.Error(), "--lang") {
			t.Errorf("Choose(%q) = %v; want an error naming --lang", bad, err)
		}
	}
	if _, err := Choose("", "xx", env()); err == nil || !strings.Contains(err.Error(), "ui.language") {
		t.Errorf("a bad config language: %v", err)
	}
}

func TestFieldErrorsInFrench(t *testing.T) {
	fr := NewCatalog().Printer(Locale{Lang: French}, model.Clock{H24: true})
	for _, c := range []struct {
		contact model.Contact
		want    string
	}{
		{model.Contact{Name: "Dana", Email: "dana@example"}, "E-mail : le domaine « example » doit contenir un point, comme exemple.fr. Veuillez le saisir à nouveau."},
		{model.Contact{Email: "dana@example.com"}, "Nom : obligatoire. Veuillez le saisir à nouveau."},
		{model.Contact{Name: "Da\u200bna", Email: "dana@example.com"}, "Nom : contient un caractère invisible (U+200B) au caractère 3 ; supprimez-le. Veuillez le saisir à nouveau."},
		{model.Contact{Name: "Dana", Email: "dana@example.com", Phone: "123"}, "Téléphone : 3 chiffres, il en faut de 6 à 15. Veuillez le saisir à nouveau."},
	} {
		v, _ := model.AsValidation(c.contact.Validate())
		if got := fr.FieldError(v[0]); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}

func TestSpell(t *testing.T) {
	cat := NewCatalog()
	en := cat.Printer(Locale{Lang: English}, model.Clock{H24: true})
	fr := cat.Printer(Locale{Lang: French}, model.Clock{H24: true})
	if got, want := en.Spell("a_pz7"), "a_pz7, 5 characters, letters in lower case: A Alpha, underscore, P Papa, Z Zulu, 7."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := fr.Spell("Ab-1"), "Ab-1, 4 caractères : A Alpha majuscule, B Bravo, tiret, 1."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A kiosk builds one catalogue and a printer per session.
func BenchmarkNewCatalog(b *testing.B) {
	for b.Loop() {
		NewCatalog()
	}
}

func BenchmarkPrinter(b *testing.B) {
	cat := NewCatalog()
	for b.Loop() {
		cat.Printer(Locale{Lang: French}, model.Clock{H24: true})
	}
}

func BenchmarkT(b *testing.B) {
	p := NewCatalog().Printer(Locale{Lang: French}, model.Clock{H24: true})
	for b.Loop() {
		p.T(DayFree, 3, "mardi 3 mars", "09:00", "17:30")
	}
}

// Sessions share one catalogue, which compiles messages as they are first
// asked for: many printers at once, in both languages, must word them as
// one printer alone does (run under -race).
func TestCatalogueSharedByManySessions(t *testing.T) {
	keys := []Key{DayFree, Minutes, KioskBusy, UsageUsage, ApptToday, FieldNameName}
	args := map[Key][]any{DayFree: {3, "mardi 3 mars", "09:00", "17:30"}, Minutes: {2}}
	want := map[Lang]map[Key]string{}
	for _, lang := range Langs() {
		p := NewCatalog().Printer(Locale{Lang: lang}, model.Clock{H24: true})
		want[lang] = map[Key]string{}
		for _, k := range keys {
			want[lang][k] = p.T(k, args[k]...)
		}
	}
	cat := NewCatalog()
	var wg sync.WaitGroup
	for i := range 16 {
		lang := Langs()[i%len(Langs())]
		wg.Go(func() {
			p := cat.Printer(Locale{Lang: lang}, model.Clock{H24: true})
			for _, k := range keys {
				if got := p.T(k, args[k]...); got != want[lang][k] {
					t.Errorf("%s %s: %q, want %q", lang, k, got, want[lang][k])
				}
			}
		})
	}
	wg.Wait()
}
