package jsonbackup

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/export"
)

// Format and Version identify the backup format this package writes.
const (
	Format  = "mnemo-backup"
	Version = 1
)

// ErrFormat is returned (wrapped) when the input is not a mnemo backup or
// is of a version this mnemo cannot read.
var ErrFormat = errors.New("not a readable mnemo backup")

// Header is everything in a backup but its cards and reviews, in the
// order it is written.
type Header struct {
	Format       string                   `json:"format"`
	Version      int                      `json:"version"`
	Created      time.Time                `json:"created,omitzero"`
	Exported     time.Time                `json:"exported,omitzero"`
	TimeZone     string                   `json:"time_zone"`
	RolloverHour int                      `json:"rollover_hour"`
	DeckOptions  map[string]decks.Options `json:"deck_options"`
}

// HeaderOf returns the header that describes col.
func HeaderOf(col *export.Collection) Header {
	h := Header{Format: Format, Version: Version, Created: col.Created, Exported: col.Now,
		TimeZone: col.Zone().String(), RolloverHour: col.Rollover(), DeckOptions: col.Options}
	if h.DeckOptions == nil {
		h.DeckOptions = map[string]decks.Options{}
	}
	return h
}

// Encoder writes a backup one card and one review at a time, so a backup
// of any size is written in constant memory. Cards must come in ID order
// and before the reviews, reviews in time order (then card ID order);
// the output is then the same bytes Write gives.
type Encoder struct {
	w        *bufio.Writer
	inCards  bool
	n        int // elements written in the current array
	lastCard cards.ID
	lastRev  cards.Review
	closed   bool
}

// NewEncoder writes h and opens the card list.
func NewEncoder(w io.Writer, h Header) (*Encoder, error) {
	h.Format, h.Version = Format, Version
	if h.DeckOptions == nil {
		h.DeckOptions = map[string]decks.Options{}
	}
	b, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	e := &Encoder{w: bufio.NewWriterSize(w, 64<<10), inCards: true}
	e.w.Write(b[:len(b)-2]) // without "\n}": the lists follow
	e.w.WriteString(",\n  \"cards\": [")
	return e, nil
}

func (e *Encoder) element(v any) error {
	b, err := json.MarshalIndent(v, "    ", "  ")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if e.n == 0 {
		e.w.WriteString("\n    ")
	} else {
		e.w.WriteString(",\n    ")
	}
	e.n++
	_, err = e.w.Write(b)
	return err
}

func (e *Encoder) endList() {
	if e.n > 0 {
		e.w.WriteString("\n  ")
	}
	e.w.WriteByte(']')
	e.n = 0
}

// Card writes one card.
func (e *Encoder) Card(c *cards.Card) error {
	switch {
	case e.closed || !e.inCards:
		return errors.New("backup: card written after the reviews")
	case c.ID == "":
		return errors.New("backup: a card has no ID")
	case e.n > 0 && c.ID <= e.lastCard:
		if c.ID == e.lastCard {
			return fmt.Errorf("backup: card ID %s appears twice", c.ID)
		}
		return fmt.Errorf("backup: card %s written after %s (cards go in ID order)", c.ID, e.lastCard)
	}
	e.lastCard = c.ID
	return e.element(c)
}

func reviewOrder(a, b *cards.Review) int {
	if c := a.Time.Compare(b.Time); c != 0 {
		return c
	}
	return strings.Compare(string(a.CardID), string(b.CardID))
}

// Review writes one review; the first one closes the card list.
func (e *Encoder) Review(r *cards.Review) error {
	if e.closed {
		return errors.New("backup: review written after Close")
	}
	if e.inCards {
		e.endList()
		e.w.WriteString(",\n  \"reviews\": [")
		e.inCards = false
	} else if reviewOrder(r, &e.lastRev) < 0 {
		return fmt.Errorf("backup: review of %s at %s written out of time order", r.CardID, r.Time.Format(time.RFC3339Nano))
	}
	e.lastRev = *r
	return e.element(r)
}

