package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"
	"unsafe"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/internal/fsync"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrLocked is returned by Open when another process holds the collection
// open for longer than the lock timeout.
var ErrLocked = errors.New("the collection is in use by another mnemo process")

// ErrTooNew is returned by Open when the collection was written by a newer
// mnemo with a schema this one does not know.
var ErrTooNew = errors.New("the collection was written by a newer mnemo")

var (
	bucketMeta       = []byte("meta")
	bucketCards      = []byte("cards")
	bucketDecks      = []byte("decks")
	bucketSources    = []byte("sources")
	bucketPaths      = []byte("paths")
	bucketReviews    = []byte("reviews")
	bucketReviewCard = []byte("reviewcard")
	bucketDue        = []byte("due")
	bucketNew        = []byte("new")
	bucketDropped    = []byte("dropped")
	bucketLLMCache   = []byte("llmcache")

	keySchema   = []byte("schema")
	keySettings = []byte("settings")
	keyPosition = []byte("position")
)

// Store is an open collection.
type Store struct {
	db     *bolt.DB // nil between transactions once Release was called
	path   string
	bopts  *bolt.Options
	closed bool
	fresh  bool // see OpenOptions.FreshFile
	warn   func(string)
	warned map[string]bool
}

// ErrClosed is returned by transactions on a closed Store.
var ErrClosed = errors.New("the collection is closed")

// OpenOptions tune Open.
type OpenOptions struct {
	// LockTimeout bounds the wait for another process's lock (default 2 s
	// less a margin, so the message arrives within 2 s).
	LockTimeout time.Duration
	// Context, when set, ends the wait for that lock early: a cancelled
	// context (Ctrl-C) makes Open return its error at once rather than
	// after LockTimeout.
	Context context.Context
	// ReadOnly opens the file with a shared lock: several readers may run
	// together, but not beside a writer.
	ReadOnly bool
	// FreshFile says the caller has just created path empty, for this
	// collection alone (a temporary file an import fills before linking
	// it into place): Open initializes it rather than refusing an empty
	// file, which otherwise may be a collection truncated to nothing.
	FreshFile bool
	// Warn, when set, hears once of each damaged record that readers such
	// as ForEachCard skip (a card or review that does not decode), so one
	// bad record does not make a listing, a review or an export fail.
	Warn func(msg string)
}

// Open opens (creating it and its folder if needed, mode 0600) the
// collection at path and brings its schema up to date.
func Open(path string, o OpenOptions) (*Store, error) {
	if o.LockTimeout == 0 {
		o.LockTimeout = 1500 * time.Millisecond
	}
	if !o.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("create the collection folder: %w", err)
		}
		if err := createAtomically(path); err != nil {
			return nil, err
		}
	} else if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open the collection: %w", err)
	}
	s := &Store{path: path, fresh: o.FreshFile, warn: o.Warn, warned: map[string]bool{}, bopts: &bolt.Options{
		Timeout: o.LockTimeout, ReadOnly: o.ReadOnly,
		// Address space only: spares a big add the remaps (each copies every
		// dirty node) as the file grows.
		InitialMmapSize: 1 << 29,
	}}
	ctx := o.Context
	if ctx == nil {
		ctx = context.Background()
	}
	db, err := s.openBolt(ctx)
	if err != nil {
		return nil, err
	}
	s.db = db
	if o.ReadOnly {
		err = s.checkSchema()
	} else {
		err = s.migrate()
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// createAtomically makes a new, empty collection at path if there is no
// file there: bbolt writes its first pages into a temporary file which is
// then linked into place, so a kill at any moment never leaves a 0-byte
// file at path (which Open refuses). A creation killed midway leaves a
// PATH.new-PID file; StaleTemporaries lists them.
func createAtomically(path string) error {
	if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
		return nil // there is a file (or an error Open will report)
	}
	tmp := fmt.Sprintf("%s.new-%d", path, os.Getpid())
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("create the collection %s: %w", path, err)
	}
	// The schema goes in before the file takes its name: a collection at
	// path always has its buckets.
	err = db.Update(func(tx *bolt.Tx) error { return migrateTx(tx, SchemaVersion()) })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Link(tmp, path)
		if errors.Is(err, os.ErrExist) {
			err = nil // another mnemo created it meanwhile
		} else if err != nil {
			if _, serr := os.Lstat(path); errors.Is(serr, os.ErrNotExist) {
				err = os.Rename(tmp, path) // a file system without hard links
			}
		}
	}
	os.Remove(tmp)
	if err == nil {
		err = fsync.Dir(filepath.Dir(path)) // the new collection's name
	}
	if err != nil {
		return fmt.Errorf("create the collection %s: %w", path, err)
	}
	return nil
}

