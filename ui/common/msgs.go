package common

import "github.com/zimun-app/zimun/model"

// Navigation messages: screens report what the user chose; the root decides
// which screen comes next.
type (
	// LocationChosenMsg: the user picked where.
	LocationChosenMsg struct{ Location model.Location }
	// ServiceChosenMsg: the user picked what.
	ServiceChosenMsg struct{ Service model.Service }
	// DayChosenMsg: the user opened a day on the calendar.
	DayChosenMsg struct{ Date model.Date }
	// HoldPlacedMsg: a slot is held; the contact form comes next.
	HoldPlacedMsg struct {
		Hold model.Hold
		Slot model.Slot
	}
	// HoldReleasedMsg: the hold is gone (released or expired and dropped).
	HoldReleasedMsg struct{}
	// BookedMsg: the appointment is confirmed.
	BookedMsg struct{ Appointment model.Appointment }
	// BackMsg asks the root for the previous screen.
	BackMsg struct{}
	// StatusMsg shows a passing line in the footer.
	StatusMsg struct{ Text string }
)
