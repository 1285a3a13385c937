package export_test

import (
	"context"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/decks/store/storetest"
	"github.com/mnemo-app/mnemo/export"
)

// countingTx counts the writes an import makes.
type countingTx struct {
	*store.Tx
	writes map[string]int
}

func (c *countingTx) PutCard(cd *cards.Card) error { c.writes["card"]++; return c.Tx.PutCard(cd) }
func (c *countingTx) AddReview(r cards.Review) error {
	c.writes["review"]++
	return c.Tx.AddReview(r)
}
func (c *countingTx) PutDeckOptions(d string, o decks.Options) error {
	c.writes["options"]++
	return c.Tx.PutDeckOptions(d, o)
}
func (c *countingTx) PutSettings(s decks.Settings) error {
	c.writes["settings"]++
	return c.Tx.PutSettings(s)
}
func (c *countingTx) NextPositions(n int) (uint64, error) {
	c.writes["positions"]++ // store.Tx writes the counter even for n == 0
	return c.Tx.NextPositions(n)
}

// importCounting imports cs and rs as a backup would and returns the
// writes by kind.
func importCounting(t *testing.T, st *store.Store, cs []cards.Card, rs []cards.Review) (map[string]int, export.MergeReport) {
	t.Helper()
	ct := &countingTx{writes: map[string]int{}}
	var rep export.MergeReport
	err := st.Update(func(tx *store.Tx) error {
		ct.Tx = tx
		im, err := export.NewImporter(context.Background(), ct, t0, tx.CardCount() == 0)
		if err != nil {
			return err
		}
		if err := im.Header(map[string]decks.Options{"d": {}}, t0, "", 4); err != nil {
			return err
		}
		for _, c := range cs {
			if err := im.Card(c); err != nil {
				return err
			}
		}
		for _, r := range rs {
			if err := im.Review(r); err != nil {
				return err
			}
		}
		err = im.Finish(context.Background())
		rep = im.Report()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ct.writes, rep
}

// A merge that changes nothing writes nothing; one that changes a card
// writes that card only; a card that claimed another's ID and was added
// under a new one is found again, not added twice.
func TestImportWritesOnlyChanges(t *testing.T) {
	a, logA := answered(basic("aaaaaaaaaa", "q1"), t0, cards.Good, cards.Good)
	b, logB := answered(basic("bbbbbbbbbb", "q2"), t0, cards.Again, cards.Good)
	c := basic("cccccccccc", "q3")
	all := []cards.Card{a, b, c}
	log := append(append([]cards.Review{}, logA...), logB...)
	edited := b
	edited.Answer, edited.Modified = "a new answer", b.Modified.AddDate(0, 0, 1)
	claim := basic("aaaaaaaaaa", "another card")
	claim.Note, claim.Modified = "zzzzzzzzzz", t0.AddDate(1, 0, 0)
	for _, tc := range []struct {
		name  string
		in    []cards.Card
		want  map[string]int
		cards int // cards in the collection after
	}{
		{"the same backup again", all, map[string]int{}, 4},
		{"one card edited", []cards.Card{a, edited, c}, map[string]int{"card": 1}, 4},
		{"a card claiming another's ID, again", []cards.Card{claim}, map[string]int{}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := storetest.Open(t)
			importCounting(t, st, all, log)
			importCounting(t, st, []cards.Card{claim}, nil)
			var inLog []cards.Review
			if len(tc.in) > 1 {
				inLog = log
			}
			writes, rep := importCounting(t, st, tc.in, inLog)
			if len(writes) != len(tc.want) {
				t.Errorf("writes = %v, want %v (report %+v)", writes, tc.want, rep)
			}
			for k, n := range tc.want {
				if writes[k] != n {
					t.Errorf("writes = %v, want %v (report %+v)", writes, tc.want, rep)
				}
			}
			_ = st.View(func(tx *store.Tx) error {
				if n := tx.CardCount(); n != tc.cards {
					t.Errorf("%d cards after, want %d", n, tc.cards)
				}
				return nil
			})
		})
	}
}
