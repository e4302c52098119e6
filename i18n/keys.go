package i18n

// Key names a message. Keys are Go identifiers, and each one's value is
// its name, so a catalogue entry reads the same as the code that uses it.
// The English wording is in en.go, the French in fr.go.
type Key string

// Numbers, times and lists.
const (
	Minutes           Key = "Minutes"           // %d minutes
	Seconds           Key = "Seconds"           // %d seconds
	MinutesAndSeconds Key = "MinutesAndSeconds" // %[1]s and %[2]s
	ListAnd           Key = "ListAnd"           // %[1]s and %[2]s
)

// Model values: fields, their problems, statuses, spelling.
const (
	FieldNameName       Key = "FieldNameName"       // Name
	FieldNameEmail      Key = "FieldNameEmail"      // Email
	FieldNamePhone      Key = "FieldNamePhone"      // Phone
	FieldNameNotes      Key = "FieldNameNotes"      // Notes
	FieldNameReason     Key = "FieldNameReason"     // Reason
	FieldNameQuery      Key = "FieldNameQuery"      // Search text
	FieldProblem        Key = "FieldProblem"        // %[1]s: %[2]s. Please type it again.
	ProblemRequired     Key = "ProblemRequired"     // required
	ProblemTooLongChars Key = "ProblemTooLongChars" // too long: %[1]d characters, at most %[2]d
	ProblemTooLongBytes Key = "ProblemTooLongBytes" // too long: %[1]d bytes, at most %[2]d
	ProblemNotUTF8      Key = "ProblemNotUTF8"      // not valid UTF-8
	ProblemNotEmail     Key = "ProblemNotEmail"     // not an email address (like name@example.com)
	ProblemDomainNoDot  Key = "ProblemDomainNoDot"  // the domain "%s" needs a dot, like example.com
	ProblemPhoneChar    Key = "ProblemPhoneChar"    // unexpected %s; use digits, spaces and an optional leading +
	ProblemPhoneDigits  Key = "ProblemPhoneDigits"  // has %d digits, expected 6 to 15
	ProblemUnsafeChar   Key = "ProblemUnsafeChar"   // contains %[1]s at character %[2]d; remove it
	CharLineBreak       Key = "CharLineBreak"       // a line break (%s); keep it on one line
	CharTab             Key = "CharTab"             // a tab
	CharDirection       Key = "CharDirection"       // a text-direction control (%s)
	CharControl         Key = "CharControl"         // a control character (%s)
	CharInvisible       Key = "CharInvisible"       // an invisible character (%s)
	StatusHeld          Key = "StatusHeld"          // held
	StatusScheduled     Key = "StatusScheduled"     // scheduled
	StatusConfirmed     Key = "StatusConfirmed"     // confirmed
	StatusCancelled     Key = "StatusCancelled"     // cancelled
	SpellIntro          Key = "SpellIntro"          // %[1]s, %[2]d characters:
	SpellIntroLower     Key = "SpellIntroLower"     // %[1]s, %[2]d characters, letters in lower case:
	SpellCapital        Key = "SpellCapital"        // capital %s
	SpellUnderscore     Key = "SpellUnderscore"     // underscore
	SpellDash           Key = "SpellDash"           // dash
)

