package store

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
	bolt "go.etcd.io/bbolt"
)

// schema1 writes a collection as mnemo did at schema version 1: card
// records in codec version 1 with absolute source paths, file records
// whose root is the added path (the file itself when it was added alone).
func schema1(t *testing.T, path string, added []AddedPath, sources []Source, cs []cards.Card) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		if err := migrateTx(tx, 1); err != nil {
			return err
		}
		for _, a := range added {
			if err := putJSON(tx.Bucket(bucketPaths), []byte(a.Path), a); err != nil {
				return err
			}
		}
		for _, s := range sources {
			if err := putJSON(tx.Bucket(bucketSources), []byte(s.Path), s); err != nil {
				return err
			}
		}
		for i := range cs {
			c := &cs[i]
			if err := tx.Bucket(bucketCards).Put([]byte(c.ID), encodeCardV1(c)); err != nil {
				return err
			}
			if inQueue(c) { // all new: the fixture's cards were never reviewed
				if err := tx.Bucket(bucketNew).Put(joinKey(u64(c.Position), c.ID), []byte(c.Deck)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigrationToRootRelativePaths(t *testing.T) {
	path := filepath.Join(t.TempDir(), "collection.db")
	src := func(p string) cards.Source { return cards.Source{Path: p, Line: 1, EndLine: 1} }
	added := []AddedPath{{Path: "/home/me/notes"}, {Path: "/home/me/inbox/todo.md"}}
	sources := []Source{
		{Path: "/home/me/notes/bio/cells.md", Root: "/home/me/notes", Cards: []cards.ID{"cell1", "gen01"}},
		{Path: "/home/me/inbox/todo.md", Root: "/home/me/inbox/todo.md", Cards: []cards.ID{"todo1"}},
	}
	cs := []cards.Card{
		{ID: "cell1", Question: "What is a cell?", Source: src("/home/me/notes/bio/cells.md")},
		{ID: "gen01", Question: "What is ATP?", Origin: "definition", Source: src("/home/me/notes/bio/cells.md")},
		{ID: "todo1", Question: "Todo?", Source: src("/home/me/inbox/todo.md")},
		// An orphan: no file record lists it; its added folder still holds its path.
		{ID: "orph1", Question: "Gone?", Orphaned: true, Source: src("/home/me/notes/old/gone.md")},
		// Imported from Anki: no note file at all.
		{ID: "anki1", Question: "From Anki"},
		// A path outside every added folder keeps its absolute path.
		{ID: "away1", Question: "Elsewhere?", Orphaned: true, Source: src("/mnt/usb/x.md")},
	}
	schema1(t, path, added, sources, cs)

	st, err := Open(path, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	wantRoot := map[cards.ID]string{
		"cell1": "/home/me/notes", "gen01": "/home/me/notes", "todo1": "/home/me/inbox",
		"orph1": "/home/me/notes", "anki1": "", "away1": "",
	}
	err = st.View(func(tx *Tx) error {
		if v := schemaOf(tx.tx); v != SchemaVersion() {
			t.Errorf("schema = %d, want %d", v, SchemaVersion())
		}
		for _, want := range cs {
			raw := tx.tx.Bucket(bucketCards).Get([]byte(want.ID))
			if raw[0] != cardCodecVersion {
				t.Errorf("%s: still in codec version %d", want.ID, raw[0])
			}
			got, _, err := tx.Card(want.ID)
			if err != nil {
				return err
			}
			want.Source.Root = wantRoot[want.ID]
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s after migration:\n got %+v\nwant %+v", want.ID, got, want)
			}
			if want.Source.Root != "" && strings.Contains(string(raw), want.Source.Root+"/") {
				t.Errorf("%s: record still holds the absolute path: %q", want.ID, raw)
			}
		}
		for path, want := range map[string]Source{
			"/home/me/notes/bio/cells.md": {Root: "/home/me/notes", Generated: 1},
			"/home/me/inbox/todo.md":      {Root: "/home/me/inbox", Generated: 0},
		} {
			s, ok, err := tx.Source(path)
			if err != nil || !ok {
				t.Fatalf("source %s: ok=%v err=%v", path, ok, err)
			}
			if s.Root != want.Root || s.Generated != want.Generated {
				t.Errorf("source %s: root %q generated %d, want %q %d", path, s.Root, s.Generated, want.Root, want.Generated)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Check(); err != nil {
		t.Error(err)
	}
}

func TestRootOf(t *testing.T) {
	added := []AddedPath{{Path: "/n"}, {Path: "/n/bio"}, {Path: "/in/todo.md"}, {Path: "/x"}}
	for path, want := range map[string]string{
		"/n/a.md":       "/n",
		"/n/bio/c.md":   "/n", // nested added folders are read from the outermost
		"/in/todo.md":   "/in",
		"/in/other.md":  "",
		"/xy/a.md":      "", // a name that only starts like an added folder
		"/x/deep/er.md": "/x",
	} {
		if got := RootOf(path, added); got != want {
			t.Errorf("RootOf(%s) = %q, want %q", path, got, want)
		}
	}
}

// TestMigrationToRootRelativePathsLeavesDamagedRecords: a record that does
// not decode does not stop the upgrade (it stays as it is, for mnemo check
// to report); the others are migrated.
func TestMigrationToRootRelativePathsLeavesDamagedRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "collection.db")
	good := cards.Card{ID: "good1", Question: "q", Source: cards.Source{Path: "/n/a.md"}}
	schema1(t, path, []AddedPath{{Path: "/n"}}, []Source{{Path: "/n/a.md", Root: "/n", Cards: []cards.ID{"good1"}}},
		[]cards.Card{good})
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketCards).Put([]byte("bad01"), []byte{1, 200}); err != nil {
			return err
		}
		return tx.Bucket(bucketSources).Put([]byte("/n/broken.md"), []byte("{not json"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	st, err := Open(path, OpenOptions{})
	if err != nil {
		t.Fatalf("open with damaged records: %v", err)
	}
	defer st.Close()
	_ = st.View(func(tx *Tx) error {
		if raw := tx.tx.Bucket(bucketCards).Get([]byte("bad01")); string(raw) != string([]byte{1, 200}) {
			t.Errorf("damaged record rewritten: %v", raw)
		}
		c, ok, err := tx.Card("good1")
		if err != nil || !ok || c.Source.Root != "/n" {
			t.Errorf("good card: %+v %v %v", c, ok, err)
		}
		return nil
	})
}
