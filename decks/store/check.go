package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	bolt "go.etcd.io/bbolt"
)

// CheckReport is what Verify found in a collection file.
type CheckReport struct {
	Pages    uint64 // pages in use (the high-water mark)
	Cards    int    // card records that decode
	Reviews  int    // review records that decode
	Problems []string
}

// OK reports whether nothing is wrong.
func (r *CheckReport) OK() bool { return len(r.Problems) == 0 }

func (r *CheckReport) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// maxProblems bounds the list: a collection with a million bad index
// entries needs the first ones and a count, not a million lines.
const maxProblems = 200

// Verify checks the collection file at path without trusting it, like
// Anki's Check Database: the meta pages and file size; every page of the
// bucket tree, read with bounds checks; every record (cards, reviews,
// sources, added paths, deck options, drops, settings) decodes; the due,
// new and review-by-card indexes match the records; no page is lost or
// both free and used; and, when all that holds, bbolt's own consistency
// check. It takes no lock: run it on a collection no other mnemo writes.
// An error means the file could not be checked at all (missing, or not a
// collection); damage is reported in CheckReport.Problems.
func Verify(path string) (CheckReport, error) {
	var rep CheckReport
	bf, err := openBoltFile(path)
	var ce *CorruptError
	if errors.As(err, &ce) {
		rep.problem("%s", ce.Detail)
		return rep, nil
	}
	if err != nil {
		return rep, err
	}
	defer bf.Close()
	rep.Pages = bf.meta.hwm
	for i, m := range bf.metas {
		if m.err != nil {
			rep.problem("meta page %d: %v (the other meta page is used)", i, m.err)
		}
	}
	recs := newRecordSet()
	reached, problems := walkFile(bf, recs.fromTree)
	rep.Problems = append(rep.Problems, problems...)
	free, ferr := bf.freelist()
	if ferr != nil {
		rep.problem("freelist: %v", ferr)
	} else if len(problems) == 0 {
		if bf.meta.freelist != noFreelist {
			reached[bf.meta.freelist] = true
		}
		for id := uint64(2); id < bf.meta.hwm; id++ {
			switch {
			case !reached[id] && !free[id]:
				rep.problem("page %d is neither used nor free", id)
			case reached[id] && free[id]:
				rep.problem("page %d is both used and free", id)
			}
		}
	}
	recs.check(&rep)
	rep.Cards, rep.Reviews = len(recs.cards), len(recs.reviews)
	if rep.OK() {
		boltCheck(path, &rep)
	}
	if n := len(rep.Problems); n > maxProblems {
		rep.Problems = append(rep.Problems[:maxProblems], fmt.Sprintf("… and %d more problems", n-maxProblems))
	}
	return rep, nil
}

// boltCheck runs bbolt's consistency check on a file whose structure was
// verified (so its pages are safe to map).
func boltCheck(path string, rep *CheckReport) {
	s := &Store{path: path}
	err := s.guard("bbolt's check", func() error {
		db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
		if err != nil {
			return err
		}
		defer db.Close()
		return db.View(func(tx *bolt.Tx) error {
			for err := range tx.Check() {
				rep.problem("bbolt: %v", err)
			}
			return nil
		})
	})
	if err != nil {
		rep.problem("bbolt: %v", err)
	}
}

// recordSet holds the records read from a collection file, by kind.
type recordSet struct {
	cards      map[cards.ID]cards.Card
	reviews    map[string]cards.Review // by reviews-bucket key
	sources    map[string]Source
	paths      map[string]AddedPath
	drops      map[string]Drop
	deckOpts   map[string]decks.Options
	cache      map[string][]byte
	suggested  map[string][]byte // suggestions bucket, raw JSON cards
	settings   *Settings
	position   uint64
	schema     []byte
	index      map[string][][]byte // raw keys of the due, new and reviewcard buckets
	bad        []string            // records that do not decode
	badCards   map[cards.ID]bool   // card records among them
	dupes      int                 // older copies found in lost pages
	foundLoose int                 // records found in pages cut off from the tree
}

func newRecordSet() *recordSet {
	return &recordSet{
		cards: map[cards.ID]cards.Card{}, reviews: map[string]cards.Review{},
		sources: map[string]Source{}, paths: map[string]AddedPath{}, drops: map[string]Drop{},
		deckOpts: map[string]decks.Options{}, cache: map[string][]byte{}, index: map[string][][]byte{},
		badCards: map[cards.ID]bool{}, suggested: map[string][]byte{},
	}
}

