package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/mnemo-app/mnemo/decks"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/mnemo-app/mnemo/cards"
)

// ErrNotText is wrapped by the error Read returns for content that is not
// a text note: invalid UTF-8 or NUL bytes (a binary file).
var ErrNotText = errors.New("not a text file")

// Read reads one Markdown note: its deck and tags, the cards written with
// explicit markup (docs/notes-to-cards.md §1, §2) and, depending on
// opts.Mode, the cards opts.Generators make from its prose.
//
// src must be a buffer the caller owns: it is parsed in place and a leading
// YAML front matter block is blanked out (see ParseDocument). The file size
// limit and file I/O are the caller's job. The errors are ErrNotText and
// ErrLimit (MaxNesting, MaxCardsPerNote, decks.MaxDepth and
// decks.MaxNameLength); malformed card markup costs that card only and is
// reported in Result.Warnings.
func Read(src []byte, opts ReadOptions) (*Result, error) {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return nil, fmt.Errorf("%s: NUL byte at offset %d: %w", opts.Path, i, ErrNotText)
	}
	if !utf8.Valid(src) {
		return nil, fmt.Errorf("%s: invalid UTF-8: %w", opts.Path, ErrNotText)
	}
	if err := checkLimits(opts.Path, src); err != nil {
		return nil, err
	}
	doc := ParseDocument(opts.Path, src)
	r := &reader{doc: doc, opts: opts, prose: make([]bool, len(src)), cards: make([]cards.Card, 0, 16)}
	r.comments = proseMask(doc, r.prose)
	r.collectTags()
	r.deck = r.decideDeck()
	if err := decks.CheckName(r.deck); err != nil {
		return nil, fmt.Errorf("%s:1: %v: %w", opts.Path, err, ErrLimit)
	}
	doc.Deck, doc.Tags = r.deck, r.tags
	r.readExplicit()
	r.saltCollisions()
	r.assignDecks()
	doc.Explicit = r.cards[:len(r.cards):len(r.cards)]
	if r.limitErr == nil && r.shouldGenerate() {
		r.generate()
	}
	if r.limitErr != nil {
		return nil, r.limitErr
	}
	return &Result{Deck: r.deck, Tags: r.tags, Cards: r.cards, Warnings: r.warnings}, nil
}

// reader holds the state of one Read.
type reader struct {
	doc  *Document
	opts ReadOptions
	// prose marks the bytes where markup is recognised (see proseMask).
	prose    []bool
	comments []span

	deck    string
	tagDeck string // from a #flashcards/a/b tag
	fmDeck  string // from a flashcards/a/b tag in the front matter
	// defaultDeck is the --deck flag or the path deck, once computed.
	defaultDeck string
	// deckTags are the #flashcards tags of the text in order, bare ones
	// (deck "") included: each card takes the nearest one above it.
	deckTags []deckTag
	tags     []string

	cards    []cards.Card
	warnings []Warning
	limitErr error             // set once the note holds more than maxCards cards
	seen     map[cards.ID]int  // card ID -> its index in cards
	collided map[cards.ID]bool // plain IDs two different cards share
	// markup is set once any card markup is seen, valid or not: with
	// GenerateAuto such a note gets no generated cards.
	markup bool

	// The line table and what the scanner precomputes from it (lines.go,
	// explicit.go).
	lines      []lineInfo
	fenceClose map[int]int
	// commentClose maps the first line of an HTML comment block to its last.
	commentClose map[int]int
	scan         []lineScan
	lineBuf      []line
	noCloze      int // cloze line of the last block that held no good cloze

	// headings and the walk state of contextAt.
	headings []headingAt
	hIdx     int
	hStack   []headingAt
	ctx      []string
	ctxLine  int

	idBuf []byte
}

func (r *reader) warn(line int, format string, args ...any) {
	r.warnings = append(r.warnings, Warning{Line: line, Message: fmt.Sprintf(format, args...)})
}

// collectTags gathers the front matter "tags:" (or "tag:") and every #tag
// in prose, deduplicated case-insensitively (the first spelling wins) and
// sorted. #flashcards tags are not card tags: the first one with a path
// names the deck.
func (r *reader) collectTags() {
	seen := map[string]bool{}
	r.tags = []string{}
	add := func(t string, at int) {
		t = strings.TrimPrefix(unquote(strings.TrimSpace(t)), "#")
		if t == "" {
			return
		}
		if deck, ok := flashcardsDeck(t); ok {
			if r.tagDeck == "" {
				r.tagDeck = deck
			}
			if at < 0 && r.fmDeck == "" {
				r.fmDeck = deck
			}
			if at >= 0 {
				r.deckTags = append(r.deckTags, deckTag{r.doc.LineOf(at), deck})
			}
			return
		}
		k := strings.ToLower(t)
		if !seen[k] {
			seen[k] = true
			r.tags = append(r.tags, t)
		}
	}
	for _, key := range []string{"tags", "tag"} {
		for _, t := range strings.FieldsFunc(r.doc.FrontMatter[key], func(c rune) bool {
			return c == ',' || c == ' ' || c == '\t'
		}) {
			add(t, -1)
		}
	}
	scanTags(r.doc.Src, r.prose, add)
	sortTags(r.tags)
}

// sortTags sorts case-insensitively, ties by byte order.
func sortTags(tags []string) {
	sort.Slice(tags, func(i, j int) bool {
		a, b := strings.ToLower(tags[i]), strings.ToLower(tags[j])
		if a != b {
			return a < b
		}
		return tags[i] < tags[j]
	})
}

