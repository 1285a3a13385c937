package store

import (
	"bytes"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// staging holds the records a write transaction puts into one bucket until
// they are put in key order (Tx.flush). bbolt splits nodes only at commit,
// so 100,000 puts of random keys into one node would each shift the node's
// whole tail (quadratic); sorted puts append instead.
//
// The records stay in the order they were first put, so a bucket filled
// in key order (the new-card index of an add: positions only grow) needs
// no real sorting, and the flush reads them sequentially: looking each one
// up in a map in key order missed the cache on nearly every one.
//
// Puts that come in key order past the bucket's last key (the new-card
// index of an add: positions only grow) are not staged at all: bbolt
// appends them at no cost, and the end of the transaction has none of
// them left to sort and put.
type staging struct {
	index map[string]int // key -> its record in recs
	recs  []stagedRecord
	// last is the greatest key in the bucket while every put so far was an
	// append past it; appending turns false at the first that was not.
	last      []byte
	appending bool
}

type stagedRecord struct {
	key   string
	value []byte
	dead  bool // deleted after it was put
}

// newStaging starts staging the puts into bucket b.
func newStaging(b *bolt.Bucket) *staging {
	last, _ := b.Cursor().Last()
	return &staging{index: map[string]int{}, last: bytes.Clone(last), appending: true}
}

// appends reports whether a put of key may go straight into the bucket:
// nothing is staged and every put so far, this one too, came past the
// bucket's last key.
func (s *staging) appends(key []byte) bool {
	if !s.appending || len(s.recs) > 0 || bytes.Compare(key, s.last) <= 0 {
		s.appending = false
		return false
	}
	s.last = append(s.last[:0], key...)
	return true
}

func (s *staging) put(key, value []byte) {
	if value == nil {
		value = []byte{} // keep "staged, empty value" apart from "not staged"
	}
	if i, ok := s.index[string(key)]; ok {
		s.recs[i].value = value
		return
	}
	k := string(key)
	s.index[k] = len(s.recs)
	s.recs = append(s.recs, stagedRecord{key: k, value: value})
}

// get returns the staged value of key; ok is false when none is staged.
func (s *staging) get(key []byte) (value []byte, ok bool) {
	i, ok := s.index[string(key)]
	if !ok {
		return nil, false
	}
	return s.recs[i].value, true
}

func (s *staging) del(key []byte) {
	if i, ok := s.index[string(key)]; ok {
		s.recs[i].dead = true
		delete(s.index, string(key))
	}
}

// sorted returns the live records in key order (reordering the staging's
// own; it is spent after).
func (s *staging) sorted() []stagedRecord {
	live := slices.DeleteFunc(s.recs, func(r stagedRecord) bool { return r.dead })
	slices.SortFunc(live, func(a, b stagedRecord) int { return strings.Compare(a.key, b.key) })
	return live
}
