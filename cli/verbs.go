package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/config"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// verbCmds are the scripting verbs, one per step of the booking flow.
func (a *app) verbCmds() []*cobra.Command {
	return []*cobra.Command{
		a.servicesCmd(), a.locationsCmd(), a.availabilityCmd(),
		a.holdCmd(), a.releaseCmd(), a.confirmCmd(),
		a.rescheduleCmd(), a.cancelCmd(),
		a.appointmentsCmd(), a.appointmentCmd(),
		a.icsCmd(), a.historyCmd(),
	}
}

// verbFunc is a verb's body, run with an open session.
type verbFunc func(ctx context.Context, v *verbRun, args []string) error

// verbRun is one verb's execution: where to print and how, and the
// booking session every write goes through.
type verbRun struct {
	Env
	client  *api.Client // reads
	office  *booking.Office
	session *booking.Session
	demo    bool
	json    bool
	p       *i18n.Printer // the run's words; --json is never translated
}

// verb completes cmd as an API verb: --json, config, an API session (an
// embedded sandbox without credentials) and exit codes. check runs on the
// configuration before any network work, for usage errors.
func (a *app) verb(cmd *cobra.Command, check func(config.Config) error, body verbFunc) *cobra.Command {
	var asJSON, curl bool
	cmd.Flags().BoolVar(&asJSON, "json", false, a.h(i18n.FlagJSON))
	cmd.Flags().BoolVar(&curl, "curl", false, a.h(i18n.FlagCurl))
	cmd.RunE = run(func(c *cobra.Command, args []string) error {
		cfg, err := a.loadConfig(c, nil)
		if err != nil {
			return err
		}
		if check != nil {
			if err := check(cfg); err != nil {
				return err
			}
		}
		s, err := a.connect(c, cfg, true)
		if err != nil {
			return err
		}
		defer s.close()
		env, flush := a.redactingEnv()
		defer flush()
		for _, n := range s.notes {
			fmt.Fprintln(env.Stderr, a.words().T(i18n.Note, n))
		}
		v := &verbRun{
			Env:     env,
			client:  s.client,
			office:  s.office,
			session: s.office.NewSession(),
			demo:    s.demo,
			json:    asJSON,
			p:       a.words(),
		}
		// Whatever the verb placed and did not hand over goes back.
		defer v.session.Close(context.WithoutCancel(c.Context()))
		if curl {
			return printCurl(c.Context(), env, a.words(), s.demo, func(ctx context.Context) error { return body(ctx, v, args) })
		}
		return body(c.Context(), v, args)
	})
	return cmd
}

func (a *app) servicesCmd() *cobra.Command {
	return a.verb(&cobra.Command{
		Use:   "services",
		Short: a.h(i18n.CmdServicesShort),
		Args:  cobra.NoArgs,
	}, nil, func(ctx context.Context, v *verbRun, _ []string) error {
		list, err := v.client.Services(ctx)
		if err != nil {
			return err
		}
		if v.json {
			return writeJSON(v.Stdout, stableServices(list))
		}
		p := v.p
		t := newTable(v.Stdout, p.T(i18n.ColID), p.T(i18n.ColName), p.T(i18n.ColDuration), p.T(i18n.ColLocations), p.T(i18n.ColDescription))
		for _, s := range list {
			t.row(s.ID, s.Name, p.T(i18n.CellMinutes, s.DurationMinutes), strings.Join(s.LocationIDs, ","), truncate(s.Description, 60))
		}
		return t.flush()
	})
}

func (a *app) locationsCmd() *cobra.Command {
	return a.verb(&cobra.Command{
		Use:   "locations",
		Short: a.h(i18n.CmdLocationsShort),
		Args:  cobra.NoArgs,
	}, nil, func(ctx context.Context, v *verbRun, _ []string) error {
		list, err := v.client.Locations(ctx)
		if err != nil {
			return err
		}
		if v.json {
			return writeJSON(v.Stdout, list)
		}
		p := v.p
		t := newTable(v.Stdout, p.T(i18n.ColID), p.T(i18n.ColName), p.T(i18n.ColTimezone), p.T(i18n.ColActive), p.T(i18n.ColAddress))
		for _, l := range list {
			active := p.T(i18n.CellYes)
			if !l.Active {
				active = p.T(i18n.CellNo)
			}
			t.row(l.ID, l.Name, l.Timezone, active, l.Address)
		}
		return t.flush()
	})
}

