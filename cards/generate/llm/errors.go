package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// The kinds of failure. An *Error's Err wraps exactly one of them, so
// errors.Is(err, ErrUnreachable) and friends tell failures apart.
var (
	// ErrUnreachable: no connection could be made (refused, unknown host,
	// connection dropped before a reply, malformed URL).
	ErrUnreachable = errors.New("language model unreachable")
	// ErrTimeout: the server did not answer within Config.Timeout.
	ErrTimeout = errors.New("language model timed out")
	// ErrUnauthorized: the server refused the API key (HTTP 401 or 403).
	ErrUnauthorized = errors.New("language model refused the API key")
	// ErrNotFound: the server answered 404, so the model or the URL is wrong.
	ErrNotFound = errors.New("language model or URL not found")
	// ErrHTTP: any other unsuccessful HTTP status (5xx, 429, other 4xx).
	ErrHTTP = errors.New("language model request failed")
	// ErrBadReply: the server answered, but not with card JSON of the
	// requested shape.
	ErrBadReply = errors.New("the model's reply was not valid card JSON")
)

// Error is a failed exchange with the language model at URL. Its message
// names the URL and says what to do; Err wraps one of the Err* sentinels
// and the underlying cause.
type Error struct {
	// URL is the configured base URL of the server.
	URL string
	// Err is the failure; errors.Is(Err, ErrUnreachable) etc. classify it.
	Err error
}

// Error returns a message that names the URL and the fix.
func (e *Error) Error() string {
	detail := ""
	status := 0
	var f *failure
	if errors.As(e.Err, &f) {
		detail, status = f.detail, f.status
	} else if e.Err != nil {
		detail = e.Err.Error()
	}
	switch {
	case errors.Is(e.Err, ErrUnreachable):
		return fmt.Sprintf("cannot reach the language model at %s (%s): %s", e.URL, detail, startHint(e.URL))
	case errors.Is(e.Err, ErrTimeout):
		return fmt.Sprintf("the language model at %s did not answer in time (%s): check that the server is not overloaded, or pick a smaller model with --llm-model", e.URL, detail)
	case errors.Is(e.Err, ErrUnauthorized):
		return fmt.Sprintf("the language model at %s refused the request (%s): set %s to a valid API key for that server", e.URL, detail, EnvAPIKey)
	case errors.Is(e.Err, ErrNotFound):
		return fmt.Sprintf("the language model at %s was not found (%s): check the model name (--llm-model; with Ollama, run ollama pull NAME) and the URL (--llm-url)", e.URL, detail)
	case errors.Is(e.Err, ErrHTTP) && status >= 400 && status < 500 && status != 429:
		return fmt.Sprintf("the language model at %s rejected the request (%s): check that --llm-url points at an OpenAI-compatible chat-completions API with JSON-schema output", e.URL, detail)
	case errors.Is(e.Err, ErrHTTP):
		return fmt.Sprintf("the language model at %s failed (%s): check the server's log, or try again later", e.URL, detail)
	case errors.Is(e.Err, ErrBadReply):
		return fmt.Sprintf("the model's reply was not valid card JSON (%s) from %s: try another model with --llm-model, or a server that supports JSON-schema output", detail, e.URL)
	default:
		return fmt.Sprintf("language model at %s: %s", e.URL, detail)
	}
}

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// Unreachable reports whether the server could not be reached or did not
// answer in time, as opposed to answering badly.
func (e *Error) Unreachable() bool {
	return errors.Is(e.Err, ErrUnreachable) || errors.Is(e.Err, ErrTimeout)
}

// BadReply reports whether the server answered with something that is not
// card JSON.
func (e *Error) BadReply() bool { return errors.Is(e.Err, ErrBadReply) }

// failure is the Err of an *Error built by this package: its kind (a
// sentinel), a short detail for the message, the HTTP status if any, and
// the underlying cause.
type failure struct {
	kind   error
	detail string
	status int
	cause  error
}

func (f *failure) Error() string {
	if f.detail == "" {
		return f.kind.Error()
	}
	return f.kind.Error() + ": " + f.detail
}

func (f *failure) Unwrap() []error {
	if f.cause == nil {
		return []error{f.kind}
	}
	return []error{f.kind, f.cause}
}

// startHint says how to make the server reachable.
func startHint(base string) string {
	if u, err := url.Parse(base); err == nil && u.Port() == "11434" {
		return "start Ollama (ollama serve) or pass --llm-url"
	}
	return "check that the server is running, or pass --llm-url"
}

// transportFailure classifies an error from sending a request or reading
// its reply. parent is the caller's context: when it is done the caller
// gave up, which is neither a timeout nor a reason to retry.
func transportFailure(parent context.Context, err error, timeout time.Duration) (f *failure, retry bool) {
	if perr := parent.Err(); perr != nil {
		return &failure{kind: perr, detail: perr.Error(), cause: err}, false
	}
	var nerr net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &nerr) && nerr.Timeout() {
		return &failure{kind: ErrTimeout, detail: "no answer within " + seconds(timeout), cause: err}, true
	}
	return &failure{kind: ErrUnreachable, detail: netReason(err), cause: err}, true
}

// netReason is a short reason for a network error, without the
// `Post "URL":` prefix net/http adds (the message names the URL already).
func netReason(err error) string {
	var dns *net.DNSError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return "unknown host " + dns.Name
		}
		return "cannot resolve " + dns.Name
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the server closed the connection"
	}
	var uerr *url.Error
	if errors.As(err, &uerr) && uerr.Err != nil {
		err = uerr.Err
	}
	return strings.TrimSpace(err.Error())
}

// seconds prints a duration the way people write it: "60s", "100ms".
func seconds(d time.Duration) string {
	if d >= time.Second && d%time.Second == 0 {
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}
