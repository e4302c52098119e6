package i18n

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/zimun-app/zimun/model"
)

// FieldName names a contact or form field (model.Field*): "Email",
// "E-mail".
func (p *Printer) FieldName(field string) string {
	switch field {
	case model.FieldName:
		return p.T(FieldNameName)
	case model.FieldEmail:
		return p.T(FieldNameEmail)
	case model.FieldPhone:
		return p.T(FieldNamePhone)
	case model.FieldNotes:
		return p.T(FieldNameNotes)
	case model.FieldReason:
		return p.T(FieldNameReason)
	case model.FieldQuery:
		return p.T(FieldNameQuery)
	}
	return field
}

// FieldError says what is wrong with a field, the field first: "Email:
// the domain "example" needs a dot, like example.com."
func (p *Printer) FieldError(fe model.FieldError) string {
	return p.T(FieldProblem, p.FieldName(fe.Field), p.Problem(fe))
}

// Problem says what is wrong, without the field.
func (p *Printer) Problem(fe model.FieldError) string {
	switch fe.Problem {
	case model.Required:
		return p.T(ProblemRequired)
	case model.TooLongChars:
		return p.T(ProblemTooLongChars, fe.N, fe.Max)
	case model.TooLongBytes:
		return p.T(ProblemTooLongBytes, fe.N, fe.Max)
	case model.NotUTF8:
		return p.T(ProblemNotUTF8)
	case model.NotEmail:
		return p.T(ProblemNotEmail)
	case model.DomainNoDot:
		return p.T(ProblemDomainNoDot, model.Sanitize(fe.Text))
	case model.PhoneChar:
		return p.T(ProblemPhoneChar, charName(fe.Rune))
	case model.PhoneDigits:
		return p.T(ProblemPhoneDigits, fe.N)
	case model.UnsafeChar:
		return p.T(ProblemUnsafeChar, p.charKind(fe.Rune), fe.N)
	}
	return model.Sanitize(fe.Message)
}

func (p *Printer) charKind(r rune) string {
	code := fmt.Sprintf("%U", r)
	switch model.CharKindOf(r) {
	case model.LineBreak:
		return p.T(CharLineBreak, code)
	case model.Tab:
		return p.T(CharTab)
	case model.DirectionControl:
		return p.T(CharDirection, code)
	case model.ControlChar:
		return p.T(CharControl, code)
	}
	return p.T(CharInvisible, code)
}

// charName shows a character safely: printable ones quoted, others by
// code point.
func charName(r rune) string {
	if unicode.IsPrint(r) {
		return fmt.Sprintf("%q", r)
	}
	return fmt.Sprintf("%U", r)
}

// Status names an appointment status: "confirmed", "confirmé".
func (p *Printer) Status(status string) string {
	switch status {
	case model.StatusHeld:
		return p.T(StatusHeld)
	case model.StatusScheduled:
		return p.T(StatusScheduled)
	case model.StatusConfirmed:
		return p.T(StatusConfirmed)
	case model.StatusCancelled:
		return p.T(StatusCancelled)
	}
	return model.Sanitize(status)
}

// Spell reads a reference a character at a time, each letter with its
// word of the international spelling alphabet ("P Papa"), so that a
// screen reader or a person on the telephone cannot mistake it.
func (p *Printer) Spell(ref string) string {
	alphabet := [26]string{"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
		"India", "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo",
		"Sierra", "Tango", "Uniform", "Victor", "Whiskey", "X-ray", "Yankee", "Zulu"}
	var parts []string
	upper, lower := false, false
	for _, r := range ref {
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
			parts = append(parts, string(unicode.ToUpper(r))+" "+alphabet[r-'a'])
		case r >= 'A' && r <= 'Z':
			upper = true
			parts = append(parts, p.T(SpellCapital, string(r)+" "+alphabet[r-'A']))
		case r >= '0' && r <= '9':
			parts = append(parts, string(r))
		case r == '_':
			parts = append(parts, p.T(SpellUnderscore))
		case r == '-':
			parts = append(parts, p.T(SpellDash))
		default:
			parts = append(parts, charName(r))
		}
	}
	intro := p.T(SpellIntro, ref, len([]rune(ref)))
	if lower && !upper {
		intro = p.T(SpellIntroLower, ref, len([]rune(ref)))
	}
	return intro + " " + strings.Join(parts, ", ") + "."
}

// KeyName is a key's name as the person's keyboard labels it, for help
// texts: "enter", "entrée"; "shift+tab", "maj+tab"; "F2". Each name in a help
// key such as "esc/K" or "↑/k" is translated, the rest kept.
func (p *Printer) KeyName(keys string) string {
	var b strings.Builder
	word := func(w string) {
		if len(w) >= 2 && w[0] == 'f' && strings.Trim(w[1:], "0123456789") == "" {
			w = "F" + w[1:] // function keys as they are printed on keys
		}
		if p.locale.Lang == English {
			b.WriteString(w)
			return
		}
		names := map[string]Key{
			"enter": KeyNameEnter, "esc": KeyNameEsc, "shift": KeyNameShift, "home": KeyNameHome,
			"end": KeyNameEnd, "pgup": KeyNamePgUp, "pgdn": KeyNamePgDown, "pgdown": KeyNamePgDown,
			"space": KeyNameSpace, "backspace": KeyNameBackspace, "tab": KeyNameTab,
		}
		if k, ok := names[w]; ok {
			w = p.T(k)
		}
		b.WriteString(w)
	}
	start := 0
	for i, r := range keys {
		if r == '/' || r == '+' || r == ' ' || r == ',' {
			word(keys[start:i])
			b.WriteRune(r)
			start = i + 1
		}
	}
	word(keys[start:])
	return b.String()
}
