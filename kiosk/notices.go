package kiosk

import "fmt"

// Notices are what the kiosk itself says to a session: the idle warning,
// the closing banner and the lines it leaves on the terminal.
// Options.Notices gives them in a session's language (Session.Lang).
type Notices struct {
	StillThere   string                // the idle warning's title
	StartsOver   func(secs int) string // its countdown, two lines
	CarryOn      string                // what cancels it
	Closing      func(secs int) string // the shutdown's banner
	Limit        func(secs int) string // the time limit's banner
	Closed       string                // the last line after a shutdown
	LimitReached string                // the last line at the time limit
	Busy         string                // every kiosk is taken
	ClosingNow   string                // a connection while closing
	NoTerminal   string                // a session without a PTY
	Failed       string                // the last line after the app failed
}

// EnglishNotices are the kiosk's words when Options.Notices is nil.
func EnglishNotices() Notices {
	return Notices{
		StillThere: "Still there?",
		StartsOver: func(n int) string {
			return fmt.Sprintf("This kiosk starts over in %d s,\nand anything not yet booked is let go.", n)
		},
		CarryOn: "Press any key to carry on.",
		Closing: func(n int) string {
			return fmt.Sprintf("This kiosk is closing in %d s. Please finish now, or come back in a few minutes.", n)
		},
		Limit:        func(n int) string { return fmt.Sprintf("This session ends in %d s: it has reached its time limit.", n) },
		Closed:       "This kiosk has closed. Please try again in a few minutes.",
		LimitReached: "This session reached its time limit. Thank you!",
		Busy:         "All kiosks are busy, try again in a minute.",
		ClosingNow:   "This kiosk is closing, try again in a minute.",
		NoTerminal:   "This is a booking kiosk: it needs a terminal. Connect with ssh -t, without a command.",
		Failed:       "Sorry, something went wrong here. Please connect again.",
	}
}

// notices are the session's words, in its language as it is now.
func (st *session) notices() Notices { return st.srv.noticesIn(st.info.Lang) }

func (s *Server) noticesIn(lang string) Notices {
	if s.opts.Notices == nil {
		return EnglishNotices()
	}
	return s.opts.Notices(lang)
}

// langOf is the language a client's environment asks for: LC_ALL, else
// LC_MESSAGES, else LANG; "" when it sent none.
func langOf(getenv func(string) string) string {
	return firstOf(getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG"))
}