// serviceFlags are --service and --location, defaulting to booking.service
// and booking.location.
type serviceFlags struct {
	service, location string
	p                 func() *i18n.Printer
}

func (f *serviceFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.service, "service", "", f.p().T(i18n.FlagService))
	cmd.Flags().StringVar(&f.location, "location", "", f.p().T(i18n.FlagLocation))
}

// withDefaults fills the flags from the configuration; the service is
// required one way or the other.
func (f *serviceFlags) withDefaults(cfg config.Config) error {
	if f.service == "" {
		f.service = cfg.Booking.Service
	}
	if f.location == "" {
		f.location = cfg.Booking.Location
	}
	if f.service == "" {
		return usageErrorf("%s", f.p().T(i18n.ServiceRequired))
	}
	return nil
}

func (a *app) availabilityCmd() *cobra.Command {
	var (
		sf   = serviceFlags{p: a.words}
		days int
		all  bool
	)
	cmd := &cobra.Command{
		Use:   "availability --service S [--location L] [--days N] | --all [--location L]",
		Short: a.h(i18n.CmdAvailabilityShort),
		Args:  cobra.NoArgs,
	}
	sf.add(cmd)
	cmd.Flags().IntVar(&days, "days", 0, a.h(i18n.FlagDays))
	cmd.Flags().BoolVar(&all, "all", false, a.h(i18n.FlagAll))
	return a.verb(cmd, func(cfg config.Config) error {
		if !cmd.Flags().Changed("days") {
			days = cfg.Booking.DaysAhead
		}
		if days < 1 || days > 90 {
			return usageErrorf("%s", a.words().T(i18n.DaysRange, days))
		}
		if all {
			if sf.service != "" {
				return usageError(i18n.ErrAllAndService)
			}
			return nil
		}
		return sf.withDefaults(cfg)
	}, func(ctx context.Context, v *verbRun, _ []string) error {
		if all {
			return v.availabilityAll(ctx, sf.location, days)
		}
		svc, loc, err := v.serviceAt(ctx, sf.service, sf.location)
		if err != nil {
			return err
		}
		av, err := v.client.Availability(ctx, svc.ID, loc.ID, days)
		if err != nil {
			return err
		}
		if v.json {
			return writeJSON(v.Stdout, stableAvailability(av))
		}
		zone := loc.Zone()
		if av.Timezone != "" {
			zone = model.LoadZone(av.Timezone)
		}
		p := v.p
		fmt.Fprintf(v.Stdout, "%s\n\n", p.T(i18n.AvailabilityTitle,
			model.Sanitize(named(svc.Name, svc.ID)), model.Sanitize(named(loc.Name, loc.ID)), zone.String()))
		t := newTable(v.Stdout, p.T(i18n.ColDate), p.T(i18n.ColDay), p.T(i18n.ColFree), p.T(i18n.ColTimes))
		for _, d := range availabilityDates(av) {
			day, _ := av.Day(d)
			times := make([]string, len(day.Slots))
			for i, s := range day.Slots {
				times[i] = p.Time(s.Start, zone)
			}
			free, note := fmt.Sprint(len(times)), strings.Join(times, " ")
			if name, closed := av.Holiday(d); closed {
				free, note = "-", p.T(i18n.CellClosed, name)
			} else if len(times) == 0 {
				note = p.T(i18n.CellFull)
			}
			t.row(d.String(), p.WeekdayShort(d.Weekday()), free, note)
		}
		return t.flush()
	})
}

// availabilityDates is every day of the window, holidays included, in order.
func availabilityDates(av model.Availability) []model.Date {
	var dates []model.Date
	for _, d := range av.Days {
		dates = append(dates, d.Date)
	}
	for d := range av.Holidays {
		if !slices.Contains(dates, d) {
			dates = append(dates, d)
		}
	}
	slices.SortFunc(dates, model.Date.Compare)
	return dates
}