// StaleTemporaries lists the files a killed creation of the collection at
// path left behind (PATH.new-PID); the caller removes those old enough not
// to belong to a creation under way.
func StaleTemporaries(path string) []string {
	m, _ := filepath.Glob(path + ".new-*")
	return m
}

// openBolt opens the file with bbolt once it is known to be safe to: an
// existing file must be a BoltDB file whose meta pages validate and whose
// size covers every page they claim (bbolt would fault on a truncated
// one). An empty or foreign file is refused, never overwritten. A panic
// inside bbolt (a damaged freelist) becomes a *CorruptError.
func (s *Store) openBolt(ctx context.Context) (db *bolt.DB, err error) {
	if info, statErr := os.Stat(s.path); statErr == nil && !(s.fresh && info.Size() == 0) {
		if !info.Mode().IsRegular() {
			return nil, fmt.Errorf("%s is not a regular file: %w", s.path, ErrNotCollection)
		}
		bf, err := openBoltFile(s.path)
		if err != nil {
			return nil, err
		}
		bf.Close()
	}
	var file *os.File
	opts := *s.bopts
	opts.OpenFile = func(name string, flag int, mode os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, mode)
		file = f
		return f, err
	}
	err = s.guard("open", func() error {
		db, err = openWaiting(ctx, s.path, &opts)
		return err
	})
	if err != nil && file != nil && errors.Is(err, ErrCorrupt) {
		file.Close() // bbolt panicked holding the file and its lock
	}
	if err != nil {
		if errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("open the collection %s: %w", s.path, err)
	}
	return db, nil
}

// lockRetry is how often a wait for another process's lock tries again
// (bbolt's own interval).
const lockRetry = 50 * time.Millisecond

