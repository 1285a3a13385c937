package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

// Card and review records are a compact binary encoding rather than JSON: building
// the day's queue decodes every due card, and JSON took ~11 µs and 30
// allocations a card. The layout is a version byte, then the fields in
// the order of encodeCard; strings and lists are length-prefixed, numbers
// varints, floats 8 bytes, times a presence byte plus seconds and nanos.
//
// Version 2 appended the generator's confidence. Version 3 stores the
// source as its root and the path relative to it (slash-separated), so a
// note's place survives a move of its folder; versions 1 and 2 stored the
// absolute path alone. Every version still decodes.
const (
	cardCodecV1      = 1 // absolute path, no confidence
	cardCodecV2      = 2 // absolute path, confidence
	cardCodecVersion = 3
)

// How a version-3 record stores Source.Path.
const (
	pathWhole     = 0 // as is: no root, or a path outside it
	pathUnderRoot = 1 // relative to Source.Root, slash-separated
)

// errCorrupt reports a card record that does not decode.
var errCorrupt = errors.New("corrupt card record")

type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) float(f float64)  { e.b = binary.BigEndian.AppendUint64(e.b, math.Float64bits(f)) }
func (e *encoder) boolean(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}
func (e *encoder) strs(list []string) {
	if list == nil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(len(list)) + 1) // 0 keeps nil apart from empty
	for _, s := range list {
		e.str(s)
	}
}
func (e *encoder) time(t time.Time) {
	if t.IsZero() {
		e.b = append(e.b, 0)
		return
	}
	e.b = append(e.b, 1)
	e.varint(t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
}

func (e *encoder) schedule(s *cards.Schedule) {
	e.varint(int64(s.State))
	e.time(s.Due)
	e.float(s.Stability)
	e.float(s.Difficulty)
	e.uvarint(s.ElapsedDays)
	e.uvarint(s.ScheduledDays)
	e.uvarint(s.Reps)
	e.uvarint(s.Lapses)
	e.time(s.LastReview)
}

func (d *decoder) schedule(s *cards.Schedule) {
	s.State = cards.State(d.varint())
	s.Due = d.time()
	s.Stability = d.float()
	s.Difficulty = d.float()
	s.ElapsedDays = d.uvarint()
	s.ScheduledDays = d.uvarint()
	s.Reps = d.uvarint()
	s.Lapses = d.uvarint()
	s.LastReview = d.time()
}

// Review log entries use the same scheme, with their own version byte.
const reviewCodecVersion = 1

func encodeReview(r *cards.Review) []byte {
	e := encoder{b: make([]byte, 0, 96)}
	e.b = append(e.b, reviewCodecVersion)
	e.str(string(r.CardID))
	e.time(r.Time)
	e.varint(int64(r.Rating))
	e.varint(int64(r.StateBefore))
	e.varint(int64(r.StateAfter))
	e.uvarint(r.ElapsedDays)
	e.uvarint(r.ScheduledDays)
	e.float(r.Stability)
	e.float(r.Difficulty)
	e.varint(r.DurationMS)
	e.schedule(&r.Prev)
	e.boolean(r.PrevSuspended)
	e.strs(r.PrevTags)
	return e.b
}

func decodeReview(b []byte, r *cards.Review) error {
	if len(b) == 0 || b[0] != reviewCodecVersion {
		return fmt.Errorf("%w: unknown review encoding", errCorrupt)
	}
	d := decoder{b: b[1:]}
	r.CardID = cards.ID(d.str())
	r.Time = d.time()
	r.Rating = cards.Rating(d.varint())
	r.StateBefore = cards.State(d.varint())
	r.StateAfter = cards.State(d.varint())
	r.ElapsedDays = d.uvarint()
	r.ScheduledDays = d.uvarint()
	r.Stability = d.float()
	r.Difficulty = d.float()
	r.DurationMS = d.varint()
	d.schedule(&r.Prev)
	r.PrevSuspended = d.boolean()
	r.PrevTags = d.strs()
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%w: %d trailing bytes", errCorrupt, len(d.b))
	}
	return d.err
}

func encodeCard(c *cards.Card) []byte {
	e := encoder{b: make([]byte, 0, encodedCardSize(c))}
	e.b = append(e.b, cardCodecVersion)
	e.str(string(c.ID))
	e.str(string(c.Kind))
	e.str(string(c.Note))
	e.str(c.Deck)
	e.str(c.Question)
	e.str(c.Answer)
	e.str(c.Text)
	e.varint(int64(c.Ord))
	e.strs(c.Tags)
	e.strs(c.Context)
	e.source(&c.Source)
	e.varint(int64(c.Source.Line))
	e.varint(int64(c.Source.EndLine))
	e.str(c.Origin)
	e.boolean(c.Edited)
	e.uvarint(c.Position)
	e.schedule(&c.Schedule)
	e.boolean(c.Suspended)
	e.boolean(c.Orphaned)
	e.time(c.BuriedUntil)
	e.time(c.Added)
	e.time(c.Modified)
	e.float(c.Confidence)
	return e.b
}