// fromTree files one record of a named bucket.
func (rs *recordSet) fromTree(bucket string, k, v []byte) {
	switch bucket {
	case "cards":
		var c cards.Card
		if err := decodeCard(v, &c); err != nil || string(c.ID) != string(k) {
			rs.badRecord("card record %q does not decode (%v)", k, err)
			rs.badCards[cards.ID(k)] = true
			return
		}
		rs.cards[c.ID] = c
	case "reviews":
		var r cards.Review
		if err := decodeReview(v, &r); err != nil || !bytes.Equal(reviewKey(&r), k) {
			rs.badRecord("review record %x does not decode (%v)", k, err)
			return
		}
		rs.reviews[string(k)] = r
	case "sources":
		jsonRecord(rs, bucket, k, v, rs.sources, func(s Source) bool { return s.Path == string(k) })
	case "paths":
		jsonRecord(rs, bucket, k, v, rs.paths, func(p AddedPath) bool { return p.Path == string(k) })
	case "dropped":
		jsonRecord(rs, bucket, k, v, rs.drops, func(d Drop) bool { return string(d.ID) == string(k) })
	case "decks":
		jsonRecord(rs, bucket, k, v, rs.deckOpts, func(decks.Options) bool { return true })
	case "llmcache":
		rs.cache[string(k)] = bytes.Clone(v)
	case string(bucketSuggestions):
		var c cards.Card
		if err := json.Unmarshal(v, &c); err != nil {
			rs.badRecord("suggestion record %q does not decode (%v)", k, err)
			return
		}
		rs.suggested[string(k)] = bytes.Clone(v)
	case "meta":
		switch string(k) {
		case string(keySettings):
			var s Settings
			if err := json.Unmarshal(v, &s); err != nil {
				rs.badRecord("the settings do not decode (%v)", err)
				return
			}
			rs.settings = &s
		case string(keyPosition):
			if len(v) != 8 {
				rs.badRecord("the new-card position is %d bytes, not 8", len(v))
				return
			}
			rs.position = binary.BigEndian.Uint64(v)
		case string(keySchema):
			rs.schema = bytes.Clone(v)
		}
	case "due", "new", "reviewcard":
		rs.index[bucket] = append(rs.index[bucket], bytes.Clone(k))
	}
}

func jsonRecord[T any](rs *recordSet, bucket string, k, v []byte, into map[string]T, valid func(T) bool) {
	var x T
	if err := json.Unmarshal(v, &x); err != nil || !valid(x) {
		rs.badRecord("%s record %q does not decode (%v)", bucket, k, err)
		return
	}
	into[string(k)] = x
}

// hasRecords reports whether anything at all was read (a BoltDB file a
// killed creation left without buckets has nothing, and Open completes it).
func (rs *recordSet) hasRecords() bool {
	return len(rs.cards)+len(rs.reviews)+len(rs.sources)+len(rs.paths)+len(rs.drops)+len(rs.deckOpts)+len(rs.cache)+len(rs.suggested)+len(rs.bad) > 0 ||
		rs.settings != nil || rs.position != 0
}

func (rs *recordSet) badRecord(format string, args ...any) {
	rs.bad = append(rs.bad, fmt.Sprintf(format, args...))
}

func reviewKey(r *cards.Review) []byte { return joinKey(timeKey(r.Time), r.CardID) }

// check compares the indexes with the records and lists bad records.
func (rs *recordSet) check(rep *CheckReport) {
	rep.Problems = append(rep.Problems, rs.bad...)
	if rs.schema == nil && rs.hasRecords() {
		rep.problem("the schema version is missing")
	}
	want := map[string]map[string]bool{"due": {}, "new": {}, "reviewcard": {}}
	for _, c := range rs.cards {
		if !inQueue(&c) {
			continue
		}
		if c.Schedule.State == cards.StateNew {
			want["new"][string(joinKey(u64(c.Position), c.ID))] = true
		} else {
			want["due"][string(joinKey(timeKey(c.Schedule.Due), c.ID))] = true
		}
	}
	for _, r := range rs.reviews {
		want["reviewcard"][string(append([]byte(r.CardID), timeKey(r.Time)...))] = true
		if _, ok := rs.cards[r.CardID]; !ok {
			rep.problem("a review of card %q, which is not in the collection", r.CardID)
		}
	}
	for _, name := range []string{"due", "new", "reviewcard"} {
		for _, k := range rs.index[name] {
			if !want[name][string(k)] {
				rep.problem("the %s index has a stray entry %q", name, k)
			}
			delete(want[name], string(k))
		}
		missing := make([]string, 0, len(want[name]))
		for k := range want[name] {
			missing = append(missing, k)
		}
		slices.Sort(missing)
		for _, k := range missing {
			rep.problem("the %s index lacks the entry %q", name, k)
		}
	}
}