// openWaiting is bolt.Open waiting up to opts.Timeout for the file's lock,
// but giving up as soon as ctx is done: bbolt's own wait cannot be
// interrupted, so each try is a single attempt (bbolt gives up at once
// when the timeout is below its retry interval) and the waiting is here.
func openWaiting(ctx context.Context, path string, opts *bolt.Options) (*bolt.DB, error) {
	deadline := time.Now().Add(opts.Timeout)
	once := *opts
	once.Timeout = time.Nanosecond
	for {
		db, err := bolt.Open(path, 0o600, &once)
		if !errors.Is(err, bolterrors.ErrTimeout) || !time.Now().Before(deadline) {
			return db, err
		}
		t := time.NewTimer(min(lockRetry, time.Until(deadline)))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("waiting for the collection's lock: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// Close closes the collection.
func (s *Store) Close() error {
	s.closed = true
	return s.Release()
}

// Release closes the file but keeps the Store usable: from then on each
// View and Update opens the file, locks it for that transaction only and
// closes it. A long review session uses it so that other mnemo commands
// (mnemo due in a shell prompt, a sync in another terminal) can run
// between its answers.
func (s *Store) Release() error {
	if s.db == nil {
		return nil
	}
	err := s.db.Close()
	s.db = nil
	return err
}

// acquire returns the open database, opening it for one transaction when
// the Store was released.
func (s *Store) acquire() (db *bolt.DB, done func(), err error) {
	if s.db != nil {
		return s.db, func() {}, nil
	}
	if s.closed {
		return nil, nil, ErrClosed
	}
	// a transaction of a released Store does not wait on Ctrl-C: the
	// answer it saves was given before it
	db, err = s.openBolt(context.Background())
	if err != nil {
		return nil, nil, err
	}
	return db, func() { db.Close() }, nil
}

// Path is the collection file's path.
func (s *Store) Path() string { return s.path }

// View runs fn in a read-only transaction.
func (s *Store) View(fn func(tx *Tx) error) error {
	db, done, err := s.acquire()
	if err != nil {
		return err
	}
	defer done()
	return s.guard("read", func() error {
		return db.View(func(btx *bolt.Tx) error { return fn(&Tx{tx: btx, st: s}) })
	})
}

// guard runs f, turning a panic or a memory fault inside it (bbolt on a
// damaged page) into a *CorruptError instead of a crash with a stack
// trace. bbolt rolls the transaction back as the panic unwinds it.
func (s *Store) guard(what string, f func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			detail := fmt.Sprintf("%s failed on a damaged page: %v", what, r)
			if p := firstProblem(s.path); p != "" {
				detail += " (" + p + ")"
			}
			err = &CorruptError{Path: s.path, Detail: detail}
		}
	}()
	return f()
}

// Go runs f on another goroutine, within this read-only transaction, and
// returns the function that waits for f and returns its error (any number
// of times); it must be called before the transaction ends, also when the
// caller panics (defer it). f may read while the caller does (index scans
// and their deck names are safe for that); a damaged page it meets gives
// a *CorruptError, as it would on the caller's goroutine.
func (t *Tx) Go(f func() error) (wait func() error) {
	done := make(chan error, 1)
	go func() { done <- t.st.guard("read", f) }()
	return sync.OnceValue(func() error { return <-done })
}

// skip reports a damaged record a reader leaves out, once per record.
func (s *Store) skip(what string) {
	if s.warned[what] {
		return
	}
	s.warned[what] = true
	if s.warn != nil {
		s.warn(fmt.Sprintf("skipped %s; run 'mnemo check --repair' to salvage the rest of the collection", what))
	}
}

// Update runs fn in one read-write transaction: everything fn writes
// commits together, or nothing does if fn returns an error.
func (s *Store) Update(fn func(tx *Tx) error) error {
	db, done, err := s.acquire()
	if err != nil {
		return err
	}
	defer done()
	return s.guard("write", func() error {
		return updateIfChanged(db, func(btx *bolt.Tx) error {
			t := &Tx{tx: btx, st: s, staged: map[string]*staging{}}
			if err := fn(t); err != nil {
				return err
			}
			return t.flushAll()
		})
	})
}

// errUnchanged rolls back a write transaction that wrote nothing.
var errUnchanged = errors.New("the transaction changed nothing")

// updateIfChanged is db.Update, except that a transaction that changed
// nothing is rolled back rather than committed: a commit writes a new meta
// page and freelist and waits for two fsyncs even then, which an unchanged
// sync (and every open for writing) would pay for nothing. bbolt
// materialises a node for every write (put, delete, bucket or sequence
// change) and only for writes, so no node means nothing to save.
func updateIfChanged(db *bolt.DB, fn func(*bolt.Tx) error) error {
	err := db.Update(func(tx *bolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		if stats := tx.Stats(); stats.GetNodeCount() == 0 {
			return errUnchanged
		}
		return nil
	})
	if errors.Is(err, errUnchanged) {
		return nil
	}
	return err
}

// Check runs bbolt's consistency check and the index checks; tests call it
// on every collection they close.
func (s *Store) Check() error {
	return s.View(func(tx *Tx) error {
		var errs []error
		for err := range tx.tx.Check() {
			errs = append(errs, err)
		}
		errs = append(errs, tx.checkIndexes())
		return errors.Join(errs...)
	})
}

// Tx is a transaction on the collection. Values it returns are copies and
// stay valid after the transaction ends.
type Tx struct {
	tx *bolt.Tx
	st *Store
	// staged holds, per bucket, the records written in this transaction;
	// they are put in key order when the transaction ends (or before the
	// bucket is iterated): see staging. Nil in read-only transactions.
	staged map[string]*staging
	// deckNames interns the deck names of the index scans, shared by all
	// of them: the due and new scans (twice each for mnemo due) meet the
	// same few hundred decks.
	deckNames deckNames
}

// stagedBuckets are the buckets written through the staging area: those a
// big add or import fills with keys in no particular order.
var stagedBuckets = [][]byte{bucketCards, bucketDue, bucketNew, bucketReviews, bucketReviewCard}

func (t *Tx) put(bucket, key, v []byte) error {
	if t.staged == nil {
		return t.b(bucket).Put(key, v)
	}
	s := t.staged[string(bucket)]
	if s == nil {
		s = newStaging(t.b(bucket))
		t.staged[string(bucket)] = s
	}
	if s.appends(key) {
		return t.b(bucket).Put(key, v)
	}
	s.put(key, v)
	return nil
}

func (t *Tx) get(bucket, key []byte) []byte {
	if s := t.staged[string(bucket)]; s != nil {
		if v, ok := s.get(key); ok {
			return v
		}
	}
	return t.b(bucket).Get(key)
}

func (t *Tx) del(bucket, key []byte) error {
	if s := t.staged[string(bucket)]; s != nil {
		s.del(key)
	}
	return t.b(bucket).Delete(key)
}

// flush writes a bucket's staged records in key order; every reader that
// iterates a staged bucket calls it first.
func (t *Tx) flush(bucket []byte) error {
	s := t.staged[string(bucket)]
	if s == nil {
		return nil
	}
	delete(t.staged, string(bucket))
	b := t.packed(bucket)
	for _, r := range s.sorted() {
		// Put copies the key and never writes to it: no need to copy it first.
		if err := b.Put(unsafe.Slice(unsafe.StringData(r.key), len(r.key)), r.value); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) flushAll() error {
	for _, b := range stagedBuckets {
		if err := t.flush(b); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) b(name []byte) *bolt.Bucket { return t.tx.Bucket(name) }

// packedFill is how full the pages of a bucket written in key order are
// packed when bbolt splits its nodes at commit. bbolt's default, half
// full, suits random inserts; keys put in order would leave every page
// half empty, doubling the file and the pages a commit allocates and
// writes (a first add of 100,000 cards: 110 MB). The slack left lets a
// record grow a little (a card answered) without splitting its page.
const packedFill = 0.9

// packed returns a bucket whose writes in this transaction are in key
// order (a staged flush, or sources in path order), packed packedFill full.
func (t *Tx) packed(name []byte) *bolt.Bucket {
	b := t.tx.Bucket(name)
	b.FillPercent = packedFill
	return b
}

func u64(v uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	return b[:]
}

// timeKey encodes t so keys sort by time; times before 1970 sort first.
func timeKey(t time.Time) []byte {
	if t.IsZero() {
		return u64(0)
	}
	ns := t.UnixNano()
	if ns < 0 {
		ns = 0
	}
	return u64(uint64(ns))
}

func joinKey(a []byte, id cards.ID) []byte {
	k := make([]byte, 0, len(a)+len(id))
	return append(append(k, a...), id...)
}

// Card returns the card with the given ID.
func (t *Tx) Card(id cards.ID) (cards.Card, bool, error) {
	v := t.get(bucketCards, []byte(id))
	if v == nil {
		return cards.Card{}, false, nil
	}
	var c cards.Card
	if err := decodeCard(v, &c); err != nil {
		return c, false, t.corrupt(fmt.Sprintf("card record %q", id), err)
	}
	return c, true, nil
}

// corrupt is the error for a record that does not decode.
func (t *Tx) corrupt(what string, err error) error {
	return &CorruptError{Path: t.st.path, Detail: fmt.Sprintf("%s does not decode (%v)", what, err)}
}

// SkipCorrupt reports err, a damaged record a reader chose to leave out,
// through OpenOptions.Warn and returns nil; any other error it returns.
// Readers that list or study many cards use it so one bad record does not
// stop them.
func (t *Tx) SkipCorrupt(err error) error {
	var ce *CorruptError
	if !errors.As(err, &ce) {
		return err
	}
	t.st.skip(ce.Detail)
	return nil
}

// HasCard reports whether a card with that ID exists, without decoding it.
func (t *Tx) HasCard(id cards.ID) bool { return t.get(bucketCards, []byte(id)) != nil }

// PutCard stores c, keeping the due and new indexes in step.
func (t *Tx) PutCard(c *cards.Card) error {
	if c.ID == "" {
		return errors.New("put card: empty ID")
	}
	if err := decks.CheckName(c.Deck); err != nil {
		// Every reader walks a deck's lineage: a limit enforced here, where
		// every add, import and repair writes, bounds them all.
		return fmt.Errorf("card %s: %w", c.ID, err)
	}
	if old, ok, err := t.Card(c.ID); err != nil {
		return err
	} else if ok {
		if err := t.unindex(&old); err != nil {
			return err
		}
	}
	if err := t.put(bucketCards, []byte(c.ID), encodeCard(c)); err != nil {
		return err
	}
	return t.index(c)
}

// DeleteCard removes a card, its index entries and its review log.
func (t *Tx) DeleteCard(id cards.ID) error {
	old, ok, err := t.Card(id)
	if err != nil || !ok {
		return err
	}
	if err := t.unindex(&old); err != nil {
		return err
	}
	revs, err := t.ReviewsOf(id)
	if err != nil {
		return err
	}
	for _, r := range revs {
		if err := t.DeleteReview(r); err != nil {
			return err
		}
	}
	return t.del(bucketCards, []byte(id))
}

// inQueue reports whether c belongs in one of the study indexes.
func inQueue(c *cards.Card) bool { return !c.Suspended && !c.Orphaned }

// ForEachCard calls fn for every card in ID order; fn's error stops it.
func (t *Tx) ForEachCard(fn func(c *cards.Card) error) error {
	if err := t.flush(bucketCards); err != nil {
		return err
	}
	return t.b(bucketCards).ForEach(func(k, v []byte) error {
		var c cards.Card
		if err := decodeCard(v, &c); err != nil {
			return t.SkipCorrupt(t.corrupt(fmt.Sprintf("card record %q", k), err))
		}
		return fn(&c)
	})
}

// ForEachCardIf is ForEachCard for the cards whose ID passes want, which
// sees the raw key (valid during the call only) before anything is decoded.
func (t *Tx) ForEachCardIf(want func(id []byte) bool, fn func(c *cards.Card) error) error {
	if err := t.flush(bucketCards); err != nil {
		return err
	}
	return t.b(bucketCards).ForEach(func(k, v []byte) error {
		if !want(k) {
			return nil
		}
		var c cards.Card
		if err := decodeCard(v, &c); err != nil {
			return fmt.Errorf("decode card %s: %w", k, err)
		}
		return fn(&c)
	})
}

// CardCount is the number of cards in the collection.
func (t *Tx) CardCount() int {
	if err := t.flush(bucketCards); err != nil {
		return -1
	}
	return count(t.b(bucketCards))
}

// HasCards reports whether the collection holds any card. Unlike
// CardCount it reads one page, not the whole card bucket (a 100 MB read
// on 100,000 cards).
func (t *Tx) HasCards() bool {
	if err := t.flush(bucketCards); err != nil {
		return true
	}
	k, _ := t.b(bucketCards).Cursor().First()
	return k != nil
}

// count counts a bucket's keys (Stats is not exact inside a write
// transaction).
func count(b *bolt.Bucket) int {
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	return n
}

// NextPositions reserves n new-card positions and returns the first.
func (t *Tx) NextPositions(n int) (uint64, error) {
	m := t.b(bucketMeta)
	var next uint64 = 1
	if v := m.Get(keyPosition); v != nil {
		next = binary.BigEndian.Uint64(v)
	}
	return next, m.Put(keyPosition, u64(next+uint64(n)))
}

// AddReview appends r to the review log.
func (t *Tx) AddReview(r cards.Review) error {
	if err := t.put(bucketReviews, joinKey(timeKey(r.Time), r.CardID), encodeReview(&r)); err != nil {
		return err
	}
	return t.put(bucketReviewCard, append([]byte(r.CardID), timeKey(r.Time)...), nil)
}

// HasReview reports whether the log holds an answer to r's card at r's time.
func (t *Tx) HasReview(r cards.Review) bool {
	return t.get(bucketReviews, joinKey(timeKey(r.Time), r.CardID)) != nil
}

// DeleteReview removes r (matched by card and time) from the log.
func (t *Tx) DeleteReview(r cards.Review) error {
	if err := t.del(bucketReviews, joinKey(timeKey(r.Time), r.CardID)); err != nil {
		return err
	}
	return t.del(bucketReviewCard, append([]byte(r.CardID), timeKey(r.Time)...))
}

// ReviewsOf returns a card's reviews, oldest first.
func (t *Tx) ReviewsOf(id cards.ID) ([]cards.Review, error) {
	if err := t.flush(bucketReviewCard); err != nil {
		return nil, err
	}
	var out []cards.Review
	c := t.b(bucketReviewCard).Cursor()
	prefix := []byte(id)
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Next() {
		v := t.get(bucketReviews, joinKey(k[len(prefix):], id))
		if v == nil {
			t.st.skip(fmt.Sprintf("a review of card %q the log index lists but the log lacks", id))
			continue
		}
		var r cards.Review
		if err := decodeReview(v, &r); err != nil {
			t.st.skip(t.corrupt(fmt.Sprintf("review record of card %q at %x", id, k[len(prefix):]), err).(*CorruptError).Detail)
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

// ReviewsSince calls fn for every review at or after since, oldest first.
func (t *Tx) ReviewsSince(since time.Time, fn func(r cards.Review) error) error {
	if err := t.flush(bucketReviews); err != nil {
		return err
	}
	c := t.b(bucketReviews).Cursor()
	for k, v := c.Seek(timeKey(since)); k != nil; k, v = c.Next() {
		var r cards.Review
		if err := decodeReview(v, &r); err != nil {
			t.st.skip(fmt.Sprintf("review record %x does not decode (%v)", k, err))
			continue
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// ReviewCount is the number of entries in the review log.
func (t *Tx) ReviewCount() int {
	if err := t.flush(bucketReviews); err != nil {
		return -1
	}
	return count(t.b(bucketReviews))
}

// Source is what the collection remembers of one note file.
type Source struct {
	Path    string     `json:"path"`
	Size    int64      `json:"size"`
	ModTime time.Time  `json:"mtime"`
	Hash    string     `json:"hash"` // hex SHA-256 of the content
	Cards   []cards.ID `json:"cards"`
	// Root is the added folder it was found under (for a file added by
	// itself, that file's folder): its cards' paths are stored relative to it.
	Root string `json:"root"`
	// Generated counts the generated cards among Cards: only a note that
	// had some needs them looked for again when it gains explicit cards.
	Generated int `json:"generated,omitempty"`
}

// Source returns the stored record of a file.
func (t *Tx) Source(path string) (Source, bool, error) {
	return getJSON[Source](t, bucketSources, []byte(path))
}

// PutSource stores a file's record.
func (t *Tx) PutSource(s Source) error { return putJSON(t.packed(bucketSources), []byte(s.Path), s) }

// DeleteSource forgets a file.
func (t *Tx) DeleteSource(path string) error { return t.b(bucketSources).Delete([]byte(path)) }

// Sources returns every stored file record, by path.
func (t *Tx) Sources() ([]Source, error) {
	b := t.b(bucketSources)
	// Counting the keys first walks pages without decoding anything, and
	// spares growing a slice of 10,000 records by copying.
	out := make([]Source, 0, count(b))
	err := b.ForEach(func(k, raw []byte) error {
		var s Source
		if err := decodeSource(raw, &s); err != nil {
			return t.SkipCorrupt(t.corrupt(fmt.Sprintf("sources record %q", k), err))
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// AddedPath is a file or folder given to `mnemo add`, re-read by sync.
type AddedPath struct {
	Path     string                `json:"path"`
	Deck     string                `json:"deck,omitempty"`
	Generate markdown.GenerateMode `json:"generate"`
	Added    time.Time             `json:"added"`
}

// PutPath remembers an added path.
func (t *Tx) PutPath(p AddedPath) error { return putJSON(t.b(bucketPaths), []byte(p.Path), p) }

// Paths returns the added paths.
func (t *Tx) Paths() ([]AddedPath, error) { return allJSON[AddedPath](t, bucketPaths) }

// DeletePath forgets an added path (its files' records stay until the
// caller deletes them).
func (t *Tx) DeletePath(path string) error { return t.b(bucketPaths).Delete([]byte(path)) }

// RootOf returns the folder a note at path is read relative to: the
// outermost added folder that holds it, as sync reads nested added folders
// (or, for a file added by itself, its folder); "" when none does.
func RootOf(path string, added []AddedPath) string {
	root := ""
	for _, a := range added {
		r := ""
		switch {
		case path == a.Path:
			r = filepath.Dir(path)
		case cards.RelTo(path, a.Path) != "":
			r = a.Path
		default:
			continue
		}
		if root == "" || len(r) < len(root) {
			root = r
		}
	}
	return root
}

// DeckOptions returns the options set on each deck.
func (t *Tx) DeckOptions() (map[string]decks.Options, error) {
	out := map[string]decks.Options{}
	err := t.b(bucketDecks).ForEach(func(k, v []byte) error {
		var o decks.Options
		if err := json.Unmarshal(v, &o); err != nil {
			t.st.skip(fmt.Sprintf("the options of deck %q, which do not decode (%v)", k, err))
			return nil
		}
		name := string(k)
		if name == collectionKey {
			name = decks.Collection
		}
		out[name] = o
		return nil
	})
	return out, err
}

// collectionKey stores the options of the whole collection (deck name
// decks.Collection, the empty string, which BoltDB cannot take as a key).
// No deck is named NUL: notes holding one are refused.
const collectionKey = "\x00"

// PutDeckOptions stores the options set on a deck, or on the whole
// collection for decks.Collection.
func (t *Tx) PutDeckOptions(deck string, o decks.Options) error {
	if deck == decks.Collection {
		deck = collectionKey
	}
	return putJSON(t.b(bucketDecks), []byte(deck), o)
}

// Settings are collection-wide preferences (decks.Settings, which
// exporters and importers use without linking the store).
type Settings = decks.Settings

// DefaultSettings are the settings of a new collection: Anki's day
// rollover at 4 a.m., the machine's time zone.
func DefaultSettings() Settings { return Settings{RolloverHour: 4} }

// Settings returns the collection settings.
func (t *Tx) Settings() (Settings, error) {
	s, ok, err := getJSON[Settings](t, bucketMeta, keySettings)
	if !ok && err == nil {
		s = DefaultSettings()
	}
	return s, err
}

// PutSettings stores the collection settings.
func (t *Tx) PutSettings(s Settings) error { return putJSON(t.b(bucketMeta), keySettings, s) }

// Drop records a card the user rejected, so no later sync brings it back.
type Drop struct {
	ID       cards.ID  `json:"id"`
	Question string    `json:"question"`
	Source   string    `json:"source"`
	Time     time.Time `json:"time"`
}

// PutDrop remembers a dropped card.
func (t *Tx) PutDrop(d Drop) error { return putJSON(t.b(bucketDropped), []byte(d.ID), d) }

// IsDropped reports whether the card was dropped.
func (t *Tx) IsDropped(id cards.ID) bool { return t.b(bucketDropped).Get([]byte(id)) != nil }

// CacheGet returns a cached generator reply.
func (t *Tx) CacheGet(key string) ([]byte, bool) {
	v := t.b(bucketLLMCache).Get([]byte(key))
	if v == nil {
		return nil, false
	}
	return bytes.Clone(v), true
}

// ForEachCache calls fn with every cached generator reply (copies).
func (t *Tx) ForEachCache(fn func(key string, v []byte)) error {
	return t.b(bucketLLMCache).ForEach(func(k, v []byte) error {
		fn(string(k), bytes.Clone(v))
		return nil
	})
}

// CachePut stores a generator reply.
func (t *Tx) CachePut(key string, v []byte) error {
	return t.b(bucketLLMCache).Put([]byte(key), v)
}

func getJSON[T any](t *Tx, bucket, key []byte) (T, bool, error) {
	var v T
	raw := t.b(bucket).Get(key)
	if raw == nil {
		return v, false, nil
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, false, t.corrupt(fmt.Sprintf("%s record %q", bucket, key), err)
	}
	return v, true, nil
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	return b.Put(key, raw)
}

// allJSON decodes every record of a bucket, skipping (with a warning)
// those that do not decode.
func allJSON[T any](t *Tx, bucket []byte) ([]T, error) {
	var out []T
	err := t.b(bucket).ForEach(func(k, raw []byte) error {
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return t.SkipCorrupt(t.corrupt(fmt.Sprintf("%s record %q", bucket, k), err))
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// checkIndexes verifies that the due and new indexes hold exactly the
// cards that belong in them, with entries that match the records.
func (t *Tx) checkIndexes() error {
	want := map[string][]byte{}
	err := t.ForEachCard(func(c *cards.Card) error {
		if !inQueue(c) {
			return nil
		}
		name, key := indexKey(c)
		want[string(name[:1])+string(key)] = encodeIndexValue(c)
		return nil
	})
	if err != nil {
		return err
	}
	var errs []error
	for _, name := range [][]byte{bucketNew, bucketDue} {
		_ = t.b(name).ForEach(func(k, v []byte) error {
			w, ok := want[string(name[:1])+string(k)]
			switch {
			case !ok:
				errs = append(errs, fmt.Errorf("%s index has a stray entry for card %s", name, k[8:]))
			case !bytes.Equal(w, v):
				errs = append(errs, fmt.Errorf("%s index entry of card %s does not match the card", name, k[8:]))
			}
			delete(want, string(name[:1])+string(k))
			return nil
		})
	}
	for k := range want {
		errs = append(errs, fmt.Errorf("card %s is missing from the %s index", k[9:], map[byte]string{'n': "new", 'd': "due"}[k[0]]))
	}
	return errors.Join(errs...)
}
