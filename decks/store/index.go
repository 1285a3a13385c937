package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

// Index entries of the due and new buckets carry what the queue builder
// needs to admit a card (scheduler.Candidate) so that a review decodes
// only the cards it admits and `mnemo due` decodes none. Value layout,
// version 1 (schema 2 on):
//
//	0x01 | uvarint len | deck | uvarint len | note ID | state (1 byte) |
//	stability (float64 bits, 8 BE) | last review (unix ns, 8 BE) |
//	buried until (unix ns, 8 BE; 0 = not buried)
const indexValueVersion = 1

// indexValueTail is the fixed part after the two strings.
const indexValueTail = 1 + 8 + 8 + 8

var errBadIndexValue = errors.New("malformed index entry")

// IndexEntry is one entry of the due or new index: enough to plan and
// count today's queue without decoding cards.
type IndexEntry struct {
	ID   cards.ID
	Deck string
	Note cards.ID
	// Due is the due time (due index); Position orders new cards.
	Due         time.Time
	Position    uint64
	State       cards.State
	Stability   float64
	LastReview  time.Time
	BuriedUntil time.Time
}

func encodeIndexValue(c *cards.Card) []byte {
	v := make([]byte, 0, 1+2*binary.MaxVarintLen16+len(c.Deck)+len(c.Note)+indexValueTail)
	v = append(v, indexValueVersion)
	v = binary.AppendUvarint(v, uint64(len(c.Deck)))
	v = append(v, c.Deck...)
	v = binary.AppendUvarint(v, uint64(len(c.Note)))
	v = append(v, c.Note...)
	v = append(v, byte(c.Schedule.State))
	v = binary.BigEndian.AppendUint64(v, math.Float64bits(c.Schedule.Stability))
	v = binary.BigEndian.AppendUint64(v, uint64(unixNano(c.Schedule.LastReview)))
	return binary.BigEndian.AppendUint64(v, uint64(unixNano(c.BuriedUntil)))
}

func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromUnixNano(ns int64) time.Time {
	if ns == 0 {
		return time.Time{}
	}
	return time.Unix(0, ns)
}

// decodeIndexValue fills e from v. decks interns deck names within one
// scan, so a scan over many cards of few decks allocates each name once.
func decodeIndexValue(v []byte, e *IndexEntry, decks map[string]string) error {
	if len(v) < 1 || v[0] != indexValueVersion {
		return errBadIndexValue
	}
	rest := v[1:]
	deck, rest, ok := uvarintBytes(rest)
	if !ok {
		return errBadIndexValue
	}
	note, rest, ok := uvarintBytes(rest)
	if !ok || len(rest) != indexValueTail {
		return errBadIndexValue
	}
	name, ok := decks[string(deck)]
	if !ok {
		name = string(deck)
		decks[name] = name
	}
	e.Deck = name
	e.Note = cards.ID(note)
	e.State = cards.State(rest[0])
	e.Stability = math.Float64frombits(binary.BigEndian.Uint64(rest[1:9]))
	e.LastReview = fromUnixNano(int64(binary.BigEndian.Uint64(rest[9:17])))
	e.BuriedUntil = fromUnixNano(int64(binary.BigEndian.Uint64(rest[17:25])))
	return nil
}

func uvarintBytes(b []byte) (field, rest []byte, ok bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, nil, false
	}
	return b[k : k+int(n)], b[k+int(n):], true
}

// indexKey returns the index bucket and key of a card that belongs in the
// study indexes.
func indexKey(c *cards.Card) (bucket, key []byte) {
	if c.Schedule.State == cards.StateNew {
		return bucketNew, joinKey(u64(c.Position), c.ID)
	}
	return bucketDue, joinKey(timeKey(c.Schedule.Due), c.ID)
}

func (t *Tx) index(c *cards.Card) error {
	if !inQueue(c) {
		return nil
	}
	b, k := indexKey(c)
	return t.put(b, k, encodeIndexValue(c))
}

func (t *Tx) unindex(c *cards.Card) error {
	if !inQueue(c) {
		return nil
	}
	b, k := indexKey(c)
	return t.del(b, k)
}

// ScanDue calls fn for index entries of cards due before end, earliest
// first; fn returns false to stop.
func (t *Tx) ScanDue(end time.Time, fn func(e IndexEntry) bool) error {
	if err := t.flush(bucketDue); err != nil {
		return err
	}
	c := t.b(bucketDue).Cursor()
	stop := timeKey(end)
	interned := map[string]string{}
	for k, v := c.First(); k != nil && bytes.Compare(k[:8], stop) < 0; k, v = c.Next() {
		e := IndexEntry{ID: cards.ID(k[8:]), Due: time.Unix(0, int64(binary.BigEndian.Uint64(k[:8])))}
		if err := decodeIndexValue(v, &e, interned); err != nil {
			return indexError("due", k[8:], err)
		}
		if !fn(e) {
			return nil
		}
	}
	return nil
}

// ScanNew calls fn for new cards in position order; fn returns false to
// stop.
func (t *Tx) ScanNew(fn func(e IndexEntry) bool) error {
	if err := t.flush(bucketNew); err != nil {
		return err
	}
	c := t.b(bucketNew).Cursor()
	interned := map[string]string{}
	for k, v := c.First(); k != nil; k, v = c.Next() {
		e := IndexEntry{ID: cards.ID(k[8:]), Position: binary.BigEndian.Uint64(k[:8])}
		if err := decodeIndexValue(v, &e, interned); err != nil {
			return indexError("new", k[8:], err)
		}
		if !fn(e) {
			return nil
		}
	}
	return nil
}

func indexError(index string, id []byte, err error) error {
	return errors.Join(err, errors.New("the "+index+" index entry of card "+string(id)+" is damaged: run 'mnemo check --repair'"))
}