// SalvageReport says what Salvage kept and lost.
type SalvageReport struct {
	Cards, Reviews, Sources, Paths, Decks, Drops int // records kept
	// Loose counts the records found in pages cut off from the tree.
	Loose int
	// Lost lists what could not be kept: records that do not decode,
	// cards the indexes name that were not found, reviews of such cards.
	Lost []string
}

// Salvage reads every readable record of the collection file at src,
// without trusting its structure, and writes them into a new collection
// at dst (which must not exist), its indexes rebuilt. Records are read
// from the bucket tree as far as it goes, then from every page the tree
// no longer reaches that is not free (a damaged branch page cuts whole
// subtrees off; free pages hold stale copies and are left alone).
func Salvage(src, dst string) (SalvageReport, error) {
	var rep SalvageReport
	bf, err := openForSalvage(src)
	if err != nil {
		return rep, err
	}
	defer bf.Close()
	recs := newRecordSet()
	reached := map[uint64]bool{0: true, 1: true}
	if bf.meta.root != 0 {
		reached, _ = walkFile(bf, recs.fromTree)
	}
	free, ferr := bf.freelist()
	if ferr != nil {
		free = map[uint64]bool{}
	}
	if bf.meta.freelist != noFreelist {
		reached[bf.meta.freelist] = true
	}
	for id := uint64(2); id < bf.meta.hwm; id++ {
		if !reached[id] && !free[id] {
			recs.fromLoosePage(bf, id)
		}
	}
	rep.Lost = append(rep.Lost, recs.bad...)
	if _, err := os.Stat(dst); err == nil {
		return rep, fmt.Errorf("salvage into %s: the file exists", dst)
	}
	st, err := Open(dst, OpenOptions{})
	if err != nil {
		return rep, err
	}
	err = st.Update(func(tx *Tx) error { return recs.writeTo(tx, &rep) })
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
		return rep, fmt.Errorf("write the salvaged collection: %w", err)
	}
	rep.Loose = recs.foundLoose
	return rep, nil
}

// openForSalvage opens src for checked reads even when both meta pages are
// damaged: the page size is then the usual 4096 and every page up to the
// end of the file is a candidate.
func openForSalvage(path string) (*boltFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	bf, err := inspect(f, path)
	if err == nil {
		return bf, nil
	}
	if !errors.Is(err, ErrCorrupt) {
		f.Close()
		return nil, err
	}
	info, serr := f.Stat()
	if serr != nil {
		f.Close()
		return nil, serr
	}
	bf = &boltFile{f: f, path: path, size: info.Size(), pageSize: 4096}
	for _, m := range bf.metas {
		if m.err == nil {
			bf.pageSize = int(m.pageSize)
		}
	}
	// Whatever the metas say, only pages inside the file can be read.
	bf.meta = boltMeta{pageSize: uint32(bf.pageSize), hwm: uint64(bf.size) / uint64(bf.pageSize), freelist: noFreelist}
	return bf, nil
}

// fromLoosePage files the records of a page the tree does not reach,
// telling their kind by their content (the bucket they were in is lost).
func (rs *recordSet) fromLoosePage(bf *boltFile, id uint64) {
	p, err := bf.page(id)
	if err != nil || binary.LittleEndian.Uint16(p[8:]) != flagLeaf {
		return
	}
	elems, err := leafElems(id, p)
	if err != nil {
		return
	}
	for _, e := range elems {
		rs.looseRecord(e.key, e.value)
	}
}