// Accessible mode: questions and commands.
const (
	ModeOn             Key = "ModeOn"             // Accessible mode: on, from %s. Type help at any prompt.
	ViaFlag            Key = "ViaFlag"            // --accessible
	ViaEnv             Key = "ViaEnv"             // ACCESSIBLE=1
	ViaConfig          Key = "ViaConfig"          // accessible = true in the config
	ViaDumb            Key = "ViaDumb"            // TERM=dumb
	ViaSSHUser         Key = "ViaSSHUser"         // the SSH user name a11y
	ViaSSHEnv          Key = "ViaSSHEnv"          // SetEnv ACCESSIBLE=1
	ViaSSHCommand      Key = "ViaSSHCommand"      // the SSH command accessible
	ViaKey             Key = "ViaKey"             // the key named on the kiosk's first line
	LanguageIs         Key = "LanguageIs"         // Language: English. Type français for French.
	DemoNote           Key = "DemoNote"           // This is the demo: its bookings are not kept.
	Goodbye            Key = "Goodbye"            // Goodbye.
	Item               Key = "Item"               // %[1]d. %[2]s.
	ItemBack           Key = "ItemBack"           // 0. Back.
	ChooseOneTo        Key = "ChooseOneTo"        // Choose 1 to %d:
	ChooseZeroTo       Key = "ChooseZeroTo"       // Choose 1 to %d, or 0 to go back:
	HelpChoose         Key = "HelpChoose"         // Type a number from 1 to %d, or the first letters of a choice, then press enter.
	NotAChoice         Key = "NotAChoice"         // Not one of the choices: %[1]s. Type a number from 1 to %[2]d.
	HelpYesNo          Key = "HelpYesNo"          // Type yes or no, then press enter.
	YesOrNo            Key = "YesOrNo"            // Please answer yes or no.
	HelpCommands       Key = "HelpCommands"       // At any question you can also type: help; repeat, to hear the question again; time, for the time left on a hold; extend, to keep a hold longer; spell, for the last reference letter by letter; français, for French; quit.
	KioskIdle          Key = "KioskIdle"          // Still there? This kiosk starts over in %s, and anything not yet booked is let go. Type anything to carry on.
	KioskClosing       Key = "KioskClosing"       // This kiosk is closing in %s. Please finish now, or come back in a few minutes.
	KioskLimit         Key = "KioskLimit"         // This session ends in %s: it has reached its time limit.
	MainQuestion       Key = "MainQuestion"       // What would you like to do?
	MenuBook           Key = "MenuBook"           // Book an appointment
	MenuFind           Key = "MenuFind"           // Find an appointment, to see, move or cancel it
	MenuWalkIn         Key = "MenuWalkIn"         // Walk-in: the next free time today
	MenuMyBooking      Key = "MenuMyBooking"      // My booking: see or cancel it, with its reference and email
	MenuQuit           Key = "MenuQuit"           // Quit
	QuitReleases       Key = "QuitReleases"       // A time is held for you and goes back if you quit. Quit?
	YesNoPrompt        Key = "YesNoPrompt"        // Yes or no:
	WhatNow            Key = "WhatNow"            // What now?
	TryAgain           Key = "TryAgain"           // Try again
	TryAgainSafe       Key = "TryAgainSafe"       // Try again: it cannot book twice
	TryAgainQuestion   Key = "TryAgainQuestion"   // Try again? It cannot be done twice.
	CatalogFailed      Key = "CatalogFailed"      // Could not load the services: %s.
	AvailabilityFailed Key = "AvailabilityFailed" // Could not load the free times: %s.
	ZoneTime           Key = "ZoneTime"           // %[1]s time (%[2]s)
)

// Accessible mode: location, service, day and time.
const (
	NoLocations         Key = "NoLocations"         // No location takes bookings now.
	LocationIs          Key = "LocationIs"          // Location: %s.
	ChooseLocation      Key = "ChooseLocation"      // Where? %d locations:
	LocationItem        Key = "LocationItem"        // %[1]s, times in %[2]s
	LocationItemAddress Key = "LocationItemAddress" // %[1]s, %[2]s, times in %[3]s
	NoServices          Key = "NoServices"          // No service is offered at %s.
	ServiceIs           Key = "ServiceIs"           // Service: %s.
	ChooseService       Key = "ChooseService"       // Which service at %[1]s? %[2]d services:
	ServiceItem         Key = "ServiceItem"         // %[1]s, %[2]d minutes
	DateToday           Key = "DateToday"           // %s, today
	DateTomorrow        Key = "DateTomorrow"        // %s, tomorrow
	FirstFreeDay        Key = "FirstFreeDay"        // First free day is %s
	NoFreeDays          Key = "NoFreeDays"          // No free time in the next %d days.
	DayPrompt           Key = "DayPrompt"           // Day, or enter for its times:
	HelpDay             Key = "HelpDay"             // Press enter to hear the free times of %s. Or type next for the next free day, previous, today, tomorrow, a weekday, or a date like 12 March; 0 goes back.
	NoLaterFreeDay      Key = "NoLaterFreeDay"      // No free day after %s in the days shown.
	NoEarlierFreeDay    Key = "NoEarlierFreeDay"    // No free day before %s.
	NotADay             Key = "NotADay"             // Not a day: %s. Type help for examples.
	DayPassed           Key = "DayPassed"           // %s has passed.
	DayTooFar           Key = "DayTooFar"           // %[1]s is too far ahead: times are open up to %[2]s.
	DayClosed           Key = "DayClosed"           // %[1]s: closed, %[2]s.
	DayFree             Key = "DayFree"             // %[2]s: %[1]d free times, from %[3]s to %[4]s.
	DayFullNext         Key = "DayFullNext"         // %[1]s: no free time. Next free day: %[2]s.
	DayFull             Key = "DayFull"             // %s: no free time.
	TimesOn             Key = "TimesOn"             // %[2]s, %[1]d free times, in %[3]s:
)