// encodedCardSize is about the size of c's record, a little over, so
// encodeCard allocates once and the record (kept until the transaction
// commits) wastes little: the strings (the root and the path relative to
// it take about the path's length), a byte of length for each list item,
// and 128 bytes for the length prefixes, numbers and times, which take
// about 90 when every time is set.
func encodedCardSize(c *cards.Card) int {
	n := len(c.ID) + len(c.Kind) + len(c.Note) + len(c.Deck) + len(c.Question) + len(c.Answer) +
		len(c.Text) + len(c.Source.Path) + len(c.Origin)
	for _, t := range c.Tags {
		n += len(t) + 1
	}
	for _, t := range c.Context {
		n += len(t) + 1
	}
	return n + 128
}

func (e *encoder) source(s *cards.Source) {
	e.str(s.Root)
	if rel := cards.RelTo(s.Path, s.Root); rel != "" {
		e.b = append(e.b, pathUnderRoot)
		e.str(filepath.ToSlash(rel))
		return
	}
	e.b = append(e.b, pathWhole)
	e.str(s.Path)
}

// source reads a version-2 source. The path is rebuilt in one allocation
// and Root shares its bytes, so the relative form costs decoding nothing.
func (d *decoder) source(s *cards.Source) {
	root := d.bytes()
	switch d.byte1() {
	case pathWhole:
		s.Root = string(root)
		s.Path = d.str()
	case pathUnderRoot:
		rel := d.bytes()
		if len(root) == 0 || len(rel) == 0 {
			d.fail()
			return
		}
		var b strings.Builder
		b.Grow(len(root) + 1 + len(rel))
		b.Write(root)
		if !os.IsPathSeparator(root[len(root)-1]) {
			b.WriteByte(filepath.Separator)
		}
		if filepath.Separator == '/' {
			b.Write(rel)
		} else {
			b.WriteString(filepath.FromSlash(string(rel)))
		}
		s.Path = b.String()
		s.Root = s.Path[:len(root)]
	default:
		d.fail()
	}
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.b = nil
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) str() string { return string(d.bytes()) }

// bytes reads a length-prefixed string without copying it.
func (d *decoder) bytes() []byte { return d.take(d.uvarint()) }

// take consumes the next n bytes without copying them; nil (and the
// decoder failed) when fewer are left.
func (d *decoder) take(n uint64) []byte {
	if n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) float() float64 {
	b := d.take(8)
	if b == nil {
		return 0
	}
	return math.Float64frombits(binary.BigEndian.Uint64(b))
}

func (d *decoder) byte1() byte {
	b := d.take(1)
	if b == nil {
		return 0
	}
	return b[0]
}

func (d *decoder) boolean() bool { return d.byte1() == 1 }

func (d *decoder) strs() []string {
	n := d.uvarint()
	if n == 0 {
		return nil
	}
	n--
	if n > uint64(len(d.b)) { // every string takes at least one byte
		d.fail()
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) time() time.Time {
	if d.byte1() == 0 {
		return time.Time{}
	}
	sec := d.varint()
	nsec := d.uvarint()
	if nsec >= 1e9 {
		d.fail()
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}

func decodeCard(b []byte, c *cards.Card) error {
	if len(b) == 0 || b[0] < cardCodecV1 || b[0] > cardCodecVersion {
		return fmt.Errorf("%w: unknown encoding", errCorrupt)
	}
	d := decoder{b: b[1:]}
	c.ID = cards.ID(d.str())
	c.Kind = cards.Kind(d.str())
	c.Note = cards.ID(d.str())
	c.Deck = d.str()
	c.Question = d.str()
	c.Answer = d.str()
	c.Text = d.str()
	c.Ord = int(d.varint())
	c.Tags = d.strs()
	c.Context = d.strs()
	if b[0] < cardCodecVersion {
		c.Source.Path, c.Source.Root = d.str(), ""
	} else {
		d.source(&c.Source)
	}
	c.Source.Line = int(d.varint())
	c.Source.EndLine = int(d.varint())
	c.Origin = d.str()
	c.Edited = d.boolean()
	c.Position = d.uvarint()
	d.schedule(&c.Schedule)
	c.Suspended = d.boolean()
	c.Orphaned = d.boolean()
	c.BuriedUntil = d.time()
	c.Added = d.time()
	c.Modified = d.time()
	if b[0] >= cardCodecV2 {
		c.Confidence = d.float()
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%w: %d trailing bytes", errCorrupt, len(d.b))
	}
	return d.err
}
