package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/zimun-app/zimun/model"
)

// maxPages stops a server that keeps handing out page tokens.
const maxPages = 200

type wireOrganization struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Timezone string `json:"timezone"`
}

// Organization is the account the credentials belong to. Its id is kept
// for holds, so a session that shows the organisation does not ask again
// before its first hold.
func (c *Client) Organization(ctx context.Context) (model.Organization, error) {
	org, err := c.fetchOrganization(ctx)
	if err == nil {
		c.orgMu.Lock()
		if !c.orgKnown {
			c.orgID, c.orgKnown = org.ID, true
		}
		c.orgMu.Unlock()
	}
	return org, err
}

func (c *Client) fetchOrganization(ctx context.Context) (model.Organization, error) {
	var w wireOrganization
	if err := c.getJSON(ctx, opOrganization, "/organization", nil, &w); err != nil {
		return model.Organization{}, err
	}
	id, ok := wireID(w.ID)
	if !ok {
		return model.Organization{}, fmt.Errorf("api: %s: the response has an unusable organization id", opOrganization)
	}
	return model.Organization{ID: id, Name: text(w.Name, model.MaxTitleRunes), Timezone: zone(w.Timezone)}, nil
}

// organizationID is Config.OrganizationID, or the token's organisation
// fetched once. A client without org:read (403), or a server without the
// route (404), gets "": holds then go without it and the server uses the
// token's organisation. That answer is kept; a network error is not.
func (c *Client) organizationID(ctx context.Context) (string, error) {
	c.orgMu.Lock()
	defer c.orgMu.Unlock()
	if c.orgKnown {
		return c.orgID, nil
	}
	org, err := c.fetchOrganization(ctx)
	switch {
	case hasStatus(err, http.StatusForbidden, http.StatusNotFound):
		c.cfg.Logger.Debug("organization unknown; holds go without organization_id", "error", err)
	case err != nil:
		return "", err
	default:
		c.orgID = org.ID
	}
	c.orgKnown = true
	return c.orgID, nil
}

type wireLocation struct {
	ID       string          `json:"id"`
	Name     string          `json:"name"`
	Address  json.RawMessage `json:"address"`
	Timezone string          `json:"timezone"`
	Active   *bool           `json:"active"`
}

// Locations lists every location, all pages.
func (c *Client) Locations(ctx context.Context) ([]model.Location, error) {
	var out []model.Location
	err := getAll(ctx, c, opLocations, "/locations", func(w wireLocation) {
		if l, ok := w.model(); ok {
			out = append(out, l)
		} else {
			c.leftOut(opLocations)
		}
	})
	return out, err
}

// model converts w; ok is false when its id is refused.
func (w wireLocation) model() (model.Location, bool) {
	id, ok := wireID(w.ID)
	return model.Location{
		ID:       id,
		Name:     text(w.Name, model.MaxTitleRunes),
		Address:  address(w.Address),
		Timezone: zone(w.Timezone),
		Active:   w.Active == nil || *w.Active, // unsaid means bookable
	}.WithZone(), ok
}

// address reads a string, or joins the parts of a structured address.
func address(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return text(s, model.MaxAddressRunes)
	}
	var parts map[string]string
	if json.Unmarshal(raw, &parts) != nil {
		return ""
	}
	var kept []string
	for _, k := range []string{"line1", "line2", "street", "postal_code", "city", "region", "country"} {
		if v := text(parts[k], model.MaxAddressRunes); v != "" {
			kept = append(kept, v)
		}
	}
	return model.Truncate(strings.Join(kept, ", "), model.MaxAddressRunes)
}

type wireService struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	Description     string   `json:"description"`
	DurationMinutes flexInt  `json:"duration_minutes"`
	Duration        flexInt  `json:"duration"`
	LocationIDs     []string `json:"location_ids"`
}

// Services lists every bookable service, all pages.
func (c *Client) Services(ctx context.Context) ([]model.Service, error) {
	var out []model.Service
	err := getAll(ctx, c, opServices, "/services", func(w wireService) {
		s, ok := w.model()
		if !ok {
			c.leftOut(opServices)
			return
		}
		if s.DurationMinutes > 0 {
			c.durations.Store(s.ID, s.Duration())
		}
		out = append(out, s)
	})
	return out, err
}

// model converts w; ok is false when its id is refused. Refused location
// ids are dropped from the list.
func (w wireService) model() (model.Service, bool) {
	id, ok := wireID(w.ID)
	s := model.Service{
		ID:              id,
		Name:            text(w.Name, model.MaxTitleRunes),
		Description:     text(w.Description, model.MaxDescriptionRunes),
		DurationMinutes: minutes(w.DurationMinutes),
	}
	if s.DurationMinutes == 0 {
		s.DurationMinutes = minutes(w.Duration)
	}
	for _, raw := range w.LocationIDs {
		if id := optID(raw); id != "" {
			s.LocationIDs = append(s.LocationIDs, id)
		}
	}
	return s, ok
}

// getAll follows next_page_token until the last page.
func getAll[T any](ctx context.Context, c *Client, op, path string, each func(T)) error {
	q := url.Values{"page_size": {"50"}}
	seen := map[string]bool{}
	for range maxPages {
		var p page[T]
		if err := c.getJSON(ctx, op, path, q, &p); err != nil {
			return err
		}
		for _, item := range p.Items {
			each(item)
		}
		if p.NextPageToken == "" {
			return nil
		}
		if _, err := pageToken(op, p.NextPageToken); err != nil {
			return err
		}
		if seen[p.NextPageToken] {
			return fmt.Errorf("api: %s: the server repeated a page token", op)
		}
		seen[p.NextPageToken] = true
		q.Set("page_token", p.NextPageToken)
	}
	return fmt.Errorf("api: %s: more than %d pages", op, maxPages)
}

// leftOut logs a list item left out because its id is refused.
func (c *Client) leftOut(op string) {
	c.cfg.Logger.Warn("api: left out an item with an unusable id", "op", op)
}

func (c *Client) getJSON(ctx context.Context, op, path string, q url.Values, v any) error {
	res, err := c.do(ctx, call{op: op, method: http.MethodGet, path: path, query: q})
	if err != nil {
		return err
	}
	return decodeJSON(op, res.body, v)
}
