package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// maxInput bounds an --input body: more is surely a mistake.
const maxInput = 4 << 20

// methods zimun api sends.
var methods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

func (a *app) apiCmd() *cobra.Command {
	var (
		method, input, key           string
		fields, typedF, raw, queries []string
		include, paginate            bool
		curl                         bool
	)
	cmd := &cobra.Command{
		Use:   "api [METHOD] PATH",
		Short: a.h(i18n.CmdAPIShort),
		Long:  a.h(i18n.CmdAPILong),
		Example: `  zimun api /api/v1/services --paginate
  zimun api availability -q service_id=s_123 -q days_ahead=7
  zimun api POST appointments/hold -f service_id=s_123 -f appointment_time=2026-03-03T09:00:00Z -f appointment_duration=30
  echo '{"hold_id":"h_1","contact_name":"Dana","contact_email":"dana@example.com"}' | zimun api POST appointments/confirm --input -
  zimun api -i /api/v1/organization`,
		Args: cobra.RangeArgs(1, 2),
	}
	f := cmd.Flags()
	f.StringVarP(&method, "method", "X", "", a.h(i18n.FlagMethod))
	f.StringArrayVarP(&fields, "field", "f", nil, a.h(i18n.FlagField))
	f.StringArrayVarP(&typedF, "typed-field", "F", nil, a.h(i18n.FlagTypedField))
	f.StringArrayVar(&raw, "raw-field", nil, a.h(i18n.FlagRawField))
	f.StringArrayVarP(&queries, "query", "q", nil, a.h(i18n.FlagQueryField))
	f.StringVar(&input, "input", "", a.h(i18n.FlagInput))
	f.BoolVarP(&include, "include", "i", false, a.h(i18n.FlagInclude))
	f.BoolVar(&paginate, "paginate", false, a.h(i18n.FlagPaginate))
	f.StringVar(&key, "idempotency-key", "", a.h(i18n.FlagAPIKey))
	f.BoolVar(&curl, "curl", false, a.h(i18n.FlagAPICurl))
	cmd.RunE = run(func(c *cobra.Command, args []string) error {
		req, err := a.rawRequest(args, method, input, key, append(fields, typedF...), raw, queries)
		if err != nil {
			return err
		}
		if paginate && req.Method != http.MethodGet {
			return usageError(i18n.ErrPaginateGET, req.Method)
		}
		cfg, err := a.loadConfig(c, nil)
		if err != nil {
			return err
		}
		pretty := isTerminal(a.Stdout)
		s, err := a.connect(c, cfg, true)
		if err != nil {
			return err
		}
		defer s.close()
		env, flush := a.redactingEnv()
		defer flush()
		ctx := c.Context()
		if curl {
			return printCurl(ctx, env, a.words(), s.demo, func(ctx context.Context) error {
				_, err := s.client.Raw(ctx, req)
				return err
			})
		}
		var res *api.RawResponse
		if paginate {
			res, err = s.client.RawAll(ctx, req)
		} else {
			res, err = s.client.Raw(ctx, req)
		}
		if errors.Is(err, api.ErrForeignURL) {
			return &codedError{exitUsage, err}
		}
		if res != nil {
			if werr := printReply(env.Stdout, res, include, pretty); werr != nil && err == nil {
				err = werr
			}
		}
		return err
	})
	return cmd
}