// Accessible mode: the hold.
const (
	SlotTaken          Key = "SlotTaken"          // %s was just taken by someone else. Choose another time.
	HoldUnknown        Key = "HoldUnknown"        // No answer from the server while holding %s. Trying again is safe: it cannot hold twice.
	HoldFailed         Key = "HoldFailed"         // Could not hold %[1]s: %[2]s.
	AnotherTime        Key = "AnotherTime"        // Choose another time
	AnotherTimeKeep    Key = "AnotherTimeKeep"    // Choose another time, keeping what you typed
	HeldUntil          Key = "HeldUntil"          // Held %[1]s on %[2]s for you, until %[3]s.
	HoldHint           Key = "HoldHint"           // Type time to hear the time left, or extend to keep it longer.
	HoldLeft           Key = "HoldLeft"           // Hold: %[1]s left on %[2]s. Type extend to keep it.
	HoldLastSeconds    Key = "HoldLastSeconds"    // Hold: %[1]s left on %[2]s. Type extend now to keep it.
	HoldEnded          Key = "HoldEnded"          // Hold ended: %s is no longer held for you and may go to someone else. What you typed is kept; type extend to hold it again if it is still free.
	HoldTimeLeft       Key = "HoldTimeLeft"       // %[1]s is held for you for %[2]s more, until %[3]s.
	NothingHeld        Key = "NothingHeld"        // Nothing is held for you now.
	ExtendWhileBooking Key = "ExtendWhileBooking" // The booking is being sent; the hold cannot be extended now.
	Extended           Key = "Extended"           // Held %[1]s for you again, until %[2]s.
	ExtendTaken        Key = "ExtendTaken"        // %s was taken by someone else while holding it again; nothing is held now. What you typed is kept: choose another time.
	ExtendFailed       Key = "ExtendFailed"       // Could not hold %[1]s again: %[2]s. It stays held until %[3]s.
	ExtendFailedEnded  Key = "ExtendFailedEnded"  // Could not hold %[1]s again: %[2]s.
)

// Accessible mode: the contact and the review.
const (
	FieldRequired     Key = "FieldRequired"     // %s:
	FieldOptional     Key = "FieldOptional"     // %s, optional, enter to skip:
	FieldEdit         Key = "FieldEdit"         // %[1]s is now %[2]s. Type the new one, or press enter to keep it.
	FieldEditOptional Key = "FieldEditOptional" // %[1]s is now %[2]s. Type the new one, press enter to keep it, or type a dash to clear it.
	HelpField         Key = "HelpField"         // %s: type it, then press enter.
	HelpFieldOptional Key = "HelpFieldOptional" // %s is optional: type it, or press enter to skip it.
	HelpFieldEdit     Key = "HelpFieldEdit"     // %s: type a new one, or press enter to keep it.
	ReviewIntro       Key = "ReviewIntro"       // Please check the booking:
	LabelValue        Key = "LabelValue"        // %[1]s: %[2]s.
	LabelService      Key = "LabelService"      // Service
	LabelWhen         Key = "LabelWhen"         // When
	LabelWhere        Key = "LabelWhere"        // Where
	LabelReason       Key = "LabelReason"       // Reason for cancelling
	WhenSpan          Key = "WhenSpan"          // %[1]s, %[2]s to %[3]s, %[4]s
	None              Key = "None"              // none
	BookIt            Key = "BookIt"            // Book it
	HoldAgainAndBook  Key = "HoldAgainAndBook"  // Hold %s again, if it is still free
	ChangeField       Key = "ChangeField"       // Change: %s
	GiveUp            Key = "GiveUp"            // Give up this booking and release the time
	GivenUp           Key = "GivenUp"           // Given up; the time is free for others.
)

