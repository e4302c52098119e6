package api

import (
	"context"
	"time"
)

// SetSleep replaces the backoff sleep, so tests in api_test simulate time
// instead of spending it.
func SetSleep(c *Client, sleep func(context.Context, time.Duration) error) { c.sleep = sleep }
