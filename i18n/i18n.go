// Package i18n is every word zimun shows, in English and French: a message
// catalogue (golang.org/x/text/message, built per process, never the
// package default), plurals, and dates, weekdays and months in the
// person's language. One Catalog serves a process; each terminal or SSH
// session gets its own Printer, a value passed to whatever draws.
//
//	p := cat.Printer(locale, model.Clock{H24: true})
//	p.T(i18n.HeldUntil, p.Time(start, zone), p.Time(until, zone))
//	p.Date(d) // "Tuesday 4 March", "mardi 4 mars"
package i18n

import (
	"fmt"
	"maps"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"github.com/zimun-app/zimun/model"
)

// Lang is a language zimun speaks.
type Lang string

// The languages.
const (
	English Lang = "en"
	French  Lang = "fr"
)

// Langs are the languages zimun speaks, English first.
func Langs() []Lang { return []Lang{English, French} }

// LanguageOffer offers a key for a language in that language, for whoever
// reads only it: "Français : ctrl+l", "English: ctrl+l".
func LanguageOffer(l Lang, key string) string {
	if l == French {
		return LanguageName(l) + " : " + key
	}
	return LanguageName(l) + ": " + key
}

// LanguageName is the language's name in itself, as a person looking for
// it reads it: "English", "Français".
func LanguageName(l Lang) string {
	if l == French {
		return "Français"
	}
	return "English"
}

func (l Lang) tag() language.Tag {
	if l == French {
		return language.French
	}
	return language.English
}

// Locale is a language with the region the person named, if any: the
// region decides the first day of the week (fr_CA and en_US start on
// Sunday).
type Locale struct {
	Lang   Lang
	Region string // ISO 3166 code, upper case; "" when not named
}

func (l Locale) String() string {
	if l.Region == "" {
		return string(l.Lang)
	}
	return string(l.Lang) + "_" + l.Region
}

// ParseLocale reads a language as --lang and the config take it, or as
// POSIX locale variables hold it: "fr", "fr-FR", "fr_FR.UTF-8",
// "en_US@euro". ok is false for "", "C", "POSIX" and for languages zimun
// does not speak.
func ParseLocale(s string) (l Locale, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	if s == "" || s == "C" || s == "POSIX" {
		return Locale{}, false
	}
	tag, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil {
		return Locale{}, false
	}
	base, _ := tag.Base()
	for _, lang := range Langs() {
		if base.String() == string(lang) {
			l.Lang = lang
		}
	}
	if l.Lang == "" {
		return Locale{}, false
	}
	if r, conf := tag.Region(); conf == language.Exact {
		l.Region = r.String()
	}
	return l, true
}

// Choice is the locale a session speaks and what chose it.
type Choice struct {
	Locale
	// From names the source, as a person would set it: "--lang",
	// "ui.language in the config", "LANG"; "" for the default.
	From string
}

// Choose picks the locale: flag (--lang), then the config's ui.language,
// then LC_ALL, LC_MESSAGES and LANG, as POSIX orders them; English
// otherwise. A flag or config value zimun does not speak is an error; a
// locale variable for another language means English.
func Choose(flag, config string, getenv func(string) string) (Choice, error) {
	for _, src := range []struct{ value, from string }{{flag, "--lang"}, {config, "ui.language in the config"}} {
		if src.value == "" {
			continue
		}
		l, ok := ParseLocale(src.value)
		if !ok {
			return Choice{}, fmt.Errorf("%s: zimun speaks en (English) and fr (français), not %q", src.from, src.value)
		}
		return Choice{Locale: l, From: src.from}, nil
	}
	if getenv != nil {
		for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			if v := getenv(name); v != "" {
				l, ok := ParseLocale(v)
				if !ok {
					l = Locale{Lang: English}
				}
				return Choice{Locale: l, From: name}, nil
			}
		}
	}
	return Choice{Locale: Locale{Lang: English}}, nil
}

// Catalog holds every message in every language. Build one per process
// with NewCatalog and share it: it is safe for concurrent use. A message
// is compiled the first time a printer asks for it: compiling all of
// them took most of a short command's run (3 ms of `zimun version`).
type Catalog struct {
	b      *catalog.Builder
	mu     sync.RWMutex
	tables map[Lang][]map[Key]msg // each language's parts, read when first needed
	done   map[Lang]map[Key]bool  // compiled into b
}

// NewCatalog is the catalogue of the English and French tables.
func NewCatalog() *Catalog {
	return &Catalog{
		b:      catalog.NewBuilder(catalog.Fallback(language.English)),
		tables: map[Lang][]map[Key]msg{},
		done:   map[Lang]map[Key]bool{},
	}
}

