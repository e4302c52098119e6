package api_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/sandbox"
)

// BenchmarkAvailability90Days is the calendar's biggest read: 90 days of a
// 30-minute service, fetched and decoded over loopback from the sandbox.
func BenchmarkAvailability90Days(b *testing.B) {
	now := time.Date(2025, 12, 1, 7, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	sb, err := sandbox.New(sandbox.Options{Now: clock, RateLimit: -1})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	defer srv.Close()
	c, err := api.New(context.Background(), api.Config{BaseURL: srv.URL,
		ClientID: "demo-client", ClientSecret: "demo-secret", Now: clock})
	if err != nil {
		b.Fatal(err)
	}
	svc := sb.Services()[0]
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Availability(ctx, svc.ID, svc.LocationIDs[0], 90); err != nil {
			b.Fatal(err)
		}
	}
}
