package linear

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// command is a word that works at any question. Each is understood in
// every language, whatever the session speaks.
type command int

const (
	cmdNone command = iota
	cmdHelp
	cmdRepeat
	cmdTime
	cmdExtend
	cmdSpell
	cmdQuit
	cmdEnglish
	cmdFrench
)

func commandOf(answer string) command {
	switch fold(answer) {
	case "help", "aide", "?":
		return cmdHelp
	case "repeat", "repeter", "again", "encore":
		return cmdRepeat
	case "time", "temps", "heure":
		return cmdTime
	case "extend", "prolonger":
		return cmdExtend
	case "spell", "epeler":
		return cmdSpell
	case "quit", "exit", "quitter":
		return cmdQuit
	case "english", "anglais":
		return cmdEnglish
	case "francais", "french":
		return cmdFrench
	}
	return cmdNone
}

// fold is an answer as it is compared: trimmed, lower case, without
// accents, so "Épeler" and "epeler" are one word.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(strings.TrimSpace(s)))
	if err != nil {
		return strings.ToLower(strings.TrimSpace(s))
	}
	return out
}

// ask writes the question's lines, then reads answers until one is not a
// command; help says what the question wants, then the commands. An empty
// prompt takes the last line as the prompt.
func (s *session) ask(lines []string, prompt string, help string) (string, error) {
	s.say(lines...)
	s.remember(append(append([]string(nil), lines...), prompt))
	for {
		if err := s.ctx.Err(); err != nil {
			return "", err
		}
		s.con.SetPrompt(prompt + " ")
		answer, err := s.con.ReadLine()
		if err != nil {
			return "", err
		}
		answer = strings.TrimSpace(answer)
		switch commandOf(answer) {
		case cmdNone:
			return answer, nil
		case cmdHelp:
			s.say(help, s.p().T(i18n.HelpCommands))
		case cmdRepeat:
			s.mu.Lock()
			last := s.last
			s.mu.Unlock()
			if len(last) > 1 {
				last = last[:len(last)-1]
			}
			s.say(last...)
		case cmdTime:
			s.watch.sayTimeLeft()
		case cmdExtend:
			s.extend()
		case cmdSpell:
			s.spell()
		case cmdQuit:
			if err := s.quit(); err != nil {
				return "", err
			}
		case cmdEnglish, cmdFrench:
			lang := i18n.English
			if commandOf(answer) == cmdFrench {
				lang = i18n.French
			}
			loc := s.p().Locale()
			if loc.Lang != lang {
				loc = i18n.Locale{Lang: lang}
			}
			s.setPrinter(s.opts.Catalog.Printer(loc, s.p().Clock()))
			s.say(s.p().T(i18n.LanguageIs))
			// The question was asked in the other language: ask it again.
			return "", errReask
		}
	}
}

// errReask asks the current question again, in the language just chosen.
var errReask = errorString("ask again")

type errorString string

func (e errorString) Error() string { return string(e) }

// menu is a question and its choices, worded by a printer: asked again
// in the new language after a switch.
type menu func(p *i18n.Printer) (question string, items []string)

// choose reads a choice from a numbered list: 1 to n, or 0 to go back
// when back is true (errBack). A few letters of an item that match only it
// choose it too.
func (s *session) choose(m menu, back bool) (int, error) {
	for {
		p := s.p()
		question, items := m(p)
		lines := []string{question}
		for i, it := range items {
			lines = append(lines, p.T(i18n.Item, i+1, it))
		}
		if back {
			lines = append(lines, p.T(i18n.ItemBack))
		}
		prompt := p.T(i18n.ChooseOneTo, len(items))
		if back {
			prompt = p.T(i18n.ChooseZeroTo, len(items))
		}
		answer, err := s.ask(lines, prompt, p.T(i18n.HelpChoose, len(items)))
		if err == errReask {
			continue
		}
		if err != nil {
			return 0, err
		}
		if i, ok := pick(answer, items, back); ok {
			if i < 0 {
				return 0, errBack
			}
			return i, nil
		}
		s.say(p.T(i18n.NotAChoice, model.Sanitize(answer), len(items)))
	}
}

// pick reads answer as an item's number (0 is back, -1) or as the start
// of one item's words.
func pick(answer string, items []string, back bool) (int, bool) {
	a := fold(strings.TrimSuffix(answer, "."))
	if a == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(a); err == nil {
		switch {
		case n == 0 && back:
			return -1, true
		case n >= 1 && n <= len(items):
			return n - 1, true
		}
		return 0, false
	}
	if back && (a == "back" || a == "retour") {
		return -1, true
	}
	found := -1
	for i, it := range items {
		if f := fold(it); strings.HasPrefix(f, a) || strings.Contains(f, " "+a) {
			if found >= 0 {
				return 0, false
			}
			found = i
		}
	}
	return found, found >= 0
}

// prompt is a question for a line of text: a sentence said first (may
// be empty), the short prompt, and what help says about it. Prompts stay
// short, so the line editor never wraps them.
type prompt func(p *i18n.Printer) (intro, question, help string)

// yesNo asks a yes-or-no question; anything else is asked again.
func (s *session) yesNo(q func(p *i18n.Printer) string) (bool, error) {
	for {
		p := s.p()
		answer, err := s.ask([]string{q(p)}, p.T(i18n.YesNoPrompt), p.T(i18n.HelpYesNo))
		if err == errReask {
			continue
		}
		if err != nil {
			return false, err
		}
		switch fold(answer) {
		case "yes", "y", "oui", "o":
			return true, nil
		case "no", "n", "non":
			return false, nil
		}
		s.say(p.T(i18n.YesOrNo))
	}
}

// text asks for a line of text; the commands still work.
func (s *session) text(q prompt) (string, error) {
	for {
		intro, question, help := q(s.p())
		var lines []string
		if intro != "" {
			lines = []string{intro}
		}
		answer, err := s.ask(lines, question, help)
		if err == errReask {
			continue
		}
		return answer, err
	}
}