// Close ends the document and flushes it.
func (e *Encoder) Close() error {
	if e.closed {
		return nil
	}
	if e.inCards {
		e.endList()
		e.w.WriteString(",\n  \"reviews\": [")
		e.inCards = false
	}
	e.endList()
	e.w.WriteString("\n}\n")
	e.closed = true
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// Write writes col as a version-1 backup. Cards are sorted by ID and
// reviews by time then card ID; col itself is not modified.
func Write(w io.Writer, col export.Collection) error {
	cs := slices.Clone(col.Cards)
	slices.SortStableFunc(cs, func(a, b cards.Card) int { return strings.Compare(string(a.ID), string(b.ID)) })
	rs := slices.Clone(col.Reviews)
	slices.SortStableFunc(rs, func(a, b cards.Review) int { return reviewOrder(&a, &b) })
	enc, err := NewEncoder(w, HeaderOf(&col))
	if err != nil {
		return err
	}
	for i := range cs {
		if err := enc.Card(&cs[i]); err != nil {
			return err
		}
	}
	for i := range rs {
		if err := enc.Review(&rs[i]); err != nil {
			return err
		}
	}
	return enc.Close()
}

// Handler receives a backup as Decode reads it: the header first, then
// each card, then each review.
type Handler struct {
	Header func(h Header, loc *time.Location) error
	Card   func(c cards.Card) error
	Review func(r cards.Review) error
}

// Decode reads a backup as a stream, element by element, calling h as it
// goes; memory stays proportional to one card. The header keys (format and
// version first) must come before the cards, the cards before the reviews,
// as Write puts them.
func Decode(r io.Reader, h Handler) error {
	d := &decoder{dec: json.NewDecoder(bufio.NewReaderSize(r, 64<<10)), h: h, seen: map[string]bool{}}
	if err := expectDelim(d.dec, '{'); err != nil {
		return err
	}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return fmt.Errorf("%w: invalid JSON: %w", ErrFormat, err)
		}
		key, _ := tok.(string)
		if d.seen[key] {
			return fmt.Errorf("%w: key %q appears twice", ErrFormat, key)
		}
		d.seen[key] = true
		if err := d.field(key); err != nil {
			return err
		}
	}
	return d.end()
}

// decoder is the state of one Decode: the header read so far, the keys
// seen, and how far through the backup it is.
type decoder struct {
	dec        *json.Decoder
	h          Handler
	hd         Header
	seen       map[string]bool
	headerDone bool // the header went to h.Header: no header key may follow
	cardsDone  bool
}

// field decodes the value of one top-level key.
func (d *decoder) field(key string) error {
	switch key {
	case "format", "version":
		return d.formatField(key)
	case "created", "exported", "time_zone", "rollover_hour", "deck_options":
		return d.headerField(key)
	case "cards":
		return d.cards()
	case "reviews":
		return d.reviews()
	default:
		var skip json.RawMessage
		if err := d.dec.Decode(&skip); err != nil {
			return fmt.Errorf("%w: invalid JSON: %w", ErrFormat, err)
		}
		return nil
	}
}

// formatField reads format or version, which must name a backup this
// version of mnemo reads.
func (d *decoder) formatField(key string) error {
	var err error
	if key == "format" {
		err = d.dec.Decode(&d.hd.Format)
	} else {
		err = d.dec.Decode(&d.hd.Version)
	}
	if err != nil {
		return fmt.Errorf("%w: invalid JSON: %w", ErrFormat, err)
	}
	return checkFormat(d.hd, d.seen)
}

// headerField reads one of the header's other keys, which must come
// before the cards.
func (d *decoder) headerField(key string) error {
	if d.headerDone {
		return fmt.Errorf("%w: %q comes after the cards", ErrFormat, key)
	}
	var err error
	switch key {
	case "created":
		err = d.dec.Decode(&d.hd.Created)
	case "exported":
		err = d.dec.Decode(&d.hd.Exported)
	case "time_zone":
		err = d.dec.Decode(&d.hd.TimeZone)
	case "rollover_hour":
		err = d.dec.Decode(&d.hd.RolloverHour)
		if err == nil && (d.hd.RolloverHour < 0 || d.hd.RolloverHour > 23) {
			err = fmt.Errorf("rollover_hour %d is not an hour (0-23)", d.hd.RolloverHour)
		}
	case "deck_options":
		err = d.dec.Decode(&d.hd.DeckOptions)
	}
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrFormat, key, err)
	}
	return nil
}

