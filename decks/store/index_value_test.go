package store

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
	"unsafe"

	"github.com/mnemo-app/mnemo/cards"
)

// TestDecodeIndexValue: an index value decodes to the card's facts, and
// every truncation or stretched length of it is refused, not misread.
func TestDecodeIndexValue(t *testing.T) {
	c := cards.Card{ID: "c1", Note: "note-7", Deck: "bio::cells",
		Schedule:    cards.Schedule{State: cards.StateReview, Stability: 12.5, LastReview: time.Unix(1700000000, 5)},
		BuriedUntil: time.Unix(1800000000, 0)}
	v := encodeIndexValue(&c)
	names := deckScan{shared: &deckNames{}}
	var e IndexEntry
	note, err := decodeIndexValue(v, &e, &names)
	if err != nil || string(note) != "note-7" || e.Deck != "bio::cells" || e.State != cards.StateReview ||
		e.Stability != 12.5 || !e.LastReview.Equal(c.Schedule.LastReview) || !e.BuriedUntil.Equal(c.BuriedUntil) {
		t.Fatalf("decoded %+v, note %q, err %v", e, note, err)
	}
	for n := range len(v) {
		if _, err := decodeIndexValue(v[:n], &e, &names); err == nil {
			t.Errorf("the first %d of %d bytes decoded", n, len(v))
		}
	}
	long := append([]byte(nil), v...)
	long[1] = 0x7f // the deck's length, past the end
	if _, err := decodeIndexValue(long, &e, &names); err == nil {
		t.Error("a deck length past the end decoded")
	}
	long[1] = 0xff // a two-byte length, past the end
	if _, err := decodeIndexValue(long, &e, &names); err == nil {
		t.Error("a two-byte deck length past the end decoded")
	}
}

// TestDeckNumbers: decks are numbered in the order met, the empty name
// too, and a deck met again gets its number and its one string back, in
// the scan that met it first and in another scan of the transaction.
func TestDeckNumbers(t *testing.T) {
	var shared deckNames
	names, other := deckScan{shared: &shared}, deckScan{shared: &shared}
	first, _ := names.intern([]byte("bio"))
	for _, tt := range []struct {
		deck string
		want int
	}{{"bio", 0}, {"", 1}, {"", 1}, {"chem", 2}, {"bio", 0}, {"", 1}, {"chem", 2}} {
		name, n := names.intern([]byte(tt.deck))
		if name != tt.deck || n != tt.want {
			t.Errorf("intern(%q) = %q, %d, want %d", tt.deck, name, n, tt.want)
		}
	}
	if again, _ := names.intern([]byte("bio")); unsafe.StringData(again) != unsafe.StringData(first) {
		t.Error("bio met again is a new string")
	}
	if name, n := other.intern([]byte("chem")); name != "chem" || n != 2 {
		t.Errorf("another scan's chem = %q, %d, want 2", name, n)
	}
	if again, n := other.intern([]byte("bio")); unsafe.StringData(again) != unsafe.StringData(first) || n != 0 {
		t.Error("bio met by another scan is a new string or number")
	}
	if name, n := other.intern([]byte("phys")); name != "phys" || n != 3 {
		t.Errorf("a deck new to both scans = %q, %d, want 3", name, n)
	}
}

// TestDeckNumbersManyDecks: with more decks than deckScan's table has
// slots, met in an order that switches deck at every entry, every name
// keeps the number it was given first, in two scans of one transaction.
func TestDeckNumbersManyDecks(t *testing.T) {
	names := []string{""}
	for i := range 1500 {
		names = append(names, fmt.Sprintf("topic%02d::deck%04d", i%37, i))
	}
	r := rand.New(rand.NewPCG(3, 4))
	var shared deckNames
	want := map[string]int{}
	scans := []*deckScan{{shared: &shared}, {shared: &shared}}
	for i := range 20000 {
		name := names[r.IntN(len(names))]
		got, n := scans[i%2].intern([]byte(name))
		if w, ok := want[name]; !ok {
			want[name] = n
		} else if n != w {
			t.Fatalf("%q got number %d, had %d", name, n, w)
		}
		if got != name {
			t.Fatalf("intern(%q) = %q", name, got)
		}
	}
	if len(shared.m) != len(want) {
		t.Errorf("%d decks numbered, %d met", len(shared.m), len(want))
	}
}
