package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestErrorMessages(t *testing.T) {
	const ollama = "http://localhost:11434/v1"
	const hosted = "https://api.example.com/v1"
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{
			name: "ollama down",
			err:  &Error{URL: ollama, Err: &failure{kind: ErrUnreachable, detail: "connection refused"}},
			want: "cannot reach the language model at http://localhost:11434/v1 (connection refused): start Ollama (ollama serve) or pass --llm-url",
		},
		{
			name: "other server down",
			err:  &Error{URL: hosted, Err: &failure{kind: ErrUnreachable, detail: "unknown host api.example.com"}},
			want: "cannot reach the language model at https://api.example.com/v1 (unknown host api.example.com): check that the server is running, or pass --llm-url",
		},
		{
			name: "timeout",
			err:  &Error{URL: ollama, Err: &failure{kind: ErrTimeout, detail: "no answer within 60s"}},
			want: "the language model at http://localhost:11434/v1 did not answer in time (no answer within 60s): check that the server is not overloaded, or pick a smaller model with --llm-model",
		},
		{
			name: "401",
			err:  &Error{URL: hosted, Err: &failure{kind: ErrUnauthorized, detail: "HTTP 401", status: 401}},
			want: "the language model at https://api.example.com/v1 refused the request (HTTP 401): set MNEMO_LLM_API_KEY to a valid API key for that server",
		},
		{
			name: "404",
			err:  &Error{URL: ollama, Err: &failure{kind: ErrNotFound, detail: "HTTP 404", status: 404}},
			want: "the language model at http://localhost:11434/v1 was not found (HTTP 404): check the model name (--llm-model; with Ollama, run ollama pull NAME) and the URL (--llm-url)",
		},
		{
			name: "5xx",
			err:  &Error{URL: ollama, Err: &failure{kind: ErrHTTP, detail: "HTTP 503", status: 503}},
			want: "the language model at http://localhost:11434/v1 failed (HTTP 503): check the server's log, or try again later",
		},
		{
			name: "429",
			err:  &Error{URL: hosted, Err: &failure{kind: ErrHTTP, detail: "HTTP 429", status: 429}},
			want: "the language model at https://api.example.com/v1 failed (HTTP 429): check the server's log, or try again later",
		},
		{
			name: "other 4xx",
			err:  &Error{URL: hosted, Err: &failure{kind: ErrHTTP, detail: "HTTP 422", status: 422}},
			want: "the language model at https://api.example.com/v1 rejected the request (HTTP 422): check that --llm-url points at an OpenAI-compatible chat-completions API with JSON-schema output",
		},
		{
			name: "bad reply",
			err:  &Error{URL: ollama, Err: &failure{kind: ErrBadReply, detail: "for a.md:3: the reply is empty"}},
			want: "the model's reply was not valid card JSON (for a.md:3: the reply is empty) from http://localhost:11434/v1: try another model with --llm-model, or a server that supports JSON-schema output",
		},
		{
			name: "foreign error",
			err:  &Error{URL: ollama, Err: errors.New("boom")},
			want: "language model at http://localhost:11434/v1: boom",
		},
		{
			name: "canceled",
			err:  &Error{URL: ollama, Err: &failure{kind: context.Canceled, detail: "context canceled"}},
			want: "language model at http://localhost:11434/v1: context canceled",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n%q\nwant\n%q", got, tt.want)
			}
			wrapped := fmt.Errorf("sync notes: %w", tt.err)
			var e *Error
			if !errors.As(wrapped, &e) || e != tt.err {
				t.Errorf("errors.As through a wrap failed")
			}
		})
	}
}

