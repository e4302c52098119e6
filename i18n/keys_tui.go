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
	ErrNotADay        Key = "ErrNotADay"        // not a day: try 2026-03-12, 12/3, 12 March, tomorrow, friday or +2w
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
	ChoiceSeveral     Key = "ChoiceSeveral"     // %[1]s is offered at several locations; pick one: %[2]s
)

// The hold's countdown.
const (
	CountdownLeft         Key = "CountdownLeft"         // %s left
	CountdownHurry        Key = "CountdownHurry"        // %s left, hurry
	CountdownExpired      Key = "CountdownExpired"      // hold expired
	CountdownShort        Key = "CountdownShort"        // Hold %s
	CountdownShortExpired Key = "CountdownShortExpired" // Hold expired
)

// The frame: header, help, a terminal too small.
const (
	FrameTooSmall Key = "FrameTooSmall" // Terminal too small: %[1]s needed, this is %[2]s  Enlarge the window, or press q to quit.
	FrameService  Key = "FrameService"  // %[1]s (%[2]d min)
	BadgeDemo     Key = "BadgeDemo"     // DEMO
	BadgeLive     Key = "BadgeLive"     // LIVE
	FrameKeys     Key = "FrameKeys"     // Keys
	FrameMoreKeys Key = "FrameMoreKeys" // (a larger window shows more keys)
)

// The root: what it says between screens.
const (
	FailDiscarding       Key = "FailDiscarding"       // Discarding the unfinished booking failed
	RootChooseService    Key = "RootChooseService"    // Choose a service first
	RootChooseLocation   Key = "RootChooseLocation"   // Choose a location first
	RootNoActiveLocation Key = "RootNoActiveLocation" // this organisation has no active location
	RootNoServiceAt      Key = "RootNoServiceAt"      // no service is offered at %s
	RootOneLocation      Key = "RootOneLocation"      // This organisation has only one location
	RootOneService       Key = "RootOneService"       // Only one service is offered at %s
	RootCantMove         Key = "RootCantMove"         // this appointment's service is no longer offered at its location, so it can't be moved; book a new one
	RootReleasing        Key = "RootReleasing"        // Releasing the hold…
	RootClearsIn         Key = "RootClearsIn"         // This screen clears in %d s for the next customer · enter: done
	RootQuitUnanswered   Key = "RootQuitUnanswered"   // A booking attempt is still unanswered; quit and keep it for resume?  y/n
	RootQuitReleases     Key = "RootQuitReleases"     // Quit? The held slot will be released.  y/n
	KeyReleaseQuit       Key = "KeyReleaseQuit"       // release and quit
	KeyQuitResumeLater   Key = "KeyQuitResumeLater"   // quit, resume later
	KeyStay              Key = "KeyStay"              // stay
	KeyCloseHelp         Key = "KeyCloseHelp"         // close help
	HeaderScreenReader   Key = "HeaderScreenReader"   // Screen reader: %s
)

// The start screen and the resume offer.
const (
	KeyTryAgain       Key = "KeyTryAgain"       // try again
	FailReadingDrafts Key = "FailReadingDrafts" // Reading the unfinished bookings failed
	StartDraftInUse   Key = "StartDraftInUse"   // Another zimun on this computer has a booking in progress with this API; it is left alone.
	StartNoOrgName    Key = "StartNoOrgName"    // Couldn't read the organisation's name: %s
	StartCantLoad     Key = "StartCantLoad"     // Couldn't load the locations and services from Zimun.
	StartRetryOrQuit  Key = "StartRetryOrQuit"  // r: try again · q: quit
	StartConnecting   Key = "StartConnecting"   // Connecting to Zimun…
	KeyResume         Key = "KeyResume"         // resume
	KeyDiscard        Key = "KeyDiscard"        // discard
	FailResuming      Key = "FailResuming"      // Resuming the booking failed
	ResumeWhen        Key = "ResumeWhen"        // %[1]s at %[2]s
	ResumeNewCustomer Key = "ResumeNewCustomer" // a new customer
	ResumeHoldActive  Key = "ResumeHoldActive"  // hold still active
	ResumeHoldExpired Key = "ResumeHoldExpired" // hold expired: the form can try to hold it again
	ResumeTitle       Key = "ResumeTitle"       // A booking was left unfinished
	ResumeAt          Key = "ResumeAt"          //  at
	ResumeFor         Key = "ResumeFor"         // for %s
	ResumeQuestion    Key = "ResumeQuestion"    // Resume booking for %[1]s at %[2]s?
)

