package common

import "github.com/zimun-app/zimun/model"

// Navigation messages: screens report what the user chose; the root decides
// which screen comes next.
type (
	// LocationChosenMsg: the user picked where.
	LocationChosenMsg struct{ Location model.Location }
	// ServiceChosenMsg: the user picked what.
	ServiceChosenMsg struct{ Service model.Service }
	// BookedMsg: the appointment is confirmed.
	BookedMsg struct{ Appointment model.Appointment }
	// BackMsg asks the root for the previous screen.
	BackMsg struct{}
	// OpenAppointmentsMsg asks for the Appointments screen.
	OpenAppointmentsMsg struct{}
	// OpenAgendaMsg asks for the day agenda of Date at Location (the
	// desk's when empty), its free times those of Service (the desk's, or
	// one offered there, when empty or not offered there), starting on
	// the booking Select when it has one.
	OpenAgendaMsg struct {
		Date     model.Date
		Location model.Location
		Service  model.Service
		Select   string
	}
	// WalkInMsg asks for a walk-in: today's next free slot, held.
	WalkInMsg struct{}
	// ChangeLocationMsg and ChangeServiceMsg ask for the pickers.
	ChangeLocationMsg struct{}
	ChangeServiceMsg  struct{}
	// NewBookingMsg asks for the calendar again, after a booking.
	NewBookingMsg struct{}
	// StartOverMsg asks a kiosk to start over for the next customer.
	StartOverMsg struct{}
	// FinishedMsg: a customer's errand is done (moved, cancelled); a kiosk
	// shows it a while, then starts over.
	FinishedMsg struct{}
)

// SlotsChangedMsg says another session held, gave back, booked, moved or
// cancelled a slot of the service at the location: screens showing them
// refetch at once.
type SlotsChangedMsg struct{ ServiceID, LocationID string }

// Heading is what the header names for the screen on show.
type Heading struct {
	Label    string // e.g. "Appointments", "Reschedule"
	Location model.Location
	Service  model.Service
}

// The developer's tools, opened over the screen on show.
type (
	// OpenInspectorMsg asks for the request inspector.
	OpenInspectorMsg struct{}
	// OpenAvailabilityMapMsg asks for the availability map.
	OpenAvailabilityMapMsg struct{}
)
