package i18n

// englishTUI is the full-screen UI's English; keys_tui.go declares the
// keys, fr_tui.go has the French.
func englishTUI() map[Key]msg {
	return map[Key]msg{
		// Key names, as keyboards label them.
		KeyNameEnter:     s("enter"),
		KeyNameEsc:       s("esc"),
		KeyNameShift:     s("shift"),
		KeyNameHome:      s("home"),
		KeyNameEnd:       s("end"),
		KeyNamePgUp:      s("pgup"),
		KeyNamePgDown:    s("pgdn"),
		KeyNameSpace:     s("space"),
		KeyNameBackspace: s("backspace"),
		KeyNameTab:       s("tab"),
		// What the global keys do.
		KeyHelp:            s("help"),
		KeyBack:            s("back"),
		KeyQuit:            s("quit"),
		KeyAppointments:    s("appointments"),
		KeyAgenda:          s("day agenda"),
		KeyWalkIn:          s("walk-in"),
		KeyChangeLocation:  s("change location"),
		KeyChangeService:   s("change service"),
		KeyMyBooking:       s("my booking"),
		KeyScreenReader:    s("screen reader"),
		KeyInspector:       s("API calls"),
		KeyAvailabilityMap: s("availability map"),
		// Failures, as the status line says them.
		FailedBecause:     s("%[1]s: %[2]s"),
		ErrCantReach:      s("Can't reach Zimun (%s)"),
		ErrCancelled:      s("Cancelled"),
		ErrNotADay:        s("not a day: try 2026-03-12, 12/3, 12 March, tomorrow, friday or +2w"),
		ErrCredentials:    s("Zimun rejected the credentials: check ZIMUN_CLIENT_ID and ZIMUN_CLIENT_SECRET"),
		ErrLacksScope:     s("This client lacks the %s scope"),
		ErrLacksAScope:    s("This client lacks the scope this action needs"),
		ErrRateLimitedFor: s("Zimun is rate-limiting; try again in %ss"),
		ErrRateLimited:    s("Zimun is rate-limiting; try again in a moment"),
		ErrSlotTaken:      s("That slot was just taken"),
		ErrNotFound:       s("Not found on Zimun"),
		ErrNotFoundSaying: s("Not found on Zimun: %s"),
		ErrHoldExpired:    s("The hold expired before it was confirmed"),
		ErrInvalid:        s("Zimun refused the request as invalid"),
		ErrServer:         s("Zimun had a server error (%s); try again"),
		ErrServerNoRetry:  s("Zimun had a server error (%s)"),
		ErrAnswered:       s("Zimun answered %s"),
		NetTimedOut:       s("timed out"),
		NetRefused:        s("connection refused"),
		NetReset:          s("connection reset"),
		NetUnknownHost:    s("unknown host %s"),
		NetError:          s("network error"),
	}
}
