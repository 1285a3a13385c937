package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"sync"
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
	// DeckNumber numbers the decks a transaction's scans meet, 0, 1, 2...
	// in the order met, so that callers can keep what they know of each
	// deck in a slice rather than a map looked up by name.
	DeckNumber int
	Note       cards.ID
	// Due is the due time (due index); Position orders new cards.
	Due         time.Time
	Position    uint64
	State       cards.State
	Stability   float64
	LastReview  time.Time
	BuriedUntil time.Time
	// rawNote is the note as stored, while a keep function looks at the
	// entry (see NoteBytes).
	rawNote []byte
}

// NoteBytes returns the entry's note while a keep function of
// ScanDueWhere or ScanNewWhere looks at it, before the note is copied
// out (Note is empty then). The bytes are the transaction's: valid until
// it ends, not to be changed.
func (e *IndexEntry) NoteBytes() []byte { return e.rawNote }

func encodeIndexValue(c *cards.Card) []byte {
	v := make([]byte, 0, 1+2*binary.MaxVarintLen16+len(c.Deck)+len(c.Note)+indexValueTail)
	v = append(v, indexValueVersion)
	v = binary.AppendUvarint(v, uint64(len(c.Deck)))
	v = append(v, c.Deck...)
	v = binary.AppendUvarint(v, uint64(len(c.Note)))
	v = append(v, c.Note...)
	v = append(v, byte(c.Schedule.State))
	v = binary.BigEndian.AppendUint64(v, math.Float64bits(c.Schedule.Stability))
	v = binary.BigEndian.AppendUint64(v, uint64(cards.UnixNano(c.Schedule.LastReview)))
	return binary.BigEndian.AppendUint64(v, uint64(cards.UnixNano(c.BuriedUntil)))
}

// deckNames interns deck names within a transaction's scans, so a scan
// over many cards of few decks allocates each name once, and entries of
// one deck share one string (callers can compare them cheaply) and one
// number. The scans of a read-only transaction may run at once (the due
// counts read the due and new indexes on two goroutines): each looks
// decks up in its own deckScan, which takes the lock only for a deck it
// has not met.
type deckNames struct {
	mu sync.Mutex
	m  map[string]internedDeck
}

type internedDeck struct {
	name   string
	number int
}

func (d *deckNames) intern(b []byte) internedDeck {
	d.mu.Lock()
	defer d.mu.Unlock()
	deck, ok := d.m[string(b)]
	if !ok {
		if d.m == nil {
			d.m = make(map[string]internedDeck)
		}
		deck = internedDeck{name: string(b), number: len(d.m)}
		d.m[deck.name] = deck
	}
	return deck
}

// deckScan is one scan's view of its transaction's deckNames.
type deckScan struct {
	shared *deckNames
	met    map[string]internedDeck
	last   internedDeck // the last one met (when met is not empty)
}

func (d *deckScan) intern(b []byte) (string, int) {
	if len(d.met) > 0 && string(b) == d.last.name { // runs of one deck are common: no hashing
		return d.last.name, d.last.number
	}
	deck, ok := d.met[string(b)]
	if !ok {
		deck = d.shared.intern(b)
		if d.met == nil {
			d.met = make(map[string]internedDeck)
		}
		d.met[deck.name] = deck
	}
	d.last = deck
	return deck.name, deck.number
}

// decodeIndexValue fills e from v, all but the ID and the note, which it
// returns as bytes (see setIDs).
func decodeIndexValue(v []byte, e *IndexEntry, decks *deckScan) (note []byte, err error) {
	if len(v) < 1 || v[0] != indexValueVersion {
		return nil, errBadIndexValue
	}
	rest := v[1:]
	deck, rest, ok := uvarintBytes(rest)
	if !ok {
		return nil, errBadIndexValue
	}
	note, rest, ok = uvarintBytes(rest)
	if !ok || len(rest) != indexValueTail {
		return nil, errBadIndexValue
	}
	e.Deck, e.DeckNumber = decks.intern(deck)
	e.State = cards.State(rest[0])
	e.Stability = math.Float64frombits(binary.BigEndian.Uint64(rest[1:9]))
	e.LastReview = cards.FromUnixNano(int64(binary.BigEndian.Uint64(rest[9:17])))
	e.BuriedUntil = cards.FromUnixNano(int64(binary.BigEndian.Uint64(rest[17:25])))
	return note, nil
}