// What the screens' keys do.
const (
	KeyUp                Key = "KeyUp"                // up
	KeyDown              Key = "KeyDown"              // down
	KeyPageUp            Key = "KeyPageUp"            // page up
	KeyPageDown          Key = "KeyPageDown"          // page down
	KeyFirst             Key = "KeyFirst"             // first
	KeyLast              Key = "KeyLast"              // last
	KeyFilter            Key = "KeyFilter"            // filter
	KeyClearFilter       Key = "KeyClearFilter"       // clear filter
	KeyChoose            Key = "KeyChoose"            // choose
	KeyDay               Key = "KeyDay"               // day
	KeyWeek              Key = "KeyWeek"              // week
	KeyPrevMonth         Key = "KeyPrevMonth"         // prev month
	KeyNextMonth         Key = "KeyNextMonth"         // next month
	KeyToday             Key = "KeyToday"             // today
	KeyNextFreeDay       Key = "KeyNextFreeDay"       // next free day
	KeyPrevFreeDay       Key = "KeyPrevFreeDay"       // previous free day
	KeyGoToDate          Key = "KeyGoToDate"          // go to date
	KeySeeTimes          Key = "KeySeeTimes"          // see times
	KeyRefresh           Key = "KeyRefresh"           // refresh
	KeyGo                Key = "KeyGo"                // go
	KeyCancel            Key = "KeyCancel"            // cancel
	KeyFreeDay           Key = "KeyFreeDay"           // free day
	KeyHoldThisTime      Key = "KeyHoldThisTime"      // hold this time
	KeyChooseThisTime    Key = "KeyChooseThisTime"    // choose this time
	KeyGoTo14            Key = "KeyGoTo14"            // go to 14:00
	KeyNextField         Key = "KeyNextField"         // next field
	KeyPrevField         Key = "KeyPrevField"         // previous field
	KeyBook              Key = "KeyBook"              // book
	KeyConfirm           Key = "KeyConfirm"           // confirm
	KeyEdit              Key = "KeyEdit"              // edit
	KeyRetry             Key = "KeyRetry"             // retry
	KeyReleaseHold       Key = "KeyReleaseHold"       // release hold
	KeyRelease           Key = "KeyRelease"           // release
	KeyKeepHold          Key = "KeyKeepHold"          // keep the hold
	KeyHoldAgain         Key = "KeyHoldAgain"         // hold again
	KeyPickAnother       Key = "KeyPickAnother"       // pick another slot
	KeyFillCustomer      Key = "KeyFillCustomer"      // fill in customer
	KeyNextMatch         Key = "KeyNextMatch"         // next match
	KeySearchAll         Key = "KeySearchAll"         // search all bookings
	KeyPrevService       Key = "KeyPrevService"       // previous service
	KeyNextService       Key = "KeyNextService"       // next service
	KeyThatService       Key = "KeyThatService"       // that service
	KeyHoldNextFree      Key = "KeyHoldNextFree"      // hold its next free slot
	KeyNewBooking        Key = "KeyNewBooking"        // new booking
	KeyDone              Key = "KeyDone"              // done
	KeyKeepIt            Key = "KeyKeepIt"            // keep it
	KeyCancelAppointment Key = "KeyCancelAppointment" // cancel appointment
	KeyNext              Key = "KeyNext"              // next
	KeyPrevious          Key = "KeyPrevious"          // previous
	KeyReason            Key = "KeyReason"            // reason
	KeyMoveIt            Key = "KeyMoveIt"            // move it
	KeyPickAnotherTime   Key = "KeyPickAnotherTime"   // pick another time
	KeyNext7             Key = "KeyNext7"             // next 7 days
	KeyAllUpcoming       Key = "KeyAllUpcoming"       // all upcoming
	KeyPast7             Key = "KeyPast7"             // past 7 days
	KeyStatus            Key = "KeyStatus"            // status
	KeyLocation          Key = "KeyLocation"          // location
	KeySearch            Key = "KeySearch"            // search
	KeyDeskHistory       Key = "KeyDeskHistory"       // desk history
	KeyReschedule        Key = "KeyReschedule"        // reschedule
	KeyCancelDots        Key = "KeyCancelDots"        // cancel…
	KeyExportICS         Key = "KeyExportICS"         // export .ics
	KeyClear             Key = "KeyClear"             // clear
	KeyLookUp            Key = "KeyLookUp"            // look up
	KeyLeaveField        Key = "KeyLeaveField"        // leave the field
	KeyLookUpByID        Key = "KeyLookUpByID"        // look up by id
	KeyPrevDay           Key = "KeyPrevDay"           // previous day
	KeyNextDay           Key = "KeyNextDay"           // next day
	KeyHoldOrOpen        Key = "KeyHoldOrOpen"        // hold free · open booked
	KeyOpenBooking       Key = "KeyOpenBooking"       // open booking
	KeyFindMyBooking     Key = "KeyFindMyBooking"     // find my booking
	KeyCancelIt          Key = "KeyCancelIt"          // cancel it
	KeyAnotherBooking    Key = "KeyAnotherBooking"    // another booking
	KeyYesCancelIt       Key = "KeyYesCancelIt"       // yes, cancel it
	KeyRequestResponse   Key = "KeyRequestResponse"   // request and response
	KeyBackToList        Key = "KeyBackToList"        // back to the list
	KeyCopyCurl          Key = "KeyCopyCurl"          // copy as curl
	KeyRow               Key = "KeyRow"               // row
	KeyOpenDay           Key = "KeyOpenDay"           // open that day
	KeyGroup             Key = "KeyGroup"             // by service/by location
)

