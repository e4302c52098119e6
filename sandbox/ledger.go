package sandbox

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Ledger is everything the sandbox holds, for tests that check that a
// client lost nothing: read it with Server.Ledger.
type Ledger struct {
	At           time.Time           // the sandbox's clock when it was read
	Appointments []LedgerAppointment // by start, then id
	Holds        []LedgerHold        // by start, then id
	// Slots are the slots that something occupies, each with what it
	// holds and its capacity; OverCapacity picks the broken ones.
	Slots []SlotUsage
}

// LedgerAppointment is one appointment, cancelled ones included.
type LedgerAppointment struct {
	ID, Status             string
	ServiceID, LocationID  string
	Start                  time.Time
	Minutes                int
	ContactName, Email     string
	HoldID, IdempotencyKey string // of the confirm that made it; "" for seeded ones
	CreatedAt, UpdatedAt   time.Time
}

// HoldState says what became of a hold. Released holds are gone.
type HoldState string

const (
	HoldLive      HoldState = "live"      // takes capacity until it expires
	HoldExpired   HoldState = "expired"   // takes nothing; forgotten later
	HoldConfirmed HoldState = "confirmed" // became AppointmentID
)

// LedgerHold is one hold the sandbox still remembers.
type LedgerHold struct {
	ID                    string
	ServiceID, LocationID string
	Start, ExpiresAt      time.Time
	State                 HoldState
	AppointmentID         string
	IdempotencyKey        string // of the request that placed it
}

// SlotUsage is one slot of a service at a location: Used places taken
// (confirmed appointments and live holds, Held of them holds) of Capacity.
type SlotUsage struct {
	ServiceID, LocationID string
	Start, End            time.Time
	Capacity, Used, Held  int
}

// OverCapacity lists the slots holding more than their capacity; a
// correct sandbox has none, whatever its clients do.
func (l Ledger) OverCapacity() []SlotUsage {
	var out []SlotUsage
	for _, u := range l.Slots {
		if u.Used > u.Capacity {
			out = append(out, u)
		}
	}
	return out
}

// Ledger reads everything the sandbox holds now. A forget fault applies
// first, as it would to the next request.
func (s *Server) Ledger() Ledger {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if keep, set := s.plan.retention(); set {
		s.forget(&call{now: now}, keep)
	}
	l := Ledger{At: now}
	for _, a := range s.st.Appointments {
		l.Appointments = append(l.Appointments, LedgerAppointment{ID: a.ID, Status: a.Status,
			ServiceID: a.ServiceID, LocationID: a.LocationID, Start: a.Start, Minutes: a.Duration,
			ContactName: a.ContactName, Email: a.ContactEmail, HoldID: a.HoldID, IdempotencyKey: a.IdempotencyKey,
			CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt})
	}
	slices.SortFunc(l.Appointments, func(x, y LedgerAppointment) int {
		return cmp.Or(x.Start.Compare(y.Start), strings.Compare(x.ID, y.ID))
	})
	for _, h := range s.st.Holds {
		state := HoldLive
		switch {
		case h.AppointmentID != "":
			state = HoldConfirmed
		case !h.live(now):
			state = HoldExpired
		}
		l.Holds = append(l.Holds, LedgerHold{ID: h.ID, ServiceID: h.ServiceID, LocationID: h.LocationID,
			Start: h.Start, ExpiresAt: h.ExpiresAt, State: state, AppointmentID: h.AppointmentID, IdempotencyKey: h.IdempotencyKey})
	}
	slices.SortFunc(l.Holds, func(x, y LedgerHold) int {
		return cmp.Or(x.Start.Compare(y.Start), strings.Compare(x.ID, y.ID))
	})
	l.Slots = s.slotUsage(now)
	return l
}

// slotUsage counts, with the rule holds and availability use, every slot
// of every day something occupies, plus the start of anything off the grid.
func (s *Server) slotUsage(now time.Time) []SlotUsage {
	type pair struct{ service, location string }
	starts := map[pair][]time.Time{}
	note := func(serviceID, locationID string, start time.Time) {
		p := pair{serviceID, locationID}
		starts[p] = append(starts[p], start)
	}
	for _, a := range s.st.Appointments {
		if a.Status == statusConfirmed {
			note(a.ServiceID, a.LocationID, a.Start)
		}
	}
	for _, h := range s.st.Holds {
		if h.blocks(now) {
			note(h.ServiceID, h.LocationID, h.Start)
		}
	}
	var out []SlotUsage
	for p, items := range starts {
		svc, loc := s.st.service(p.service), s.st.location(p.location)
		if svc == nil || loc == nil {
			continue
		}
		tz, err := s.zone(loc.Timezone)
		if err != nil {
			continue
		}
		length := time.Duration(svc.DurationMinutes) * time.Minute
		candidates := map[time.Time]bool{}
		for _, t := range items {
			candidates[t.UTC()] = true
			for _, g := range s.dayGrid(svc, loc, localDay(t, tz)) {
				candidates[g.UTC()] = true
			}
		}
		var lo, hi time.Time
		for t := range candidates {
			if lo.IsZero() || t.Before(lo) {
				lo = t
			}
			if t.After(hi) {
				hi = t
			}
		}
		occ := s.occupancy(svc.ID, loc.ID, lo, hi.Add(length), now, "")
		held := occupancy{}
		for _, h := range s.st.Holds {
			if h.blocks(now) && h.ServiceID == svc.ID && h.LocationID == loc.ID {
				held.busy = append(held.busy, interval{h.Start, h.Start.Add(time.Duration(h.Duration) * time.Minute)})
				held.longest = max(held.longest, time.Duration(h.Duration)*time.Minute)
			}
		}
		slices.SortFunc(held.busy, func(x, y interval) int { return x.start.Compare(y.start) })
		for t := range candidates {
			end := t.Add(length)
			if used := occ.count(t, end); used > 0 {
				out = append(out, SlotUsage{ServiceID: svc.ID, LocationID: loc.ID, Start: t.In(tz), End: end.In(tz),
					Capacity: svc.Capacity, Used: used, Held: held.count(t, end)})
			}
		}
	}
	slices.SortFunc(out, func(x, y SlotUsage) int {
		return cmp.Or(x.Start.Compare(y.Start), strings.Compare(x.ServiceID, y.ServiceID), strings.Compare(x.LocationID, y.LocationID))
	})
	return out
}
