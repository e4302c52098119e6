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
func BenchmarkAvailability90Days(b *testing.B) { benchAvailability90Days(b, nil) }

// BenchmarkAvailability90DaysRecorded is the same read told to the
// request inspector's recorder (the body redacted and capped).
func BenchmarkAvailability90DaysRecorded(b *testing.B) {
	benchAvailability90Days(b, api.NewRecorder(0, 0).Record)
}

func benchAvailability90Days(b *testing.B, observe func(api.Exchange)) {
	now := time.Date(2025, 12, 1, 7, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	sb, err := sandbox.New(sandbox.Options{Now: clock, RateLimit: -1})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	defer srv.Close()
	c, err := api.New(context.Background(), api.Config{BaseURL: srv.URL,
		ClientID: "demo-client", ClientSecret: "demo-secret", Now: clock, Observer: observe})
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