// Accessible mode: booking.
const (
	Booking             Key = "Booking"             // Booking %[1]s for %[2]s.
	Booked              Key = "Booked"              // Booked: %[1]s on %[2]s at %[3]s, at %[4]s, for %[5]s.
	BookedFound         Key = "BookedFound"         // This booking was already made by an earlier attempt; here it is.
	Reference           Key = "Reference"           // Reference: %s. Type spell to hear it letter by letter.
	BookedUnread        Key = "BookedUnread"        // The server accepted the booking but its reply could not be read: find it in the appointments to see it.
	EmailGoesTo         Key = "EmailGoesTo"         // A confirmation email goes to %s.
	NotInHistory        Key = "NotInHistory"        // Warning: booked, but not written to the desk history: %s.
	ConfirmUnknown      Key = "ConfirmUnknown"      // No answer from the server: the booking may or may not be made. Trying again is safe: it cannot book twice.
	LeaveForLater       Key = "LeaveForLater"       // Leave it for later: zimun finds out when it next starts
	LeftForLater        Key = "LeftForLater"        // Left for later: zimun asks the server again when it next starts.
	ConfirmExpired      Key = "ConfirmExpired"      // The hold on %s ended before the booking: nothing was booked. What you typed is kept.
	ConfirmUnverified   Key = "ConfirmUnverified"   // The server no longer knows this hold, and zimun cannot tell whether an earlier attempt booked it. This customer's appointments:
	ConfirmTaken        Key = "ConfirmTaken"        // %s was booked for someone else. Choose another time; what you typed is kept.
	ConfirmRefusedField Key = "ConfirmRefusedField" // Refused by the server, %[1]s: %[2]s. Change it, then book again.
	ConfirmRefused      Key = "ConfirmRefused"      // Refused by the server: %s. Nothing was booked.
	ConfirmFailed       Key = "ConfirmFailed"       // Nothing was booked: %s.
	NoReference         Key = "NoReference"         // No reference yet: book or find an appointment first.
	SpellReference      Key = "SpellReference"      // Spell the reference
)

// Accessible mode: finding, moving and cancelling.
const (
	FindIntro          Key = "FindIntro"          // Find an appointment: type part of a name or an email, or a reference; or press enter for today's.
	FindPrompt         Key = "FindPrompt"         // Find:
	HelpFind           Key = "HelpFind"           // Type part of the customer's name or email, or a reference, then press enter. Enter alone lists today's appointments; 0 goes back.
	FindFailed         Key = "FindFailed"         // Could not search: %s.
	NoneToday          Key = "NoneToday"          // No appointments today.
	NoneFound          Key = "NoneFound"          // Nothing found for %s, from today on.
	TooManyFound       Key = "TooManyFound"       // More than %[1]d found: here are the first %[1]d; type more of the name to narrow it.
	FoundCount         Key = "FoundCount"         // %d appointments found:
	AppointmentItem    Key = "AppointmentItem"    // %[1]s, %[2]s, %[3]s at %[4]s, %[7]s, %[5]s, reference %[6]s
	AppointmentIs      Key = "AppointmentIs"      // Appointment %[1]s: %[2]s.
	MoveIt             Key = "MoveIt"             // Move it to another time
	CancelIt           Key = "CancelIt"           // Cancel it
	CannotMoveUnknown  Key = "CannotMoveUnknown"  // This appointment's service or location is no longer in the catalogue; it cannot be moved here.
	MoveQuestion       Key = "MoveQuestion"       // Move %[1]s from %[2]s at %[3]s to %[4]s at %[5]s?
	NotMoved           Key = "NotMoved"           // Not moved; it stays as it was.
	Moved              Key = "Moved"              // Moved: now on %[1]s at %[2]s.
	UpdateGoesTo       Key = "UpdateGoesTo"       // An update email goes to %s.
	MoveTaken          Key = "MoveTaken"          // %s was just taken; the appointment stays where it was. Choose another time.
	MoveUnknown        Key = "MoveUnknown"        // No answer from the server: the appointment may or may not have moved.
	MoveFailed         Key = "MoveFailed"         // Not moved: %s. Choose another time, or 0 to go back.
	ReasonIntro        Key = "ReasonIntro"        // Reason for cancelling, optional: the customer's email quotes it. Press enter for none.
	ReasonPrompt       Key = "ReasonPrompt"       // Reason:
	HelpReason         Key = "HelpReason"         // Type why the appointment is cancelled, on one line, or press enter to give no reason.
	CancelQuestion     Key = "CancelQuestion"     // Cancel the appointment of %[1]s on %[2]s at %[3]s? Yes cancels it, no keeps it.
	Kept               Key = "Kept"               // Kept; nothing changed.
	Cancelled          Key = "Cancelled"          // Cancelled; the time is free again.
	CancellationGoesTo Key = "CancellationGoesTo" // A cancellation email goes to %s.
	CancelUnknown      Key = "CancelUnknown"      // No answer from the server: the appointment may or may not be cancelled.
	CancelFailed       Key = "CancelFailed"       // Not cancelled: %s.
	ReferenceIntro     Key = "ReferenceIntro"     // Your booking's reference is in its confirmation email.
	ReferencePrompt    Key = "ReferencePrompt"    // Reference:
	HelpReference      Key = "HelpReference"      // Type the reference from your confirmation email, like a_pzvgwjjoyk7psdm7, then press enter.
	HelpMyEmail        Key = "HelpMyEmail"        // Type the email the booking was made with.
	NoSuchBooking      Key = "NoSuchBooking"      // No booking matches that reference and email.
)

