package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// memCache is a Cache in memory that counts its writes.
type memCache struct {
	mu   sync.Mutex
	m    map[string][]byte
	puts int
}

func newMemCache() *memCache { return &memCache{m: map[string][]byte{}} }

func (c *memCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok
}

func (c *memCache) Put(key string, value []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = value
	c.puts++
}

// reply is one canned answer of a fake server.
type reply struct {
	status int
	file   string // body from testdata, or
	body   []byte // this body
}

// serve starts a server that answers requests with replies in order and
// fails the test on any request beyond them. It returns the base URL and
// the request counter.
func serve(t *testing.T, replies ...reply) (string, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1))
		if n > len(replies) {
			t.Errorf("unexpected request %d", n)
			http.Error(w, "unexpected", http.StatusTeapot)
			return
		}
		rp := replies[n-1]
		body := rp.body
		if rp.file != "" {
			body = readReply(t, rp.file)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rp.status)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/v1", &calls
}

// newTest returns a Generator with a short backoff for tests.
func newTest(cfg Config, cache Cache) *Generator {
	g := New(cfg, cache)
	g.backoff = time.Millisecond
	return g
}

// userMessage returns the user message of a request body.
func userMessage(t *testing.T, r *http.Request) string {
	t.Helper()
	var req chatRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		t.Errorf("decode request: %v", err)
		return ""
	}
	if len(req.Messages) != 2 {
		t.Errorf("got %d messages, want 2", len(req.Messages))
		return ""
	}
	return req.Messages[1].Content
}

// The cards the fake server makes for sections.md, keyed by a phrase of
// each section.
var sectionCards = map[string]string{
	"Notes taken":        `{"question":"Which series were these transformer notes taken from?","answer":"The transformer series by 3Blue1Brown.","quote":"the transformer series by 3Blue1Brown","start_line":4,"end_line":4}`,
	"A transformer is":   `{"question":"What is a transformer a stack of?","answer":"Attention and feed-forward layers.","quote":"a stack of attention and feed-forward layers","start_line":8,"end_line":8}`,
	"Superposition lets": `{"question":"What does superposition let a network do?","answer":"Store more features than it has dimensions.","quote":"store more features than it has dimensions","start_line":17,"end_line":17}`,
}

// sectionServer answers each section of sections.md with its card, or
// with override[phrase] as the message content when set. Sections are
// recognised by phrase, so lines may move.
func sectionServer(t *testing.T, override map[string]string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		msg := userMessage(t, r)
		for phrase, card := range sectionCards {
			if !strings.Contains(msg, phrase) {
				continue
			}
			content, ok := override[phrase]
			if !ok {
				content = `{"cards":[` + card + `]}`
			}
			w.Write(completion(t, content))
			return
		}
		t.Errorf("request for an unknown section:\n%s", msg)
		http.Error(w, "unknown section", http.StatusBadRequest)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func questions(cs []cards.Card) []string {
	var qs []string
	for _, c := range cs {
		qs = append(qs, c.Question)
	}
	return qs
}

func TestGenerateReplies(t *testing.T) {
	tests := []struct {
		file    string
		want    []wantCard
		wantErr error
	}{
		{file: "ollama_good.json", want: []wantCard{{qAttend, 3, 3}, {qWeight, 4, 5}, {qMatrix, 9, 10}}},
		{file: "openai_good.json", want: []wantCard{{qAttend, 3, 3}, {qWeight, 4, 5}, {qMatrix, 9, 10}}},
		{file: "ollama_fenced.json", want: []wantCard{{qAttend, 3, 3}, {qMatrix, 9, 10}}},
		{file: "ollama_prose.json", want: []wantCard{{qAttend, 3, 3}, {qWeight, 4, 5}}},
		{file: "ollama_schema_violations.json", want: []wantCard{{qAttend, 3, 3}}},
		{file: "ollama_ungrounded.json", want: []wantCard{{qAttend, 3, 3}, {qWeight, 4, 5}}},
		{file: "ollama_empty.json", wantErr: ErrBadReply},
		{file: "ollama_all_malformed.json", wantErr: ErrBadReply},
		{file: "ollama_wrong_shape.json", wantErr: ErrBadReply},
		{file: "ollama_truncated.json", wantErr: ErrBadReply},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			url, calls := serve(t, reply{status: 200, file: tt.file})
			doc := readNote(t, "attention.md")
			got, err := newTest(Config{BaseURL: url}, nil).Generate(context.Background(), doc)
			if calls.Load() != 1 {
				t.Errorf("%d requests, want 1", calls.Load())
			}
			if tt.wantErr != nil {
				var e *Error
				if !errors.Is(err, tt.wantErr) || !errors.As(err, &e) || e.URL != url || !e.BadReply() || e.Unreachable() {
					t.Fatalf("error = %v, want an *Error for %s wrapping %v", err, url, tt.wantErr)
				}
				for _, part := range []string{"the model's reply was not valid card JSON", "notes/attention.md:1", url} {
					if !strings.Contains(err.Error(), part) {
						t.Errorf("error %q does not mention %q", err, part)
					}
				}
				if len(got) != 0 {
					t.Errorf("cards %v with a bad reply", questions(got))
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %d cards", questions(got), len(tt.want))
			}
			for i, c := range got {
				w := tt.want[i]
				want := cards.Card{
					Kind:     cards.KindBasic,
					Question: w.question,
					Answer:   c.Answer,
					Context:  []string{"Attention"},
					Source:   cards.Source{Path: "notes/attention.md", Line: w.first, EndLine: w.last},
					Origin:   "llm",
				}
				if c.Confidence <= 0 || c.Confidence > Confidence {
					t.Errorf("card %d confidence %.2f, want in (0, %.2f]", i, c.Confidence, Confidence)
				}
				want.Confidence = c.Confidence
				if c.Answer == "" || !reflect.DeepEqual(c, want) {
					t.Errorf("card %d =\n%+v\nwant\n%+v", i, c, want)
				}
			}
		})
	}
}