// The location and service pickers.
const (
	PickLocation       Key = "PickLocation"       // Where?  Choose a location
	PickService        Key = "PickService"        // What?  Choose a service at %s
	PickTypeToFilter   Key = "PickTypeToFilter"   // type to filter
	PickSlashToFilter  Key = "PickSlashToFilter"  // / to filter
	PickNothingMatches Key = "PickNothingMatches" // Nothing matches “%s”. esc clears the filter.
	PickCount          Key = "PickCount"          // %[1]d–%[2]d of %[3]d
)

// The calendar.
const (
	LabelReschedule         Key = "LabelReschedule"         // Reschedule
	FailLoadingAvailability Key = "FailLoadingAvailability" // Loading availability failed
	CalGoToPrompt           Key = "CalGoToPrompt"           // Go to date:
	CalGoToPlaceholder      Key = "CalGoToPlaceholder"      // 2026-03-12, 12/3, fri, tomorrow, +2w
	CalNoFreeDayAfter       Key = "CalNoFreeDayAfter"       // No free day after %s in the bookable window
	CalNoFreeDayBefore      Key = "CalNoFreeDayBefore"      // No free day before %s in the bookable window
	CalStillLoading         Key = "CalStillLoading"         // Availability is still loading
	CalOutsideWindow        Key = "CalOutsideWindow"        // %[1]s is outside the bookable window (%[2]s to %[3]s)
	CalMonthHint            Key = "CalMonthHint"            // [ ‹ month › ]
	CalLoading              Key = "CalLoading"              // ↻ loading availability…
	CalMany                 Key = "CalMany"                 // many
	CalFew                  Key = "CalFew"                  // few
	CalNone                 Key = "CalNone"                 // none
	CalClosed               Key = "CalClosed"               // closed
	CalNotBookable          Key = "CalNotBookable"          // not bookable
	CalToday                Key = "CalToday"                // today
	CalPast1                Key = "CalPast1"                // In the past: outside the
	CalPast2                Key = "CalPast2"                // bookable window
	CalLoadingDay           Key = "CalLoadingDay"           // Loading…
	CalAfter1               Key = "CalAfter1"               // After %s:
	CalAfter2               Key = "CalAfter2"               // outside the bookable window
	CalClosedDay            Key = "CalClosedDay"            // Closed
	CalNoFreeSlots          Key = "CalNoFreeSlots"          // ○ No free slots
	CalHintNextFree         Key = "CalHintNextFree"         // n: next free day
	CalFreeSlots            Key = "CalFreeSlots"            // %d free slots
	CalFirst                Key = "CalFirst"                // first %s
	CalLast                 Key = "CalLast"                 // last  %s
	CalHintSeeTimes         Key = "CalHintSeeTimes"         // enter: see times
	CalHintAgenda           Key = "CalHintAgenda"           // d: day agenda
	CalLoadingShort         Key = "CalLoadingShort"         // loading…
	CalOutside              Key = "CalOutside"              // outside the bookable window
	CalClosedShort          Key = "CalClosedShort"          // closed
	CalNoFreeSlotsShort     Key = "CalNoFreeSlotsShort"     // ○ no free slots
	CalSummary              Key = "CalSummary"              // %[1]d free · %[2]s – %[3]s
)

// The slot list.
const (
	FailRefreshingTimes Key = "FailRefreshingTimes" // Refreshing the times failed
	FailHolding         Key = "FailHolding"         // Holding %s failed
	SlotsTaken          Key = "SlotsTaken"          // That slot was just taken — list refreshed
	SlotsGone           Key = "SlotsGone"           // %s is no longer free; choose another time
	SlotsPlacingHold    Key = "SlotsPlacingHold"    // Placing the hold…
	SlotsNoOtherFreeDay Key = "SlotsNoOtherFreeDay" // No other free day in the bookable window
	SlotsNoTimeStarts   Key = "SlotsNoTimeStarts"   // No free time starts with %s
	SlotsChooseFirst    Key = "SlotsChooseFirst"    // Choose a time first: ↑↓ to move
	SlotsMorning        Key = "SlotsMorning"        // Morning
	SlotsAfternoon      Key = "SlotsAfternoon"      // Afternoon
	SlotsEvening        Key = "SlotsEvening"        // Evening
	SlotsWhere          Key = "SlotsWhere"          // %[1]s, times in %[2]s
	SlotsRefreshing     Key = "SlotsRefreshing"     // ↻ refreshing…
	SlotsFreeTimes      Key = "SlotsFreeTimes"      // %d free times
	SlotsHolding        Key = "SlotsHolding"        // Holding %s…
	MoreWithPages       Key = "MoreWithPages"       // more with pgup/pgdn
	SlotsLeft           Key = "SlotsLeft"           // %d left
	SlotsTo             Key = "SlotsTo"             // to %s
	SlotsEmptyHint      Key = "SlotsEmptyHint"      // n: next free day · esc: back to the calendar
	SlotsClosedFor      Key = "SlotsClosedFor"      // ✕ Closed for %s
	SlotsNoMoreToday    Key = "SlotsNoMoreToday"    // ○ No more free times today
	SlotsNoneThatDay    Key = "SlotsNoneThatDay"    // ○ No free times: the location is closed or fully booked that day
)

