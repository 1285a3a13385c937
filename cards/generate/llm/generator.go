package llm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/generate"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

// Origin is the Origin of every card this package makes.
const Origin = "llm"

// Confidence is the base confidence of a model's card whose quote was
// found in the note: at the rules' auto threshold, so a card the shared
// quality checks find weak (long, vague, failing Check) drops below it and
// is offered as a suggestion instead of added.
const Confidence = generate.AutoThreshold

const (
	// defaultBackoff is the pause before the one retry.
	defaultBackoff = 500 * time.Millisecond
	// maxRetryAfter caps how long a 429's Retry-After may make us wait.
	maxRetryAfter = 5 * time.Second
	// maxReplyBytes bounds a reply body; a chat completion for one section
	// is a few kilobytes.
	maxReplyBytes = 4 << 20
)

// Cache keeps the validated cards of sections already sent. The caller
// persists it (in the collection); keys are lower-case hex SHA-256 of the
// model, the prompt version and the section text, values are opaque JSON.
type Cache interface {
	// Get returns the value stored under key.
	Get(key string) ([]byte, bool)
	// Put stores value under key.
	Put(key string, value []byte)
}

// Generator makes cards from notes with a language model. It is safe for
// concurrent use if its Cache is.
//
// Once the server proved unusable for every section (unreachable, too
// slow, 5xx or 429 even after the retry, refused key, unknown model or
// URL), the Generator stops
// sending: later sections and later calls to Generate get that same error
// at once, while sections found in the cache are still replayed. Make a
// new Generator to try again.
type Generator struct {
	cfg      Config
	endpoint string
	cache    Cache
	backoff  time.Duration

	mu     sync.Mutex
	failed error
	// cacheOnly makes Generate answer from the cache alone (CacheOnly).
	cacheOnly bool
}

// ErrNotCached is the error of a CacheOnly generator for a section whose
// cards are not in the cache.
var ErrNotCached = errors.New("section not in the language-model cache")

// CacheOnly returns a Generator that shares g's configuration and cache
// but never calls the model: sections not in the cache fail with
// ErrNotCached. Callers run g over the notes first (Generate fills the
// cache), then hand the CacheOnly twin to code that holds the collection's
// write lock, so no model call waits inside the lock.
func (g *Generator) CacheOnly() *Generator {
	return &Generator{cfg: g.cfg, endpoint: g.endpoint, cache: g.cache, backoff: g.backoff, cacheOnly: true}
}

// New returns a Generator for cfg (zero fields take their defaults) that
// remembers sections in cache; a nil cache remembers nothing.
func New(cfg Config, cache Cache) *Generator {
	cfg = cfg.withDefaults()
	return &Generator{cfg: cfg, endpoint: cfg.endpoint(), cache: cache, backoff: defaultBackoff}
}

// Generate asks the model for cards for every heading section of doc that
// has prose, one request per section not already cached. The cards are
// basic cards with Origin "llm", Source and Context set, in note order,
// without duplicates of each other or of doc.Explicit; ID, Note, Deck and
// Tags are left for the reader.
//
// When some sections fail, Generate still returns the cards of the others
// together with the first error (an *Error, or the context's error).
func (g *Generator) Generate(ctx context.Context, doc *markdown.Document) ([]cards.Card, error) {
	if doc == nil {
		return nil, nil
	}
	seen := map[string]bool{}
	for _, c := range doc.Explicit {
		seen[cards.Normalize(c.Question)] = true
	}
	var (
		out      []cards.Card
		firstErr error
	)
	for _, s := range sections(doc) {
		if !s.prose {
			continue
		}
		key := cacheKey(g.cfg.Model, s.text(doc))
		got, ok := g.cached(key, s)
		if !ok {
			var err error
			got, err = g.ask(ctx, doc, s)
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			if g.cache != nil {
				if got == nil {
					// A section with nothing worth a card is an answer too:
					// cache it as [] (null reads back as "not cached").
					got = []candidate{}
				}
				if v, err := json.Marshal(cacheEntry{Cards: got}); err == nil {
					g.cache.Put(key, v)
				}
			}
		}
		slices.SortStableFunc(got, func(a, b candidate) int { return a.Start - b.Start })
		for _, c := range got {
			q := cards.Normalize(c.Question)
			if seen[q] {
				continue
			}
			seen[q] = true
			card := cards.Card{
				Kind:     cards.KindBasic,
				Question: c.Question,
				Answer:   c.Answer,
				Context:  slices.Clone(s.context),
				Source:   cards.Source{Path: doc.Path, Line: s.first + c.Start, EndLine: s.first + c.End},
				Origin:   Origin,
			}
			card.Confidence = generate.Score(card, Confidence)
			out = append(out, card)
		}
	}
	return out, firstErr
}

// cacheKey is the cache key of a section's text for model.
func cacheKey(model, text string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", model, promptVersion)
	io.WriteString(h, text)
	return hex.EncodeToString(h.Sum(nil))
}