func TestRequestShape(t *testing.T) {
	for _, key := range []string{"sk-test-123", ""} {
		t.Run(fmt.Sprintf("key=%q", key), func(t *testing.T) {
			var body []byte
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
					t.Errorf("request %s %s, want POST /v1/chat/completions", r.Method, r.URL.Path)
				}
				if ct := r.Header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type = %q", ct)
				}
				auth, hasAuth := r.Header["Authorization"]
				switch {
				case key == "" && hasAuth:
					t.Errorf("Authorization %q sent without a key", auth)
				case key != "" && r.Header.Get("Authorization") != "Bearer "+key:
					t.Errorf("Authorization = %q, want Bearer %s", r.Header.Get("Authorization"), key)
				}
				body, _ = io.ReadAll(r.Body)
				w.Write(readReply(t, "ollama_good.json"))
			}))
			defer srv.Close()
			// A trailing slash on the base URL is tolerated.
			g := newTest(Config{BaseURL: srv.URL + "/v1/", Model: "qwen2.5:7b", APIKey: key}, nil)
			if _, err := g.Generate(context.Background(), readNote(t, "attention.md")); err != nil {
				t.Fatal(err)
			}

			var req struct {
				Model       string   `json:"model"`
				Temperature *float64 `json:"temperature"`
				Stream      *bool    `json:"stream"`
				Messages    []struct {
					Role, Content string
				} `json:"messages"`
				ResponseFormat struct {
					Type       string `json:"type"`
					JSONSchema struct {
						Name   string         `json:"name"`
						Strict bool           `json:"strict"`
						Schema map[string]any `json:"schema"`
					} `json:"json_schema"`
				} `json:"response_format"`
			}
			if err := json.Unmarshal(body, &req); err != nil {
				t.Fatalf("request is not JSON: %v\n%s", err, body)
			}
			if req.Model != "qwen2.5:7b" {
				t.Errorf("model = %q", req.Model)
			}
			if req.Temperature == nil || *req.Temperature != 0.2 {
				t.Errorf("temperature = %v, want 0.2", req.Temperature)
			}
			if req.Stream == nil || *req.Stream {
				t.Errorf("stream = %v, want false", req.Stream)
			}
			if len(req.Messages) != 2 || req.Messages[0].Role != "system" || req.Messages[1].Role != "user" {
				t.Fatalf("messages = %+v, want system then user", req.Messages)
			}
			for _, line := range []string{
				"1: # Attention\n2:\n3: Attention lets each token look at every other token in the context.\n",
				"9: Thinking of the value and output matrices together as a **combined low-rank\n",
				"10: map** from the embedding space to itself makes attention heads easier to read.\n",
			} {
				if !strings.Contains(req.Messages[1].Content, line) {
					t.Errorf("user message lacks %q:\n%s", line, req.Messages[1].Content)
				}
			}
			if !strings.Contains(req.Messages[1].Content, "Heading path: Attention\n") {
				t.Errorf("user message lacks the heading path:\n%s", req.Messages[1].Content)
			}
			rf := req.ResponseFormat
			if rf.Type != "json_schema" || rf.JSONSchema.Name != "cards" || !rf.JSONSchema.Strict {
				t.Errorf("response_format = %+v", rf)
			}
			item := rf.JSONSchema.Schema["properties"].(map[string]any)["cards"].(map[string]any)["items"].(map[string]any)
			var required []string
			for _, r := range item["required"].([]any) {
				required = append(required, r.(string))
			}
			if want := []string{"question", "answer", "quote", "start_line", "end_line"}; !reflect.DeepEqual(required, want) {
				t.Errorf("required = %v, want %v", required, want)
			}
			if key == "" {
				checkGolden(t, "request.golden.json", body)
			}
		})
	}
}