// Accessible mode: walk-ins and unfinished bookings.
const (
	WalkInLooking   Key = "WalkInLooking"   // Looking for the next free time today for %s.
	WalkInTaken     Key = "WalkInTaken"     // Today's next free times were just taken; try again.
	WalkInFailed    Key = "WalkInFailed"    // Could not find a time: %s.
	WalkInNone      Key = "WalkInNone"      // Nothing free in the next %d days.
	WalkInNoneToday Key = "WalkInNoneToday" // Nothing free today. The first free time is %[1]s at %[2]s.
	HoldThat        Key = "HoldThat"        // Hold %s
	DraftsBusy      Key = "DraftsBusy"      // %d unfinished bookings are in use by another zimun.
	DraftFound      Key = "DraftFound"      // Unfinished booking from earlier: %[1]s on %[2]s at %[3]s, for %[4]s.
	NoNameYet       Key = "NoNameYet"       // no name yet
	DraftResume     Key = "DraftResume"     // Resume it
	DraftDiscard    Key = "DraftDiscard"    // Discard it and release its time
	DraftLater      Key = "DraftLater"      // Leave it for later
	DraftGone       Key = "DraftGone"       // That unfinished booking is gone.
	DraftDiscarded  Key = "DraftDiscarded"  // Discarded.
)

// Errors, as the accessible mode says them.
const (
	ErrNoAnswer     Key = "ErrNoAnswer"     // no answer from the server
	ErrNotAllowed   Key = "ErrNotAllowed"   // this desk is not allowed to do that; check the client id and secret
	ErrBusy         Key = "ErrBusy"         // the server is busy; try again in a moment
	ErrServerSaid   Key = "ErrServerSaid"   // the server said: %[1]s (%[2]d)
	ErrServerStatus Key = "ErrServerStatus" // the server answered %d
)

// Command line: table headers.
const (
	ColID          Key = "ColID"          // ID
	ColName        Key = "ColName"        // NAME
	ColDuration    Key = "ColDuration"    // DURATION
	ColLocations   Key = "ColLocations"   // LOCATIONS
	ColDescription Key = "ColDescription" // DESCRIPTION
	ColTimezone    Key = "ColTimezone"    // TIMEZONE
	ColActive      Key = "ColActive"      // ACTIVE
	ColAddress     Key = "ColAddress"     // ADDRESS
	ColDate        Key = "ColDate"        // DATE
	ColDay         Key = "ColDay"         // DAY
	ColFree        Key = "ColFree"        // FREE
	ColTimes       Key = "ColTimes"       // TIMES
	ColStatus      Key = "ColStatus"      // STATUS
	ColWhen        Key = "ColWhen"        // WHEN
	ColService     Key = "ColService"     // SERVICE
	ColEmail       Key = "ColEmail"       // EMAIL
	ColLocation    Key = "ColLocation"    // LOCATION
	ColTime        Key = "ColTime"        // TIME
	ColAction      Key = "ColAction"      // ACTION
	ColCustomer    Key = "ColCustomer"    // CUSTOMER
	ColReason      Key = "ColReason"      // REASON
)

// Command line: labels and cells.
const (
	LabelHold         Key = "LabelHold"         // Hold
	LabelStatus       Key = "LabelStatus"       // Status
	LabelLocation     Key = "LabelLocation"     // Location
	LabelExpires      Key = "LabelExpires"      // Expires
	LabelAppointment  Key = "LabelAppointment"  // Appointment
	LabelBooking      Key = "LabelBooking"      // Booking
	LabelUpdated      Key = "LabelUpdated"      // Updated
	CellMinutes       Key = "CellMinutes"       // %d min
	CellYes           Key = "CellYes"           // yes
	CellNo            Key = "CellNo"            // no
	CellClosed        Key = "CellClosed"        // closed: %s
	CellFull          Key = "CellFull"          // full
	ExpiresIn         Key = "ExpiresIn"         // %[1]s (in %[2]s)
	ActionBooked      Key = "ActionBooked"      // booked
	ActionRescheduled Key = "ActionRescheduled" // rescheduled
	ActionCancelled   Key = "ActionCancelled"   // cancelled
)

