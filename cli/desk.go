package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/config"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ics"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
)

// The front desk's commands: calendar export and the desk journal, the
// history the UI's Appointments screen shows too.

// saved is the desk history's latest entry for appointment id, if any.
func (v *verbRun) saved(id string) (journal.Entry, bool, error) {
	entries, err := v.office.History()
	if err != nil {
		return journal.Entry{}, false, err
	}
	entry, ok := journal.LatestOf(entries)[id]
	return entry, ok, nil
}

// unreadable reports an appointment the server will not show for want of
// the endpoint (405, or a 404 that is not about the appointment) or of the
// appointments:read scope (403), as opposed to one that does not exist.
func unreadable(err error) bool {
	var ae *api.Error
	if !errors.As(err, &ae) {
		return false
	}
	switch ae.Status {
	case http.StatusForbidden, http.StatusMethodNotAllowed:
		return true
	case http.StatusNotFound:
		return ae.Code != "appointment_not_found"
	}
	return false
}

func (a *app) icsCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "ics ID [-o FILE|-]",
		Short: a.h(i18n.CmdICSShort),
		Long:  a.h(i18n.CmdICSLong),
		Args:  idArg,
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", a.h(i18n.FlagOutput))
	var exportDir string
	return a.verb(cmd, func(cfg config.Config) error {
		if asJSON, _ := cmd.Flags().GetBool("json"); asJSON && out == "-" {
			return usageErrorf("%s", a.words().T(i18n.JSONAndStdout))
		}
		var err error
		exportDir, err = config.ExportDir(cfg, a.Getenv)
		return err
	}, func(ctx context.Context, v *verbRun, args []string) error {
		appt, entry, err := v.appointmentOrSaved(ctx, args[0])
		if err != nil {
			return err
		}
		svc, ok := v.service(ctx, appt.ServiceID)
		if !ok {
			svc = model.Service{ID: appt.ServiceID, Name: entry.ServiceName, DurationMinutes: appt.DurationMinutes}
		}
		loc, ok := v.location(ctx, appt.LocationID)
		if !ok {
			loc = model.Location{ID: appt.LocationID, Name: entry.LocationName}
		}
		data := ics.Appointment(appt, svc, loc, v.Now())
		if out == "-" {
			_, err := v.Stdout.Write(data)
			return err
		}
		path := out
		if path == "" {
			if err := os.MkdirAll(exportDir, 0o700); err != nil {
				return err
			}
			path = filepath.Join(exportDir, ics.FileName(appt.ID))
		}
		// 0600: the file holds the customer's contact details.
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return err
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		if v.json {
			return writeJSON(v.Stdout, struct {
				Path string `json:"path"`
			}{path})
		}
		_, err = fmt.Fprintln(v.Stdout, path)
		return err
	})
}

// appointmentOrSaved fetches appointment id, falling back to the desk
// journal's copy when the server will not show it. The journal entry, when
// read, also names the service and location should the catalogue not.
func (v *verbRun) appointmentOrSaved(ctx context.Context, id string) (model.Appointment, journal.Entry, error) {
	appt, err := v.client.Appointment(ctx, id)
	if err == nil || !unreadable(err) {
		return appt, journal.Entry{}, err
	}
	entry, ok, jerr := v.saved(id)
	switch {
	case jerr != nil:
		fmt.Fprintln(v.Stderr, v.p.T(i18n.Warning, jerr.Error()))
		return appt, entry, err
	case !ok:
		return appt, entry, err
	}
	fmt.Fprintln(v.Stderr, v.p.T(i18n.UsingSavedCopy,
		model.Sanitize(id), model.Sanitize(describe(v.p, err)), v.p.DateTime(entry.At, time.Local)))
	return entry.Appointment, entry, nil
}

func (a *app) historyCmd() *cobra.Command {
	var (
		asJSON bool
		limit  int
	)
	cmd := &cobra.Command{
		Use:   "history [--limit N]",
		Short: a.h(i18n.CmdHistoryShort),
		Long:  a.h(i18n.CmdHistoryLong),
		Args:  cobra.NoArgs,
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, a.h(i18n.FlagJSON))
	f.IntVar(&limit, "limit", 0, a.h(i18n.FlagHistoryLimit))
	cmd.RunE = run(func(c *cobra.Command, _ []string) error {
		if limit < 0 {
			return usageErrorf("%s", a.words().T(i18n.LimitNegative, limit))
		}
		cfg, err := a.loadConfig(c, nil)
		if err != nil {
			return err
		}
		entries, err := a.history(c, cfg)
		if err != nil {
			return err
		}
		if limit > 0 && len(entries) > limit {
			entries = entries[:limit]
		}
		if asJSON {
			return writeJSON(a.Stdout, entries)
		}
		p := a.words()
		t := newTable(a.Stdout, p.T(i18n.ColTime), p.T(i18n.ColAction), p.T(i18n.ColID), p.T(i18n.ColCustomer),
			p.T(i18n.ColService), p.T(i18n.ColWhen), p.T(i18n.ColReason))
		for _, e := range entries {
			appt := e.Appointment
			var zone *time.Location // the offset recorded, when the entry has no zone
			if e.Timezone != "" {
				zone = model.LoadZone(e.Timezone)
			}
			t.row(p.DateTime(e.At, time.Local), action(p, e.Action), appt.ID, appt.Contact.Name,
				named(e.ServiceName, appt.ServiceID), p.DateSpan(appt.Time, appt.End(), zone), truncate(e.Reason, 40))
		}
		return t.flush()
	})
	return cmd
}

// history reads the desk history of the configured API, offline. The demo
// keeps none: its bookings die with its sandbox.
func (a *app) history(cmd *cobra.Command, cfg config.Config) ([]journal.Entry, error) {
	if a.usesDemo(cfg) {
		fmt.Fprintln(a.Stderr, a.words().T(i18n.DemoKeepsNoHistory))
		return nil, nil
	}
	client, err := api.New(cmd.Context(), api.Config{
		BaseURL: cfg.API.BaseURL, ClientID: cfg.API.ClientID, ClientSecret: string(cfg.API.ClientSecret),
		OrganizationID: cfg.API.OrganizationID,
	})
	if err != nil {
		return nil, err
	}
	s := &session{client: client, log: slog.New(slog.DiscardHandler)}
	store, err := a.openState(s)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	for _, n := range s.notes {
		fmt.Fprintln(a.Stderr, a.words().T(i18n.Note, n))
	}
	return store.Journal()
}

// action names a desk history action in the run's language.
func action(p *i18n.Printer, a journal.Action) string {
	switch a {
	case journal.Booked:
		return p.T(i18n.ActionBooked)
	case journal.Rescheduled:
		return p.T(i18n.ActionRescheduled)
	case journal.Cancelled:
		return p.T(i18n.ActionCancelled)
	}
	return string(a)
}