// checkGolden compares body, indented, with testdata/name.
func checkGolden(t *testing.T, name string, body []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, body, "", "  "); err != nil {
		t.Fatal(err)
	}
	buf.WriteByte('\n')
	path := "testdata/" + name
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("request differs from %s (run go test -update if intended):\n%s", path, buf.Bytes())
	}
}

func TestStatuses(t *testing.T) {
	good := reply{status: 200, file: "ollama_good.json"}
	tests := []struct {
		name      string
		replies   []reply
		wantCards int
		wantErr   error
		wantCalls int32
		wantText  []string
	}{
		{name: "500 then success", replies: []reply{{status: 500, file: "ollama_500.json"}, good}, wantCards: 3, wantCalls: 2},
		{name: "429 then success", replies: []reply{{status: 429, file: "openai_429.json"}, good}, wantCards: 3, wantCalls: 2},
		{name: "502 page then success", replies: []reply{{status: 502, body: []byte("<html>502 Bad Gateway</html>")}, good}, wantCards: 3, wantCalls: 2},
		{
			name: "500 twice", replies: []reply{{status: 500, file: "ollama_500.json"}, {status: 500, file: "ollama_500.json"}},
			wantErr: ErrHTTP, wantCalls: 2,
			wantText: []string{"failed (HTTP 500: llama runner process has terminated: signal: killed)", "check the server's log"},
		},
		{
			name: "401", replies: []reply{{status: 401, file: "openai_401.json"}},
			wantErr: ErrUnauthorized, wantCalls: 1,
			wantText: []string{"HTTP 401: Incorrect API key provided", "set MNEMO_LLM_API_KEY"},
		},
		{
			name: "404", replies: []reply{{status: 404, file: "ollama_404.json"}},
			wantErr: ErrNotFound, wantCalls: 1,
			wantText: []string{`HTTP 404: model "llama3.1" not found, try pulling it first`, "--llm-model", "--llm-url"},
		},
		{
			name: "400 is not retried", replies: []reply{{status: 400, file: "openai_400.json"}},
			wantErr: ErrHTTP, wantCalls: 1,
			wantText: []string{"rejected the request (HTTP 400: This model's maximum context length"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url, calls := serve(t, tt.replies...)
			got, err := newTest(Config{BaseURL: url}, nil).Generate(context.Background(), readNote(t, "attention.md"))
			if calls.Load() != tt.wantCalls {
				t.Errorf("%d requests, want %d", calls.Load(), tt.wantCalls)
			}
			if len(got) != tt.wantCards {
				t.Errorf("got %d cards, want %d", len(got), tt.wantCards)
			}
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var e *Error
			if !errors.Is(err, tt.wantErr) || !errors.As(err, &e) || e.URL != url || e.Unreachable() || e.BadReply() {
				t.Fatalf("error = %v, want an *Error for %s wrapping %v", err, url, tt.wantErr)
			}
			for _, part := range append(tt.wantText, url) {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not mention %q", err, part)
				}
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		io.Copy(io.Discard, r.Body) // the server notices a gone client only once the body is read
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
			t.Error("the client did not give up")
		}
	}))
	defer srv.Close()
	url := srv.URL + "/v1"
	g := newTest(Config{BaseURL: url, Timeout: 100 * time.Millisecond}, nil)
	got, err := g.Generate(context.Background(), readNote(t, "sections.md"))
	var e *Error
	if !errors.Is(err, ErrTimeout) || !errors.As(err, &e) || !e.Unreachable() {
		t.Fatalf("error = %v, want a timeout", err)
	}
	want := "the language model at " + url + " did not answer in time (no answer within 100ms)"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %q, want it to start %q", err, want)
	}
	if len(got) != 0 {
		t.Errorf("cards %q after a timeout", questions(got))
	}
	// One retry, then the other sections are not sent.
	if calls.Load() != 2 {
		t.Errorf("%d requests, want 2", calls.Load())
	}
}