// plain is k's text in lang (or English, its fallback) when it needs no
// formatting: no plural and no verb. Most labels are, and skip compiling
// and formatting altogether.
func (c *Catalog) plain(lang Lang, k Key) (string, bool) {
	c.mu.RLock()
	table, loaded := c.tables[lang]
	m, ok := find(table, k)
	if loaded && !ok && lang != English {
		m, ok = find(c.tables[English], k)
		loaded = c.tables[English] != nil
	}
	c.mu.RUnlock()
	if !loaded {
		c.mu.Lock()
		c.load(lang)
		c.load(English)
		c.mu.Unlock()
		return c.plain(lang, k)
	}
	if !ok || m.arg != 0 || strings.Contains(m.text, "%") {
		return "", false
	}
	return m.text, true
}

// load reads lang's tables; c.mu is held.
func (c *Catalog) load(lang Lang) []map[Key]msg {
	table, ok := c.tables[lang]
	if !ok {
		table = partsOf(lang)
		c.tables[lang] = table
		c.done[lang] = map[Key]bool{}
	}
	return table
}

// find is k in the first part that has it.
func find(parts []map[Key]msg, k Key) (msg, bool) {
	for _, part := range parts {
		if m, ok := part[k]; ok {
			return m, true
		}
	}
	return msg{}, false
}

// ensure compiles k in lang, and in English, its fallback.
func (c *Catalog) ensure(lang Lang, k Key) {
	c.mu.RLock()
	done := c.done[lang][k]
	c.mu.RUnlock()
	if done {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if lang != English {
		c.compile(English, k)
	}
	c.compile(lang, k)
}

// compile sets k in lang into the builder; c.mu is held.
func (c *Catalog) compile(lang Lang, k Key) {
	if c.done[lang][k] {
		return
	}
	if m, ok := find(c.load(lang), k); ok {
		// Every message is a valid catalogue entry; a test builds them all.
		_ = c.b.Set(lang.tag(), string(k), m.message())
	}
	c.done[lang][k] = true
}

// Printer is one session's words: its language, its clock, and a message
// printer on the catalogue. A value, safe for concurrent use.
type Printer struct {
	locale Locale
	clock  model.Clock
	cat    *Catalog
	msg    *message.Printer
}

// Printer is the words for locale, with times on clock.
func (c *Catalog) Printer(locale Locale, clock model.Clock) *Printer {
	if locale.Lang == "" {
		locale.Lang = English
	}
	return &Printer{locale: locale, clock: clock, cat: c, msg: message.NewPrinter(locale.Lang.tag(), message.Catalog(c.b))}
}

// T is the message k in the printer's language, formatted with args as
// fmt does (numbers in the language's style).
func (p *Printer) T(k Key, args ...any) string {
	if len(args) == 0 {
		if text, ok := p.cat.plain(p.locale.Lang, k); ok {
			return text
		}
	}
	p.cat.ensure(p.locale.Lang, k)
	return p.msg.Sprintf(string(k), args...)
}

// Lang is the printer's language.
func (p *Printer) Lang() Lang { return p.locale.Lang }

// Locale is the printer's language and region.
func (p *Printer) Locale() Locale { return p.locale }

// Clock is how the printer writes times of day.
func (p *Printer) Clock() model.Clock { return p.clock }

// msg is one catalogue entry: a text, or a plural choice on argument arg
// (1-based) between zero (optional, for exactly 0), one and other.
type msg struct {
	text      string // the message, or the plural's "other" case
	one, zero string
	arg       int
}

func s(text string) msg { return msg{text: text} }

// n is a plural on argument arg: one for the languages' singular (in
// French 0 and 1), other for the rest.
func n(arg int, one, other string) msg { return msg{arg: arg, one: one, text: other} }

// n0 is n with its own wording for exactly zero.
func n0(arg int, zero, one, other string) msg {
	return msg{arg: arg, zero: zero, one: one, text: other}
}

func (m msg) message() catalog.Message {
	if m.arg == 0 {
		return catalog.String(m.text)
	}
	var cases []any
	if m.zero != "" {
		cases = append(cases, "=0", m.zero)
	}
	cases = append(cases, plural.One, m.one, plural.Other, m.text)
	return plural.Selectf(m.arg, "%d", cases...)
}

// texts are every wording of m, for the tests.
func (m msg) texts() []string {
	var out []string
	for _, t := range []string{m.zero, m.one, m.text} {
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

func tables() map[Lang]map[Key]msg {
	return map[Lang]map[Key]msg{English: english(), French: french()}
}

func partsOf(lang Lang) []map[Key]msg {
	if lang == French {
		return frenchParts()
	}
	return englishParts()
}

// merged is parts in one table.
func merged(parts []map[Key]msg) map[Key]msg {
	m := map[Key]msg{}
	for _, part := range parts {
		maps.Copy(m, part)
	}
	return m
}