// The contact form.
const (
	FormPhName              Key = "FormPhName"              // full name
	FormPhEmail             Key = "FormPhEmail"             // like name@example.com
	FormPhPhone             Key = "FormPhPhone"             // optional, with country code, like +1 212 555 0100
	FormPhNotes             Key = "FormPhNotes"             // optional
	FormPhWalkInEmail       Key = "FormPhWalkInEmail"       // needed for a walk-in too, like name@example.com
	FormUnresolved          Key = "FormUnresolved"          // ✕ The last booking attempt got no answer, so it may have gone through — press enter to check (safe: it can't book twice)
	FormCantEdit            Key = "FormCantEdit"            // ✕ Can't edit until we know whether it booked — enter retries
	FormHoldingAgain        Key = "FormHoldingAgain"        // Holding %s again…
	FormReleaseQuestion     Key = "FormReleaseQuestion"     // Release the hold on %s? y/n
	FormFieldsNeedFixing    Key = "FormFieldsNeedFixing"    // ✕ %d fields need fixing before booking
	FormFixRejected         Key = "FormFixRejected"         // ✕ fix the field the server rejected
	FormReview              Key = "FormReview"              // Book %[1]s <%[2]s> for %[3]s? enter confirm · esc edit
	FormBooking             Key = "FormBooking"             // Booking %s…
	FormBookedUnread        Key = "FormBookedUnread"        // ✓ Booked, but Zimun's reply was unreadable — find it under Appointments (a)
	FormBooked              Key = "FormBooked"              // ✓ Booked
	FormNoAnswer            Key = "FormNoAnswer"            // ✕ Couldn't reach Zimun — press enter to retry (safe: it can't book twice)
	FormTakenByOther        Key = "FormTakenByOther"        // ✕ This slot was already booked for someone else
	FormRejectedField       Key = "FormRejectedField"       // ✕ Zimun rejected the %s
	FormCouldNotBook        Key = "FormCouldNotBook"        // ✕ Couldn't book: %s
	FormCouldNotRehold      Key = "FormCouldNotRehold"      // ✕ Couldn't hold %[1]s again: %[2]s
	FormHeldAgain           Key = "FormHeldAgain"           // ✓ Holding %s again
	FormFieldError          Key = "FormFieldError"          // ✕ %[1]s: %[2]s
	FormFieldFull           Key = "FormFieldFull"           // ! %[1]s: %[2]d characters, the most it takes
	FormWalkInEmailRequired Key = "FormWalkInEmailRequired" // required: the API needs an email for a walk-in
	FormExpired             Key = "FormExpired"             // ✕ Your hold expired — r re-hold %s · s pick another slot
	FormSlotGone            Key = "FormSlotGone"            // ✕ %s was taken by someone else — s pick another slot
	FormHintPick            Key = "FormHintPick"            // s pick another slot
	FormUnverified          Key = "FormUnverified"          // ! Zimun no longer knows this hold, so zimun can't tell whether the earlier attempt booked %s.
	FormUnverifiedNone      Key = "FormUnverifiedNone"      // No booking for this email could be found or read. Check with the customer before booking again.
	FormUnverifiedSome      Key = "FormUnverifiedSome"      // This email's bookings Zimun shows:
	FormBookAnyway          Key = "FormBookAnyway"          // book it again anyway
)

// The contact form: returning customers.
const (
	RetTypeMore      Key = "RetTypeMore"      // Type three letters of a name or email, or six digits of a phone number, to search
	RetFilled        Key = "RetFilled"        // ✓ Filled in %s's details from an earlier booking
	RetNoteNoRead    Key = "RetNoteNoRead"    // (this desk's history only: the client may not read appointments)
	RetNoteNoSearch  Key = "RetNoteNoSearch"  // (this desk's history only: Zimun could not be searched)
	RetNotePartial   Key = "RetNotePartial"   // (more bookings matched than could be read)
	RetSearchingAll  Key = "RetSearchingAll"  // Searching all bookings…
	RetNoMatchAll    Key = "RetNoMatchAll"    // No earlier booking matches in all bookings
	RetNoMatchRecent Key = "RetNoMatchRecent" // No earlier booking matches in the past 6 months or the next 3
	RetSearchAll     Key = "RetSearchAll"     // %s search all
	RetReturning     Key = "RetReturning"     // ✓ Returning customer: %[1]d bookings, the latest on %[2]s
	RetOffer         Key = "RetOffer"         // ↺ Returning:
	RetFills         Key = "RetFills"         // fills
	RetNextOf        Key = "RetNextOf"        // next (%[1]d of %[2]d)
	RetSameDay       Key = "RetSameDay"       // ! %[2]s already has %[1]d bookings that day: %[3]s
)