// countingTransport counts the requests it sends.
type countingTransport struct{ n atomic.Int32 }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}

func TestUnreachable(t *testing.T) {
	cache := newMemCache()
	live, _ := sectionServer(t, nil)
	if _, err := newTest(Config{BaseURL: live.URL}, cache).Generate(context.Background(), readNote(t, "sections.md")); err != nil {
		t.Fatal(err)
	}

	dead := httptest.NewServer(http.NotFoundHandler())
	url := dead.URL + "/v1"
	dead.Close()
	transport := &countingTransport{}
	g := newTest(Config{BaseURL: url, HTTPClient: &http.Client{Transport: transport}}, cache)

	// The last section changed, so it is not cached; the others are.
	src, err := os.ReadFile("testdata/sections.md")
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("than it has dimensions"), []byte("than it has neurons"), 1)
	doc := markdown.ParseDocument("notes/sections.md", src)
	got, err := g.Generate(context.Background(), doc)
	wantQ := []string{"Which series were these transformer notes taken from?", "What is a transformer a stack of?"}
	if !reflect.DeepEqual(questions(got), wantQ) {
		t.Errorf("cached cards = %q, want %q", questions(got), wantQ)
	}
	var e *Error
	if !errors.Is(err, ErrUnreachable) || !errors.As(err, &e) || !e.Unreachable() || e.URL != url {
		t.Fatalf("error = %v, want unreachable %s", err, url)
	}
	want := "cannot reach the language model at " + url + " (connection refused): check that the server is running, or pass --llm-url"
	if err.Error() != want {
		t.Errorf("error =\n%q\nwant\n%q", err, want)
	}
	if transport.n.Load() != 2 {
		t.Errorf("%d requests, want 2 (one retry)", transport.n.Load())
	}

	// Further notes are not sent at all.
	fresh := markdown.ParseDocument("notes/other.md", []byte("# Other\n\nA completely different note with enough words.\n"))
	if _, err := g.Generate(context.Background(), fresh); !errors.Is(err, ErrUnreachable) {
		t.Errorf("second call error = %v, want unreachable", err)
	}
	if transport.n.Load() != 2 {
		t.Errorf("%d requests after the server proved unreachable, want still 2", transport.n.Load())
	}
}