func (rs *recordSet) looseRecord(k, v []byte) {
	var c cards.Card
	if decodeCard(v, &c) == nil && string(c.ID) == string(k) {
		if old, ok := rs.cards[c.ID]; ok {
			rs.dupes++
			if !c.Modified.After(old.Modified) {
				return
			}
		}
		rs.cards[c.ID] = c
		rs.foundLoose++
		return
	}
	var r cards.Review
	if decodeReview(v, &r) == nil && bytes.Equal(reviewKey(&r), k) {
		if _, ok := rs.reviews[string(k)]; !ok {
			rs.reviews[string(k)] = r
			rs.foundLoose++
		}
		return
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(v, &fields) != nil {
		return
	}
	has := func(names ...string) bool {
		for _, n := range names {
			if _, ok := fields[n]; !ok {
				return false
			}
		}
		return true
	}
	before := len(rs.sources) + len(rs.paths) + len(rs.drops)
	switch {
	case has("path", "hash", "cards"):
		looseJSON(k, v, rs.sources, func(s Source) bool { return s.Path == string(k) })
	case has("path", "generate", "added"):
		looseJSON(k, v, rs.paths, func(p AddedPath) bool { return p.Path == string(k) })
	case has("id", "question", "source", "time"):
		looseJSON(k, v, rs.drops, func(d Drop) bool { return string(d.ID) == string(k) })
	}
	if len(rs.sources)+len(rs.paths)+len(rs.drops) > before {
		rs.foundLoose++
	}
}

func looseJSON[T any](k, v []byte, into map[string]T, valid func(T) bool) {
	if _, ok := into[string(k)]; ok {
		return // the tree's copy wins
	}
	var x T
	if json.Unmarshal(v, &x) == nil && valid(x) {
		into[string(k)] = x
	}
}

// writeTo puts the salvaged records into a fresh collection; PutCard
// rebuilds the due and new indexes, AddReview the log by card.
func (rs *recordSet) writeTo(tx *Tx, rep *SalvageReport) error {
	if rs.settings != nil {
		if err := tx.PutSettings(*rs.settings); err != nil {
			return err
		}
	}
	ids := make([]cards.ID, 0, len(rs.cards))
	var maxPos uint64
	for id, c := range rs.cards {
		ids = append(ids, id)
		maxPos = max(maxPos, c.Position)
	}
	slices.Sort(ids)
	for _, id := range ids {
		c := rs.cards[id]
		if err := tx.PutCard(&c); err != nil {
			return err
		}
	}
	next := max(rs.position, maxPos+1)
	if err := tx.b(bucketMeta).Put(keyPosition, u64(next)); err != nil {
		return err
	}
	lostReviews := map[cards.ID]int{}
	for _, r := range rs.reviews {
		if _, ok := rs.cards[r.CardID]; !ok {
			lostReviews[r.CardID]++
			continue
		}
		if err := tx.AddReview(r); err != nil {
			return err
		}
		rep.Reviews++
	}
	for id, n := range lostReviews {
		rep.Lost = append(rep.Lost, fmt.Sprintf("%d reviews of card %q, whose record was lost", n, id))
	}
	for _, name := range []string{"due", "new"} {
		for _, k := range rs.index[name] {
			if id := cards.ID(k[min(8, len(k)):]); rs.cards[id].ID == "" && !rs.badCards[id] {
				rep.Lost = append(rep.Lost, fmt.Sprintf("card %q (the %s index names it; its record was lost)", id, name))
			}
		}
	}
	slices.Sort(rep.Lost)
	rep.Lost = slices.Compact(rep.Lost)
	for _, s := range rs.sources {
		for _, id := range s.Cards {
			if _, ok := rs.cards[id]; !ok {
				// A card of this note was lost: make the next sync read the
				// note again, which brings the card back (without its history).
				s.Size, s.Hash = -1, ""
				break
			}
		}
		if err := tx.PutSource(s); err != nil {
			return err
		}
	}
	for _, p := range rs.paths {
		if err := tx.PutPath(p); err != nil {
			return err
		}
	}
	for _, d := range rs.drops {
		if err := tx.PutDrop(d); err != nil {
			return err
		}
	}
	for name, o := range rs.deckOpts {
		if err := tx.PutDeckOptions(name, o); err != nil {
			return err
		}
	}
	for k, v := range rs.cache {
		if err := tx.CachePut(k, v); err != nil {
			return err
		}
	}
	for k, v := range rs.suggested {
		if err := tx.b(bucketSuggestions).Put([]byte(k), v); err != nil {
			return err
		}
	}
	rep.Cards, rep.Sources, rep.Paths, rep.Drops, rep.Decks = len(ids), len(rs.sources), len(rs.paths), len(rs.drops), len(rs.deckOpts)
	return nil
}
