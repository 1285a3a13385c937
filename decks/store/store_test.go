package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/decks"

	"github.com/mnemo-app/mnemo/cards"
	bolt "go.etcd.io/bbolt"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

func card(id string, state cards.State, due time.Time) cards.Card {
	return cards.Card{ID: cards.ID(id), Kind: cards.KindBasic, Deck: "d", Question: "q " + id, Answer: "a",
		Schedule: cards.Schedule{State: state, Due: due}}
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "collection.db")
	st, err := Open(path, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
}

func TestSecondOpenIsLockedQuickly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "collection.db")
	st, err := Open(path, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	_, err = Open(path, OpenOptions{LockTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: err = %v, want ErrLocked", err)
	}
	if ErrLocked.Error() != "the collection is in use by another mnemo process" {
		t.Errorf("message = %q", ErrLocked)
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("took %v, want < 2s", time.Since(start))
	}
	if _, err := Open(path, OpenOptions{ReadOnly: true, LockTimeout: 100 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("read-only open beside a writer: err = %v, want ErrLocked", err)
	}
}

func TestMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "collection.db")
	// An empty bbolt file (schema 0) is brought up to date.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := Open(path, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	err = st.View(func(tx *Tx) error {
		if v := schemaOf(tx.tx); v != SchemaVersion() {
			t.Errorf("schema = %d, want %d", v, SchemaVersion())
		}
		for _, name := range [][]byte{bucketCards, bucketDue, bucketNew, bucketReviews, bucketSources, bucketLLMCache, bucketSuggestions} {
			if tx.tx.Bucket(name) == nil {
				t.Errorf("bucket %s missing", name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A newer schema is refused, not silently used.
	err = st.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, []byte{0, 0, 0, 99})
	})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := Open(path, OpenOptions{}); !errors.Is(err, ErrTooNew) {
		t.Errorf("open of schema 99: err = %v, want ErrTooNew", err)
	}
}