// The walk-in.
const (
	LabelWalkIn              Key = "LabelWalkIn"              // Walk-in
	FailFindingWalkIn        Key = "FailFindingWalkIn"        // Finding a walk-in slot failed
	WalkInNoneAnyService     Key = "WalkInNoneAnyService"     // No free slot left today for any service at %s
	WalkInNoneAnyServiceNext Key = "WalkInNoneAnyServiceNext" // No free slot left today for any service at %[1]s; next free: %[2]s (%[3]s)
	WalkInNoneTodayNext      Key = "WalkInNoneTodayNext"      // No free slot left today for %[1]s; next free: %[2]s
	WalkInNoneInWindow       Key = "WalkInNoneInWindow"       // No free slot left today for %s nor in the bookable window
	WalkInFinding            Key = "WalkInFinding"            // Finding today's free slots at %s…
	WalkInHolding            Key = "WalkInHolding"            // Holding today's next free slot for %s…
	WalkInTitle              Key = "WalkInTitle"              // Walk-in at %s
	WalkInWhich              Key = "WalkInWhich"              // which service?
	WalkInEmailNote          Key = "WalkInEmailNote"          // The API needs an email for a walk-in too: the confirmation is sent there.
	WalkInCantRead           Key = "WalkInCantRead"           // ✕ couldn't read its free slots
	WalkInToday              Key = "WalkInToday"              // ● today %s
	WalkInNext               Key = "WalkInNext"               // ○ none today · next %s
	WalkInNoneTodayShort     Key = "WalkInNoneTodayShort"     // ○ none today
)

// The confirmation card.
const (
	CardService   Key = "CardService"   // Service
	CardWhere     Key = "CardWhere"     // Where
	CardWhen      Key = "CardWhen"      // When
	CardDuration  Key = "CardDuration"  // Duration
	CardReference Key = "CardReference" // Booking id
	CardEmailSent Key = "CardEmailSent" // A confirmation email was sent to %s.
	CardChangeIt  Key = "CardChangeIt"  // To change or cancel it: m, then the booking id and your email.
)

// The cancel dialog.
const (
	CancelPlaceholder  Key = "CancelPlaceholder"  // e.g. customer called to cancel
	CancelNoAnswer     Key = "CancelNoAnswer"     // %s. The cancellation may have gone through anyway; press ctrl+x to try again (safe: it cannot cancel twice).
	CancelCouldNot     Key = "CancelCouldNot"     // Could not cancel: %s. The appointment is unchanged.
	CancelDoneEmail    Key = "CancelDoneEmail"    // Cancelled. The customer gets a cancellation email at %s.
	CancelAlready      Key = "CancelAlready"      // That appointment was already cancelled; nothing changed.
	CancelUnread       Key = "CancelUnread"       // Cancelled, but Zimun's reply was unreadable; reload the list to see the appointment.
	CancelDone         Key = "CancelDone"         // Cancelled.
	DeskNotSaved       Key = "DeskNotSaved"       // (Not saved to the desk history: %s)
	ColCustomerLabel   Key = "ColCustomerLabel"   // Customer
	LabelID            Key = "LabelID"            // Id
	CancelTitle        Key = "CancelTitle"        // Cancel this appointment?
	CancelTitleAlready Key = "CancelTitleAlready" // This appointment is already cancelled
	CancelReasonHint   Key = "CancelReasonHint"   // Optional; the cancellation email quotes it.
	CancelCancelling   Key = "CancelCancelling"   // Cancelling…
	CancelKeepButton   Key = "CancelKeepButton"   // Keep appointment
	CancelCancelButton Key = "CancelCancelButton" // Cancel appointment
	CancelHintReason   Key = "CancelHintReason"   // tab to the buttons · ctrl+x cancel it · esc keep it
	CancelHintButtons  Key = "CancelHintButtons"  // enter choose · esc/K keep · ctrl+x cancel it · tab move
)

// Rescheduling.
const (
	MoveTitle     Key = "MoveTitle"     // Move this appointment?
	MoveNow       Key = "MoveNow"       // Now
	MoveNew       Key = "MoveNew"       // New
	MoveDate      Key = "MoveDate"      // Date
	MoveTime      Key = "MoveTime"      // Time
	MoveZone      Key = "MoveZone"      // Zone
	MoveMoving    Key = "MoveMoving"    // Moving…
	MoveDone      Key = "MoveDone"      // Moved.
	MoveHint      Key = "MoveHint"      // %[1]s move it · %[2]s pick another time
	MoveSameTime  Key = "MoveSameTime"  // That is the current time; pick another slot.
	MoveSlotTaken Key = "MoveSlotTaken" // That slot was just taken; the old booking is unchanged.
	MoveNoAnswer  Key = "MoveNoAnswer"  // %s. The move may have gone through anyway; press enter to try again (safe: the same request cannot move it twice).
	MoveCouldNot  Key = "MoveCouldNot"  // Could not move it: %s. The old booking is unchanged.
	MoveDoneEmail Key = "MoveDoneEmail" // Moved. The customer gets an update email at %s.
	MoveUnread    Key = "MoveUnread"    // Moved, but Zimun's reply was unreadable; reload the list to see the appointment.
)

