package i18n

// The full-screen UI's keys; their English is in en_tui.go, their French
// in fr_tui.go.

// Key names, as keyboards label them.
const (
	KeyNameEnter     Key = "KeyNameEnter"     // enter
	KeyNameEsc       Key = "KeyNameEsc"       // esc
	KeyNameShift     Key = "KeyNameShift"     // shift
	KeyNameHome      Key = "KeyNameHome"      // home
	KeyNameEnd       Key = "KeyNameEnd"       // end
	KeyNamePgUp      Key = "KeyNamePgUp"      // pgup
	KeyNamePgDown    Key = "KeyNamePgDown"    // pgdn
	KeyNameSpace     Key = "KeyNameSpace"     // space
	KeyNameBackspace Key = "KeyNameBackspace" // backspace
	KeyNameTab       Key = "KeyNameTab"       // tab
)

// What the global keys do.
const (
	KeyHelp            Key = "KeyHelp"            // help
	KeyBack            Key = "KeyBack"            // back
	KeyQuit            Key = "KeyQuit"            // quit
	KeyAppointments    Key = "KeyAppointments"    // appointments
	KeyAgenda          Key = "KeyAgenda"          // day agenda
	KeyWalkIn          Key = "KeyWalkIn"          // walk-in
	KeyChangeLocation  Key = "KeyChangeLocation"  // change location
	KeyChangeService   Key = "KeyChangeService"   // change service
	KeyMyBooking       Key = "KeyMyBooking"       // my booking
	KeyScreenReader    Key = "KeyScreenReader"    // screen reader
	KeyInspector       Key = "KeyInspector"       // API calls
	KeyAvailabilityMap Key = "KeyAvailabilityMap" // availability map
)

// Failures, as the status line says them.
const (
	FailedBecause     Key = "FailedBecause"     // %[1]s: %[2]s
	ErrCantReach      Key = "ErrCantReach"      // Can't reach Zimun (%s)
	ErrCancelled      Key = "ErrCancelled"      // Cancelled
	ErrNotADay        Key = "ErrNotADay"        // Not a day: try 2026-03-12, 12/3, 12 March, tomorrow, friday or +2w
	ErrCredentials    Key = "ErrCredentials"    // Zimun rejected the credentials: check ZIMUN_CLIENT_ID and ZIMUN_CLIENT_SECRET
	ErrLacksScope     Key = "ErrLacksScope"     // This client lacks the %s scope
	ErrLacksAScope    Key = "ErrLacksAScope"    // This client lacks the scope this action needs
	ErrRateLimitedFor Key = "ErrRateLimitedFor" // Zimun is rate-limiting; try again in %ss
	ErrRateLimited    Key = "ErrRateLimited"    // Zimun is rate-limiting; try again in a moment
	ErrSlotTaken      Key = "ErrSlotTaken"      // That slot was just taken
	ErrNotFound       Key = "ErrNotFound"       // Not found on Zimun
	ErrNotFoundSaying Key = "ErrNotFoundSaying" // Not found on Zimun: %s
	ErrHoldExpired    Key = "ErrHoldExpired"    // The hold expired before it was confirmed
	ErrInvalid        Key = "ErrInvalid"        // Zimun refused the request as invalid
	ErrServer         Key = "ErrServer"         // Zimun had a server error (%s); try again
	ErrServerNoRetry  Key = "ErrServerNoRetry"  // Zimun had a server error (%s)
	ErrAnswered       Key = "ErrAnswered"       // Zimun answered %s
	NetTimedOut       Key = "NetTimedOut"       // timed out
	NetRefused        Key = "NetRefused"        // connection refused
	NetReset          Key = "NetReset"          // connection reset
	NetUnknownHost    Key = "NetUnknownHost"    // unknown host %s
	NetError          Key = "NetError"          // network error
)
