// Package model is the booking domain: organisations, locations, services,
// availability, holds, appointments and contacts. It knows nothing of HTTP or
// terminals, so the API client, the screens and the scripting verbs share one
// vocabulary.
package model