func TestErrorKinds(t *testing.T) {
	cause := syscall.ECONNREFUSED
	e := &Error{URL: "u", Err: &failure{kind: ErrUnreachable, detail: "connection refused", cause: cause}}
	if !e.Unreachable() || e.BadReply() || !errors.Is(e, ErrUnreachable) || !errors.Is(e, syscall.ECONNREFUSED) || errors.Is(e, ErrTimeout) {
		t.Errorf("unreachable error misclassified")
	}
	b := &Error{URL: "u", Err: &failure{kind: ErrBadReply}}
	if b.Unreachable() || !b.BadReply() || !errors.Is(b, ErrBadReply) {
		t.Errorf("bad reply misclassified")
	}
}

func TestTransportFailure(t *testing.T) {
	live := context.Background()
	done, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name       string
		parent     context.Context
		err        error
		wantKind   error
		wantDetail string
		wantRetry  bool
	}{
		{"refused", live, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, ErrUnreachable, "connection refused", true},
		{"reset", live, &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, ErrUnreachable, "connection reset", true},
		{"unknown host", live, &net.DNSError{Name: "nohost.invalid", Err: "no such host", IsNotFound: true}, ErrUnreachable, "unknown host nohost.invalid", true},
		{"dns failure", live, &net.DNSError{Name: "h", Err: "server misbehaving", IsTemporary: true}, ErrUnreachable, "cannot resolve h", true},
		{"closed early", live, &url.Error{Op: "Post", URL: "u", Err: io.EOF}, ErrUnreachable, "the server closed the connection", true},
		{"other", live, &url.Error{Op: "Post", URL: "u", Err: errors.New("tls: bad certificate")}, ErrUnreachable, "tls: bad certificate", true},
		{"deadline", live, context.DeadlineExceeded, ErrTimeout, "no answer within 2s", true},
		{"caller canceled", done, context.Canceled, context.Canceled, "context canceled", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, retry := transportFailure(tt.parent, tt.err, 2*time.Second)
			if f.kind != tt.wantKind || f.detail != tt.wantDetail || retry != tt.wantRetry {
				t.Errorf("got %v %q retry=%v, want %v %q retry=%v", f.kind, f.detail, retry, tt.wantKind, tt.wantDetail, tt.wantRetry)
			}
		})
	}
}

func TestConfig(t *testing.T) {
	env := map[string]string{EnvAPIKey: " sk-abc \n"}
	cfg := ConfigFromEnv(func(k string) string { return env[k] })
	want := Config{BaseURL: DefaultBaseURL, Model: DefaultModel, APIKey: "sk-abc", Timeout: DefaultTimeout}
	if cfg != want {
		t.Errorf("ConfigFromEnv = %+v, want %+v", cfg, want)
	}
	if got := ConfigFromEnv(nil); got.APIKey != "" || got.BaseURL != DefaultBaseURL {
		t.Errorf("ConfigFromEnv(nil) = %+v", got)
	}

	tests := []struct {
		name, base, endpoint string
	}{
		{"default", "", "http://localhost:11434/v1/chat/completions"},
		{"trailing slash", "http://h:8080/v1/", "http://h:8080/v1/chat/completions"},
		{"full endpoint", "https://h/v1/chat/completions", "https://h/v1/chat/completions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := New(Config{BaseURL: tt.base}, nil)
			if g.endpoint != tt.endpoint {
				t.Errorf("endpoint = %q, want %q", g.endpoint, tt.endpoint)
			}
			if g.cfg.Model != DefaultModel || g.cfg.Timeout != DefaultTimeout || g.cfg.HTTPClient != http.DefaultClient {
				t.Errorf("defaults not filled: %+v", g.cfg)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	def := 500 * time.Millisecond
	for h, want := range map[string]time.Duration{
		"": def, "2": 2 * time.Second, "120": maxRetryAfter, "-1": def,
		"Wed, 21 Oct 2015 07:28:00 GMT": def,
	} {
		if got := retryAfter(h, def); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestTruncate(t *testing.T) {
	if got := truncate("short", 10); got != "short" {
		t.Errorf("truncate short = %q", got)
	}
	got := truncate(strings.Repeat("é", 10), 5)
	if got != "éé…" {
		t.Errorf("truncate on a rune boundary = %q, want éé…", got)
	}
}