// The appointments screen.
const (
	LabelAppointments      Key = "LabelAppointments"      // Appointments
	ApptSearchPlaceholder  Key = "ApptSearchPlaceholder"  // name, email or id
	ApptIDPrompt           Key = "ApptIDPrompt"           // Appointment id:
	ApptExportFailed       Key = "ApptExportFailed"       // Could not save the calendar file: %s
	ApptSaved              Key = "ApptSaved"              // Saved %s
	ApptLookingUp          Key = "ApptLookingUp"          // Looking up %s…
	ApptNoScope            Key = "ApptNoScope"            // This API client lacks the appointments:read scope, so appointments can't be listed.
	ApptNoList             Key = "ApptNoList"             // This Zimun server has no appointment list.
	ApptNoSuchID           Key = "ApptNoSuchID"           // No appointment with id %s.
	ApptLookupFailed       Key = "ApptLookupFailed"       // Could not look it up: %s
	ApptCantMoveCancelled  Key = "ApptCantMoveCancelled"  // A cancelled appointment can't be moved; book a new one instead.
	ApptRescheduling       Key = "ApptRescheduling"       // Rescheduling %[1]s — %[2]s; pick the new time
	ApptAlreadyCancelled   Key = "ApptAlreadyCancelled"   // That appointment is already cancelled.
	ApptNoExportDir        Key = "ApptNoExportDir"        // No export folder: set ui.export_dir
	ApptDeskHistory        Key = "ApptDeskHistory"        // Desk history
	ApptEntries            Key = "ApptEntries"            // %d entries
	ApptLookedUp           Key = "ApptLookedUp"           // %d looked up
	ApptCount              Key = "ApptCount"              // %d appointments
	ApptMoreBelow          Key = "ApptMoreBelow"          // , more below
	ApptLoadingMore        Key = "ApptLoadingMore"        // (loading…)
	ApptAllLocations       Key = "ApptAllLocations"       // all locations
	ApptKeptIn             Key = "ApptKeptIn"             // kept in %s
	ApptKeptInMemory       Key = "ApptKeptInMemory"       // kept in memory until zimun quits
	ApptHistoryIntro       Key = "ApptHistoryIntro"       // What this desk booked, moved and cancelled
	ApptLookUpHint         Key = "ApptLookUpHint"         // Look up by id · H desk history
	ApptRangeToday         Key = "ApptRangeToday"         // Today
	ApptRangeNext7         Key = "ApptRangeNext7"         // Next 7 days
	ApptRangeUpcoming      Key = "ApptRangeUpcoming"      // Upcoming
	ApptRangePast7         Key = "ApptRangePast7"         // Past 7 days
	ApptAllStatuses        Key = "ApptAllStatuses"        // all statuses
	ApptConfirmedOnly      Key = "ApptConfirmedOnly"      // confirmed only
	ApptCancelledOnly      Key = "ApptCancelledOnly"      // cancelled only
	ApptStatusKey          Key = "ApptStatusKey"          // s:
	ApptEscClears          Key = "ApptEscClears"          // (esc clears)
	ApptLoadFailed         Key = "ApptLoadFailed"         // Could not load appointments: %s (r to retry)
	ApptHistoryFailed      Key = "ApptHistoryFailed"      // Could not read the desk history: %s
	ApptNoListHint         Key = "ApptNoListHint"         // Type an appointment id above and press enter; H shows this desk's history.
	ColWhere               Key = "ColWhere"               // Where
	ColDayLabel            Key = "ColDayLabel"            // Day
	ColTimeLabel           Key = "ColTimeLabel"           // Time
	ColStatusLabel         Key = "ColStatusLabel"         // Status
	ColActionLabel         Key = "ColActionLabel"         // Action
	ColAppointmentLabel    Key = "ColAppointmentLabel"    // Appointment
	ApptNoneToday          Key = "ApptNoneToday"          // No appointments today
	ApptNoneNext7          Key = "ApptNoneNext7"          // No appointments next 7 days
	ApptNoneUpcoming       Key = "ApptNoneUpcoming"       // No appointments upcoming
	ApptNonePast7          Key = "ApptNonePast7"          // No appointments past 7 days
	ApptNoneThatDay        Key = "ApptNoneThatDay"        // No appointments that day
	ApptNone               Key = "ApptNone"               // %s.
	ApptNoneAt             Key = "ApptNoneAt"             // %[1]s at %[2]s.
	ApptLoading            Key = "ApptLoading"            // Loading appointments…
	ApptNothingLookedUp    Key = "ApptNothingLookedUp"    // Nothing looked up yet.
	ApptNotLoaded          Key = "ApptNotLoaded"          // Appointments not loaded.
	ApptNoMatch            Key = "ApptNoMatch"            // No appointment matches “%s”.
	ApptHistoryEmpty       Key = "ApptHistoryEmpty"       // Nothing recorded yet: bookings, moves and cancellations made here show up in this list.
	ApptHistoryEmptyMemory Key = "ApptHistoryEmptyMemory" // Nothing recorded yet: this session keeps its history in memory, until zimun quits.
	ApptHistoryNoMatch     Key = "ApptHistoryNoMatch"     // No history entry matches “%s”.
	ApptNoneSelected       Key = "ApptNoneSelected"       // No appointment selected.
	ApptBookingID          Key = "ApptBookingID"          // booking %s
	ApptUpdated            Key = "ApptUpdated"            // updated %s
	ApptCreated            Key = "ApptCreated"            // Created
	ApptDesk               Key = "ApptDesk"               // Desk
	ApptWas                Key = "ApptWas"                // Was
	ApptAsRecorded         Key = "ApptAsRecorded"         // As recorded then; r in the list shows it now.
	ApptToday              Key = "ApptToday"              // Today
	ApptTomorrow           Key = "ApptTomorrow"           // Tomorrow
	ApptYesterday          Key = "ApptYesterday"          // Yesterday
)

