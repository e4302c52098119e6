// Package sandbox is a self-contained stand-in for Zimun's booking API.
//
// The real API publishes no OpenAPI file and no sample responses, so zimun
// (the terminal app) is developed and tested against this sandbox, which
// serves the canonical contract of the API notes (zimun-api.md) and
// behaves like a real booking engine: OAuth2 client-credentials tokens with
// scopes, availability with holidays and closures, 10-minute holds that
// expire by the clock, capacity-aware booking that never overbooks,
// confirm/reschedule/cancel with customer emails (kept in an outbox),
// Idempotency-Key replay, pagination and rate limiting. Tests can inject a
// clock, faults (random but reproducible, from a SPEC: see ParseFaults and
// FaultSpecHelp), lost replies and missing endpoints, and read everything
// the sandbox holds through Ledger. HostileData is a fixture whose text is
// made to attack terminals.
//
// It is a peer of the client, not part of it: it has its own wire types and
// imports nothing from the app.
//
// # Demo data
//
// Everything derives from Options.Seed and the clock at New, so a test sees
// the same ids every run:
//
//   - one organisation, "Zimun Demo Clinic" (Europe/Paris);
//   - Paris – Marais (Europe/Paris, FR): Mon–Fri 09:00–12:30 and
//     13:30–18:00, Sat 09:00–13:00, closed Sunday;
//   - New York – SoHo (America/New_York, US): Tue–Fri 08:00–12:00 and
//     13:00–17:00, Sat 09:00–13:00, Sun 10:00–14:00, closed Monday;
//   - Lyon, inactive, offering nothing;
//   - services: General consultation 30 min, capacity 2, Paris only;
//     Follow-up visit 15 min, capacity 1, both; Physiotherapy session
//     45 min, capacity 1, New York only; Full health check 60 min,
//     capacity 2, both;
//   - public holidays of France and the United States (actual and observed
//     dates) from github.com/rickar/cal, plus one "Staff training" closure
//     in Paris on the first open day 5 to 12 days ahead (start picked by
//     the seed);
//   - about two hundred bookings from 4 days back to 14 days ahead, busier
//     on some days than others, a few cancelled, always one yesterday and
//     one tomorrow when any location is open then.
//
// # Rules
//
// Slots of a service start at each opening time and step by the service's
// duration; a slot must end by the end of its opening period (so none
// straddles lunch). A slot is bookable from 15 minutes ahead up to 90 days
// ahead. Capacity is per service and location: confirmed appointments and
// live holds of that service overlapping the slot use it up. A hold is
// live while now < expires_at; nothing else expires it. Times in responses
// are shown in the location's zone; requests may use any offset.
package sandbox