// rawRequest reads zimun api's arguments and flags, before any network
// work, so that every mistake is a usage error.
func (a *app) rawRequest(args []string, method, input, key string, fields, raw, queries []string) (api.RawRequest, error) {
	var req api.RawRequest
	req.Path = args[len(args)-1]
	if len(args) == 2 {
		if method != "" && !strings.EqualFold(method, args[0]) {
			return req, usageError(i18n.ErrMethodTwice, args[0], method)
		}
		method = args[0]
	}
	if err := model.CheckText("PATH", req.Path, 2000, false); err != nil {
		return req, &codedError{exitUsage, err}
	}
	if err := model.CheckText("--idempotency-key", key, 255, false); err != nil {
		return req, &codedError{exitUsage, err}
	}
	req.IdempotencyKey = key
	body := map[string]any{}
	q := url.Values{}
	for _, set := range []struct {
		flag  string
		items []string
		typed bool
	}{{"-f", fields, true}, {"--raw-field", raw, false}} {
		for _, item := range set.items {
			k, v, err := keyValue(set.flag, item)
			if err != nil {
				return req, err
			}
			if set.typed {
				body[k] = typed(v)
			} else {
				body[k] = v
			}
			q.Add(k, v)
		}
	}
	if input != "" {
		b, err := a.readInput(input)
		if err != nil {
			return req, err
		}
		req.Body = b
	}
	switch method = strings.ToUpper(method); {
	case method == "" && (len(body) > 0 || input != ""):
		method = http.MethodPost
	case method == "":
		method = http.MethodGet
	case !contains(methods, method):
		return req, usageError(i18n.ErrUnknownMethod, model.Sanitize(method), strings.Join(methods, ", "))
	}
	req.Method = method
	fieldsInQuery := method == http.MethodGet || method == http.MethodHead || input != ""
	if fieldsInQuery {
		req.Query = q
	} else if len(body) > 0 {
		b, err := json.Marshal(body)
		if err != nil {
			return req, usageError(i18n.NamedProblem, "-f", err)
		}
		req.Body = b
	}
	if req.Query == nil {
		req.Query = url.Values{}
	}
	for _, item := range queries {
		k, v, err := keyValue("-q", item)
		if err != nil {
			return req, err
		}
		req.Query.Add(k, v)
	}
	if req.Body != nil && (method == http.MethodGet || method == http.MethodHead) {
		return req, usageError(i18n.ErrNoBody, method)
	}
	return req, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// keyValue splits a -f, --raw-field or -q item.
func keyValue(flag, item string) (string, string, error) {
	k, v, ok := strings.Cut(item, "=")
	if !ok || k == "" {
		return "", "", usageError(i18n.ErrWantKeyValue, flag, model.Sanitize(item))
	}
	if err := model.CheckText(flag, item, 10000, false); err != nil {
		return "", "", &codedError{exitUsage, err}
	}
	return k, v, nil
}

// jsonNumber is JSON's own number syntax, so "0123" and "+33 1 23" (a
// phone) stay strings.
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// typed reads a -f value as gh api's -F does: true, false, null and
// numbers as JSON, anything else as a string.
func typed(v string) any {
	switch {
	case v == "true":
		return true
	case v == "false":
		return false
	case v == "null":
		return nil
	case jsonNumber.MatchString(v):
		return json.Number(v)
	}
	return v
}

func (a *app) readInput(name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		if a.Stdin == nil {
			return nil, usageError(i18n.ErrNoStdin)
		}
		r = a.Stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, usageError(i18n.NamedProblem, "--input", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, usageError(i18n.NamedProblem, "--input", err)
	}
	if len(b) > maxInput {
		return nil, usageError(i18n.ErrInputTooBig, maxInput>>20)
	}
	return b, nil
}

// printReply prints a reply: the status and headers first with --include,
// then the body, indented on a terminal. Nothing from the server reaches a
// terminal unsanitised.
func printReply(w io.Writer, res *api.RawResponse, include, pretty bool) error {
	var b bytes.Buffer
	if include {
		fmt.Fprintf(&b, "HTTP %d %s\n", res.Status, http.StatusText(res.Status))
		for _, line := range api.HeaderLines(res.Header) {
			b.WriteString(line + "\n")
		}
		b.WriteString("\n")
	}
	body := res.Body
	if pretty {
		var out bytes.Buffer
		if json.Indent(&out, body, "", "  ") == nil {
			body = out.Bytes()
		}
	}
	b.Write(body)
	if pretty || include {
		text := b.String()
		if pretty {
			lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
			for i, l := range lines {
				lines[i] = model.Sanitize(l)
			}
			text = strings.Join(lines, "\n") + "\n"
		}
		_, err := io.WriteString(w, text)
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// isTerminal reports whether w is a terminal, for pretty output.
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}

func (a *app) tokenCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "token",
		Short: a.h(i18n.CmdTokenShort),
		Long:  a.h(i18n.CmdTokenLong),
		Args:  cobra.NoArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.loadConfig(cmd, nil)
			if err != nil {
				return err
			}
			if a.usesDemo(cfg) {
				return usageError(i18n.ErrTokenNeedsCredentials)
			}
			logger, closeLog, err := a.openLog()
			if err != nil {
				return err
			}
			defer closeLog()
			client, err := api.New(cmd.Context(), a.apiConfig(cfg, logger))
			if err != nil {
				return &codedError{exitUsage, err}
			}
			a.client = client
			tok, exp, err := client.Token(cmd.Context())
			if err != nil {
				return err
			}
			// The one place a token is printed: not through the redactor.
			if _, err := fmt.Fprintln(a.Stdout, tok); err != nil {
				return err
			}
			if !exp.IsZero() {
				fmt.Fprintf(a.Stderr, "zimun: %s\n", a.words().T(i18n.TokenExpires,
					exp.UTC().Format(time.RFC3339), exp.Sub(a.Now()).Round(time.Second).String()))
			}
			return nil
		}),
	}
}

// printCurl runs send under api.DryRun and prints the calls it would have
// made as curl commands, one a line; look-ups it needs are still made.
func printCurl(ctx context.Context, env Env, p *i18n.Printer, demo bool, send func(context.Context) error) error {
	var (
		mu    sync.Mutex
		shown []api.Exchange
	)
	err := send(api.DryRun(ctx, func(e api.Exchange) {
		mu.Lock()
		defer mu.Unlock()
		shown = append(shown, e)
	}))
	if err != nil && !errors.Is(err, api.ErrNotSent) {
		return err
	}
	if len(shown) == 0 {
		return i18n.Errorf(i18n.ErrNoAPICall)
	}
	for _, e := range shown {
		cmd, ok := e.Curl()
		if !ok {
			return i18n.Errorf(i18n.ErrCurlTooLong, e.Method, e.Path())
		}
		fmt.Fprintln(env.Stdout, cmd)
	}
	switch {
	case demo:
		fmt.Fprintln(env.Stderr, "zimun: "+p.T(i18n.CurlDemoNote))
	case env.Getenv("ZIMUN_TOKEN") == "":
		fmt.Fprintln(env.Stderr, "zimun: "+p.T(i18n.CurlSetToken))
	}
	return nil
}