func (a *app) holdCmd() *cobra.Command {
	var (
		sf = serviceFlags{p: a.words}
		at timeValue
	)
	cmd := &cobra.Command{
		Use:   "hold --service S [--location L] --at TIME",
		Short: a.h(i18n.CmdHoldShort),
		Long:  a.h(i18n.CmdHoldLong),
		Args:  cobra.NoArgs,
	}
	sf.add(cmd)
	cmd.Flags().Var(&at, "at", a.h(i18n.FlagHoldAt))
	_ = cmd.MarkFlagRequired("at") // the flag exists
	return a.verb(cmd, sf.withDefaults, func(ctx context.Context, v *verbRun, _ []string) error {
		svc, loc, err := v.serviceAt(ctx, sf.service, sf.location)
		if err != nil {
			return err
		}
		start, err := at.in(loc.Zone())
		if err != nil {
			return &codedError{exitUsage, i18n.Errorf(i18n.NamedProblem, "--at", err)}
		}
		h, err := v.session.Hold(ctx, svc, loc, model.Slot{Start: start})
		if err != nil {
			if booking.IsUnknown(err) {
				// What it may have held is found and given back on Close.
				return errors.New(v.p.T(i18n.HoldNotMade, describe(v.p, err)))
			}
			return err
		}
		v.session.Disown(h.ID) // the script confirms it later
		if v.json {
			return writeJSON(v.Stdout, h)
		}
		p := v.p
		t := newTable(v.Stdout)
		t.row(p.T(i18n.LabelHold), h.ID)
		t.row(p.T(i18n.LabelStatus), p.Status(h.Status))
		t.row(p.T(i18n.LabelService), named(svc.Name, svc.ID))
		t.row(p.T(i18n.LabelLocation), named(loc.Name, loc.ID))
		end := h.Time.Add(time.Duration(h.DurationMinutes) * time.Minute)
		t.row(p.T(i18n.LabelWhen), p.DateSpan(h.Time, end, loc.Zone()))
		expires := p.DateTime(h.ExpiresAt, loc.Zone())
		if !h.Deadline.IsZero() {
			expires = p.T(i18n.ExpiresIn, expires, h.Remaining(v.Now()).Round(time.Second).String())
		}
		t.row(p.T(i18n.LabelExpires), expires)
		if err := t.flush(); err != nil {
			return err
		}
		if v.demo {
			fmt.Fprintln(v.Stderr, p.T(i18n.HoldInDemo))
		} else {
			fmt.Fprintln(v.Stderr, p.T(i18n.ConfirmWith, model.Sanitize(h.ID)))
		}
		return nil
	})
}

func (a *app) releaseCmd() *cobra.Command {
	var holdID string
	cmd := &cobra.Command{
		Use:   "release HOLD | --hold HOLD",
		Short: a.h(i18n.CmdReleaseShort),
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case holdID != "" && len(args) > 0:
				return usageError(i18n.ErrHoldTwice)
			case holdID != "":
				return model.CheckID("--hold", holdID)
			}
			return idArg(cmd, args)
		},
	}
	cmd.Flags().StringVar(&holdID, "hold", "", a.h(i18n.FlagReleaseHold))
	return a.verb(cmd, nil, func(ctx context.Context, v *verbRun, args []string) error {
		id := holdID
		if id == "" {
			id = args[0]
		}
		if err := v.session.Release(ctx, id); err != nil {
			return err
		}
		if v.json {
			return writeJSON(v.Stdout, struct {
				HoldID string `json:"hold_id"`
				Status string `json:"status"`
			}{id, "released"})
		}
		_, err := fmt.Fprintln(v.Stdout, v.p.T(i18n.Released, model.Sanitize(id)))
		return err
	})
}