// The day agenda.
const (
	LabelAgenda          Key = "LabelAgenda"          // Day agenda
	AgendaNoScope        Key = "AgendaNoScope"        // Free times only: this API client lacks the appointments:read scope, so bookings can't be shown.
	AgendaNoList         Key = "AgendaNoList"         // Free times only: this Zimun server has no appointment list.
	FailLoadingBookings  Key = "FailLoadingBookings"  // Loading the day's bookings failed
	FailLoadingFreeTimes Key = "FailLoadingFreeTimes" // Loading the free times failed
	AgendaChooseFirst    Key = "AgendaChooseFirst"    // Choose a row first: ↑↓ to move
	AgendaLoading        Key = "AgendaLoading"        // Loading the day…
	AgendaBooked         Key = "AgendaBooked"         // %d booked
	AgendaNotLoaded      Key = "AgendaNotLoaded"      // bookings not loaded (r retries)
	AgendaNoService      Key = "AgendaNoService"      // no service to book here
	AgendaPastDay        Key = "AgendaPastDay"        // a past day: nothing to book
	AgendaPastWindow     Key = "AgendaPastWindow"     // past the bookable window
	AgendaClosedFor      Key = "AgendaClosedFor"      // closed for %s
	AgendaFreeFor        Key = "AgendaFreeFor"        // %[1]d free times for %[2]s
	AgendaEmptyHint      Key = "AgendaEmptyHint"      // h/l: another day · esc: back
	AgendaNoFree         Key = "AgendaNoFree"         // ○ No free times that day
	AgendaNothing        Key = "AgendaNothing"        // ○ Nothing booked and no free times that day
	AgendaFree           Key = "AgendaFree"           // Free
	AgendaBookedWord     Key = "AgendaBookedWord"     // Booked
	AgendaHeld           Key = "AgendaHeld"           // Held
)

// My booking, at a kiosk.
const (
	LabelMyBooking   Key = "LabelMyBooking"   // My booking
	MyCancelled      Key = "MyCancelled"      // Your appointment is cancelled.
	MyCancelEmail    Key = "MyCancelEmail"    // A cancellation email is on its way to %s.
	MyMoved          Key = "MyMoved"          // Your appointment is moved. An email with the new time is on its way.
	MyTypeRef        Key = "MyTypeRef"        // Type the booking id from your confirmation.
	MyTypeEmail      Key = "MyTypeEmail"      // Type the email you booked with.
	MyMiss           Key = "MyMiss"           // No booking matches that booking id and email. Check both and try again.
	MyAppointment    Key = "MyAppointment"    // Appointment
	MyMoving         Key = "MyMoving"         // Moving your appointment of %s; pick the new time
	MyIntro          Key = "MyIntro"          // Give the booking id from your confirmation and the email you booked with.
	MyLooking        Key = "MyLooking"        // Looking…
	MyTooMany        Key = "MyTooMany"        // Too many tries. You can try again in %s.
	MyBookedFor      Key = "MyBookedFor"      // Booked for
	MyIsCancelled    Key = "MyIsCancelled"    // This appointment is cancelled.
	MyHasPassed      Key = "MyHasPassed"      // This appointment has passed.
	MyCancelQuestion Key = "MyCancelQuestion" // Cancel this appointment?  %s: yes, cancel it · n: keep it
	FailCancelling   Key = "FailCancelling"   // Cancelling failed
	FailLookingUp    Key = "FailLookingUp"    // Looking up your booking failed
	MyPhRef          Key = "MyPhRef"          // from your confirmation, like a_3k9x2mq7tw4zp8rn
	MyPhEmail        Key = "MyPhEmail"        // the one you booked with
)