// finishHeader checks the header once it is complete (at the cards, or at
// the end of a backup without cards) and hands it to h.Header.
func (d *decoder) finishHeader() error {
	if d.headerDone {
		return nil
	}
	d.headerDone = true
	if !d.seen["format"] || !d.seen["version"] {
		return fmt.Errorf("%w: format and version must come first", ErrFormat)
	}
	loc, err := time.LoadLocation(d.hd.TimeZone)
	if err != nil {
		return fmt.Errorf("backup: time zone %q: %w", d.hd.TimeZone, err)
	}
	for _, name := range sortedKeys(d.hd.DeckOptions) {
		if err := d.hd.DeckOptions[name].Validate(); err != nil {
			return fmt.Errorf("backup: options of deck %q: %w", name, err)
		}
	}
	if d.h.Header != nil {
		return d.h.Header(d.hd, loc)
	}
	return nil
}

// cards streams the card list to h.Card, after the header.
func (d *decoder) cards() error {
	if err := d.finishHeader(); err != nil {
		return err
	}
	err := eachElement(d.dec, "card", func(i int) error {
		var c cards.Card
		if err := d.dec.Decode(&c); err != nil {
			return fmt.Errorf("%w: card %d: %w", ErrFormat, i+1, err)
		}
		if d.h.Card != nil {
			return d.h.Card(c)
		}
		return nil
	})
	if err != nil {
		return err
	}
	d.cardsDone = true
	return nil
}

// reviews streams the review list to h.Review, after the cards.
func (d *decoder) reviews() error {
	if !d.cardsDone {
		return fmt.Errorf("%w: the reviews come before the cards", ErrFormat)
	}
	return eachElement(d.dec, "review", func(i int) error {
		var r cards.Review
		if err := d.dec.Decode(&r); err != nil {
			return fmt.Errorf("%w: review %d: %w", ErrFormat, i+1, err)
		}
		if d.h.Review != nil {
			return d.h.Review(r)
		}
		return nil
	})
}

// end checks that the object closes, nothing follows it and it named its
// format, then finishes a header no cards list finished.
func (d *decoder) end() error {
	if err := expectDelim(d.dec, '}'); err != nil {
		return err
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: data after the backup", ErrFormat)
	}
	if !d.seen["format"] {
		return fmt.Errorf("%w: no format", ErrFormat)
	}
	return d.finishHeader()
}

func checkFormat(hd Header, seen map[string]bool) error {
	if seen["format"] && hd.Format != Format {
		return fmt.Errorf("%w: format is %q, want %q", ErrFormat, hd.Format, Format)
	}
	if seen["version"] && hd.Version != Version {
		if hd.Version > Version {
			return fmt.Errorf("%w: backup version %d was written by a newer mnemo (this one reads version %d); upgrade mnemo",
				ErrFormat, hd.Version, Version)
		}
		return fmt.Errorf("%w: unknown backup version %d (this mnemo reads version %d)", ErrFormat, hd.Version, Version)
	}
	return nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%w: invalid JSON: %w", ErrFormat, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("%w: invalid JSON: want %q, found %v", ErrFormat, want, tok)
	}
	return nil
}

// eachElement calls fn for every element of the array that comes next.
func eachElement(dec *json.Decoder, what string, fn func(i int) error) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%w: invalid JSON: %w", ErrFormat, err)
	}
	if tok == nil { // null: no elements
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("%w: the %ss are not a list", ErrFormat, what)
	}
	for i := 0; dec.More(); i++ {
		if err := fn(i); err != nil {
			return err
		}
	}
	return expectDelim(dec, ']')
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Read reads a whole backup written by Write into memory. It refuses
// other formats and versions other than 1 with an error wrapping
// ErrFormat. Imports use Decode, which streams.
func Read(r io.Reader) (export.Collection, error) {
	var col export.Collection
	seen := map[cards.ID]bool{}
	err := Decode(r, Handler{
		Header: func(h Header, loc *time.Location) error {
			col.Created, col.Now, col.Location, col.RolloverHour = h.Created, h.Exported, loc, export.Hour(h.RolloverHour)
			if len(h.DeckOptions) > 0 {
				col.Options = h.DeckOptions
			}
			return nil
		},
		Card: func(c cards.Card) error {
			if c.ID == "" || seen[c.ID] {
				return fmt.Errorf("%w: card ID %q is empty or appears twice", ErrFormat, c.ID)
			}
			seen[c.ID] = true
			col.Cards = append(col.Cards, c)
			return nil
		},
		Review: func(r cards.Review) error {
			col.Reviews = append(col.Reviews, r)
			return nil
		},
	})
	if err != nil {
		return export.Collection{}, err
	}
	return col, nil
}