func (a *app) confirmCmd() *cobra.Command {
	var (
		holdID, key string
		contact     model.Contact
	)
	cmd := &cobra.Command{
		Use:   "confirm --hold H --name N --email E [--phone P] [--notes T] [--idempotency-key K]",
		Short: a.h(i18n.CmdConfirmShort),
		Long:  a.h(i18n.CmdConfirmLong),
		Args:  cobra.NoArgs,
	}
	f := cmd.Flags()
	f.StringVar(&holdID, "hold", "", a.h(i18n.FlagConfirmHold))
	f.StringVar(&key, "idempotency-key", "", a.h(i18n.FlagConfirmKey))
	f.StringVar(&contact.Name, "name", "", a.h(i18n.FlagName))
	f.StringVar(&contact.Email, "email", "", a.h(i18n.FlagEmail))
	f.StringVar(&contact.Phone, "phone", "", a.h(i18n.FlagPhone))
	f.StringVar(&contact.Notes, "notes", "", a.h(i18n.FlagNotes))
	for _, name := range []string{"hold", "name", "email"} {
		_ = cmd.MarkFlagRequired(name) // the flags exist
	}
	return a.verb(cmd, func(config.Config) error {
		if err := model.CheckID("hold", holdID); err != nil {
			return flagError("hold", err)
		}
		contact = contact.Normalized()
		if err := contact.Validate(); err != nil {
			return usageError(i18n.NamedProblem, "contact", err)
		}
		return nil
	}, func(ctx context.Context, v *verbRun, _ []string) error {
		if key == "" {
			key = booking.ConfirmKey(holdID, contact)
		}
		out := v.session.Adopt(holdID, key).Confirm(ctx, contact)
		v.warnJournal(i18n.ActionBooked, out.JournalErr)
		p := v.p
		switch out.Result {
		case booking.Booked:
			if out.Found {
				fmt.Fprintln(v.Stderr, p.T(i18n.AlreadyBookedByEarlierRun))
			}
			return v.printAppointment(ctx, out.Appointment)
		case booking.Unknown:
			return unknownOutcome(p, out.Err)
		case booking.TakenByOther:
			return errors.New(p.T(i18n.HoldTakenByOther, model.Sanitize(holdID), model.Sanitize(out.Appointment.ID)))
		case booking.Unverified:
			msg := p.T(i18n.HoldUnverified, describe(p, out.Err))
			for _, a := range out.Candidates {
				msg += "\n  " + p.T(i18n.CandidateBooked, model.Sanitize(a.ID), model.Sanitize(a.Contact.Email), p.DateTime(a.Time, v.zone(ctx, a.LocationID)))
			}
			return errors.New(msg)
		}
		return out.Err
	})
}

// exitUnknown is the exit code of a write whose outcome is unknown.
const exitUnknown = 3

// unknownOutcome says that a write may or may not have been made.
func unknownOutcome(p *i18n.Printer, err error) error {
	return &codedError{exitUnknown, errors.New(p.T(i18n.OutcomeUnknown, describe(p, err)))}
}

// warnJournal says that a change was made but not written to the desk
// history.
func (v *verbRun) warnJournal(action i18n.Key, err error) {
	if err != nil && !v.demo {
		fmt.Fprintln(v.Stderr, v.p.T(i18n.DoneNotInHistory, v.p.T(action), err.Error()))
	}
}

func (a *app) rescheduleCmd() *cobra.Command {
	var at timeValue
	cmd := &cobra.Command{
		Use:   "reschedule ID --at TIME",
		Short: a.h(i18n.CmdRescheduleShort),
		Long:  a.h(i18n.CmdRescheduleLong),
		Args:  idArg,
	}
	cmd.Flags().Var(&at, "at", a.h(i18n.FlagRescheduleAt))
	_ = cmd.MarkFlagRequired("at") // the flag exists
	return a.verb(cmd, nil, func(ctx context.Context, v *verbRun, args []string) error {
		// The current copy gives a wall-clock --at its zone and the journal
		// the previous time; only the zone cannot do without it.
		before, err := v.client.Appointment(api.Send(ctx), args[0])
		if err != nil && at.isWall() {
			return err
		}
		start, err := v.placeFor(ctx, &at, before.LocationID)
		if err != nil {
			return err
		}
		if before.ID == "" {
			before.ID = args[0]
		}
		cat := v.catalog(ctx)
		svc, _ := cat.Service(before.ServiceID)
		loc, _ := cat.Location(before.LocationID)
		done, err := v.session.Reschedule(ctx, booking.Move{
			Appointment: before, To: start, Service: svc, Location: loc, Key: booking.MoveKey(args[0], start),
		})
		switch {
		case booking.IsUnknown(err):
			return unknownOutcome(v.p, err)
		case err != nil:
			return err
		}
		v.warnJournal(i18n.ActionRescheduled, done.JournalErr)
		return v.printAppointment(ctx, done.Appointment)
	})
}