// flashcardsDeck recognises Obsidian Spaced Repetition's deck tags:
// "flashcards" (ok, no deck) and "flashcards/a/b" (deck "a::b").
func flashcardsDeck(tag string) (deck string, ok bool) {
	const p = "flashcards"
	if len(tag) < len(p) || !strings.EqualFold(tag[:len(p)], p) {
		return "", false
	}
	rest := tag[len(p):]
	if rest == "" {
		return "", true
	}
	if rest[0] != '/' {
		return "", false
	}
	parts := strings.FieldsFunc(rest, func(c rune) bool { return c == '/' })
	return strings.Join(parts, "::"), true
}

// decideDeck applies §2: front matter deck, #flashcards/a/b tag, the
// --deck flag, then the path relative to the added folder.
func (r *reader) decideDeck() string {
	if d := strings.TrimSpace(r.doc.FrontMatter["deck"]); d != "" {
		return d
	}
	if r.tagDeck != "" {
		return r.tagDeck
	}
	if r.opts.Deck != "" {
		return r.opts.Deck
	}
	return pathDeck(r.opts.Path, r.opts.Root)
}

// deckTag is a #flashcards tag in the text: its line and deck.
type deckTag struct {
	line int
	deck string
}

// assignDecks gives each explicit card its deck, as Obsidian SR picks a
// card's topic: front matter "deck:" first (mnemo's own), then a
// #flashcards tag opening the card (already set), the nearest #flashcards
// tag above it, one in the front matter, the first in the text, and the
// note's deck. Tags on a card's own lines name no other card's deck, and
// a bare #flashcards tag means the note's --deck or path deck.
func (r *reader) assignDecks() {
	fixed := strings.TrimSpace(r.doc.FrontMatter["deck"]) != ""
	tags := r.deckTags[:0:0]
	if len(r.deckTags) > 0 {
		ci := 0
		for _, t := range r.deckTags {
			for ci < len(r.cards) && r.cards[ci].Source.EndLine < t.line {
				ci++
			}
			if ci < len(r.cards) && r.cards[ci].Source.Line <= t.line {
				continue
			}
			tags = append(tags, t)
		}
	}
	for i := range r.cards {
		c := &r.cards[i]
		if fixed || c.Deck == "" {
			c.Deck = r.cardDeck(tags, c.Source.Line)
		}
	}
}

// cardDeck is the deck of a card starting on line first without a tag of
// its own.
func (r *reader) cardDeck(tags []deckTag, first int) string {
	if strings.TrimSpace(r.doc.FrontMatter["deck"]) != "" {
		return r.deck
	}
	i := sort.Search(len(tags), func(i int) bool { return tags[i].line >= first })
	switch {
	case i > 0:
		return r.orDefault(tags[i-1].deck)
	case r.fmDeck != "":
		return r.fmDeck
	case len(tags) > 0:
		return r.orDefault(tags[0].deck)
	}
	return r.orDefault("")
}

func (r *reader) orDefault(deck string) string {
	if deck != "" {
		return deck
	}
	if r.defaultDeck == "" {
		r.defaultDeck = r.opts.Deck
		if r.defaultDeck == "" {
			r.defaultDeck = pathDeck(r.opts.Path, r.opts.Root)
		}
	}
	return r.defaultDeck
}

// pathDeck joins the folders of path below root and its file name without
// extension with "::". A path outside root, or root "" or equal to path,
// gives the file name alone.
func pathDeck(path, root string) string {
	base := filepath.Base(path)
	name := strings.TrimSuffix(base, filepath.Ext(base))
	if path == "" {
		return ""
	}
	if root == "" {
		return name
	}
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return name
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	parts[len(parts)-1] = name
	out := parts[:0]
	for _, p := range parts {
		if p != "" && p != "." {
			out = append(out, p)
		}
	}
	return strings.Join(out, "::")
}

// shouldGenerate applies the generation mode (read.go).
func (r *reader) shouldGenerate() bool {
	switch r.opts.Mode {
	case GenerateRules, GenerateLLM:
		return true
	case GenerateAuto:
		return !r.markup
	}
	return false
}

// generate runs the generators and keeps their cards whose ID is new. A
// card without kind is basic; one with an empty side is dropped.
func (r *reader) generate() {
	tags := make([]string, 0, len(r.tags)+1)
	tags = append(tags, r.tags...)
	has := false
	for _, t := range tags {
		has = has || strings.EqualFold(t, "generated")
	}
	if !has {
		tags = append(tags, "generated")
		sortTags(tags)
	}
	if r.seen == nil {
		r.seen = map[cards.ID]int{}
	}
	for _, g := range r.opts.Generators {
		if g == nil {
			continue
		}
		for _, c := range g(r.doc) {
			if strings.TrimSpace(c.Question) == "" || strings.TrimSpace(c.Answer) == "" {
				continue
			}
			if c.Kind == "" {
				c.Kind = cards.KindBasic
			}
			c.ID = r.cardID(c.Kind, c.Question, c.Ord)
			if _, dup := r.seen[c.ID]; dup {
				continue
			}
			r.seen[c.ID] = len(r.cards)
			c.Note = c.ID
			c.Deck = r.deck
			c.Tags = tags[:len(tags):len(tags)]
			if c.Source.Path == "" {
				c.Source.Path = r.opts.Path
			}
			c.Position = 0
			if len(r.cards) >= maxCards {
				r.limitErr = tooManyCards(r.opts.Path, c.Source.Line)
				return
			}
			r.cards = append(r.cards, c)
		}
	}
}