func TestCache(t *testing.T) {
	cache := newMemCache()
	srv, calls := sectionServer(t, nil)
	g := newTest(Config{BaseURL: srv.URL}, cache)
	first, err := g.Generate(context.Background(), readNote(t, "sections.md"))
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 3 || cache.puts != 3 || len(first) != 3 {
		t.Fatalf("first run: %d requests, %d cache writes, %d cards; want 3, 3, 3", calls.Load(), cache.puts, len(first))
	}

	t.Run("unchanged note is not sent", func(t *testing.T) {
		before := calls.Load()
		again, err := newTest(Config{BaseURL: srv.URL}, cache).Generate(context.Background(), readNote(t, "sections.md"))
		if err != nil {
			t.Fatal(err)
		}
		if calls.Load() != before {
			t.Errorf("%d requests for an unchanged note", calls.Load()-before)
		}
		if !reflect.DeepEqual(again, first) {
			t.Errorf("replayed cards differ:\n%+v\nwant\n%+v", again, first)
		}
	})

	t.Run("moved sections are not sent", func(t *testing.T) {
		src, err := os.ReadFile("testdata/sections.md")
		if err != nil {
			t.Fatal(err)
		}
		src = bytes.Replace(src, []byte("# Transformers\n"), []byte("# Transformers\n\n```\ncode\n```\n"), 1)
		before := calls.Load()
		moved, err := g.Generate(context.Background(), markdown.ParseDocument("notes/sections.md", src))
		if err != nil {
			t.Fatal(err)
		}
		// The code block joins the Transformers section, which changes;
		// Superposition only moves down by four lines.
		if calls.Load()-before != 1 {
			t.Errorf("%d requests, want 1 (only the edited section)", calls.Load()-before)
		}
		last := moved[len(moved)-1]
		if last.Source.Line != 21 || last.Source.EndLine != 21 {
			t.Errorf("moved card at lines %d-%d, want 21-21", last.Source.Line, last.Source.EndLine)
		}
	})

	t.Run("another model is a different key", func(t *testing.T) {
		before := calls.Load()
		if _, err := newTest(Config{BaseURL: srv.URL, Model: "mistral"}, cache).Generate(context.Background(), readNote(t, "sections.md")); err != nil {
			t.Fatal(err)
		}
		if calls.Load()-before != 3 {
			t.Errorf("%d requests with another model, want 3", calls.Load()-before)
		}
	})

	t.Run("corrupt entry is asked again", func(t *testing.T) {
		c := newMemCache()
		doc := readNote(t, "attention.md")
		key := cacheKey(DefaultModel, sections(doc)[0].text(doc))
		c.m[key] = []byte(`{"cards":[{"question":"q","answer":"a","quote":"x","start":5,"end":99}]}`)
		url, calls := serve(t, reply{status: 200, file: "ollama_good.json"})
		got, err := newTest(Config{BaseURL: url}, c).Generate(context.Background(), doc)
		if err != nil || len(got) != 3 || calls.Load() != 1 {
			t.Errorf("got %d cards, %d requests, error %v; want 3, 1, nil", len(got), calls.Load(), err)
		}
	})
}

func TestFailuresAreNotCached(t *testing.T) {
	cache := newMemCache()
	srv, calls := sectionServer(t, map[string]string{"A transformer is": ""})
	got, err := newTest(Config{BaseURL: srv.URL}, cache).Generate(context.Background(), readNote(t, "sections.md"))
	// A bad reply costs its own section only.
	if !errors.Is(err, ErrBadReply) || !strings.Contains(err.Error(), "notes/sections.md:6") {
		t.Fatalf("error = %v, want a bad reply for notes/sections.md:6", err)
	}
	wantQ := []string{"Which series were these transformer notes taken from?", "What does superposition let a network do?"}
	if !reflect.DeepEqual(questions(got), wantQ) {
		t.Errorf("cards = %q, want %q", questions(got), wantQ)
	}
	if calls.Load() != 3 || cache.puts != 2 {
		t.Errorf("%d requests and %d cache writes, want 3 and 2", calls.Load(), cache.puts)
	}
	// The failed section is asked again next time, and only it.
	srv2, calls2 := sectionServer(t, nil)
	got, err = newTest(Config{BaseURL: srv2.URL}, cache).Generate(context.Background(), readNote(t, "sections.md"))
	if err != nil || len(got) != 3 || calls2.Load() != 1 {
		t.Errorf("second run: %d cards, %d requests, error %v; want 3, 1, nil", len(got), calls2.Load(), err)
	}
}