// Command line: messages.
const (
	AvailabilityTitle         Key = "AvailabilityTitle"         // %[1]s at %[2]s, times in %[3]s
	ConfirmWith               Key = "ConfirmWith"               // Confirm it with: zimun confirm --hold %s --name NAME --email EMAIL
	HoldInDemo                Key = "HoldInDemo"                // zimun: this hold lives in a sandbox that stops with this command; no later command can confirm it (see zimun hold --help)
	HoldNotMade               Key = "HoldNotMade"               // %s; no hold was made (anything the server may have held is being given back)
	Released                  Key = "Released"                  // Released hold %s.
	AlreadyBookedByEarlierRun Key = "AlreadyBookedByEarlierRun" // zimun: this hold was already booked for this contact (an earlier run); here it is
	HoldTakenByOther          Key = "HoldTakenByOther"          // hold %[1]s was already booked for someone else (%[2]s)
	HoldUnverified            Key = "HoldUnverified"            // %s; the server no longer knows this hold, and zimun can't tell whether an earlier run booked it
	CandidateBooked           Key = "CandidateBooked"           // %[1]s is booked for %[2]s at %[3]s
	OutcomeUnknown            Key = "OutcomeUnknown"            // %s: the outcome is unknown; run the same command again to find out (it cannot be done twice)
	DoneNotInHistory          Key = "DoneNotInHistory"          // zimun: warning: %[1]s is done but not in the desk history: %[2]s
	Warning                   Key = "Warning"                   // zimun: warning: %s
	Note                      Key = "Note"                      // zimun: note: %s
	UsingDemo                 Key = "UsingDemo"                 // zimun: %s; using the embedded demo sandbox (data is not kept)
	NoCredentials             Key = "NoCredentials"             // no credentials configured
	DemoKeepsNoHistory        Key = "DemoKeepsNoHistory"        // zimun: the demo keeps no desk history; configure an API to keep one
	UsingSavedCopy            Key = "UsingSavedCopy"            // zimun: the server will not show %[1]s (%[2]s); using the desk history's copy from %[3]s, which may be out of date
	RunHelp                   Key = "RunHelp"                   // Run '%s --help' for usage.
	DoneAllTheSame            Key = "DoneAllTheSame"            // %s; it was done all the same: zimun appointments shows it
	CheckCredentials          Key = "CheckCredentials"          // %s; check the client id and secret (ZIMUN_CLIENT_ID, ZIMUN_CLIENT_SECRET or the config file)
	NoSuchHold                Key = "NoSuchHold"                // %s; the server has no such hold: released, forgotten after it expired, or never placed
	RetryIn                   Key = "RetryIn"                   // %[1]s; retry in %[2]s
)

// Command line: usage errors.
const (
	ServiceRequired     Key = "ServiceRequired"     // --service is required (or set booking.service); `zimun services` lists them
	DaysRange           Key = "DaysRange"           // --days must be 1..90, got %d
	LimitNegative       Key = "LimitNegative"       // --limit must not be negative, got %d
	WindowsConflict     Key = "WindowsConflict"     // --%[1]s and --%[2]s are different windows; pick one
	WindowAndRange      Key = "WindowAndRange"      // --%s cannot be combined with --from or --to; use one or the other
	JSONAndStdout       Key = "JSONAndStdout"       // --json and -o - would both write to stdout; pick one
	NoZoneForAt         Key = "NoZoneForAt"         // --at: cannot tell the time zone of location %s; give an offset, e.g. 2025-12-01T10:00:00+01:00
	SeveralPickLocation Key = "SeveralPickLocation" // %[1]s is offered at several locations; pick one with --location: %[2]s
	NoSuchService       Key = "NoSuchService"       // no service %[1]q; the services are: %[2]s
	NoSuchLocation      Key = "NoSuchLocation"      // no location %[1]q; the locations are: %[2]s
	NotOfferedAt        Key = "NotOfferedAt"        // %[1]s is not offered at %[2]s; it is at: %[3]s
	TakesNoBookings     Key = "TakesNoBookings"     // %[1]s takes no bookings; it is offered at: %[2]s
	ChoicesNone         Key = "ChoicesNone"         // none
	HoldTTLDemoOnly     Key = "HoldTTLDemoOnly"     // --hold-ttl only applies to the demo sandbox; add --demo
)
