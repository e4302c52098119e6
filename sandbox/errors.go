package sandbox

import (
	"fmt"
	"net/http"
)

// apiError is an error that becomes the canonical error body
// {"error":{"code":"...","message":"..."}} with its HTTP status.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func errorf(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) *apiError {
	return errorf(http.StatusBadRequest, "invalid_request", format, args...)
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *apiError) body() errorBody {
	return errorBody{Error: errorDetail{Code: e.Code, Message: e.Message}}
}

// codeForStatus names the error code of an injected fault, whose status the
// test picks freely.
func codeForStatus(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "invalid_request"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusForbidden:
		return "insufficient_scope"
	case http.StatusNotFound:
		return "not_found"
	case http.StatusConflict:
		return "conflict"
	case http.StatusTooManyRequests:
		return "rate_limited"
	case http.StatusServiceUnavailable:
		return "service_unavailable"
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return "upstream_error"
	}
	if status >= 500 {
		return "internal_error"
	}
	return "error"
}
