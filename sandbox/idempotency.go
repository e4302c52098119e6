package sandbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"time"
)

// idemRecord is the first response given to an Idempotency-Key, kept so a
// retry (say, after a lost reply) gets the same answer instead of booking
// twice.
type idemRecord struct {
	Fingerprint string          `json:"fingerprint"`
	Status      int             `json:"status"`
	Body        json.RawMessage `json:"body,omitempty"`
	At          time.Time       `json:"at"`
}

const maxIdempotencyKey = 255

// fingerprint identifies a request's meaning: same key with another method,
// path or body is a client bug, not a retry.
func fingerprint(c *call) string {
	sum := sha256.Sum256(c.body)
	return c.r.Method + " " + c.r.URL.Path + " " + hex.EncodeToString(sum[:])
}

// idemKey scopes keys per client, so two clients can never see each
// other's responses by picking the same key.
func idemKey(clientID, key string) string { return clientID + "\x00" + key }

// replay returns the stored response for the call's key, if any, or a 422
// when the key was used for a different request. The caller holds s.mu.
func (s *Server) replay(c *call, key string) (out *rendered, found bool) {
	rec := s.st.Idempotency[idemKey(c.clientID, key)]
	if rec == nil {
		return nil, false
	}
	if rec.Fingerprint != fingerprint(c) {
		r := render(0, nil, errorf(http.StatusUnprocessableEntity, "idempotency_key_reused",
			"Idempotency-Key %q was already used for a different request", key))
		return &r, true
	}
	// The data file is indented, which re-indents stored bodies; compact
	// them so a replay is byte for byte the first answer.
	var body bytes.Buffer
	if err := json.Compact(&body, rec.Body); err != nil {
		r := render(0, nil, err)
		return &r, true
	}
	return &rendered{status: rec.Status, body: body.Bytes(), replayed: true}, true
}

// remember stores out as the answer to key. Server errors are not stored,
// so a retry after one gets a fresh attempt.
func (s *Server) remember(c *call, key string, out rendered) {
	if out.status >= 500 {
		return
	}
	s.st.Idempotency[idemKey(c.clientID, key)] = &idemRecord{
		Fingerprint: fingerprint(c), Status: out.status, Body: out.body, At: c.now.UTC()}
	s.st.kept(c.now)
	c.changed = true
}
