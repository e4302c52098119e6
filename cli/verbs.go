package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/config"
	"github.com/zimun-app/zimun/journal"
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

// verbRun is one verb's execution: where to print and how, the client and
// a catalog cache.
type verbRun struct {
	Env
	*catalog
	client *api.Client
	demo   bool
	json   bool
	clock  clock
}

// verb completes cmd as an API verb: --json, config, an API session (an
// embedded sandbox without credentials) and exit codes. check runs on the
// configuration before any network work, for usage errors.
func (a *app) verb(cmd *cobra.Command, check func(config.Config) error, body verbFunc) *cobra.Command {
	var asJSON bool
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (stable, for scripts) instead of a table")
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
		return body(c.Context(), &verbRun{
			Env:     env,
			catalog: &catalog{client: s.client},
			client:  s.client,
			demo:    s.demo,
			json:    asJSON,
			clock:   clock(cfg.Booking.Clock24()),
		}, args)
	})
	return cmd
}

func (a *app) servicesCmd() *cobra.Command {
	return a.verb(&cobra.Command{
		Use:   "services",
		Short: "List the bookable services",
		Args:  cobra.NoArgs,
	}, nil, func(ctx context.Context, v *verbRun, _ []string) error {
		list, err := v.Services(ctx)
		if err != nil {
			return err
		}
		if v.json {
			return writeJSON(v.Stdout, stableServices(list))
		}
		t := newTable(v.Stdout, "ID", "NAME", "DURATION", "LOCATIONS", "DESCRIPTION")
		for _, s := range list {
			t.row(s.ID, s.Name, fmt.Sprintf("%d min", s.DurationMinutes), strings.Join(s.LocationIDs, ","), truncate(s.Description, 60))
		}
		return t.flush()
	})
}

func (a *app) locationsCmd() *cobra.Command {
	return a.verb(&cobra.Command{
		Use:   "locations",
		Short: "List the locations and their time zones",
		Args:  cobra.NoArgs,
	}, nil, func(ctx context.Context, v *verbRun, _ []string) error {
		list, err := v.Locations(ctx)
		if err != nil {
			return err
		}
		if v.json {
			return writeJSON(v.Stdout, list)
		}
		t := newTable(v.Stdout, "ID", "NAME", "TIMEZONE", "ACTIVE", "ADDRESS")
		for _, l := range list {
			active := "yes"
			if !l.Active {
				active = "no"
			}
			t.row(l.ID, l.Name, l.Timezone, active, l.Address)
		}
		return t.flush()
	})
}

// serviceFlags are --service and --location, defaulting to booking.service
// and booking.location.
type serviceFlags struct{ service, location string }

func (f *serviceFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.service, "service", "", "service `ID` or exact name (default booking.service)")
	cmd.Flags().StringVar(&f.location, "location", "", "location `ID` or exact name; needed when the service is offered at several (default booking.location)")
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
		return usageErrorf("--service is required (or set booking.service); `zimun services` lists them")
	}
	return nil
}