// The request inspector.
const (
	InspColMethod        Key = "InspColMethod"        // METHOD
	InspColPath          Key = "InspColPath"          // PATH
	InspColStatus        Key = "InspColStatus"        // STATUS
	InspColTook          Key = "InspColTook"          // TOOK
	InspColRetry         Key = "InspColRetry"         // RETRY
	InspColRequestID     Key = "InspColRequestID"     // REQUEST ID
	InspNewestFirst      Key = "InspNewestFirst"      // newest first
	InspNoRecorder       Key = "InspNoRecorder"       // this session records no calls
	InspCallsNewestFirst Key = "InspCallsNewestFirst" // %d calls, newest first
	InspNoCalls          Key = "InspNoCalls"          // No API calls yet: they are listed here as the session makes them.
	InspCopied           Key = "InspCopied"           // Copied as curl:
	InspFailed           Key = "InspFailed"           // failed
	InspRequest          Key = "InspRequest"          // Request
	InspResponse         Key = "InspResponse"         // Response
	InspLines            Key = "InspLines"            // lines %[1]d–%[2]d of %[3]d
	InspCopiedShort      Key = "InspCopiedShort"      // copied as curl
	InspNoAnswer         Key = "InspNoAnswer"         // no answer
	InspNoRetries        Key = "InspNoRetries"        // no retries
	InspRetries          Key = "InspRetries"          // %d retries
	InspNoAnswerBecause  Key = "InspNoAnswerBecause"  // no answer: %s
	InspMoreLines        Key = "InspMoreLines"        // … %s more lines
	InspNoBody           Key = "InspNoBody"           // (no body)
	InspCut              Key = "InspCut"              // … cut at %s KiB
	InspTooLong          Key = "InspTooLong"          // This call's body was too long to keep, so it can't be copied as curl
	InspCopiedSay        Key = "InspCopiedSay"        // Copied as curl; run it where ZIMUN_TOKEN is set: export ZIMUN_TOKEN=$(zimun token)
	InspShownSay         Key = "InspShownSay"         // Shown as curl below; run it where ZIMUN_TOKEN is set: export ZIMUN_TOKEN=$(zimun token)
	LabelInspector       Key = "LabelInspector"       // API calls
)

// The availability map.
const (
	LabelAvailabilityMap Key = "LabelAvailabilityMap" // Availability map
	MapLoading           Key = "MapLoading"           // Loading the services…
	MapNoService         Key = "MapNoService"         // No service is offered at any active location.
	MapSubtitle          Key = "MapSubtitle"          // free places a day, %[1]d days from %[2]s
	MapByLocation        Key = "MapByLocation"        // by location, all services
	MapByService         Key = "MapByService"         // by service
	MapServiceAt         Key = "MapServiceAt"         // %[1]s at %[2]s
	MapDetailHead        Key = "MapDetailHead"        // %s:
	MapOutside           Key = "MapOutside"           // not in the window (past, or beyond the days asked for)
	MapClosed            Key = "MapClosed"            // closed: %s
	MapNoFree            Key = "MapNoFree"            // no free time
	MapPlaces            Key = "MapPlaces"            // %d places
	MapMostRoom          Key = "MapMostRoom"          // most room
	MapLess              Key = "MapLess"              // less
	MapNoneFree          Key = "MapNoneFree"          // none free
	MapNotInWindow       Key = "MapNotInWindow"       // not in the window
)

// The kiosk's own notices.
const (
	KioskStillThere   Key = "KioskStillThere"   // Still there?
	KioskStartsOver   Key = "KioskStartsOver"   // This kiosk starts over in %d s, and anything not yet booked is let go.
	KioskCarryOn      Key = "KioskCarryOn"      // Press any key to carry on.
	KioskClosingIn    Key = "KioskClosingIn"    // This kiosk is closing in %d s. Please finish now, or come back in a few minutes.
	KioskLimitIn      Key = "KioskLimitIn"      // This session ends in %d s: it has reached its time limit.
	KioskClosed       Key = "KioskClosed"       // This kiosk has closed. Please try again in a few minutes.
	KioskLimitReached Key = "KioskLimitReached" // This session reached its time limit. Thank you!
	KioskBusy         Key = "KioskBusy"         // All kiosks are busy, try again in a minute.
	KioskClosingNow   Key = "KioskClosingNow"   // This kiosk is closing, try again in a minute.
	KioskNoTerminal   Key = "KioskNoTerminal"   // This is a booking kiosk: it needs a terminal. Connect with ssh -t, without a command.
	KioskFailed       Key = "KioskFailed"       // Sorry, something went wrong here. Please connect again.
)