// idBlocks copies the IDs and notes of a scan's entries out of the
// transaction's memory into shared blocks: a scan makes tens of thousands
// of entries, and an allocation each cost `mnemo due` a tenth of its
// time. A strings.Builder only appends, so the strings it returned stay
// as they were; a full block is left to the strings that point into it.
type idBlocks struct{ b strings.Builder }

const idBlockSize = 16 << 10

// setIDs sets e's ID and note to copies of id and note.
func (a *idBlocks) setIDs(e *IndexEntry, id, note []byte) {
	n := len(id) + len(note)
	if a.b.Cap()-a.b.Len() < n {
		a.b = strings.Builder{}
		a.b.Grow(max(n, idBlockSize))
	}
	start := a.b.Len()
	a.b.Write(id)
	a.b.Write(note)
	both := a.b.String()[start:]
	e.ID, e.Note = cards.ID(both[:len(id)]), cards.ID(both[len(id):])
}

func uvarintBytes(b []byte) (field, rest []byte, ok bool) {
	if len(b) > 0 && b[0] < 0x80 { // one byte: deck names and IDs are short
		n := int(b[0])
		if n > len(b)-1 {
			return nil, nil, false
		}
		return b[1 : 1+n], b[1+n:], true
	}
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
	return t.ScanDueWhere(end, nil, fn)
}

// ScanDueWhere is ScanDue for the entries keep accepts (nil: all); keep
// sees each entry before its ID and note are copied out, so counting
// entries costs no allocation.
func (t *Tx) ScanDueWhere(end time.Time, keep func(e *IndexEntry) bool, fn func(e IndexEntry) bool) error {
	stop := timeKey(end)
	return t.scanIndex(bucketDue, "due", keep, fn, func(k []byte, e *IndexEntry) bool {
		if bytes.Compare(k[:8], stop) >= 0 {
			return false
		}
		e.Due = time.Unix(0, int64(binary.BigEndian.Uint64(k[:8])))
		return true
	})
}

// ScanNew calls fn for new cards in position order; fn returns false to
// stop.
func (t *Tx) ScanNew(fn func(e IndexEntry) bool) error { return t.ScanNewWhere(nil, fn) }

// ScanNewWhere is ScanNew for the entries keep accepts (nil: all). keep
// sees the entry before its ID and note are copied out, so skipping most
// of a large new index (other decks, a deck's quota reached) is cheap.
func (t *Tx) ScanNewWhere(keep func(e *IndexEntry) bool, fn func(e IndexEntry) bool) error {
	return t.scanIndex(bucketNew, "new", keep, fn, func(k []byte, e *IndexEntry) bool {
		e.Position = binary.BigEndian.Uint64(k[:8])
		return true
	})
}

// scanIndex walks one study index in key order. fromKey fills what the
// key holds (due time or position) and reports false to end the scan;
// keep sees the entry before its ID and note are copied out.
func (t *Tx) scanIndex(bucket []byte, name string, keep func(e *IndexEntry) bool, fn func(e IndexEntry) bool,
	fromKey func(k []byte, e *IndexEntry) bool) error {
	if err := t.flush(bucket); err != nil {
		return err
	}
	c := t.b(bucket).Cursor()
	var ids idBlocks
	decks := deckScan{shared: &t.deckNames}
	var e IndexEntry // one for the scan: keep takes its address
	for k, v := c.First(); k != nil; k, v = c.Next() {
		e = IndexEntry{}
		if !fromKey(k, &e) {
			return nil
		}
		note, err := decodeIndexValue(v, &e, &decks)
		if err != nil {
			return indexError(name, k[8:], err)
		}
		e.rawNote = note
		if keep != nil && !keep(&e) {
			continue
		}
		ids.setIDs(&e, k[8:], note)
		e.rawNote = nil
		if !fn(e) {
			return nil
		}
	}
	return nil
}

func indexError(index string, id []byte, err error) error {
	return errors.Join(err, errors.New("the "+index+" index entry of card "+string(id)+" is damaged: run 'mnemo check --repair'"))
}
