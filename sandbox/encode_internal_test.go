package sandbox

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// The hand-written availability encoder must say byte for byte what
// encoding/json says, hostile strings and odd zones included.
func TestAvailabilityEncoding(t *testing.T) {
	tz := time.FixedZone("", -(3*3600 + 30*60))
	at := time.Date(2025, 12, 1, 9, 30, 0, 0, tz)
	for _, a := range []availabilityJSON{
		{Days: []dayJSON{}, Holidays: map[string]string{}},
		{ServiceID: "s_\x1b[31m\"<&>\u2028", LocationID: "l_\xff\xfe", Timezone: "Europe/Paris",
			Days: []dayJSON{
				{Date: "2025-12-01", Slots: []slotJSON{
					{Start: at, End: at.Add(30 * time.Minute), CapacityLeft: 2},
					{Start: at.UTC().Add(time.Hour + 1500*time.Millisecond), End: at.Add(2 * time.Hour), CapacityLeft: 1}}},
				{Date: "2025-12-02", Slots: []slotJSON{}},
			},
			Holidays: map[string]string{"2025-12-25": "Noël \u202e\x07", "2025-12-02": "Staff training", "2025-12-01": ""}},
	} {
		want, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.appendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("appendJSON:\n%s\nwant\n%s", got, want)
		}
	}
}