// placeFor turns --at into an instant; a wall-clock time is read in the
// zone of the appointment's location.
func (v *verbRun) placeFor(ctx context.Context, at *timeValue, locationID string) (time.Time, error) {
	if !at.isWall() {
		return at.in(time.UTC)
	}
	loc, ok := v.location(ctx, locationID)
	if !ok {
		return time.Time{}, usageErrorf("%s", v.p.T(i18n.NoZoneForAt, locationID))
	}
	t, err := at.in(loc.Zone())
	if err != nil {
		return time.Time{}, &codedError{exitUsage, i18n.Errorf(i18n.NamedProblem, "--at", err)}
	}
	return t, nil
}

func (a *app) cancelCmd() *cobra.Command {
	var reason string
	cmd := &cobra.Command{
		Use:   "cancel ID [--reason R]",
		Short: a.h(i18n.CmdCancelShort),
		Args:  idArg,
	}
	cmd.Flags().StringVar(&reason, "reason", "", a.h(i18n.FlagReason))
	return a.verb(cmd, func(config.Config) error { return flagError("reason", model.ValidateReason(reason)) }, func(ctx context.Context, v *verbRun, args []string) error {
		// Asked first only to tell whether this cancel changes anything.
		before, _ := v.client.Appointment(api.Send(ctx), args[0])
		if before.ID == "" {
			before.ID = args[0]
		}
		cat := v.catalog(ctx)
		svc, _ := cat.Service(before.ServiceID)
		loc, _ := cat.Location(before.LocationID)
		done, err := v.session.Cancel(ctx, booking.Cancellation{
			Appointment: before, Reason: reason, Service: svc, Location: loc, Key: booking.CancelKey(args[0], reason),
		})
		switch {
		case booking.IsUnknown(err):
			return unknownOutcome(v.p, err)
		case err != nil:
			return err
		}
		v.warnJournal(i18n.ActionCancelled, done.JournalErr)
		return v.printAppointment(ctx, done.Appointment)
	})
}

func (a *app) appointmentCmd() *cobra.Command {
	return a.verb(&cobra.Command{
		Use:   "appointment ID",
		Short: a.h(i18n.CmdAppointmentShort),
		Args:  idArg,
	}, nil, func(ctx context.Context, v *verbRun, args []string) error {
		appt, err := v.client.Appointment(ctx, args[0])
		if err != nil {
			return err
		}
		return v.printAppointment(ctx, appt)
	})
}

// dayRanges are the named windows of the UI's Appointments screen.
var dayRanges = []struct {
	flag  string
	usage i18n.Key
	r     model.DayRange
}{
	{"today", i18n.FlagToday, model.Today},
	{"week", i18n.FlagWeek, model.Next7Days},
	{"upcoming", i18n.FlagUpcoming, model.Upcoming},
	{"past", i18n.FlagPast, model.Past7Days},
}

