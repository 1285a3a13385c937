package store

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
	bolt "go.etcd.io/bbolt"
)

func suggestion(id, path string, line int) cards.Card {
	return cards.Card{ID: cards.ID(id), Kind: cards.KindBasic, Question: "q " + id, Answer: "a", Origin: "cloze",
		Confidence: 0.55, Source: cards.Source{Path: path, Line: line, EndLine: line}}
}

func TestSuggestions(t *testing.T) {
	st := openTest(t)
	err := st.Update(func(tx *Tx) error {
		for _, c := range []cards.Card{suggestion("bbbb", "/n/b.md", 3), suggestion("aaaa", "/n/a.md", 9),
			suggestion("aaab", "/n/a.md", 2), suggestion("cccc", "/n/a.md.bak", 1)} {
			if err := tx.PutSuggestion(c); err != nil {
				return err
			}
		}
		return tx.PutSuggestion(cards.Card{Question: "no id"})
	})
	if err == nil || !strings.Contains(err.Error(), "without an ID") {
		t.Fatalf("put without ID: err = %v", err)
	}
	// The failed transaction wrote nothing; write again without the bad one.
	err = st.Update(func(tx *Tx) error {
		for _, c := range []cards.Card{suggestion("bbbb", "/n/b.md", 3), suggestion("aaaa", "/n/a.md", 9),
			suggestion("aaab", "/n/a.md", 2), suggestion("cccc", "/n/a.md.bak", 1)} {
			if err := tx.PutSuggestion(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx *Tx) error {
		all, err := tx.Suggestions()
		if err != nil {
			return err
		}
		var got []string
		for _, c := range all {
			got = append(got, string(c.ID))
		}
		if strings.Join(got, " ") != "aaab aaaa cccc bbbb" {
			t.Errorf("Suggestions order %v, want by path then line", got)
		}
		of, err := tx.SuggestionsOf("/n/a.md")
		if err != nil {
			return err
		}
		if len(of) != 2 || of[0].Confidence != 0.55 {
			t.Errorf("SuggestionsOf(/n/a.md) = %+v, want the two cards of that note only", of)
		}
		if _, _, err := tx.Suggestion("aaa"); err == nil || !strings.Contains(err.Error(), "2 suggestions") {
			t.Errorf("ambiguous prefix: err = %v", err)
		}
		c, ok, err := tx.Suggestion("bbb")
		if err != nil || !ok || c.ID != "bbbb" {
			t.Errorf("Suggestion(bbb) = %v %v %v", c.ID, ok, err)
		}
		if _, ok, _ := tx.Suggestion("zzzz"); ok {
			t.Errorf("Suggestion(zzzz) found something")
		}
		if err := tx.DeleteSuggestion("/n/b.md", "bbbb"); err != nil {
			return err
		}
		if _, ok, _ := tx.Suggestion("bbbb"); ok {
			t.Errorf("deleted suggestion still there")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A collection written at schema 1 gains the suggestions bucket, and its
// version-1 card records (no confidence) still decode.
func TestMigrateSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "collection.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := card("old1", cards.StateNew, t0)
	err = db.Update(func(tx *bolt.Tx) error {
		if err := migrateTx(tx, 1); err != nil {
			return err
		}
		return tx.Bucket(bucketCards).Put([]byte(c.ID), encodeCardV1(&c)) // the version-1 layout: no confidence
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	st, err := Open(path, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.View(func(tx *Tx) error {
		if tx.tx.Bucket(bucketSuggestions) == nil || schemaOf(tx.tx) < 3 {
			t.Errorf("schema %d, suggestions bucket %v", schemaOf(tx.tx), tx.tx.Bucket(bucketSuggestions) != nil)
		}
		got, ok, err := tx.Card("old1")
		if err != nil || !ok || got.Question != c.Question || got.Confidence != 0 {
			t.Errorf("version-1 card: %+v %v %v", got, ok, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
