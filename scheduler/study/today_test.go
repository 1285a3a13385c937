package study

import (
	"fmt"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
)

// TestDueCountsAgreeWithReview: for the whole collection and every deck,
// DueCounts (mnemo due) says what a review of that deck starts with, on
// collections where the daily limits, ancestor limits, siblings and
// today's earlier answers all change the numbers.
func TestDueCountsAgreeWithReview(t *testing.T) {
	siblings := func(note, deck string, pos uint64) []cards.Card {
		a, b := newCard(note+"f", deck, pos), newCard(note+"r", deck, pos)
		a.Note, b.Note = cards.ID(note), cards.ID(note)
		b.Kind = cards.KindReversed
		return []cards.Card{a, b}
	}
	var mixed []cards.Card
	for i := range 30 {
		deck := []string{"bio", "bio::cells", "bio::genes", "chem", "chem::acids::strong"}[i%5]
		mixed = append(mixed, newCard(fmt.Sprintf("n%02d", i), deck, uint64(i+1)))
		mixed = append(mixed, reviewCard(fmt.Sprintf("r%02d", i), deck, t0.Add(-time.Duration(i)*time.Hour), float64(1+i%7)))
	}
	mixed = append(mixed, learningCard("l1", "bio::cells", t0.Add(5*time.Minute)), learningCard("l2", "chem", t0.Add(time.Hour)))
	// Decks whose names sort differently by bytes and by path (' ' and
	// '-' come before ':'), each subtree still one run of candidates.
	var oddNames []cards.Card
	for i := range 24 {
		deck := []string{"bio", "bio x", "bio::cells", "bio::cells x", "bio-y", "bio::cells::a b"}[i%6]
		oddNames = append(oddNames, newCard(fmt.Sprintf("n%02d", i), deck, uint64(i+1)))
		oddNames = append(oddNames, reviewCard(fmt.Sprintf("r%02d", i), deck, t0.Add(-time.Duration(i)*time.Hour), float64(1+i%5)))
	}
	var sibs []cards.Card
	for i := range 3 {
		sibs = append(sibs, siblings(fmt.Sprintf("note%d", i), "lang", uint64(i+1))...)
	}
	tests := []struct {
		name    string
		opts    map[string]decks.Options
		cards   []cards.Card
		studied []string // card IDs answered Good earlier today
		// wantTotal, when set, pins the whole collection's counts.
		wantTotal *Counts
	}{
		{"three a:::b notes", nil, sibs, nil, &Counts{New: 3}},
		{"limits on parents and children", map[string]decks.Options{
			"bio":                 {NewPerDay: ptr(4), ReviewsPerDay: ptr(5)},
			"bio::cells":          {NewPerDay: ptr(1)},
			"chem":                {ReviewsPerDay: ptr(3)},
			"chem::acids::strong": {NewPerDay: ptr(0)},
		}, mixed, nil, nil},
		{"after earlier answers today", map[string]decks.Options{"bio": {NewPerDay: ptr(3), ReviewsPerDay: ptr(6)}},
			mixed, []string{"n00", "n05", "r01", "r06"}, nil},
		{"siblings studied today", nil, sibs, []string{"note0f"}, &Counts{New: 2, Learning: 1}},
		{"deck names out of byte order", map[string]decks.Options{
			"bio":        {NewPerDay: ptr(5), ReviewsPerDay: ptr(6)},
			"bio::cells": {NewPerDay: ptr(2), ReviewsPerDay: ptr(3)},
		}, oddNames, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := collection(t, tc.opts, tc.cards...)
			clk := newClock(t0.Add(-2 * time.Hour))
			if len(tc.studied) > 0 {
				for _, id := range tc.studied {
					if _, _, err := Rate(st, cards.ID(id), cards.Good, clk.Now(), 0); err != nil {
						t.Fatal(err)
					}
				}
			}
			clk.advance(2 * time.Hour)
			var total Counts
			var rows []DeckCounts
			err := st.View(func(tx *store.Tx) (err error) {
				total, rows, err = DueCounts(tx, clk.Now(), false)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 {
				t.Fatal("no deck has cards to study")
			}
			check := func(deck string, want Counts) {
				t.Helper()
				s, err := Open(st, Config{Deck: deck, Now: clk.Now})
				if err != nil {
					t.Fatal(err)
				}
				if got := s.Counts(); got != want {
					t.Errorf("deck %q: review starts with %+v, due says %+v", deck, got, want)
				}
			}
			if tc.wantTotal != nil && total != *tc.wantTotal {
				t.Errorf("total = %+v, want %+v", total, *tc.wantTotal)
			}
			check("", total)
			for _, r := range rows {
				check(r.Deck, r.Counts)
			}
		})
	}
}

// TestDueCountsReadEnoughNewCards: a deck of five-card notes (cloze
// deletions, consecutive positions) fills its new-card day with one card
// from each of 20 notes, in `due` and in the review alike.
func TestDueCountsReadEnoughNewCards(t *testing.T) {
	tests := []struct {
		name         string
		cardsPerNote int
		notes        int
		want         int
	}{
		{"one card a note", 1, 60, 20},
		{"two cards a note", 2, 30, 20},
		{"five cards a note", 5, 30, 20},
		{"fewer notes than the limit", 5, 7, 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var cs []cards.Card
			for i := range tc.cardsPerNote * tc.notes {
				c := newCard(fmt.Sprintf("c%03d", i), "d", uint64(i+1))
				c.Note = cards.ID(fmt.Sprintf("note%02d", i/tc.cardsPerNote))
				cs = append(cs, c)
			}
			st := collection(t, nil, cs...)
			var total Counts
			err := st.View(func(tx *store.Tx) (err error) {
				total, _, err = DueCounts(tx, t0, false)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if total.New != tc.want {
				t.Errorf("due counts %d new cards, want %d", total.New, tc.want)
			}
			s, err := Open(st, Config{Now: newClock(t0).Now})
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Counts().New; got != tc.want {
				t.Errorf("the review starts with %d new cards, want %d", got, tc.want)
			}
		})
	}
}