func (a *app) appointmentsCmd() *cobra.Command {
	var (
		from          = timeValue{allowDate: true}
		to            = timeValue{allowDate: true}
		status, query string
		location      string
		limit         int
		ranges        = make([]bool, len(dayRanges))
	)
	cmd := &cobra.Command{
		Use:   "appointments [--today|--week|--upcoming|--past|--from DATE --to DATE] [--status S] [--q TEXT] [--location L] [--limit N]",
		Short: a.h(i18n.CmdAppointmentsShort),
		Long:  a.h(i18n.CmdAppointmentsLong),
		Args:  cobra.NoArgs,
	}
	f := cmd.Flags()
	for i, r := range dayRanges {
		f.BoolVar(&ranges[i], r.flag, false, a.h(r.usage))
	}
	f.Var(&from, "from", a.h(i18n.FlagFrom))
	f.Var(&to, "to", a.h(i18n.FlagTo))
	f.StringVar(&status, "status", "", a.h(i18n.FlagStatus))
	f.StringVar(&query, "q", "", a.h(i18n.FlagQuery))
	f.StringVar(&location, "location", "", a.h(i18n.FlagApptLocation))
	f.IntVar(&limit, "limit", 0, a.h(i18n.FlagApptLimit))
	picked := -1 // index in dayRanges
	return a.verb(cmd, func(config.Config) error {
		if limit < 0 {
			return usageErrorf("%s", a.words().T(i18n.LimitNegative, limit))
		}
		if err := model.ValidateQuery(query); err != nil {
			return flagError("q", err)
		}
		if err := model.CheckText("location", location, model.MaxNameRunes, false); err != nil {
			return flagError("location", err)
		}
		for i, on := range ranges {
			switch {
			case !on:
			case picked >= 0:
				return usageErrorf("%s", a.words().T(i18n.WindowsConflict, dayRanges[picked].flag, dayRanges[i].flag))
			default:
				picked = i
			}
		}
		if picked >= 0 && (from.isSet() || to.isSet()) {
			return usageErrorf("%s", a.words().T(i18n.WindowAndRange, dayRanges[picked].flag))
		}
		if status != "" && !slices.Contains(model.Statuses, status) {
			return usageError(i18n.ErrStatusOneOf, strings.Join(model.Statuses, ", "), model.Sanitize(status))
		}
		return nil
	}, func(ctx context.Context, v *verbRun, _ []string) error {
		filter := api.AppointmentFilter{Status: status, Query: query, PageSize: 100}
		if limit > 0 {
			filter.PageSize = min(limit, 100)
		}
		var err error
		if from.isSet() {
			if filter.From, err = from.in(time.Local); err != nil {
				return &codedError{exitUsage, i18n.Errorf(i18n.NamedProblem, "--from", err)}
			}
		}
		if to.isSet() {
			if filter.To, err = to.in(time.Local); err != nil {
				return &codedError{exitUsage, i18n.Errorf(i18n.NamedProblem, "--to", err)}
			}
			if to.dateOnly {
				filter.To = filter.To.AddDate(0, 0, 1)
			}
		}
		if !filter.From.IsZero() && !filter.To.IsZero() && !filter.To.After(filter.From) {
			return usageError(i18n.ErrToBeforeFrom, to.String(), from.String())
		}
		if picked >= 0 {
			// The local zone, as --from and --to use.
			filter.From, filter.To = dayRanges[picked].r.Bounds(v.Now().In(time.Local))
		}
		var at model.Location
		if location != "" {
			// The API filters by time only: the location is matched here.
			cat, err := v.office.Catalog(ctx)
			if err != nil {
				return err
			}
			if at, err = cat.AnyLocation(location); err != nil {
				return &codedError{exitUsage, err}
			}
		}
		var all []model.Appointment
		for {
			page, err := v.client.Appointments(ctx, filter)
			if err != nil {
				return err
			}
			for _, a := range page.Items {
				if at.ID == "" || a.LocationID == at.ID {
					all = append(all, a)
				}
			}
			if page.NextPageToken == "" || (limit > 0 && len(all) >= limit) {
				break
			}
			filter.PageToken = page.NextPageToken
		}
		if limit > 0 && len(all) > limit {
			all = all[:limit]
		}
		if v.json {
			return writeJSON(v.Stdout, all)
		}
		p := v.p
		cat := v.catalog(ctx)
		byDayAndLocation(all, cat)
		t := newTable(v.Stdout, p.T(i18n.ColID), p.T(i18n.ColStatus), p.T(i18n.ColWhen), p.T(i18n.ColLocation), p.T(i18n.ColService), p.T(i18n.ColName), p.T(i18n.ColEmail))
		for _, appt := range all {
			loc, _ := cat.Location(appt.LocationID)
			t.row(appt.ID, p.Status(appt.Status), p.DateSpan(appt.Time, appt.End(), cat.Zone(appt.LocationID)),
				cmp.Or(loc.Name, appt.LocationID), v.serviceName(ctx, appt.ServiceID), appt.Contact.Name, appt.Contact.Email)
		}
		return t.flush()
	})
}

