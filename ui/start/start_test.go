package start

import (
	"context"
	"strings"
	"testing"

	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/uitest"
)

// Defect: --service and --location given as names were ignored, and a
// service offered at one location still opened the location picker.
func TestChooseTakesIDsAndNames(t *testing.T) {
	env := uitest.NewEnv(t)
	c := env.Common(context.Background())
	cat, err := c.Office.Catalog(c.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	paris, svc, _ := env.Paris(t, 1)
	for _, tt := range []struct {
		name          string
		want          Want
		loc, service  string // ids expected; "" = the user chooses
		statusPattern string
	}{
		{"service by name, its only location", Want{Service: "general CONSULTATION"}, paris.ID, svc.ID, ""},
		{"service by id", Want{Service: svc.ID}, paris.ID, svc.ID, ""},
		{"location by name", Want{Location: paris.Name}, paris.ID, "", ""},
		{"unknown service", Want{Service: "Massage"}, "", "", `no service "Massage"; the services are: General consultation`},
		{"unknown location", Want{Location: "Atlantis"}, "", "", `no location "Atlantis"; the locations are:`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			loc, s, st := Choose(uitest.Common(uitest.NewClock(uitest.Epoch).Now).Words, cat.Catalog, state.Desk{}, tt.want, false)
			if loc.ID != tt.loc || s.ID != tt.service {
				t.Errorf("chose %q/%q, want %q/%q", loc.ID, s.ID, tt.loc, tt.service)
			}
			if !strings.Contains(st.Text, tt.statusPattern) || (tt.statusPattern == "") != (st.Text == "") {
				t.Errorf("status %q, want %q", st.Text, tt.statusPattern)
			}
		})
	}
}