func TestIndexesFollowCards(t *testing.T) {
	st := openTest(t)
	err := st.Update(func(tx *Tx) error {
		n := card("newcard001", cards.StateNew, time.Time{})
		n.Position = 7
		r := card("review0001", cards.StateReview, t0.Add(time.Hour))
		later := card("review0002", cards.StateReview, t0.Add(48*time.Hour))
		susp := card("suspended1", cards.StateReview, t0)
		susp.Suspended = true
		for _, c := range []cards.Card{n, r, later, susp} {
			if err := tx.PutCard(&c); err != nil {
				return err
			}
		}
		// Rescheduling moves the index entry.
		r.Schedule.Due = t0.Add(2 * time.Hour)
		return tx.PutCard(&r)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = st.View(func(tx *Tx) error {
		var due []cards.ID
		tx.ScanDue(t0.Add(24*time.Hour), func(e IndexEntry) bool { due = append(due, e.ID); return true })
		if len(due) != 1 || due[0] != "review0001" {
			t.Errorf("due today = %v, want [review0001]", due)
		}
		var fresh []IndexEntry
		tx.ScanNew(func(e IndexEntry) bool { fresh = append(fresh, e); return true })
		if len(fresh) != 1 || fresh[0].ID != "newcard001" || fresh[0].Position != 7 || fresh[0].Deck != "d" {
			t.Errorf("new = %+v", fresh)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Update(func(tx *Tx) error { return tx.DeleteCard("review0001") }); err != nil {
		t.Fatal(err)
	}
}

func TestReviewLog(t *testing.T) {
	st := openTest(t)
	c := card("card000001", cards.StateReview, t0)
	revs := []cards.Review{
		{CardID: c.ID, Time: t0, Rating: cards.Good},
		{CardID: c.ID, Time: t0.Add(time.Minute), Rating: cards.Again},
		{CardID: "other00001", Time: t0.Add(30 * time.Second), Rating: cards.Easy},
	}
	err := st.Update(func(tx *Tx) error {
		if err := tx.PutCard(&c); err != nil {
			return err
		}
		for _, r := range revs {
			if err := tx.AddReview(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx *Tx) error {
		got, err := tx.ReviewsOf(c.ID)
		if err != nil {
			return err
		}
		if len(got) != 2 || got[0].Rating != cards.Good || got[1].Rating != cards.Again {
			t.Errorf("ReviewsOf = %+v", got)
		}
		var since []cards.Rating
		if err := tx.ReviewsSince(t0.Add(time.Second), func(r cards.Review) error { since = append(since, r.Rating); return nil }); err != nil {
			return err
		}
		if len(since) != 2 || since[0] != cards.Easy || since[1] != cards.Again {
			t.Errorf("ReviewsSince = %v, want [easy again]", since)
		}
		if err := tx.DeleteReview(revs[1]); err != nil {
			return err
		}
		got, _ = tx.ReviewsOf(c.ID)
		if len(got) != 1 {
			t.Errorf("after delete: %d reviews, want 1", len(got))
		}
		// Deleting the card takes its history with it.
		if err := tx.DeleteCard(c.ID); err != nil {
			return err
		}
		if n := tx.ReviewCount(); n != 1 {
			t.Errorf("review log has %d entries after deleting the card, want 1 (the other card's)", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFailedUpdateWritesNothing(t *testing.T) {
	st := openTest(t)
	boom := errors.New("boom")
	err := st.Update(func(tx *Tx) error {
		c := card("card000001", cards.StateNew, time.Time{})
		if err := tx.PutCard(&c); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	_ = st.View(func(tx *Tx) error {
		if n := tx.CardCount(); n != 0 {
			t.Errorf("%d cards after a failed update, want 0", n)
		}
		return nil
	})
}

// txID is the ID of the collection's last committed transaction.
func txID(t *testing.T, st *Store) int {
	t.Helper()
	id := -1
	if err := st.View(func(tx *Tx) error { id = tx.tx.ID(); return nil }); err != nil {
		t.Fatal(err)
	}
	return id
}

// An update that writes nothing commits nothing (no meta page written, no
// fsync), whatever it read; one that writes commits, also a delete alone.
func TestUpdateWithoutWritesCommitsNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "collection.db")
	st, err := Open(path, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c := card("card000001", cards.StateNew, time.Time{})
	if err := st.Update(func(tx *Tx) error { return tx.PutCard(&c) }); err != nil {
		t.Fatal(err)
	}
	before := txID(t, st)
	err = st.Update(func(tx *Tx) error {
		if _, err := tx.Settings(); err != nil {
			return err
		}
		if _, err := tx.Sources(); err != nil {
			return err
		}
		if _, ok, err := tx.Card("card000001"); !ok || err != nil {
			t.Errorf("card: %v, %v", ok, err)
		}
		return tx.DeleteSource("/not/there.md") // deleting nothing changes nothing
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := txID(t, st); got != before {
		t.Errorf("an update that wrote nothing committed: transaction %d, was %d", got, before)
	}
	st.Close()
	// Opening an up-to-date collection for writing migrates nothing.
	if st, err = Open(path, OpenOptions{}); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got := txID(t, st); got != before {
		t.Errorf("open committed a transaction: %d, was %d", got, before)
	}
	if err := st.Update(func(tx *Tx) error { return tx.DeleteCard("card000001") }); err != nil {
		t.Fatal(err)
	}
	if got := txID(t, st); got != before+1 {
		t.Errorf("a delete did not commit: transaction %d, want %d", got, before+1)
	}
	if err := st.View(func(tx *Tx) error {
		if tx.HasCard("card000001") {
			t.Error("the deleted card is still there")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// Cards written in one transaction fill their pages (packedFill), not
// half of each as bbolt's default would: a first add of a big vault writes
// and allocates half the pages.
func TestBulkWritesArePacked(t *testing.T) {
	st := openTest(t)
	err := st.Update(func(tx *Tx) error {
		for i := range 5000 {
			c := card(fmt.Sprintf("card%06d", (i*7919)%5000), cards.StateNew, time.Time{})
			if err := tx.PutCard(&c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = st.View(func(tx *Tx) error {
		for _, name := range [][]byte{bucketCards, bucketNew} {
			s := tx.b(name).Stats()
			if fill := float64(s.LeafInuse) / float64(s.LeafAlloc); fill < 0.8 {
				t.Errorf("%s: leaf pages %.0f%% full, want >= 80%%", name, fill*100)
			}
		}
		return nil
	})
}

func TestPositionsAndSettings(t *testing.T) {
	st := openTest(t)
	err := st.Update(func(tx *Tx) error {
		a, err := tx.NextPositions(3)
		if err != nil {
			return err
		}
		b, err := tx.NextPositions(1)
		if err != nil {
			return err
		}
		if a != 1 || b != 4 {
			t.Errorf("positions %d, %d; want 1, 4", a, b)
		}
		s, err := tx.Settings()
		if err != nil {
			return err
		}
		if s.RolloverHour != 4 {
			t.Errorf("default rollover = %d, want 4", s.RolloverHour)
		}
		s.TimeZone = "Europe/Berlin"
		return tx.PutSettings(s)
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = st.View(func(tx *Tx) error {
		s, _ := tx.Settings()
		loc, err := s.Location()
		if err != nil || loc.String() != "Europe/Berlin" {
			t.Errorf("location = %v, %v", loc, err)
		}
		return nil
	})
}

func TestResolveInheritance(t *testing.T) {
	set := map[string]decks.Options{
		"lang":         {NewPerDay: ptrTo(5), Retention: ptrTo(0.85)},
		"lang::french": {NewPerDay: ptrTo(10)},
	}
	e := decks.Resolve("lang::french::verbs", set)
	if e.NewPerDay != 10 || e.From["new_per_day"] != "lang::french" {
		t.Errorf("new per day = %d from %s", e.NewPerDay, e.From["new_per_day"])
	}
	if e.Retention != 0.85 || e.From["retention"] != "lang" {
		t.Errorf("retention = %g from %s", e.Retention, e.From["retention"])
	}
	if e.ReviewsPerDay != 200 || e.From["reviews_per_day"] != "default" {
		t.Errorf("reviews per day = %d from %s", e.ReviewsPerDay, e.From["reviews_per_day"])
	}
	for _, deck := range []string{"lang::french::verbs", "lang", "other"} {
		v := decks.ResolveValues(deck, set)
		if want := decks.Resolve(deck, set); v.NewPerDay != want.NewPerDay || v.ReviewsPerDay != want.ReviewsPerDay {
			t.Errorf("ResolveValues(%s) = %d, %d; Resolve says %d, %d", deck, v.NewPerDay, v.ReviewsPerDay, want.NewPerDay, want.ReviewsPerDay)
		}
	}
	if err := (decks.Options{Retention: ptrTo(1.5)}).Validate(); err == nil {
		t.Error("retention 1.5 validated")
	}
}

func ptrTo[T any](v T) *T { return &v }

func TestReleasedStoreLetsOthersIn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "collection.db")
	st, err := Open(path, OpenOptions{LockTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Release(); err != nil {
		t.Fatal(err)
	}
	// Another process (here: another Store) can read and write now.
	other, err := Open(path, OpenOptions{LockTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("open beside a released store: %v", err)
	}
	c := card("card000001", cards.StateNew, time.Time{})
	if err := other.Update(func(tx *Tx) error { return tx.PutCard(&c) }); err != nil {
		t.Fatal(err)
	}
	// While the other holds the file, the released store reports the lock…
	if err := st.View(func(*Tx) error { return nil }); !errors.Is(err, ErrLocked) {
		t.Errorf("view while another holds the lock: err = %v, want ErrLocked", err)
	}
	other.Close()
	// …and once it is gone, sees its writes.
	err = st.View(func(tx *Tx) error {
		if !tx.HasCard(c.ID) {
			t.Error("released store does not see the other's card")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestMigrationIndexCandidates: a schema-1 collection, whose index values
// held only the deck name, gets index entries that carry the note, state,
// stability and burial the queue builder plans with.
func TestMigrationIndexCandidates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "collection.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	review := cards.Card{ID: "rrrrrrrrrr", Note: "nnnnnnnnnn", Deck: "bio::cells", Kind: cards.KindBasic,
		Schedule:    cards.Schedule{State: cards.StateReview, Stability: 12.5, LastReview: t0.Add(-48 * time.Hour), Due: t0},
		BuriedUntil: t0.Add(time.Hour)}
	fresh := cards.Card{ID: "ffffffffff", Note: "nnnnnnnnnn", Deck: "bio", Kind: cards.KindBasic, Position: 7}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := migrateTx(tx, 1); err != nil {
			return err
		}
		for _, c := range []*cards.Card{&review, &fresh} {
			if err := tx.Bucket(bucketCards).Put([]byte(c.ID), encodeCard(c)); err != nil {
				return err
			}
			name, key := indexKey(c)
			if err := tx.Bucket(name).Put(key, []byte(c.Deck)); err != nil { // the schema-1 value
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := Open(path, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var due, news []IndexEntry
	err = st.View(func(tx *Tx) error {
		if err := tx.checkIndexes(); err != nil {
			return err
		}
		if err := tx.ScanDue(t0.Add(24*time.Hour), func(e IndexEntry) bool { due = append(due, e); return true }); err != nil {
			return err
		}
		return tx.ScanNew(func(e IndexEntry) bool { news = append(news, e); return true })
	})
	if err != nil {
		t.Fatal(err)
	}
	wantDue := IndexEntry{ID: review.ID, Deck: "bio::cells", Note: review.Note, Due: t0, State: cards.StateReview,
		Stability: 12.5, LastReview: review.Schedule.LastReview, BuriedUntil: review.BuriedUntil}
	if len(due) != 1 || !due[0].Due.Equal(wantDue.Due) || !due[0].LastReview.Equal(wantDue.LastReview) ||
		!due[0].BuriedUntil.Equal(wantDue.BuriedUntil) || due[0].Deck != wantDue.Deck || due[0].Note != wantDue.Note ||
		due[0].Stability != wantDue.Stability || due[0].State != wantDue.State {
		t.Errorf("due entries = %+v, want [%+v]", due, wantDue)
	}
	if len(news) != 1 || news[0].ID != fresh.ID || news[0].Position != 7 || news[0].Note != fresh.Note || news[0].Deck != "bio" || !news[0].BuriedUntil.IsZero() {
		t.Errorf("new entries = %+v", news)
	}
}

// TestCollectionOptions: options of the whole collection (the empty deck
// name, which BoltDB cannot use as a key) are stored and read back.
func TestCollectionOptions(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "c.db"), OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := decks.Params{1, 2, 3}
	err = st.Update(func(tx *Tx) error {
		if err := tx.PutDeckOptions(decks.Collection, decks.Options{Params: &p}); err != nil {
			return err
		}
		return tx.PutDeckOptions("lang", decks.Options{NewPerDay: ptrTo(5)})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = st.View(func(tx *Tx) error {
		all, err := tx.DeckOptions()
		if err != nil {
			return err
		}
		if len(all) != 2 || all[decks.Collection].Params == nil || *all[decks.Collection].Params != p || all["lang"].NewPerDay == nil {
			t.Errorf("options read back: %+v", all)
		}
		if e := decks.Resolve("lang::verbs", all); e.Params == nil || e.From["params"] != decks.Collection || e.NewPerDay != 5 {
			t.Errorf("lang::verbs resolves to %+v", e)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenWaitEndsWithItsContext(t *testing.T) {
	path := filepath.Join(t.TempDir(), "collection.db")
	st, err := Open(path, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, ro := range []bool{false, true} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := Open(path, OpenOptions{ReadOnly: ro, Context: ctx, LockTimeout: 5 * time.Second})
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("read-only %v: cancelled wait for the lock: err = %v, want context.Canceled", ro, err)
		}
	}
}