// byDayAndLocation orders appointments (by time, from the server) by day
// in their own zone, then location, keeping time order within each: rows of
// two zones in one run of times would read as jumbled.
func byDayAndLocation(list []model.Appointment, cat model.Catalog) {
	rank := func(id string) int {
		i := slices.IndexFunc(cat.Locations, func(l model.Location) bool { return l.ID == id })
		if i < 0 {
			return len(cat.Locations)
		}
		return i
	}
	slices.SortStableFunc(list, func(x, y model.Appointment) int {
		dx, dy := model.DateOf(x.Time.In(zoneOr(cat, x))), model.DateOf(y.Time.In(zoneOr(cat, y)))
		if c := dx.Compare(dy); c != 0 {
			return c
		}
		return rank(x.LocationID) - rank(y.LocationID)
	})
}

// zoneOr is a's location's zone, else its time's own.
func zoneOr(cat model.Catalog, a model.Appointment) *time.Location {
	if z := cat.Zone(a.LocationID); z != nil {
		return z
	}
	return a.Time.Location()
}

func (v *verbRun) printAppointment(ctx context.Context, appt model.Appointment) error {
	if v.json {
		return writeJSON(v.Stdout, appt)
	}
	zone := v.zone(ctx, appt.LocationID)
	p := v.p
	t := newTable(v.Stdout)
	t.row(p.T(i18n.LabelAppointment), appt.ID)
	if appt.BookingID != "" && appt.BookingID != appt.ID {
		t.row(p.T(i18n.LabelBooking), appt.BookingID)
	}
	t.row(p.T(i18n.LabelStatus), p.Status(appt.Status))
	t.row(p.T(i18n.LabelService), named(v.serviceName(ctx, appt.ServiceID), appt.ServiceID))
	loc, _ := v.location(ctx, appt.LocationID)
	t.row(p.T(i18n.LabelLocation), named(loc.Name, appt.LocationID))
	t.row(p.T(i18n.LabelWhen), p.DateSpan(appt.Time, appt.End(), zone))
	t.row(p.FieldName(model.FieldName), appt.Contact.Name)
	t.row(p.FieldName(model.FieldEmail), appt.Contact.Email)
	if appt.Contact.Phone != "" {
		t.row(p.FieldName(model.FieldPhone), appt.Contact.Phone)
	}
	if appt.Contact.Notes != "" {
		t.row(p.FieldName(model.FieldNotes), appt.Contact.Notes)
	}
	if !appt.UpdatedAt.IsZero() {
		t.row(p.T(i18n.LabelUpdated), p.DateTime(appt.UpdatedAt, zone))
	}
	return t.flush()
}

// catalog is the organisation's catalogue, for names and zones; a
// failed read only costs those, never the command's result.
func (v *verbRun) catalog(ctx context.Context) model.Catalog {
	cat, _ := v.office.Catalog(ctx)
	return cat.Catalog
}

// location finds a location by id, for display.
func (v *verbRun) location(ctx context.Context, id string) (model.Location, bool) {
	return v.catalog(ctx).Location(id)
}

// service finds a service by id, for display.
func (v *verbRun) service(ctx context.Context, id string) (model.Service, bool) {
	return v.catalog(ctx).Service(id)
}

// zone is the location's zone, or nil (the time's own offset) if unknown.
func (v *verbRun) zone(ctx context.Context, locationID string) *time.Location {
	return v.catalog(ctx).Zone(locationID)
}

// serviceName is the service's name for display, or "" if unknown.
func (v *verbRun) serviceName(ctx context.Context, id string) string {
	s, _ := v.service(ctx, id)
	return s.Name
}

// serviceAt resolves --service and --location (ids or names); a name or id
// that matches nothing is a usage error naming the choices.
func (v *verbRun) serviceAt(ctx context.Context, serviceKey, locationKey string) (model.Service, model.Location, error) {
	cat, err := v.office.Catalog(ctx)
	if err != nil {
		return model.Service{}, model.Location{}, err
	}
	svc, loc, err := cat.Resolve(serviceKey, locationKey)
	var ce *model.ChoiceError
	switch {
	case errors.As(err, &ce) && ce.Problem == model.Several:
		return svc, loc, usageErrorf("%s", choiceError(v.p, ce))
	case errors.As(err, &ce):
		return svc, loc, &codedError{exitUsage, err}
	}
	return svc, loc, err
}
