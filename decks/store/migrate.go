package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/mnemo-app/mnemo/cards"
	bolt "go.etcd.io/bbolt"
)

// migration brings the collection from version-1 to version.
type migration struct {
	version uint32
	name    string
	apply   func(tx *bolt.Tx) error
}

// migrations is the ordered list of schema changes; append, never edit.
var migrations = []migration{
	{1, "create the buckets", func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketCards, bucketDecks, bucketSources,
			bucketPaths, bucketReviews, bucketReviewCard, bucketDue, bucketNew, bucketDropped,
			bucketLLMCache} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		return nil
	}},
	{2, "index entries carry what the queue builder needs", reindexStudy},
	{3, "create the suggestions bucket", func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketSuggestions); err != nil {
			return fmt.Errorf("create bucket %s: %w", bucketSuggestions, err)
		}
		return nil
	}},
	{4, "store card paths relative to their added folder", rootRelativePaths},
}

// reindexStudy rebuilds the due and new indexes from the card records.
func reindexStudy(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketDue, bucketNew} {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return fmt.Errorf("drop the %s index: %w", name, err)
			}
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return fmt.Errorf("create the %s index: %w", name, err)
		}
	}
	return tx.Bucket(bucketCards).ForEach(func(k, v []byte) error {
		var c cards.Card
		if err := decodeCard(v, &c); err != nil {
			// A damaged record stays out of the indexes, as the readers
			// skip it; mnemo check reports it. Failing here would lock the
			// whole collection out of the upgrade.
			return nil
		}
		if !inQueue(&c) {
			return nil
		}
		name, key := indexKey(&c)
		return tx.Bucket(name).Put(key, encodeIndexValue(&c))
	})
}

// rootRelativePaths gives every card and file record the added folder it
// was read under (docs/notes-to-cards.md §4: identity across machines),
// and rewrites cards in the version-3 codec, which stores the path
// relative to that folder. A file's root is the one its record names (the
// folder of a file added by itself); a card no file claims (orphaned)
// takes the added folder that holds its path, or keeps an absolute path
// when none does (cards imported from Anki have no file). It also counts
// each file's generated cards (Source.Generated).
func rootRelativePaths(tx *bolt.Tx) error {
	added := decodableJSON[AddedPath](tx.Bucket(bucketPaths))
	sources := decodableJSON[Source](tx.Bucket(bucketSources))
	rootOf := map[cards.ID]string{}
	for i := range sources {
		s := &sources[i]
		if s.Root == "" || s.Root == s.Path {
			if r := RootOf(s.Path, added); r != "" {
				s.Root = r
			} else {
				s.Root = filepath.Dir(s.Path)
			}
		}
		for _, id := range s.Cards {
			rootOf[id] = s.Root
		}
	}
	type rewrite struct{ key, val []byte }
	var cardsOut []rewrite
	generated := map[cards.ID]bool{}
	b := tx.Bucket(bucketCards)
	err := b.ForEach(func(k, v []byte) error {
		var c cards.Card
		if err := decodeCard(v, &c); err != nil {
			return nil // a damaged record stays as it is, as in reindexStudy
		}
		if c.Origin != "" {
			generated[c.ID] = true
		}
		if c.Source.Root == "" && c.Source.Path != "" {
			root, ok := rootOf[c.ID]
			if !ok {
				root = RootOf(c.Source.Path, added)
			}
			c.Source.Root = root
		}
		cardsOut = append(cardsOut, rewrite{bytes.Clone(k), encodeCard(&c)})
		return nil
	})
	if err != nil {
		return err
	}
	for _, r := range cardsOut { // after ForEach: a bucket must not change under its iterator
		if err := b.Put(r.key, r.val); err != nil {
			return err
		}
	}
	for i := range sources {
		s := &sources[i]
		s.Generated = 0
		for _, id := range s.Cards {
			if generated[id] {
				s.Generated++
			}
		}
		if err := putJSON(tx.Bucket(bucketSources), []byte(s.Path), s); err != nil {
			return err
		}
	}
	return nil
}

// decodableJSON returns the records of a JSON bucket that decode; a
// migration leaves damaged ones as they are (mnemo check reports them).
func decodableJSON[T any](b *bolt.Bucket) []T {
	var out []T
	_ = b.ForEach(func(_, raw []byte) error {
		var v T
		if json.Unmarshal(raw, &v) == nil {
			out = append(out, v)
		}
		return nil
	})
	return out
}

// SchemaVersion is the schema this mnemo writes.
func SchemaVersion() uint32 { return migrations[len(migrations)-1].version }

func schemaOf(tx *bolt.Tx) uint32 {
	m := tx.Bucket(bucketMeta)
	if m == nil {
		return 0
	}
	v := m.Get(keySchema)
	if len(v) != 4 {
		return 0
	}
	return binary.BigEndian.Uint32(v)
}

func (s *Store) checkSchema() error {
	return s.guard("read the schema", func() error { return s.checkSchemaTx() })
}

func (s *Store) checkSchemaTx() error {
	return s.db.View(func(tx *bolt.Tx) error {
		v := schemaOf(tx)
		if v > SchemaVersion() {
			return fmt.Errorf("%w (schema %d, this mnemo knows %d): upgrade mnemo", ErrTooNew, v, SchemaVersion())
		}
		if v == 0 && hasBuckets(tx) {
			return fmt.Errorf("%s is a BoltDB file without mnemo's schema: %w", s.path, ErrNotCollection)
		}
		if v < SchemaVersion() {
			return fmt.Errorf("the collection needs an upgrade: run any mnemo command that writes, such as mnemo sync")
		}
		return nil
	})
}

// migrate applies the migrations the collection lacks, all in one
// transaction.
func (s *Store) migrate() error {
	return s.guard("upgrade the schema", func() error {
		return updateIfChanged(s.db, func(tx *bolt.Tx) error {
			return migrateTx(tx, SchemaVersion())
		})
	})
}

func migrateTx(tx *bolt.Tx, target uint32) error {
	v := schemaOf(tx)
	if v > SchemaVersion() {
		return fmt.Errorf("%w (schema %d, this mnemo knows %d): upgrade mnemo", ErrTooNew, v, SchemaVersion())
	}
	if v == 0 && hasBuckets(tx) {
		// Some other program's BoltDB file (or one whose meta bucket is
		// gone): adding mnemo's buckets to it would damage it.
		return fmt.Errorf("%s is a BoltDB file without mnemo's schema: %w", tx.DB().Path(), ErrNotCollection)
	}
	for _, m := range migrations {
		if m.version <= v || m.version > target {
			continue
		}
		if err := m.apply(tx); err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
		}
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], m.version)
		if err := tx.Bucket(bucketMeta).Put(keySchema, b[:]); err != nil {
			return err
		}
	}
	return nil
}

func hasBuckets(tx *bolt.Tx) bool {
	k, _ := tx.Cursor().First()
	return k != nil
}
