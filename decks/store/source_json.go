package store

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/mnemo-app/mnemo/cards"
)

// Source records stay JSON, but an unchanged sync reads every one of them
// (10,000 for a 10,000-note vault) and encoding/json's reflection took
// most of its time. decodeSource reads the exact layout json.Marshal
// writes for a Source without reflection, and leaves anything else
// (escaped strings, other field orders, damaged records) to
// json.Unmarshal, so the result is always what json.Unmarshal gives.
func decodeSource(raw []byte, s *Source) error {
	if fastSource(raw, s) {
		return nil
	}
	*s = Source{}
	return json.Unmarshal(raw, s)
}

// sourceScanner walks one record; any surprise sets bad. Its strings are
// cut from rec, one copy of the record, so a record costs two
// allocations (that copy and the card list) however many strings it holds.
type sourceScanner struct {
	b   []byte
	rec string
	bad bool
}

func fastSource(raw []byte, s *Source) bool {
	r := &sourceScanner{b: raw, rec: string(raw)}
	r.lit(`{"path":`)
	s.Path = r.str()
	r.lit(`,"size":`)
	s.Size = r.int()
	r.lit(`,"mtime":`)
	if q := r.quoted(); !r.bad && s.ModTime.UnmarshalJSON(q) != nil {
		r.bad = true
	}
	r.lit(`,"hash":`)
	s.Hash = r.str()
	r.lit(`,"cards":`)
	s.Cards = r.ids()
	r.lit(`,"root":`)
	s.Root = r.str()
	if !r.bad && bytes.HasPrefix(r.b, []byte(`,"generated":`)) {
		r.lit(`,"generated":`)
		n := r.int()
		if n != int64(int(n)) {
			r.bad = true // json.Unmarshal refuses what overflows an int
		}
		s.Generated = int(n)
	}
	r.lit(`}`)
	return !r.bad && len(r.b) == 0
}

func (r *sourceScanner) lit(l string) {
	if r.bad || !bytes.HasPrefix(r.b, []byte(l)) {
		r.bad = true
		return
	}
	r.b = r.b[len(l):]
}

// quoted returns a string token, quotes included, with no escapes in it
// (json.Marshal escapes control characters, quotes, invalid UTF-8 and
// <, >, &: such strings take the slow path).
func (r *sourceScanner) quoted() []byte {
	if r.bad || len(r.b) == 0 || r.b[0] != '"' {
		r.bad = true
		return nil
	}
	end := bytes.IndexByte(r.b[1:], '"')
	if end < 0 || !plainString(r.b[1:end+1]) {
		r.bad = true
		return nil
	}
	q := r.b[:end+2]
	r.b = r.b[end+2:]
	return q
}

// plainString reports whether json.Unmarshal would take b, a string's
// content, byte for byte: no escapes, no control characters, valid UTF-8.
func plainString(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c == '\\' {
			return false
		}
	}
	return utf8.Valid(b)
}

func (r *sourceScanner) str() string {
	q := r.quoted()
	if r.bad {
		return ""
	}
	// q ends where the unread rest begins: find it in rec.
	end := len(r.rec) - len(r.b) - 1
	return r.rec[end-(len(q)-2) : end]
}

// int reads an integer as JSON writes it: -?(0|[1-9][0-9]*).
func (r *sourceScanner) int() int64 {
	n := 0
	if n < len(r.b) && r.b[n] == '-' {
		n++
	}
	start := n
	for n < len(r.b) && r.b[n] >= '0' && r.b[n] <= '9' {
		n++
	}
	if n == start || r.b[start] == '0' && n > start+1 {
		r.bad = true
	}
	v, err := strconv.ParseInt(string(r.b[:n]), 10, 64)
	if r.bad || err != nil {
		r.bad = true
		return 0
	}
	r.b = r.b[n:]
	return v
}

// ids reads null or an array of strings, as json.Unmarshal fills a
// []cards.ID (null: nil, []: empty).
func (r *sourceScanner) ids() []cards.ID {
	if r.bad {
		return nil
	}
	if bytes.HasPrefix(r.b, []byte("null")) {
		r.b = r.b[4:]
		return nil
	}
	r.lit("[")
	n := 0
	if end := bytes.IndexByte(r.b, ']'); end >= 0 {
		// A capacity hint: fast-path strings hold no quotes, and a ']'
		// inside one only makes the hint short.
		n = bytes.Count(r.b[:end], []byte{'"'}) / 2
	}
	out := make([]cards.ID, 0, n)
	for !r.bad && len(r.b) > 0 && r.b[0] != ']' {
		if len(out) > 0 {
			r.lit(",")
		}
		out = append(out, cards.ID(r.str()))
	}
	r.lit("]")
	return out
}