func (a *app) availabilityCmd() *cobra.Command {
	var (
		sf   serviceFlags
		days int
	)
	cmd := &cobra.Command{
		Use:   "availability --service S [--location L] [--days N]",
		Short: "List the free slots and closed days of a service",
		Args:  cobra.NoArgs,
	}
	sf.add(cmd)
	cmd.Flags().IntVar(&days, "days", 0, "`N` days ahead, 1..90 (default booking.days_ahead)")
	return a.verb(cmd, func(cfg config.Config) error {
		if days == 0 {
			days = cfg.Booking.DaysAhead
		}
		if days < 1 || days > 90 {
			return usageErrorf("--days must be 1..90, got %d", days)
		}
		return sf.withDefaults(cfg)
	}, func(ctx context.Context, v *verbRun, _ []string) error {
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
		fmt.Fprintf(v.Stdout, "%s at %s, times in %s\n\n",
			model.Sanitize(named(svc.Name, svc.ID)), model.Sanitize(named(loc.Name, loc.ID)), zone)
		t := newTable(v.Stdout, "DATE", "DAY", "FREE", "TIMES")
		for _, d := range availabilityDates(av) {
			day, _ := av.Day(d)
			times := make([]string, len(day.Slots))
			for i, s := range day.Slots {
				times[i] = s.Start.In(zone).Format(v.clock.layout())
			}
			note := strings.Join(times, " ")
			if name, closed := av.Holiday(d); closed {
				note = "closed: " + name
			} else if len(times) == 0 {
				note = "full"
			}
			t.row(d.String(), d.Weekday().String()[:3], fmt.Sprint(len(times)), note)
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
		sf serviceFlags
		at timeValue
	)
	cmd := &cobra.Command{
		Use:   "hold --service S [--location L] --at TIME",
		Short: "Hold a slot for a few minutes, to confirm it with zimun confirm",
		Long: `Hold a slot while the contact details are taken; confirm it with
'zimun confirm --hold ID ...' before it expires (10 minutes on Zimun).

TIME is RFC3339 (2025-12-01T10:00:00Z) or "YYYY-MM-DD HH:MM" in the
location's time zone.

Without credentials, the hold lives in an embedded sandbox that stops when
this command exits, so no later command can confirm it. For a sandbox that
outlives one command, run 'zimun sandbox' and paste its export line.`,
		Args: cobra.NoArgs,
	}
	sf.add(cmd)
	cmd.Flags().Var(&at, "at", "slot start")
	_ = cmd.MarkFlagRequired("at") // the flag exists
	return a.verb(cmd, sf.withDefaults, func(ctx context.Context, v *verbRun, _ []string) error {
		svc, loc, err := v.serviceAt(ctx, sf.service, sf.location)
		if err != nil {
			return err
		}
		start, err := at.in(loc.Zone())
		if err != nil {
			return usageErrorf("--at: %v", err)
		}
		h, err := v.client.Hold(ctx, api.HoldRequest{
			ServiceID:       svc.ID,
			LocationID:      loc.ID,
			Time:            start,
			DurationMinutes: svc.DurationMinutes,
		})
		if err != nil {
			return err
		}
		if v.json {
			return writeJSON(v.Stdout, h)
		}
		t := newTable(v.Stdout)
		t.row("Hold", h.ID)
		t.row("Status", h.Status)
		t.row("Service", named(svc.Name, svc.ID))
		t.row("Location", named(loc.Name, loc.ID))
		end := h.Time.Add(time.Duration(h.DurationMinutes) * time.Minute)
		t.row("When", v.clock.span(h.Time, end, loc.Zone()))
		expires := v.clock.when(h.ExpiresAt, loc.Zone())
		if !h.Deadline.IsZero() {
			expires += fmt.Sprintf(" (in %s)", h.Remaining(v.Now()).Round(time.Second))
		}
		t.row("Expires", expires)
		if err := t.flush(); err != nil {
			return err
		}
		if v.demo {
			fmt.Fprintln(v.Stderr, "zimun: this hold lives in a sandbox that stops with this command; no later command can confirm it (see zimun hold --help)")
		} else {
			fmt.Fprintf(v.Stderr, "Confirm it with: zimun confirm --hold %s --name NAME --email EMAIL\n", model.Sanitize(h.ID))
		}
		return nil
	})
}

func (a *app) releaseCmd() *cobra.Command {
	return a.verb(&cobra.Command{
		Use:   "release HOLD",
		Short: "Give a held slot back before the hold expires",
		Args:  idArg,
	}, nil, func(ctx context.Context, v *verbRun, args []string) error {
		if err := v.client.ReleaseHold(ctx, args[0]); err != nil {
			return err
		}
		if v.json {
			return writeJSON(v.Stdout, struct {
				HoldID string `json:"hold_id"`
				Status string `json:"status"`
			}{args[0], "released"})
		}
		_, err := fmt.Fprintf(v.Stdout, "Released hold %s.\n", model.Sanitize(args[0]))
		return err
	})
}

func (a *app) confirmCmd() *cobra.Command {
	var (
		holdID  string
		contact model.Contact
	)
	cmd := &cobra.Command{
		Use:   "confirm --hold H --name N --email E [--phone P] [--notes T]",
		Short: "Turn a hold into an appointment; the customer is emailed",
		Args:  cobra.NoArgs,
	}
	f := cmd.Flags()
	f.StringVar(&holdID, "hold", "", "hold `ID` from zimun hold")
	f.StringVar(&contact.Name, "name", "", "customer's name")
	f.StringVar(&contact.Email, "email", "", "customer's email, for the confirmation")
	f.StringVar(&contact.Phone, "phone", "", "customer's phone")
	f.StringVar(&contact.Notes, "notes", "", "notes for the appointment")
	for _, name := range []string{"hold", "name", "email"} {
		_ = cmd.MarkFlagRequired(name) // the flags exist
	}
	return a.verb(cmd, func(config.Config) error {
		if err := model.CheckID("hold", holdID); err != nil {
			return flagError("hold", err)
		}
		contact = contact.Normalized()
		if err := contact.Validate(); err != nil {
			return usageErrorf("contact: %v", err)
		}
		return nil
	}, func(ctx context.Context, v *verbRun, _ []string) error {
		appt, err := v.client.Confirm(ctx, api.ConfirmRequest{HoldID: holdID, Contact: contact})
		if err != nil {
			return err
		}
		v.record(ctx, journal.Entry{Action: journal.Booked, Appointment: appt})
		return v.printAppointment(ctx, appt)
	})
}

func (a *app) rescheduleCmd() *cobra.Command {
	var at timeValue
	cmd := &cobra.Command{
		Use:   "reschedule ID --at TIME",
		Short: "Move an appointment to another free slot",
		Long: `Move an appointment to another free slot; the customer is emailed.

TIME is RFC3339 (2025-12-01T10:00:00Z) or "YYYY-MM-DD HH:MM" in the
appointment location's time zone.`,
		Args: idArg,
	}
	cmd.Flags().Var(&at, "at", "new start")
	_ = cmd.MarkFlagRequired("at") // the flag exists
	return a.verb(cmd, nil, func(ctx context.Context, v *verbRun, args []string) error {
		// The current copy gives a wall-clock --at its zone and the journal
		// the previous time; only the zone cannot do without it.
		before, err := v.client.Appointment(ctx, args[0])
		if err != nil && at.isWall() {
			return err
		}
		start, err := v.placeFor(ctx, &at, before.LocationID)
		if err != nil {
			return err
		}
		appt, err := v.client.Reschedule(ctx, api.RescheduleRequest{AppointmentID: args[0], Time: start})
		if err != nil {
			return err
		}
		v.record(ctx, journal.Entry{Action: journal.Rescheduled, Appointment: appt, PreviousTime: before.Time})
		return v.printAppointment(ctx, appt)
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
		return time.Time{}, usageErrorf("--at: cannot tell the time zone of location %s; give an offset, e.g. 2025-12-01T10:00:00+01:00", locationID)
	}
	t, err := at.in(loc.Zone())
	if err != nil {
		return time.Time{}, usageErrorf("--at: %v", err)
	}
	return t, nil
}

func (a *app) cancelCmd() *cobra.Command {
	var reason string
	cmd := &cobra.Command{
		Use:   "cancel ID [--reason R]",
		Short: "Cancel an appointment; the slot is freed and the customer emailed",
		Args:  idArg,
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why, for the record (`TEXT`)")
	return a.verb(cmd, func(config.Config) error { return flagError("reason", model.ValidateReason(reason)) }, func(ctx context.Context, v *verbRun, args []string) error {
		// Asked first only to tell whether this cancel changes anything.
		before, getErr := v.client.Appointment(ctx, args[0])
		appt, err := v.client.Cancel(ctx, api.CancelRequest{AppointmentID: args[0], Reason: reason})
		if err != nil {
			return err
		}
		// A second cancel changes nothing, so it is not history.
		if getErr != nil || !before.Cancelled() {
			v.record(ctx, journal.Entry{Action: journal.Cancelled, Appointment: appt, Reason: reason})
		}
		return v.printAppointment(ctx, appt)
	})
}

func (a *app) appointmentCmd() *cobra.Command {
	return a.verb(&cobra.Command{
		Use:   "appointment ID",
		Short: "Show one appointment",
		Args:  idArg,
	}, nil, func(ctx context.Context, v *verbRun, args []string) error {
		appt, err := v.client.Appointment(ctx, args[0])
		if err != nil {
			return err
		}
		return v.printAppointment(ctx, appt)
	})
}

// dayRanges are the named windows of the UI's Appointments screen: days
// long from the start of today shifted by from days; 0 days leaves the end
// open.
var dayRanges = []struct {
	flag, usage string
	from, days  int
}{
	{"today", "only today", 0, 1},
	{"week", "the next 7 days, today included", 0, 7},
	{"upcoming", "from the start of today on", 0, 0},
	{"past", "the 7 days before today", -7, 7},
}

func (a *app) appointmentsCmd() *cobra.Command {
	var (
		from          = timeValue{allowDate: true}
		to            = timeValue{allowDate: true}
		status, query string
		limit         int
		ranges        = make([]bool, len(dayRanges))
	)
	cmd := &cobra.Command{
		Use:   "appointments [--today|--week|--upcoming|--past|--from DATE --to DATE] [--status S] [--q TEXT] [--limit N]",
		Short: "List appointments, following every page",
		Long: `List appointments, following every page (up to --limit).

--today, --week, --upcoming and --past are the windows of the UI's
Appointments screen, in whole days of this computer's time zone: --upcoming
starts at midnight, so it keeps today's earlier appointments, as the screen
does. Without any of them or --from/--to, every appointment is listed.

--from and --to take YYYY-MM-DD, "YYYY-MM-DD HH:MM" (both in this computer's
time zone) or RFC3339; a --to date includes that whole day. They cannot be
combined with the named windows.`,
		Args: cobra.NoArgs,
	}
	f := cmd.Flags()
	for i, r := range dayRanges {
		f.BoolVar(&ranges[i], r.flag, false, r.usage)
	}
	f.Var(&from, "from", "starting at")
	f.Var(&to, "to", "ending at")
	f.StringVar(&status, "status", "", "only this `STATUS`: held, scheduled, confirmed or cancelled")
	f.StringVar(&query, "q", "", "search names, emails and ids for `TEXT`")
	f.IntVar(&limit, "limit", 0, "at most `N` appointments (0 = all)")
	picked := -1 // index in dayRanges
	return a.verb(cmd, func(config.Config) error {
		if limit < 0 {
			return usageErrorf("--limit must not be negative, got %d", limit)
		}
		if err := model.ValidateQuery(query); err != nil {
			return flagError("q", err)
		}
		for i, on := range ranges {
			switch {
			case !on:
			case picked >= 0:
				return usageErrorf("--%s and --%s are different windows; pick one", dayRanges[picked].flag, dayRanges[i].flag)
			default:
				picked = i
			}
		}
		if picked >= 0 && (from.isSet() || to.isSet()) {
			return usageErrorf("--%s cannot be combined with --from or --to; use one or the other", dayRanges[picked].flag)
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
				return usageErrorf("--from: %v", err)
			}
		}
		if to.isSet() {
			if filter.To, err = to.in(time.Local); err != nil {
				return usageErrorf("--to: %v", err)
			}
			if to.dateOnly {
				filter.To = filter.To.AddDate(0, 0, 1)
			}
		}
		if picked >= 0 {
			// The local zone, as --from and --to use.
			y, m, d := v.Now().In(time.Local).Date()
			today := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
			r := dayRanges[picked]
			filter.From = today.AddDate(0, 0, r.from)
			if r.days > 0 {
				filter.To = filter.From.AddDate(0, 0, r.days)
			}
		}
		var all []model.Appointment
		for {
			page, err := v.client.Appointments(ctx, filter)
			if err != nil {
				return err
			}
			all = append(all, page.Items...)
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
		t := newTable(v.Stdout, "ID", "STATUS", "WHEN", "SERVICE", "NAME", "EMAIL")
		for _, appt := range all {
			t.row(appt.ID, appt.Status, v.clock.span(appt.Time, appt.End(), v.zone(ctx, appt.LocationID)),
				v.serviceName(ctx, appt.ServiceID), appt.Contact.Name, appt.Contact.Email)
		}
		return t.flush()
	})
}

func (v *verbRun) printAppointment(ctx context.Context, appt model.Appointment) error {
	if v.json {
		return writeJSON(v.Stdout, appt)
	}
	zone := v.zone(ctx, appt.LocationID)
	t := newTable(v.Stdout)
	t.row("Appointment", appt.ID)
	if appt.BookingID != "" && appt.BookingID != appt.ID {
		t.row("Booking", appt.BookingID)
	}
	t.row("Status", appt.Status)
	t.row("Service", named(v.serviceName(ctx, appt.ServiceID), appt.ServiceID))
	loc, _ := v.location(ctx, appt.LocationID)
	t.row("Location", named(loc.Name, appt.LocationID))
	t.row("When", v.clock.span(appt.Time, appt.End(), zone))
	t.row("Name", appt.Contact.Name)
	t.row("Email", appt.Contact.Email)
	if appt.Contact.Phone != "" {
		t.row("Phone", appt.Contact.Phone)
	}
	if appt.Contact.Notes != "" {
		t.row("Notes", appt.Contact.Notes)
	}
	if !appt.UpdatedAt.IsZero() {
		t.row("Updated", v.clock.when(appt.UpdatedAt, zone))
	}
	return t.flush()
}

// catalog caches the services and locations for one command, failures
// included, so a table of many rows asks at most once.
type catalog struct {
	client         *api.Client
	services       []model.Service
	locations      []model.Location
	svcErr, locErr error
	gotSvc, gotLoc bool
}

// Services lists the services, once per command.
func (c *catalog) Services(ctx context.Context) ([]model.Service, error) {
	if !c.gotSvc {
		c.services, c.svcErr = c.client.Services(ctx)
		c.gotSvc = true
	}
	return c.services, c.svcErr
}

// Locations lists the locations, once per command.
func (c *catalog) Locations(ctx context.Context) ([]model.Location, error) {
	if !c.gotLoc {
		c.locations, c.locErr = c.client.Locations(ctx)
		c.gotLoc = true
	}
	return c.locations, c.locErr
}

// location finds a location by id, for display: a failed lookup only
// costs the name and the zone, never the command's result.
func (c *catalog) location(ctx context.Context, id string) (model.Location, bool) {
	list, _ := c.Locations(ctx)
	for _, l := range list {
		if l.ID == id {
			return l, true
		}
	}
	return model.Location{}, false
}

// zone is the location's zone, or nil (the time's own offset) if unknown.
func (c *catalog) zone(ctx context.Context, locationID string) *time.Location {
	if l, ok := c.location(ctx, locationID); ok {
		return l.Zone()
	}
	return nil
}

// service finds a service by id, for display, as location does.
func (c *catalog) service(ctx context.Context, id string) (model.Service, bool) {
	list, _ := c.Services(ctx)
	for _, s := range list {
		if s.ID == id {
			return s, true
		}
	}
	return model.Service{}, false
}

// serviceName is the service's name for display, or "" if unknown.
func (c *catalog) serviceName(ctx context.Context, id string) string {
	s, _ := c.service(ctx, id)
	return s.Name
}

// serviceAt resolves --service and --location (ids or exact names). With
// no location it picks the only active one offering the service.
func (c *catalog) serviceAt(ctx context.Context, serviceKey, locationKey string) (model.Service, model.Location, error) {
	services, err := c.Services(ctx)
	if err != nil {
		return model.Service{}, model.Location{}, err
	}
	svcIDName := func(s model.Service) (string, string) { return s.ID, s.Name }
	svc, ok := find(services, serviceKey, svcIDName)
	if !ok {
		return model.Service{}, model.Location{}, usageErrorf("no service %q; the services are: %s",
			serviceKey, namesOf(services, svcIDName))
	}
	locations, err := c.Locations(ctx)
	if err != nil {
		return model.Service{}, model.Location{}, err
	}
	locIDName := func(l model.Location) (string, string) { return l.ID, l.Name }
	var offered []model.Location
	for _, l := range locations {
		if l.Active && svc.OfferedAt(l.ID) {
			offered = append(offered, l)
		}
	}
	if locationKey != "" {
		loc, ok := find(locations, locationKey, locIDName)
		switch {
		case !ok:
			return svc, loc, usageErrorf("no location %q; the locations are: %s", locationKey, namesOf(locations, locIDName))
		case !svc.OfferedAt(loc.ID):
			return svc, loc, usageErrorf("%s is not offered at %s; it is at: %s",
				named(svc.Name, svc.ID), named(loc.Name, loc.ID), namesOf(offered, locIDName))
		}
		return svc, loc, nil
	}
	switch len(offered) {
	case 1:
		return svc, offered[0], nil
	case 0:
		return svc, model.Location{}, fmt.Errorf("%s is not offered at any active location", named(svc.Name, svc.ID))
	}
	return svc, model.Location{}, usageErrorf("%s is offered at several locations; pick one with --location: %s",
		named(svc.Name, svc.ID), namesOf(offered, locIDName))
}

// namesOf lists the choices for a usage error, as "Name (id)".
func namesOf[T any](list []T, idName func(T) (string, string)) string {
	if len(list) == 0 {
		return "none"
	}
	names := make([]string, len(list))
	for i, x := range list {
		id, name := idName(x)
		names[i] = named(name, id)
	}
	return strings.Join(names, ", ")
}

// find matches key against ids first, then against names ignoring case
// when exactly one matches.
func find[T any](list []T, key string, idName func(T) (string, string)) (T, bool) {
	var match []T
	for _, x := range list {
		id, name := idName(x)
		if id == key {
			return x, true
		}
		if strings.EqualFold(name, key) {
			match = append(match, x)
		}
	}
	if len(match) == 1 {
		return match[0], true
	}
	var zero T
	return zero, false
}
