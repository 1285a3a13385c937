package main

import (
	"errors"
	"sync"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/generate"
	"github.com/mnemo-app/mnemo/cards/generate/llm"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/ingest"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/urfave/cli/v2"
)

// generators hands the reader the generators of each --generate mode. The
// language-model generator is built lazily: most runs never need it.
type generators struct {
	c  *cli.Context
	e  *env
	st *store.Store

	once  sync.Once
	llm   *llm.Generator
	cache *memoryCache

	// cacheOnly is set once prepare ran: generateLLM then only replays.
	cacheOnly bool

	mu     sync.Mutex
	err    error    // the first language-model error, reported once at the end
	missed []string // notes the language model did not finish; re-read next time
}

func newGenerators(c *cli.Context, e *env, st *store.Store) *generators {
	return &generators{c: c, e: e, st: st}
}

// config is the ingest configuration every command that reads notes
// starts from (add, sync, review PATH and the review's re-read): the same
// generators, language-model calls made before the write lock, and
// generated cards under the threshold kept as suggestions, never added to
// reviews unasked.
func (g *generators) config(now time.Time) ingest.Config {
	return ingest.Config{Now: now, Generators: g.forMode, Prepare: g.prepare, SuggestBelow: generate.AutoThreshold}
}

func (g *generators) forMode(mode markdown.GenerateMode) []markdown.Generator {
	switch mode {
	case markdown.GenerateAuto, markdown.GenerateRules:
		return []markdown.Generator{generate.Rules}
	case markdown.GenerateLLM:
		return []markdown.Generator{generate.Rules, g.generateLLM}
	}
	return nil
}

// prepare is ingest.Config.Prepare: for notes read with --generate llm it
// asks the model before the collection is locked for writing, filling the
// cache that generateLLM then replays inside the write transaction.
func (g *generators) prepare(mode markdown.GenerateMode) func(*markdown.Document) {
	if mode != markdown.GenerateLLM {
		return nil
	}
	g.cacheOnly = true
	return g.prepareLLM
}

func (g *generators) prepareLLM(doc *markdown.Document) {
	g.once.Do(g.setupLLM)
	g.mu.Lock()
	failed := g.err != nil
	g.mu.Unlock()
	if failed {
		return // the server already failed in this run; the note is missed below
	}
	if _, err := g.llm.Generate(g.c.Context, doc); err != nil {
		g.mu.Lock()
		if g.err == nil {
			g.err = err
		}
		g.mu.Unlock()
	}
}

func (g *generators) generateLLM(doc *markdown.Document) []cards.Card {
	g.once.Do(g.setupLLM)
	if g.cacheOnly {
		// Prepared before the write transaction: replay the cache only,
		// never wait on the model while the collection is locked.
		out, err := g.llm.CacheOnly().Generate(g.c.Context, doc)
		if err != nil {
			g.mu.Lock()
			if g.err == nil && !errors.Is(err, llm.ErrNotCached) {
				g.err = err
			}
			g.missed = append(g.missed, doc.Path)
			g.mu.Unlock()
		}
		return out
	}
	g.mu.Lock()
	failed := g.err != nil
	if failed {
		// The server already failed in this run: don't wait on it per file.
		g.missed = append(g.missed, doc.Path)
	}
	g.mu.Unlock()
	if failed {
		return nil
	}
	out, err := g.llm.Generate(g.c.Context, doc)
	if err != nil {
		g.mu.Lock()
		if g.err == nil {
			g.err = err
		}
		g.missed = append(g.missed, doc.Path)
		g.mu.Unlock()
	}
	return out
}

func (g *generators) setupLLM() {
	cfg := llm.ConfigFromEnv(g.e.getenv)
	if u := g.c.String("llm-url"); u != "" {
		cfg.BaseURL = u
	}
	if m := g.c.String("llm-model"); m != "" {
		cfg.Model = m
	}
	g.cache = &memoryCache{m: map[string][]byte{}, added: map[string][]byte{}}
	// A read transaction beside the open write one sees the collection as it
	// was before this run, which is all the cache needs.
	_ = g.st.View(func(tx *store.Tx) error {
		return tx.ForEachCache(func(k string, v []byte) { g.cache.m[k] = v })
	})
	g.llm = llm.New(cfg, g.cache)
}

// save stores the replies fetched during the run, and forgets the content
// hash of notes the language model did not finish so the next sync reads
// them again instead of skipping them as unchanged. It runs after the
// run's own transaction, also after a dry run (a cache is not the user's
// data; the hashes of a dry run were never written).
func (g *generators) save(dryRun bool) error {
	if g.cache == nil || (len(g.cache.added) == 0 && len(g.missed) == 0) {
		return nil
	}
	return g.st.Update(func(tx *store.Tx) error {
		for k, v := range g.cache.added {
			if err := tx.CachePut(k, v); err != nil {
				return err
			}
		}
		if dryRun {
			return nil
		}
		for _, path := range g.missed {
			src, ok, err := tx.Source(path)
			if err != nil || !ok {
				return err
			}
			src.Hash, src.Size = "", -1
			if err := tx.PutSource(src); err != nil {
				return err
			}
		}
		return nil
	})
}

// memoryCache serves the language-model cache during a run. The reader runs
// inside the collection's write transaction on worker goroutines, which may
// not touch it, so entries are loaded before and saved after the run.
type memoryCache struct {
	mu    sync.Mutex
	m     map[string][]byte
	added map[string][]byte
}

func (m *memoryCache) Get(key string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.m[key]
	return v, ok
}

func (m *memoryCache) Put(key string, v []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[key], m.added[key] = v, v
}
