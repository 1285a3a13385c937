package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	bolt "go.etcd.io/bbolt"
)

var checkT0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// buildCollection writes n cards (every third reviewed once), some
// sources and settings, and closes the file.
func buildCollection(t testing.TB, path string, n int) {
	t.Helper()
	st, err := Open(path, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx *Tx) error {
		if err := tx.PutSettings(Settings{RolloverHour: 4, Created: checkT0}); err != nil {
			return err
		}
		for i := range n {
			c := cards.Card{ID: cards.ID(fmt.Sprintf("c%05d", i)), Kind: cards.KindBasic, Deck: "deck::sub",
				Question: fmt.Sprintf("What is question number %d, asked at some length?", i),
				Answer:   fmt.Sprintf("Answer %d", i), Position: uint64(i + 1), Added: checkT0, Modified: checkT0,
				Source: cards.Source{Path: "/notes/n.md", Line: i + 1, EndLine: i + 1}}
			if i%3 == 0 {
				c.Schedule = cards.Schedule{State: cards.StateReview, Due: checkT0.Add(time.Duration(i) * time.Hour),
					Stability: 3, Difficulty: 5, Reps: 1, LastReview: checkT0}
				r := cards.Review{CardID: c.ID, Time: checkT0.Add(-time.Duration(i) * time.Minute), Rating: cards.Good,
					StateBefore: cards.StateNew, StateAfter: cards.StateReview}
				if err := tx.AddReview(r); err != nil {
					return err
				}
			}
			if err := tx.PutCard(&c); err != nil {
				return err
			}
		}
		if _, err := tx.NextPositions(n); err != nil {
			return err
		}
		if err := tx.PutPath(AddedPath{Path: "/notes", Added: checkT0}); err != nil {
			return err
		}
		return tx.PutSource(Source{Path: "/notes/n.md", Size: 10, Hash: "ab", Root: "/notes"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

// pageOf finds, by scanning the raw file, a page of the given type whose
// leaf elements (or none, for branch pages) hold key; it returns the page
// number and the byte offset of key's value in the file.
func pageOf(t *testing.T, path string, flags uint16, key string) (id uint64, valueAt int64) {
	t.Helper()
	bf, err := openBoltFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer bf.Close()
	for id := uint64(2); id < bf.meta.hwm; id++ {
		p, err := bf.page(id)
		if err != nil || binary.LittleEndian.Uint16(p[8:]) != flags {
			continue
		}
		if flags == flagBranch {
			if bytes.Contains(p, []byte(key)) {
				return id, 0
			}
			continue
		}
		elems, err := leafElems(id, p)
		if err != nil {
			continue
		}
		for _, e := range elems {
			if string(e.key) == key {
				at := bytes.Index(p, e.key) + len(e.key)
				return id, int64(id)*int64(bf.pageSize) + int64(at)
			}
		}
	}
	t.Fatalf("no page of type %#x holds %q", flags, key)
	return 0, 0
}

// usedBytes is the size of the pages in use (bbolt grows files in chunks
// beyond it).
func usedBytes(t *testing.T, path string) int {
	bf, err := openBoltFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer bf.Close()
	return int(bf.meta.hwm) * bf.pageSize
}

// cardsBranch finds a branch page of the cards bucket: one whose first
// child is a leaf of card records.
func cardsBranch(t *testing.T, path string) uint64 {
	t.Helper()
	bf, err := openBoltFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer bf.Close()
	for id := uint64(2); id < bf.meta.hwm; id++ {
		p, err := bf.page(id)
		if err != nil || binary.LittleEndian.Uint16(p[8:]) != flagBranch {
			continue
		}
		kids, err := branchChildren(id, p)
		if err != nil || len(kids) == 0 {
			continue
		}
		leaf, err := bf.page(kids[0])
		if err != nil || binary.LittleEndian.Uint16(leaf[8:]) != flagLeaf {
			continue
		}
		elems, err := leafElems(kids[0], leaf)
		var c cards.Card
		if err == nil && len(elems) > 0 && decodeCard(elems[0].value, &c) == nil {
			return id
		}
	}
	t.Fatal("no branch page of cards")
	return 0
}

func writeAt(t *testing.T, path string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyHealthyCollection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	buildCollection(t, path, 300)
	rep, err := Verify(path)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Cards != 300 || rep.Reviews != 100 {
		t.Fatalf("healthy collection: %d cards, %d reviews, problems %q", rep.Cards, rep.Reviews, rep.Problems)
	}
}

// TestSalvageZeroedPageAndCorruptRecord is issue 15's case: a collection
// whose cards bucket lost a branch page (zeroed) and one card record that
// does not decode. Open and list do not crash, check names the damage,
// and repair keeps every other card and review, naming the lost one.
func TestSalvageZeroedPageAndCorruptRecord(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	const n = 3000
	buildCollection(t, path, n)
	branch := cardsBranch(t, path)
	_, valueAt := pageOf(t, path, flagLeaf, "c00042")
	bf, err := openBoltFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := bf.pageSize
	bf.Close()
	writeAt(t, path, valueAt, []byte{0x7f}) // an unknown card encoding
	writeAt(t, path, int64(branch)*int64(pageSize), make([]byte, pageSize))
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	// Reading the damaged file: an error that says so, never a panic.
	st, err := Open(path, OpenOptions{ReadOnly: true})
	if err == nil {
		err = st.View(func(tx *Tx) error { return tx.ForEachCard(func(*cards.Card) error { return nil }) })
		st.Close()
	}
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), fmt.Sprintf("page %d", branch)) {
		t.Fatalf("reading the damaged collection: %v, want ErrCorrupt naming page %d", err, branch)
	}

	rep, err := Verify(path)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || !strings.Contains(strings.Join(rep.Problems, "\n"), fmt.Sprintf("page %d", branch)) {
		t.Fatalf("check does not name the zeroed page %d: %q", branch, rep.Problems)
	}

	out := filepath.Join(dir, "salvaged.db")
	srep, err := Salvage(path, out)
	if err != nil {
		t.Fatal(err)
	}
	if srep.Cards != n-1 || srep.Reviews != n/3-1 || srep.Sources != 1 || srep.Paths != 1 {
		t.Errorf("kept %d cards, %d reviews, %d sources, %d paths; want %d, %d, 1, 1",
			srep.Cards, srep.Reviews, srep.Sources, srep.Paths, n-1, n/3-1)
	}
	lost := strings.Join(srep.Lost, "\n")
	if !strings.Contains(lost, `"c00042"`) {
		t.Errorf("the lost card is not named: %q", srep.Lost)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("salvage changed the damaged file")
	}
	vrep, err := Verify(out)
	if err != nil || !vrep.OK() {
		t.Fatalf("the salvaged collection does not check: %v %q", err, vrep.Problems)
	}
	st, err = Open(out, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		t.Fatalf("bbolt and index check of the salvaged file: %v", err)
	}
	err = st.Update(func(tx *Tx) error {
		c, ok, err := tx.Card("c01500")
		if err != nil || !ok || c.Answer != "Answer 1500" {
			return fmt.Errorf("card c01500: %v %v %q", ok, err, c.Answer)
		}
		if revs, err := tx.ReviewsOf("c01500"); err != nil || len(revs) != 1 {
			return fmt.Errorf("reviews of c01500: %d, %v", len(revs), err)
		}
		if p, err := tx.NextPositions(1); err != nil || p != n+1 {
			return fmt.Errorf("next position %d, want %d (%v)", p, n+1, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOneBadRecordIsSkipped: a card that does not decode is left out of
// listings with one warning naming it; the other cards still list.
func TestOneBadRecordIsSkipped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	buildCollection(t, path, 50)
	_, valueAt := pageOf(t, path, flagLeaf, "c00007")
	writeAt(t, path, valueAt, []byte{0x7f})
	var warnings []string
	st, err := Open(path, OpenOptions{ReadOnly: true, Warn: func(m string) { warnings = append(warnings, m) }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	for range 2 {
		err = st.View(func(tx *Tx) error {
			n = 0
			return tx.ForEachCard(func(*cards.Card) error { n++; return nil })
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n != 49 || len(warnings) != 1 || !strings.Contains(warnings[0], `card record "c00007"`) {
		t.Fatalf("listed %d cards, warnings %q", n, warnings)
	}
	err = st.View(func(tx *Tx) error { _, _, err := tx.Card("c00007"); return err })
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "c00007") {
		t.Fatalf("reading the bad card: %v", err)
	}
}

// TestOpenRefusesWhatIsNotACollection: empty, foreign and truncated files
// are refused with a clear error and left exactly as they were.
func TestOpenRefusesWhatIsNotACollection(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	buildCollection(t, good, 200)
	goodBytes, _ := os.ReadFile(good)
	other := filepath.Join(dir, "other.db")
	db, err := bolt.Open(other, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("foo")); return err }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	otherBytes, _ := os.ReadFile(other)
	for _, tt := range []struct {
		name    string
		content []byte
		want    error
		text    string
	}{
		{"empty file", nil, ErrNotCollection, "empty (0 bytes)"},
		{"text file", []byte("# my notes\nQ :: A\n"), ErrNotCollection, "not a BoltDB file"},
		{"another program's BoltDB", otherBytes, ErrNotCollection, "without mnemo's schema"},
		{"truncated", goodBytes[:usedBytes(t, good)/2], ErrCorrupt, "truncated"},
		{"both meta pages zeroed", append(make([]byte, 8192), goodBytes[8192:]...), ErrCorrupt, "both meta pages are bad"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.db")
			if err := os.WriteFile(path, tt.content, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, ro := range []bool{false, true} {
				st, err := Open(path, OpenOptions{ReadOnly: ro})
				if err == nil {
					st.Close()
				}
				if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
					t.Errorf("Open(readOnly %v) = %v, want %v saying %q", ro, err, tt.want, tt.text)
				}
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, tt.content) {
				t.Error("the file was changed")
			}
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	path := filepath.Join(b.TempDir(), "c.db")
	buildCollection(b, path, 10000)
	for b.Loop() {
		if rep, err := Verify(path); err != nil || !rep.OK() {
			b.Fatal(err, rep.Problems)
		}
	}
}

func BenchmarkOpenValidation(b *testing.B) {
	path := filepath.Join(b.TempDir(), "c.db")
	buildCollection(b, path, 1000)
	for b.Loop() {
		bf, err := openBoltFile(path)
		if err != nil {
			b.Fatal(err)
		}
		bf.Close()
	}
}

// TestSalvageWithoutTheRootPage: with the page that lists the buckets
// zeroed, nothing is reachable from the tree; every card and review is
// still found by its content in the pages cut off. (Buckets small enough
// to live inline in the root page, here the sources and added paths, go
// with it: mnemo check --repair then asks for the folders to be added
// again.)
func TestSalvageWithoutTheRootPage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	const n = 600
	buildCollection(t, path, n)
	bf, err := openBoltFile(path)
	if err != nil {
		t.Fatal(err)
	}
	root, pageSize := bf.meta.root, bf.pageSize
	bf.Close()
	writeAt(t, path, int64(root)*int64(pageSize), make([]byte, pageSize))
	if st, err := Open(path, OpenOptions{ReadOnly: true}); err == nil {
		st.Close()
		t.Fatal("a collection without its root page opened")
	} else if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open: %v, want ErrCorrupt", err)
	}
	rep, err := Salvage(path, filepath.Join(dir, "out.db"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Cards != n || rep.Reviews != n/3 || rep.Loose != n+n/3 {
		t.Fatalf("kept %+v", rep)
	}
	if vrep, err := Verify(filepath.Join(dir, "out.db")); err != nil || !vrep.OK() {
		t.Fatalf("salvaged file: %v %q", err, vrep.Problems)
	}
}