func TestDuplicates(t *testing.T) {
	t.Run("of explicit cards", func(t *testing.T) {
		url, _ := serve(t, reply{status: 200, file: "ollama_good.json"})
		doc := readNote(t, "attention.md")
		doc.Explicit = []cards.Card{{Kind: cards.KindBasic, Question: "what does ATTENTION let each token do"}}
		got, err := newTest(Config{BaseURL: url}, nil).Generate(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{qWeight, qMatrix}; !reflect.DeepEqual(questions(got), want) {
			t.Errorf("cards = %q, want %q", questions(got), want)
		}
	})
	t.Run("across sections", func(t *testing.T) {
		dup := `{"cards":[{"question":"What is a transformer a stack of?","answer":"Layers.","quote":"Superposition lets a network","start_line":17,"end_line":17}]}`
		srv, _ := sectionServer(t, map[string]string{"Superposition lets": dup})
		got, err := newTest(Config{BaseURL: srv.URL}, nil).Generate(context.Background(), readNote(t, "sections.md"))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Which series were these transformer notes taken from?", "What is a transformer a stack of?"}
		if !reflect.DeepEqual(questions(got), want) {
			t.Errorf("cards = %q, want %q", questions(got), want)
		}
	})
}

func TestCanceled(t *testing.T) {
	url, calls := serve(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := newTest(Config{BaseURL: url}, nil)
	got, err := g.Generate(ctx, readNote(t, "sections.md"))
	if !errors.Is(err, context.Canceled) || len(got) != 0 || calls.Load() != 0 {
		t.Fatalf("got %d cards, %d requests, error %v; want none and context.Canceled", len(got), calls.Load(), err)
	}
	// Cancellation is the caller's, not the server's fault: a new context works.
	url2, _ := serve(t, reply{status: 200, file: "ollama_good.json"})
	g2 := newTest(Config{BaseURL: url2}, nil)
	if _, err := g2.Generate(ctx, readNote(t, "attention.md")); !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
	if got, err := g2.Generate(context.Background(), readNote(t, "attention.md")); err != nil || len(got) != 3 {
		t.Errorf("after cancellation: %d cards, error %v; want 3, nil", len(got), err)
	}
}

func TestNilDocument(t *testing.T) {
	got, err := New(Config{}, nil).Generate(context.Background(), nil)
	if got != nil || err != nil {
		t.Errorf("Generate(nil) = %v, %v", got, err)
	}
}

func TestCacheOnlyNeverCallsTheModel(t *testing.T) {
	cache := newMemCache()
	srv, calls := sectionServer(t, nil)
	g := newTest(Config{BaseURL: srv.URL}, cache)
	note := readNote(t, "sections.md")

	// Before the cache is warm: no request, every section fails as not cached.
	got, err := g.CacheOnly().Generate(context.Background(), note)
	if !errors.Is(err, ErrNotCached) || len(got) != 0 || calls.Load() != 0 {
		t.Fatalf("cold cache-only run: %d cards, err %v, %d requests; want none, ErrNotCached, 0", len(got), err, calls.Load())
	}
	warm, err := g.Generate(context.Background(), note)
	if err != nil {
		t.Fatal(err)
	}
	before := calls.Load()
	again, err := g.CacheOnly().Generate(context.Background(), note)
	if err != nil || calls.Load() != before || !reflect.DeepEqual(again, warm) {
		t.Errorf("warm cache-only run: err %v, %d new requests, same cards %v", err, calls.Load()-before, reflect.DeepEqual(again, warm))
	}
}

// TestCancelInFlight: Ctrl-C while the model is thinking. The server
// holds the request until the client goes away; cancelling the caller's
// context must end the request (the server sees the client leave), return
// context.Canceled without a retry, and cache nothing.
func TestCancelInFlight(t *testing.T) {
	var calls atomic.Int32
	arrived, left := make(chan struct{}, 4), make(chan struct{}, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		io.Copy(io.Discard, r.Body) // the server notices a gone client only once the body is read
		arrived <- struct{}{}
		select {
		case <-r.Context().Done():
			left <- struct{}{}
		case <-time.After(30 * time.Second): // a safety net, not a measurement
		}
	}))
	defer srv.Close()
	cache := newMemCache()
	// a timeout far beyond the test: only the caller's cancel can end it
	g := newTest(Config{BaseURL: srv.URL + "/v1", Timeout: time.Hour}, cache)
	ctx, cancel := context.WithCancel(context.Background())
	type result struct {
		n   int
		err error
	}
	done := make(chan result, 1)
	go func() {
		got, err := g.Generate(ctx, readNote(t, "sections.md"))
		done <- result{len(got), err}
	}()
	<-arrived
	cancel()
	var res result
	select {
	case res = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Generate did not return after its context was cancelled")
	}
	if !errors.Is(res.err, context.Canceled) || res.n != 0 {
		t.Fatalf("got %d cards, error %v; want none and context.Canceled", res.n, res.err)
	}
	select {
	case <-left:
	case <-time.After(30 * time.Second):
		t.Fatal("the request stayed open after the cancel")
	}
	if calls.Load() != 1 || cache.puts != 0 {
		t.Errorf("%d requests, %d cache writes; want 1 and 0", calls.Load(), cache.puts)
	}
}