// cached replays the cards stored for key, if the entry is usable.
func (g *Generator) cached(key string, s section) ([]candidate, bool) {
	if g.cache == nil {
		return nil, false
	}
	v, ok := g.cache.Get(key)
	if !ok {
		return nil, false
	}
	var e cacheEntry
	if json.Unmarshal(v, &e) != nil || e.Cards == nil {
		return nil, false
	}
	for _, c := range e.Cards {
		if c.Question == "" || c.Answer == "" || c.Start < 0 || c.Start > c.End || s.first+c.End > s.last {
			return nil, false
		}
	}
	return e.Cards, true
}

// ask sends section s and validates the reply, unless the Generator has
// already given up on the server or ctx is done.
func (g *Generator) ask(ctx context.Context, doc *markdown.Document, s section) ([]candidate, error) {
	if g.cacheOnly {
		return nil, fmt.Errorf("%s:%d: %w", doc.Path, s.first, ErrNotCached)
	}
	if err := g.stopped(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, &Error{URL: g.cfg.BaseURL, Err: &failure{kind: err, detail: err.Error()}}
	}
	body, err := requestBody(g.cfg.Model, doc, s)
	if err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	reply, err := g.send(ctx, body)
	if err != nil {
		return nil, err
	}
	got, err := parseReply(reply, doc, s)
	if err != nil {
		where := fmt.Sprintf("%s:%d", doc.Path, s.first)
		return nil, &Error{URL: g.cfg.BaseURL, Err: &failure{kind: ErrBadReply, detail: "for " + where + ": " + err.Error(), cause: err}}
	}
	return got, nil
}

func (g *Generator) stopped() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.failed
}

func (g *Generator) stop(err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.failed == nil {
		g.failed = err
	}
}

// send posts body, retrying once after network errors, timeouts, 429 and
// 5xx. Failures that would recur for every section stop the Generator.
func (g *Generator) send(ctx context.Context, body []byte) ([]byte, error) {
	var (
		f     *failure
		retry bool
		wait  time.Duration
	)
	for attempt := 0; attempt < 2; attempt++ {
		if attempt > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				err := ctx.Err()
				return nil, &Error{URL: g.cfg.BaseURL, Err: &failure{kind: err, detail: err.Error()}}
			case <-t.C:
			}
		}
		var reply []byte
		reply, f, retry, wait = g.attempt(ctx, body)
		if f == nil {
			return reply, nil
		}
		if !retry {
			break
		}
	}
	err := &Error{URL: g.cfg.BaseURL, Err: f}
	if recurs(f) && ctx.Err() == nil {
		g.stop(err)
	}
	return nil, err
}

// recurs reports whether failure f would happen again for every section:
// everything but a bad reply and a 4xx that may be about this request only
// (such as a section too long for the model's context).
func recurs(f *failure) bool {
	switch f.kind {
	case ErrUnreachable, ErrTimeout, ErrUnauthorized, ErrNotFound:
		return true
	case ErrHTTP:
		return f.status >= 500 || f.status == http.StatusTooManyRequests
	}
	return false
}

// attempt makes one request. On failure it says whether to retry and how
// long to wait first.
func (g *Generator) attempt(ctx context.Context, body []byte) (reply []byte, f *failure, retry bool, wait time.Duration) {
	actx, cancel := context.WithTimeout(ctx, g.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, g.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, &failure{kind: ErrUnreachable, detail: "invalid URL: " + netReason(err), cause: err}, false, 0
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if g.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+g.cfg.APIKey)
	}
	resp, err := g.cfg.HTTPClient.Do(req)
	if err != nil {
		f, retry = transportFailure(ctx, err, g.cfg.Timeout)
		return nil, f, retry, g.backoff
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxReplyBytes+1))
	if err != nil {
		f, retry = transportFailure(ctx, err, g.cfg.Timeout)
		return nil, f, retry, g.backoff
	}
	if resp.StatusCode == http.StatusOK {
		if len(data) > maxReplyBytes {
			return nil, &failure{kind: ErrBadReply, detail: fmt.Sprintf("the reply is larger than %d MiB", maxReplyBytes>>20)}, false, 0
		}
		return data, nil, false, 0
	}
	detail := "HTTP " + strconv.Itoa(resp.StatusCode)
	if msg := apiErrorMessage(errorField(data)); msg != "" {
		detail += ": " + truncate(msg, 200)
	}
	f = &failure{kind: ErrHTTP, detail: detail, status: resp.StatusCode}
	switch code := resp.StatusCode; {
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		f.kind = ErrUnauthorized
	case code == http.StatusNotFound:
		f.kind = ErrNotFound
	case code == http.StatusTooManyRequests:
		return nil, f, true, retryAfter(resp.Header.Get("Retry-After"), g.backoff)
	case code >= 500:
		return nil, f, true, g.backoff
	}
	return nil, f, false, 0
}

// errorField returns the "error" member of an error body, if it has one.
func errorField(body []byte) json.RawMessage {
	var e struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &e) != nil {
		return nil
	}
	return e.Error
}

// retryAfter reads a Retry-After header given in seconds, capped at
// maxRetryAfter; otherwise it returns def.
func retryAfter(h string, def time.Duration) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(h))
	if err != nil || n < 0 {
		return def
	}
	return min(time.Duration(n)*time.Second, maxRetryAfter)
}

// truncate shortens s to at most n bytes on a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
